package clean

import (
	"sync"
	"testing"
)

func TestSum(t *testing.T) {
	if got := Sum(1, 2, 3); got != 6 {
		t.Fatalf("Sum = %d, want 6", got)
	}
}

// TestSynchronised uses goroutines correctly (a mutex), so the race detector stays quiet.
func TestSynchronised(t *testing.T) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	n := 0
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			n++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if n != 4 {
		t.Fatalf("n = %d, want 4", n)
	}
}

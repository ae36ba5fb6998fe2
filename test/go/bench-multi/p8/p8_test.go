// Package p8 is one of the benchmark's eight small packages.
package p8

import (
	"sync"
	"testing"
)

func TestWork8(t *testing.T) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				mu.Lock()
				total++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if total != 4000 {
		t.Fatalf("total %d", total)
	}
}

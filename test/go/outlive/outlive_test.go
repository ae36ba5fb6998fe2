package outlive

import (
	"testing"
	"time"
)

var shared Counter

// TestStarts returns at once, leaving a goroutine behind that writes 100 ms later.
func TestStarts(t *testing.T) {
	go func() {
		time.Sleep(100 * time.Millisecond)
		shared.Inc()
	}()
}

// TestReads runs next and reads for 400 ms: the race is reported during it, and fails it.
func TestReads(t *testing.T) {
	for i := 0; i < 40; i++ {
		_ = shared.Get()
		time.Sleep(10 * time.Millisecond)
	}
}

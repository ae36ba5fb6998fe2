// Package benchfast is the benchmark's fast racy test: TestRacy races in every run (a few ms),
// TestQuick passes.
package benchfast

import "testing"

func TestRacy(t *testing.T) {
	n := 0
	done := make(chan struct{})
	go func() {
		n++
		close(done)
	}()
	n++
	<-done
	_ = n
}

func TestQuick(t *testing.T) {}

package race

import "testing"

// TestRace starts a goroutine that writes the counter while the test goroutine reads it.
// Nothing orders the two accesses, so the detector reports them whichever runs first.
func TestRace(t *testing.T) {
	c := &Counter{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Inc()
	}()
	_ = c.Get()
	<-done
}

// TestClean passes and has no race: it shows that the other test's race is attributed to
// TestRace only.
func TestClean(t *testing.T) {
	c := &Counter{}
	c.Inc()
	if c.Get() != 1 {
		t.Fatal("want 1")
	}
}

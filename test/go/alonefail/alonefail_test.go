package alonefail

import (
	"os"
	"strconv"
	"testing"
	"time"
)

// TestEvenRuns fails in every run whose RACE_RERUN_RUN is even, overlapping or alone: a flaky
// test that collides with nothing, so the alone runs must fail too.
func TestEvenRuns(t *testing.T) {
	time.Sleep(200 * time.Millisecond)
	if n, _ := strconv.Atoi(os.Getenv("RACE_RERUN_RUN")); n%2 == 0 {
		t.Fatalf("run %d: even", n)
	}
}

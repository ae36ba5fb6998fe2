// Package benchpanic panics in every second run: each run (or iteration) appends a byte to the
// counter file $BENCH_PANIC_COUNTER and panics when its byte is at an even offset, so N runs give
// exactly N/2 panics however they are spread over processes.
package benchpanic

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestMaybePanic(t *testing.T) {
	name := os.Getenv("BENCH_PANIC_COUNTER")
	if name == "" {
		name = filepath.Join(os.TempDir(), "race-rerun-bench-panic-counter")
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write([]byte{'x'}); err != nil {
		t.Fatal(err)
	}
	// With O_APPEND each write lands at the end; our offset afterwards is unique to this run.
	end, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		t.Fatal(err)
	}
	if end%2 == 0 {
		var m map[string]int
		m["boom"] = 1 // panic: assignment to entry in nil map
	}
}

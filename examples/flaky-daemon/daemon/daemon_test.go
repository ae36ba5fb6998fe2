package daemon

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func testJobs(n int) []Job {
	jobs := make([]Job, n)
	for i := range jobs {
		jobs[i] = Job{ID: i, Input: bytes.Repeat([]byte{byte(i)}, 32<<10), Rounds: 100 + 10*i}
	}
	return jobs
}

func TestDaemonProcessesJobs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.txt")
	d, err := Start(path)
	if err != nil {
		t.Fatal(err)
	}

	jobs := testJobs(10)
	for _, job := range jobs {
		d.Submit(job)
	}

	// Wait until every job has done its work, then shut down.
	deadline := time.Now().Add(10 * time.Second)
	for d.Completed() < len(jobs) {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d jobs completed", d.Completed(), len(jobs))
		}
		time.Sleep(350 * time.Microsecond)
	}
	if err := d.Shutdown(); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}

	// Every stored line must be the one its job produces.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if line == "" {
			continue
		}
		id, err := strconv.Atoi(strings.Fields(line)[0])
		if err != nil || id < 0 || id >= len(jobs) {
			t.Errorf("bad job id in %q", line)
			continue
		}
		if want := jobs[id].run().Line(); line != want {
			t.Errorf("job %d: got %q, want %q", id, line, want)
		}
	}
}

func TestResultLine(t *testing.T) {
	got := Result{ID: 7, Data: []byte("abc")}.Line()
	want := "7 3 e71fa2190541574b\n"
	if got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
}

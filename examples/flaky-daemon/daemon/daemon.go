// Package daemon is a tiny job runner: each submitted job runs in its own goroutine and appends
// its result to a results file.
//
// It has a deliberate bug, kept for the race-rerun demo (see ../README.md): Shutdown closes the
// file and drops the shared pointer to it without waiting for writers that are still in flight.
package daemon

import (
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"os"
	"sync/atomic"
)

// Job asks for Rounds of SHA-256 over Input.
type Job struct {
	ID     int
	Input  []byte
	Rounds int
}

// Result is what a job produced.
type Result struct {
	ID   int
	Data []byte
}

// Line is how a result is stored: id, length and an FNV-1a checksum of the data.
func (r Result) Line() string {
	h := fnv.New64a()
	h.Write(r.Data)
	return fmt.Sprintf("%d %d %016x\n", r.ID, len(r.Data), h.Sum64())
}

// resultFile is where results go, one line each. *os.File is safe for concurrent writes, and each
// line is a single write, so lines do not interleave.
type resultFile struct {
	f *os.File
}

// Daemon runs jobs and records their results.
type Daemon struct {
	out       *resultFile
	completed atomic.Int64
	lost      atomic.Int64
}

// Start opens (truncating) the results file at path.
func Start(path string) (*Daemon, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &Daemon{out: &resultFile{f: f}}, nil
}

// Submit runs the job in the background.
func (d *Daemon) Submit(job Job) {
	go func() {
		res := job.run()
		// Counted as soon as the work is done, before the result is written.
		d.completed.Add(1)
		d.write(res)
	}()
}

// Completed reports how many jobs have finished their work.
func (d *Daemon) Completed() int { return int(d.completed.Load()) }

// Lost reports how many results could not be written.
func (d *Daemon) Lost() int { return int(d.lost.Load()) }

func (d *Daemon) write(res Result) {
	line := res.Line()
	out := d.out
	if _, err := out.f.WriteString(line); err != nil {
		d.lost.Add(1)
	}
}

// Shutdown detaches the results file and closes it.
//
// BUG: it does not wait for writers that are still in flight. One that reads d.out after the
// assignment below dereferences nil and crashes the process.
func (d *Daemon) Shutdown() error {
	closing := d.out
	d.out = nil
	return closing.f.Close()
}

func (j Job) run() Result {
	data := j.Input
	for i := 0; i < j.Rounds; i++ {
		sum := sha256.Sum256(data)
		data = append(data[:0:0], sum[:]...)
	}
	// The result is the input followed by its final digest.
	return Result{ID: j.ID, Data: append(append([]byte{}, j.Input...), data...)}
}

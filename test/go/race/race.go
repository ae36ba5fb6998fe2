// Package race exists to give race-rerun a data race that the race detector reports in every
// run: Inc writes c.n and Get reads it with no synchronisation between them. Keep the line
// numbers of the two accesses stable (test/go/README.md lists them).
package race

// Counter is deliberately not safe for concurrent use.
type Counter struct {
	n int
}

// Inc is the racy write.
func (c *Counter) Inc() {
	c.n++ // race.go:13 write
}

// Get is the racy read.
func (c *Counter) Get() int {
	return c.n // race.go:18 read
}

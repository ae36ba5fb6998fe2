// Package panic exists to give race-rerun a test that panics in every run with a nil pointer
// dereference. Keep the line of the dereference stable (test/go/README.md lists it).
package panic

// Config is read through a nil pointer by Name.
type Config struct {
	name string
}

// Name dereferences c without a nil check. noinline keeps the frame the same on every Go version.
//
//go:noinline
func Name(c *Config) string {
	return c.name // panic.go:14 nil dereference
}

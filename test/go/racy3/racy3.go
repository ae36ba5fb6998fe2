// Package racy3 has exactly three distinct data races, each one hit on every run: the tests in
// test/parse/distinct-runs.test.ts count them across 20 separate runs. Keep the lines in place.
package racy3

import "sync/atomic"

// Counter is not safe for concurrent use.
type Counter struct{ n int }

//go:noinline
func (c *Counter) Inc() { c.n++ } // race 1: write

//go:noinline
func (c *Counter) Get() int { return c.n } // race 1: read

// Stats mixes atomic and plain access to one field.
type Stats struct{ hits int64 }

//go:noinline
func (s *Stats) Hit() { atomic.AddInt64(&s.hits, 1) } // race 2: atomic write (stack: sync/atomic only)

//go:noinline
func (s *Stats) Hits() int64 { return s.hits } // race 2: plain read

// Collect appends from several goroutines to one slice without a lock.
type Collect struct{ items []int }

//go:noinline
func (c *Collect) Add(v int) { c.items = append(c.items, v) } // race 3: both sides

// Package alpha has an in-package test (TestGoFiles).
package alpha

// Double doubles x.
func Double(x int) int { return 2 * x }

// Package notests has no test files: listTestPackages must put it in withoutTests.
package notests

// Triple triples x.
func Triple(x int) int { return 3 * x }

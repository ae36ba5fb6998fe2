// Package clean has only passing, race-free tests: the baseline where race-rerun must report nothing.
package clean

// Sum adds the numbers.
func Sum(xs ...int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

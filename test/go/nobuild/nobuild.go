// Package nobuild compiles, but its test file does not: race-rerun must report the build failure
// with the compiler's file:line instead of running anything.
package nobuild

// Answer is fine.
func Answer() int { return 42 }

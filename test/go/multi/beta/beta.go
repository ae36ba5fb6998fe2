// Package beta has only an external test package (XTestGoFiles), which must count as "has tests".
package beta

// Greet says hello.
func Greet(name string) string { return "hello " + name }

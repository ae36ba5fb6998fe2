// Package vet compiles and its test passes, but vet finds a printf mistake in the test: go test
// (and go test -c) refuse to build it; race-rerun runs it unless -vet is asked for.
package vet

// Name is fine.
func Name() string { return "vet" }

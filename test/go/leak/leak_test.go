// Package leak is test code that reads a secret it was given and prints it everywhere it can: in
// its output, a failure message, a subtest's name and a panic. race-rerun must publish none of it.
// It also prints control characters, which must show up escaped in the job summary.
package leak

import (
	"fmt"
	"os"
	"testing"
)

func TestLeak(t *testing.T) {
	secret := os.Getenv("RR_SECRET")
	fmt.Println("the secret is", secret)
	t.Run(secret, func(t *testing.T) {
		t.Errorf("leaked %s and %s", secret, os.Getenv("RR_RUNTIME_SECRET")) // leak_test.go:16
	})
}

func TestControl(t *testing.T) {
	t.Errorf("color \x1b[31mred\x1b[0m bell \a nul \x00 end") // leak_test.go:21
}

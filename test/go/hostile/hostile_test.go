package hostile

import "testing"

// TestHostile has a subtest named with the hostile text (Go turns the spaces into _) that fails
// with the hostile text as its message.
func TestHostile(t *testing.T) {
	t.Run(Evil, func(t *testing.T) {
		t.Error(Evil) // hostile_test.go:9
	})
}

// TestHostilePanic panics with the hostile text; it runs last, so TestHostile has reported.
func TestHostilePanic(t *testing.T) {
	Fail()
}

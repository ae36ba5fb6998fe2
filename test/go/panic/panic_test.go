package panic

import "testing"

// TestPasses runs first (tests run in source order) and passes before the panic ends the process.
func TestPasses(t *testing.T) {
	if Name(&Config{name: "x"}) != "x" {
		t.Fatal("want x")
	}
}

// TestNilDeref panics: runtime error: invalid memory address or nil pointer dereference.
func TestNilDeref(t *testing.T) {
	var c *Config
	t.Log(Name(c))
}

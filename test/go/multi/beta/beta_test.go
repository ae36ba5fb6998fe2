package beta_test

import (
	"testing"

	"example.com/rr/multi/beta"
)

func TestGreet(t *testing.T) {
	if beta.Greet("x") != "hello x" {
		t.Fatal("wrong greeting")
	}
}

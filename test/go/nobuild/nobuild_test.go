package nobuild

import "testing"

func TestAnswer(t *testing.T) {
	if Answer() != undefinedName { // nobuild_test.go:6: undefined: undefinedName
		t.Fatal("wrong answer")
	}
}

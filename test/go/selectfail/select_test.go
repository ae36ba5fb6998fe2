// Package selectfail exists for tests-from: some tests fail, some pass, and subtests with names
// that need quoting in a -test.run pattern. Every test writes "ran <name>" so a test can tell
// exactly which tests a rerun selected.
package selectfail

import "testing"

func TestFails(t *testing.T) {
	t.Log("ran TestFails")
	t.Error("always fails")
}

func TestPasses(t *testing.T) {
	t.Log("ran TestPasses")
}

// TestFailsToo shares a prefix with TestFails: an unanchored -run TestFails would select both.
func TestFailsToo(t *testing.T) {
	t.Log("ran TestFailsToo")
}

func TestParent(t *testing.T) {
	for _, name := range []string{"ok", "bad", "bad case", "x.y"} {
		t.Run(name, func(t *testing.T) {
			t.Log("ran TestParent/" + name)
			if name != "ok" {
				t.Error("subtest fails")
			}
		})
	}
}

// TestOther has a subtest named like a failing one under TestParent: it must not be selected.
func TestOther(t *testing.T) {
	t.Run("bad", func(t *testing.T) {
		t.Log("ran TestOther/bad")
	})
}

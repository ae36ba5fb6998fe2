// Package other only has passing tests: a tests-from rerun leaves it out.
package other

import "testing"

func TestOtherPasses(t *testing.T) {}

// Package slow has a test that takes about 600 ms: under a time budget it gets fewer runs.
package slow

import (
	"testing"
	"time"
)

func TestSlow(t *testing.T) { time.Sleep(600 * time.Millisecond) }

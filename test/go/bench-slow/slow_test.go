// Package benchslow is the benchmark's slow test: about 1 s of work, no race.
package benchslow

import (
	"testing"
	"time"
)

func TestSlow(t *testing.T) { time.Sleep(time.Second) }

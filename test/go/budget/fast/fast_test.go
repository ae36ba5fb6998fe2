// Package fast has a test that takes about 20 ms.
package fast

import (
	"testing"
	"time"
)

func TestFast(t *testing.T) { time.Sleep(20 * time.Millisecond) }

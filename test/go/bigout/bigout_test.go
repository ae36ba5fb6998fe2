// Package bigout fills the disk its output goes to: each run counts itself in $RR_BIG_DIR and
// prints 1 MB, the third run 40 MB. With RUNNER_TEMP on a 20 MB file system, the third run's log
// cannot be written whole.
package bigout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBig(t *testing.T) {
	megabytes := 1
	if dir := os.Getenv("RR_BIG_DIR"); dir != "" {
		f, err := os.OpenFile(filepath.Join(dir, "runs"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("x")
		f.Close()
		st, _ := os.Stat(filepath.Join(dir, "runs"))
		if st.Size() >= 3 {
			megabytes = 40
		}
	}
	line := strings.Repeat("x", 1023) + "\n"
	for i := 0; i < megabytes*1024; i++ {
		os.Stdout.WriteString(line)
	}
}

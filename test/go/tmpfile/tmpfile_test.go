package tmpfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A fixed file name in os.TempDir(): runs that share one temporary directory collide.
func TestFixedTempFile(t *testing.T) {
	name := filepath.Join(os.TempDir(), "tmpfile-fixture.lock")
	if log := os.Getenv("RR_TMP_LOG"); log != "" {
		f, _ := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		_, _ = f.WriteString(os.TempDir() + " " + os.Getenv("RACE_RERUN_RUN") + "\n")
		_ = f.Close()
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatalf("lock: %v", err)
	}
	f.Close()
	time.Sleep(300 * time.Millisecond)
	// Left behind on purpose: a per-run TMPDIR is removed after the run anyway; a shared one is not.
}

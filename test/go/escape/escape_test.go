//go:build linux || darwin

// Package escape plays a test that leaves processes behind outside its process group: TestEscape
// starts two `sleep 300` in sessions of their own (setsid), writes their pids to $RR_ESCAPE_DIR
// and passes. A group kill cannot reach them; race-rerun must find and kill them.
package escape

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

func TestEscape(t *testing.T) {
	dir := os.Getenv("RR_ESCAPE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	for i := 1; i <= 2; i++ {
		cmd := exec.Command("sleep", "300")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := cmd.Start(); err != nil {
			t.Fatalf("start sleep: %v", err)
		}
		pid := strconv.Itoa(cmd.Process.Pid)
		if err := os.WriteFile(filepath.Join(dir, "escapee-"+strconv.Itoa(i)), []byte(pid), 0o644); err != nil {
			t.Fatalf("write pid: %v", err)
		}
	}
}

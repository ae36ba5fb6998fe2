// Package orphans checks that a timed-out run leaves no process behind: TestTree starts a shell
// (child) that starts sleep (grandchild), writes both pids to $RR_TREE_DIR, then blocks forever.
package orphans

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

func TestTree(t *testing.T) {
	dir := os.Getenv("RR_TREE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	cmd := exec.Command("sh", "-c", `sleep 300 & echo $! > "$0/grandchild"; wait`, dir)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start sh: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "child"), []byte(strconv.Itoa(cmd.Process.Pid)), 0o644); err != nil {
		t.Fatalf("write pid: %v", err)
	}
	select {}
}

// Package hang exists to check timeouts: TestHang never returns, and before blocking it starts
// a child process (sleep 300) so that race-rerun can check it kills the whole process group,
// not just the test binary. When RR_HANG_PIDFILE is set, the child's pid is written there.
package hang

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
)

func TestHang(t *testing.T) {
	cmd := exec.Command("sleep", "300")
	if err := cmd.Start(); err != nil {
		t.Fatalf("start sleep: %v", err)
	}
	if f := os.Getenv("RR_HANG_PIDFILE"); f != "" {
		if err := os.WriteFile(f, []byte(strconv.Itoa(cmd.Process.Pid)), 0o644); err != nil {
			t.Fatalf("write pid file: %v", err)
		}
	}
	go func() {
		select {} // a goroutine that is stuck too, as in a real leak
	}()
	select {} // hang_test.go:26 blocks forever; only -test.timeout or a kill ends the run
}

package overlap

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A fixed port, as many real suites have: two processes running this test at once collide.
const addr = "127.0.0.1:38417"

func TestFixedPort(t *testing.T) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if dir := os.Getenv("RR_OVERLAP_DIR"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "collided"), nil, 0o644)
		}
		t.Fatalf("cannot listen: %v", err)
	}
	defer ln.Close()
	hold(300 * time.Millisecond)
}

// hold keeps the port for d; with RR_OVERLAP_DIR (the tests' hook) until another run collided
// with it (at most 5 s), so that the collision does not depend on how fast the machine is.
func hold(d time.Duration) {
	time.Sleep(d)
	dir := os.Getenv("RR_OVERLAP_DIR")
	for end := time.Now().Add(5 * time.Second); dir != "" && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(filepath.Join(dir, "collided")); err == nil {
			return
		}
	}
}

func TestOther(t *testing.T) {}

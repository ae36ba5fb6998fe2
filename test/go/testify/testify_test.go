package testify

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// noError prints its failure the way testify's require.NoError does (labels, tab-aligned).
func noError(t *testing.T, err error, msg string) {
	t.Helper()
	if err == nil {
		return
	}
	rows := [][2]string{
		{"Error Trace", "testify_test.go:34"},
		{"Error", "Received unexpected error:\n" + err.Error()},
		{"Test", t.Name()},
		{"Messages", msg},
	}
	var b strings.Builder
	for _, r := range rows {
		lines := strings.Split(r[1], "\n")
		fmt.Fprintf(&b, "\t%-12s\t%s\n", r[0]+":", lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(&b, "\t%-12s\t%s\n", "", l)
		}
	}
	t.Errorf("\n%s", b.String())
}

func TestSave(t *testing.T) {
	noError(t, errors.New("dial tcp 127.0.0.1:5432: connect: connection reset by peer"), "saving user 42")
}

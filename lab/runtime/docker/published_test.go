package docker

import (
	"net"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// The probe a published port gets, run for real by sh as the scenario
// runs it: `open` where something listens, `exit N` where nothing does,
// and a mark on a host port that is not the file's.
func TestPublishedProbe(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash: the probe uses its /dev/tcp")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	open := ln.Addr().(*net.TCPAddr).Port
	// A port that was free a moment ago, closed again: nothing listens.
	l2, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l2.Addr().(*net.TCPAddr).Port
	l2.Close()

	run := func(lines []string) string {
		t.Helper()
		out, _ := exec.Command("sh", "-c", strings.Join(lines, "; ")).CombinedOutput()
		return string(out)
	}
	o := strconv.Itoa(open)
	got := run(publishedProbe("haproxy", o, open, open, "127.0.0.1"))
	if want := `haproxy "` + o + `:` + o + `" 127.0.0.1:` + o + ` → 127.0.0.1:` + o + "\nopen\n"; got != want {
		t.Errorf("a listening port: got %q, want %q", got, want)
	}
	got = run(publishedProbe("haproxy", "5432", closed, 40001, "127.0.0.1"))
	if !strings.HasPrefix(got, `haproxy "5432:`+strconv.Itoa(closed)+`" 127.0.0.1:40001* → `) || !strings.Contains(got, "Connection refused") || !strings.HasSuffix(got, "\nexit 1\n") {
		t.Errorf("a port nothing listens on, republished elsewhere: got %q", got)
	}
	got = run(publishedProbe("pg-slave", "5434", 5432, 5434, ""))
	if want := `pg-slave "5434:5432" 127.0.0.1:5434 → pg-slave:5432: not running` + "\n"; got != want {
		t.Errorf("a stopped container: got %q, want %q", got, want)
	}
}

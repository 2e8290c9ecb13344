package embedded

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/wait"
)

func TestParseStat(t *testing.T) {
	// COMM may hold spaces and parentheses.
	st, ok := parseStat("4242 (postgres: a (b) c) Z 17 4241 4240 0 -1 4194560")
	if !ok || st.state != 'Z' || st.ppid != 17 || st.session != 4240 {
		t.Errorf("parseStat = %+v, %v", st, ok)
	}
	if _, ok := parseStat("4242 (no closing paren S 1 2 3"); ok {
		t.Error("a line without ')' parsed")
	}
}

// Patroni's postmaster is an orphan in a session of its own: the lab's
// process adopts it and reaps it as soon as it exits, and never takes the
// exit status of a command it runs itself.
func TestOrphansAreAdoptedAndReaped(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	if _, err := exec.LookPath("setsid"); err != nil {
		t.Skip("setsid (util-linux) not found")
	}
	waitFor := func(t *testing.T, what string, check wait.Check) {
		t.Helper()
		if err := wait.Until(context.Background(), what, 5*time.Second, check); err != nil {
			t.Fatal(err)
		}
	}
	if err := adoptOrphans(); err != nil {
		t.Fatal(err)
	}
	pidFile := filepath.Join(t.TempDir(), "pid")
	// setsid -f: the orphan runs in a new session and its parent exits at
	// once, as Patroni's postmaster does.
	orphan := exec.Command("setsid", "-f", "sh", "-c", `echo $$ > "$0"; exec sleep 60`, pidFile)
	if err := orphan.Run(); err != nil {
		t.Fatal(err)
	}
	var pid int
	waitFor(t, "the orphan's pid file", func(context.Context) (bool, string) {
		b, _ := os.ReadFile(pidFile)
		pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		return pid > 0, string(b)
	})
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	waitFor(t, "the orphan adopted by this process", func(context.Context) (bool, string) {
		st, ok := readStat(pid)
		return ok && st.ppid == os.Getpid(), strconv.Itoa(st.ppid)
	})

	// Commands this process runs keep their exit status while orphans exit around them.
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		err := exec.Command("sh", "-c", "exit 3").Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 3 {
			t.Fatalf("run %d: %v, want exit status 3", i, err)
		}
	}
	waitFor(t, "the orphan reaped", func(context.Context) (bool, string) {
		st, ok := readStat(pid)
		return !ok, string(st.state)
	})
}

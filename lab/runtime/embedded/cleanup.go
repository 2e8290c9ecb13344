package embedded

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pglab/pglab/lab/labdir"
)

// Leftovers lists the processes still running from a lab's directory: any
// process whose command line names it (Patroni, HAProxy, a postmaster),
// plus the postmasters recorded in its data directories.
func Leftovers(dir string) []int {
	seen := map[int]bool{}
	entries, _ := os.ReadDir("/proc")
	self := os.Getpid()
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && strings.Contains(string(cmdline), dir+"/") && alive(pid) {
			seen[pid] = true
		}
	}
	datas, _ := filepath.Glob(filepath.Join(dir, "*", "data"))
	for _, d := range datas {
		if pid := postmasterPID(d); alive(pid) && isPostgres(pid) {
			seen[pid] = true
		}
	}
	var out []int
	for pid := range seen {
		out = append(out, pid)
	}
	return out
}

// Clean removes a lab whose supervisor is gone: it kills what is left of
// it and deletes its directory (kept when keepData is set).
func Clean(st *labdir.State, keepData bool) error {
	if alive(st.PID) && st.PID != os.Getpid() {
		return fmt.Errorf("lab %q is still hosted by process %d: use `%s`", st.Name, st.PID, labdir.Hint(st.Name, "down"))
	}
	for _, pid := range Leftovers(st.Dir) {
		// Whole groups: Patroni's and each postmaster's backends.
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		_ = syscall.Kill(pid, syscall.SIGKILL)
		waitGone(pid, 10*time.Second)
	}
	if left := Leftovers(st.Dir); len(left) > 0 {
		return fmt.Errorf("lab %q: processes %v survived SIGKILL", st.Name, left)
	}
	if err := dropCuts(st); err != nil {
		return fmt.Errorf("lab %q: %w", st.Name, err)
	}
	if keepData {
		_ = os.Remove(socketPath(st.Dir))
		st.PID = 0
		return st.Save()
	}
	return os.RemoveAll(st.Dir)
}

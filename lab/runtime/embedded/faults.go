package embedded

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/pglab/pglab/lab/topology"
)

// The freeze of a node: a stalled VM or a long pause, not a partition
// (partition.go). SIGSTOP of Patroni's process group and of PostgreSQL's
// (the postmaster and its backends) is what `docker pause` does with a
// container's cgroup: the node stops answering its clients, its replica,
// HAProxy's checks and the DCS, while its sockets stay open. Unlike a
// partitioned node the frozen one cannot act meanwhile (it cannot demote
// itself), and on resume Patroni and PostgreSQL wake up at once: the old
// primary is writable until Patroni's first loop demotes it.

// The freeze actions.
const (
	Pause  Action = "pause"  // SIGSTOP of Patroni and PostgreSQL, like docker pause
	Resume Action = "resume" // SIGCONT: the frozen node runs on
)

// freeze stops or continues a node's processes.
func (l *Lab) freeze(n topology.Node, p *proc, stop bool) error {
	sig := syscall.SIGCONT
	if stop {
		sig = syscall.SIGSTOP
	}
	if p == nil || p.exited() {
		return fmt.Errorf("%s is not running", n.Name)
	}
	// PostgreSQL first on the way down and last on the way up, so Patroni
	// never sees its server frozen while it runs itself.
	pg := func() error {
		if n.Kind != topology.Postgres {
			return nil
		}
		return signalServer(filepath.Join(l.nodeDir(n.Name), "data"), sig)
	}
	if stop {
		if err := pg(); err != nil {
			return err
		}
		p.signalGroup(sig)
		return nil
	}
	p.signalGroup(sig)
	return pg()
}

// signalServer signals a PostgreSQL server: the postmaster and every
// process it forked. They are not one process group (each backend calls
// setsid, and the postmaster's group is the long-gone session Patroni
// spawned it from), so signalling the group would miss the backends, which
// would go on serving their connections. The postmaster is stopped first,
// so it forks nothing while its children are listed, and continued last.
func signalServer(dataDir string, sig syscall.Signal) error {
	pid := postmasterPID(dataDir)
	if !alive(pid) || !isPostgres(pid) {
		return fmt.Errorf("no running PostgreSQL in %s", dataDir)
	}
	if sig == syscall.SIGSTOP {
		if err := syscall.Kill(pid, sig); err != nil {
			return fmt.Errorf("signal postmaster %d: %w", pid, err)
		}
	}
	for _, c := range childrenOf(pid) {
		_ = syscall.Kill(c, sig) // one may have exited since it was listed
	}
	if sig != syscall.SIGSTOP {
		if err := syscall.Kill(pid, sig); err != nil {
			return fmt.Errorf("signal postmaster %d: %w", pid, err)
		}
	}
	return nil
}

// childrenOf lists the processes whose parent is pid, from /proc.
func childrenOf(pid int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range ents {
		c, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// The fields after the parenthesised command: state, then ppid.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			out = append(out, c)
		}
	}
	return out
}

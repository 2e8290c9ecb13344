package embedded

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pglab/pglab/lab/topology"
)

// A fault counts from the moment it is seen in effect, not from the moment
// it was asked for: the figures of a failover all start there. After each
// fault the lab checks, without asking Patroni, that it landed: a killed or
// stopped node's processes are gone (for a PostgreSQL node, its server
// too); a frozen node's every process is stopped (state T); a partitioned
// node reaches no etcd member and nothing reaches its PostgreSQL or REST
// port; a stopped etcd member no longer answers. The verified moment is
// the start of the first check that saw it so; a fault not seen within
// VerifyWithin fails with what was seen.

// VerifyWithin bounds how long a fault may take to be seen in effect
// (the docker runtime's too).
var VerifyWithin = 500 * time.Millisecond

// ProbeTimeout is how long a connection attempt waits for an answer: on
// loopback an open port answers in microseconds, so silence this long
// means the packets are dropped.
const ProbeTimeout = 150 * time.Millisecond

// verify checks, for the faults that have something to check, that the
// action on n took effect, and returns when it was first seen so; the
// other actions (start, resume, heal) have no such moment (zero).
func (l *Lab) verify(n topology.Node, a Action) (time.Time, error) {
	var check func() (bool, string)
	switch a {
	case Kill, Stop:
		check = func() (bool, string) { return l.gone(n) }
	case Pause:
		check = func() (bool, string) { return l.frozen(n) }
	case Partition:
		check = func() (bool, string) { return l.isolated(n) }
	default:
		return time.Time{}, nil
	}
	return Verify(fmt.Sprintf("%s %s", a, n.Name), VerifyWithin, check)
}

// Verify runs check until it holds or within has passed, and returns the
// moment the successful check started.
func Verify(what string, within time.Duration, check func() (bool, string)) (time.Time, error) {
	deadline := time.Now().Add(within)
	for {
		at := time.Now()
		ok, seen := check()
		if ok {
			return at, nil
		}
		if time.Now().After(deadline) {
			return time.Time{}, fmt.Errorf("%s: not in effect %s after it returned: %s", what, within, seen)
		}
		time.Sleep(10 * time.Millisecond) // a bounded poll of /proc and the ports, not a synchronisation
	}
}

// gone says whether a stopped or killed node no longer runs: an etcd
// member no longer answers on its client port; a host process and, for a
// PostgreSQL node, every process of its group (or its postmaster) are gone.
func (l *Lab) gone(n topology.Node) (bool, string) {
	if n.Kind == topology.Etcd {
		if a := l.ports().Addr(n.Name, topology.PortEtcdClient); Answers(a) {
			return false, "etcd member " + n.Name + " still accepts connections on " + a
		}
		return true, ""
	}
	pids := l.nodeProcs(n)
	if len(pids) > 0 {
		return false, fmt.Sprintf("processes of %s still running: %s", n.Name, describe(pids))
	}
	return true, ""
}

// frozen says whether every process of the node is stopped.
func (l *Lab) frozen(n topology.Node) (bool, string) {
	pids := l.nodeProcs(n)
	if len(pids) == 0 {
		return false, "no process of " + n.Name + " runs"
	}
	var running []int
	for _, pid := range pids {
		if st, ok := readStat(pid); ok && st.state != 'T' {
			running = append(running, pid)
		}
	}
	if len(running) > 0 {
		return false, fmt.Sprintf("not stopped: %s", describe(running))
	}
	return true, ""
}

// isolated probes a partitioned node from both sides: nothing of this
// process reaches its PostgreSQL and REST ports, and a process of the
// node's group reaches no etcd member.
func (l *Lab) isolated(n topology.Node) (bool, string) {
	var seen []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	add := func(s string) {
		mu.Lock()
		seen = append(seen, s)
		mu.Unlock()
	}
	for _, p := range []int{topology.PortPostgres, topology.PortPatroni} {
		a := l.ports().Addr(n.Name, p)
		wg.Go(func() {
			if Answers(a) {
				add(n.Name + "'s port " + a + " still answers")
			}
		})
	}
	wg.Go(func() {
		reached, err := l.reachesFrom(n, l.dcsAddrs())
		if err != nil {
			add(err.Error())
		}
		for _, a := range reached {
			add(n.Name + " still reaches " + a)
		}
	})
	wg.Wait()
	return len(seen) == 0, strings.Join(seen, "; ")
}

// Answers says whether a TCP connection to addr is accepted within
// ProbeTimeout.
func Answers(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, ProbeTimeout)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// dcsAddrs are the client addresses of the lab's DCS members.
func (l *Lab) dcsAddrs() []string {
	var out []string
	for _, n := range l.dcsNodes {
		p := topology.PortEtcdClient
		if l.dcs == topology.ZooKeeper {
			p = topology.PortZooKeeper
		}
		out = append(out, l.ports().Addr(n, p))
	}
	return out
}

// ReachProbe is a Python program that connects to each address given
// after its timeout in seconds, all at once, and prints the ones that
// accepted; its own exit status says nothing about them. Python, because
// Patroni's interpreter is wherever Patroni runs.
const ReachProbe = `import socket, sys, threading
ok = []
def probe(a):
    h, p = a.rsplit(":", 1)
    try:
        socket.create_connection((h, int(p)), timeout=float(sys.argv[1])).close()
        ok.append(a)
    except OSError:
        pass
ts = [threading.Thread(target=probe, args=(a,)) for a in sys.argv[2:]]
[t.start() for t in ts]
[t.join() for t in ts]
print("\n".join(ok))
`

// reachesFrom tries the addresses from a process with the node's
// credentials (its own group: what the cut matches), and returns the ones
// it reached.
func (l *Lab) reachesFrom(n topology.Node, addrs []string) ([]string, error) {
	cred := l.credFor(n.Name)
	if cred == nil {
		return nil, errors.New("a partition is checked as root only")
	}
	args := append([]string{"-c", ReachProbe, strconv.FormatFloat(ProbeTimeout.Seconds(), 'f', 3, 64)}, addrs...)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/usr/bin/python3", args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("probe from %s's group: %w: %s", n.Name, err, strings.TrimSpace(stderr.String()))
	}
	return strings.Fields(string(out)), nil
}

// nodeProcs lists the live processes of a node: for a PostgreSQL node
// with a group of its own, every process of that group (Patroni, the
// postmaster and its backends); otherwise the node's host process, its
// children, and a PostgreSQL node's postmaster and its children.
func (l *Lab) nodeProcs(n topology.Node) []int {
	if g, ok := l.gids[n.Name]; ok && n.Kind == topology.Postgres {
		return groupProcs(g)
	}
	var pids []int
	l.mu.Lock()
	p := l.procs[n.Name]
	l.mu.Unlock()
	if p != nil && !p.exited() {
		pids = append(pids, p.pid())
		pids = append(pids, childrenOf(p.pid())...)
	}
	if n.Kind == topology.Postgres {
		if pm := postmasterPID(l.nodeDir(n.Name) + "/data"); alive(pm) && isPostgres(pm) {
			pids = append(pids, pm)
			pids = append(pids, childrenOf(pm)...)
		}
	}
	var live []int
	for _, pid := range pids {
		if alive(pid) {
			live = append(live, pid)
		}
	}
	return live
}

// groupProcs lists the live (not zombie) processes whose real group is gid.
func groupProcs(gid int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	want := strconv.Itoa(gid)
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/status")
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			if g, ok := strings.CutPrefix(line, "Gid:"); ok {
				if f := strings.Fields(g); len(f) > 0 && f[0] == want && alive(pid) {
					out = append(out, pid)
				}
				break
			}
		}
	}
	return out
}

// describe names processes for an error: pid, state and command.
func describe(pids []int) string {
	var s []string
	for _, pid := range pids {
		st, _ := readStat(pid)
		cmd, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
		name, _, _ := strings.Cut(string(cmd), "\x00")
		s = append(s, fmt.Sprintf("%d %c %s", pid, st.state, name))
	}
	return strings.Join(s, ", ")
}

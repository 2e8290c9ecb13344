// Package embedded is pglab's default runtime: the exercise's stack as host
// processes. Three etcd members live inside the pglab process that hosts the
// lab (the supervisor); Patroni (managing the host's PostgreSQL) and HAProxy
// are real child processes, run as an unprivileged user. Every node's
// config is derived from the embedded exercise files, addresses rewritten
// to free loopback ports.
package embedded

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
	"github.com/pglab/pglab/lab/wait"
)

// Name is how users select this runtime.
const Name = "embedded"

// Options configure `pglab up` on this runtime.
type Options struct {
	Name        string
	Profile     string // exercise profile: etcd (the default) or zookeeper
	PGBin       string // PostgreSQL bin directory; "" picks the newest installed
	User        string // who runs PostgreSQL when pglab is root; "" = postgres
	Timing      string // a key of Timings
	HAProxyPort int    // 0 = any free port
	Retain      bool   // on a failed start, keep the lab directory (logs, data) for inspection
}

// Deadlines of the start phases.
var (
	EtcdTimeout    = 30 * time.Second
	LeaderTimeout  = 90 * time.Second
	ReplicaTimeout = 90 * time.Second
	RouteTimeout   = 30 * time.Second
)

// Lab is a running lab, owned by the process that started it.
type Lab struct {
	State *labdir.State
	Topo  topology.Topology

	status   *progress.Status
	profile  exercise.Profile
	cred     *syscall.Credential
	gids     map[string]int // each PostgreSQL node's own group, when root (partition.go)
	uid      int
	gid      int
	dcs      topology.Kind // etcd or zookeeper
	dcsNodes []string
	etcd     []*etcdMember // the etcd profile's members, hosted in this process
	timing   Timing
	pgNodes  []string
	haNode   string

	srv     *http.Server
	downReq chan bool

	mu    sync.Mutex
	procs map[string]*proc  // Patroni, HAProxy and ZooKeeper, by node name
	downs map[string]Action // how each node was last brought down: stop or kill
	cut   map[string]bool   // the nodes partitioned now
	// marked: the table marking the nodes' connections is loaded (partition.go)
	marked bool
	phase  string
}

// Start boots the lab: ordered phases, each undone if a later one fails or
// ctx ends (Ctrl-C), unless the caller keeps what started (retain).
func Start(ctx context.Context, o Options, status *progress.Status) (l *Lab, err error) {
	l, err = prepare(o, status)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			status.End(err)
			l.teardown(o.Retain)
			if o.Retain {
				err = fmt.Errorf("%w (logs and data kept in %s; `%s` removes them)", err, l.State.Dir, labdir.Hint(o.Name, "down"))
			}
		}
	}()
	if err := l.serveControl(); err != nil {
		return l, err
	}
	if err := adoptOrphans(); err != nil {
		return l, fmt.Errorf("adopt PostgreSQL's orphaned processes: %w", err)
	}
	if err := l.markConnections(); err != nil { // before any node starts: partition.go
		return l, err
	}
	steps := []phase{
		l.dcsPhase(),
		{"Starting Patroni and PostgreSQL " + l.State.PGVersion, l.startPatroni},
		{"Starting HAProxy", l.startHAProxy},
	}
	for _, s := range steps {
		status.Start("%s", s.what)
		if err := s.run(ctx); err != nil {
			return l, err
		}
		status.End(nil)
	}
	l.setPhase("ready")
	return l, nil
}

// phase is one start step, shown as a status line.
type phase struct {
	what string
	run  func(context.Context) error
}

// dcsPhase starts the profile's DCS: etcd members in this process, or a
// ZooKeeper server.
func (l *Lab) dcsPhase() phase {
	if l.dcs == topology.ZooKeeper {
		return phase{"Starting ZooKeeper", l.startZooKeeper}
	}
	return phase{fmt.Sprintf("Starting etcd (%d members)", len(l.etcd)), l.startEtcd}
}

// prepare checks the host, creates the lab directory and picks ports.
// Nothing runs yet, so its failures leave nothing behind but what it made.
func prepare(o Options, status *progress.Status) (*Lab, error) {
	if o.Name == "" {
		o.Name = labdir.DefaultName
	}
	if err := labdir.CheckName(o.Name); err != nil {
		return nil, err
	}
	if o.Timing == "" {
		o.Timing = DefaultTiming
	}
	timing, ok := Timings[o.Timing]
	if !ok {
		return nil, fmt.Errorf("timing %q: choose exercise or fast", o.Timing)
	}
	profile, err := exercise.ProfileByName(o.Profile)
	if err != nil {
		return nil, err
	}
	needs := []func() (hostbin.Program, error){hostbin.Patroni, hostbin.HAProxy}
	if profile.Name == exercise.ZooKeeper.Name {
		needs = append(needs, hostbin.ZooKeeper, hostbin.Kazoo)
	} else {
		needs = append(needs, hostbin.PythonEtcd)
	}
	for _, find := range needs {
		if _, err := find(); err != nil {
			return nil, err
		}
	}
	pg, err := hostbin.FindPostgres(o.PGBin)
	if err != nil {
		return nil, err
	}
	topo, err := runtime.LabTopology(profile)
	if err != nil {
		return nil, err
	}

	dir := labdir.Dir(o.Name)
	if old, err := labdir.Load(o.Name); err == nil {
		if alive(old.PID) {
			return nil, fmt.Errorf("lab %q is already running (pid %d): pick another --name, or stop it with `%s`", o.Name, old.PID, labdir.Hint(o.Name, "down"))
		}
		return nil, fmt.Errorf("lab %q exists but is not running: clean it with `%s`", o.Name, labdir.Hint(o.Name, "down"))
	}
	if _, err := os.Stat(dir); err == nil {
		return nil, fmt.Errorf("%s exists but holds no lab: remove it or pick another --name", dir)
	}

	l := &Lab{Topo: topo, profile: profile, status: status, timing: timing, procs: map[string]*proc{}, downs: map[string]Action{}, cut: map[string]bool{}, phase: "starting", downReq: make(chan bool, 1)}
	l.uid, l.gid = os.Getuid(), os.Getgid()
	runAs := ""
	if os.Geteuid() == 0 {
		runAs = o.User
		if runAs == "" {
			runAs = "postgres"
		}
		u, err := user.Lookup(runAs)
		if err != nil {
			return nil, fmt.Errorf("user %s to run PostgreSQL (it refuses root): %w (create it, e.g. `useradd --system %s`, or pass --user)", runAs, err, runAs)
		}
		l.uid, _ = strconv.Atoi(u.Uid)
		l.gid, _ = strconv.Atoi(u.Gid)
		l.cred = &syscall.Credential{Uid: uint32(l.uid), Gid: uint32(l.gid)}
	}
	ports, err := pickPorts(topo, o.HAProxyPort)
	if err != nil {
		return nil, err
	}
	secrets, err := exercise.NewSecrets()
	if err != nil {
		return nil, err
	}
	if err := makeLabDir(dir, l.uid); err != nil {
		return nil, err
	}
	l.State = &labdir.State{
		Name: o.Name, Runtime: Name, Dir: dir, Created: time.Now().UTC(), PID: os.Getpid(),
		Ports: ports, Secrets: secrets, User: runAs, PGBin: pg.Dir, PGVersion: pg.Version, Timing: timing.Name,
		Profile: profile.Name,
	}
	var dcsNodes []topology.Node
	l.dcs, dcsNodes = topo.DCS()
	for _, n := range dcsNodes {
		l.dcsNodes = append(l.dcsNodes, n.Name)
	}
	for _, n := range topo.Of(topology.Postgres) {
		l.pgNodes = append(l.pgNodes, n.Name)
	}
	l.haNode = topo.Of(topology.HAProxy)[0].Name
	if l.cred != nil {
		if l.gids, err = nodeGids(dir, l.pgNodes); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if l.dcs == topology.Etcd {
		l.etcd = newEtcdMembers(l.dcsNodes, dir, ports)
	}
	if err := l.State.Save(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return l, nil
}

// makeLabDir creates the lab directory, reachable by PostgreSQL's user.
func makeLabDir(dir string, uid int) error {
	if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o755); err != nil {
		return fmt.Errorf("create lab directory: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	// Every parent must be searchable by that user, or Patroni cannot reach its data.
	for p := filepath.Dir(dir); uid != os.Getuid() && p != "/"; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o001 == 0 {
			os.RemoveAll(dir)
			return fmt.Errorf("%s (mode %s) is not searchable by PostgreSQL's user, who must reach %s: chmod o+x it, or set PGLAB_HOME elsewhere", p, fi.Mode().Perm(), dir)
		}
	}
	return nil
}

// pickPorts gives every container port of every node a free loopback port.
func pickPorts(topo topology.Topology, haproxyPort int) (map[string]int, error) {
	ports := map[string]int{}
	var held []net.Listener
	defer func() {
		for _, l := range held {
			l.Close()
		}
	}()
	for _, n := range topo.Nodes {
		for _, p := range n.Ports {
			addr := loopback + ":0"
			if n.Kind == topology.HAProxy && p == topology.PortPostgres && haproxyPort != 0 {
				addr = net.JoinHostPort(loopback, strconv.Itoa(haproxyPort))
			}
			// Hold each port until all are picked, so none is handed out twice.
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return nil, fmt.Errorf("port for %s:%d: %w (pick another with --port, or free it)", n.Name, p, err)
			}
			held = append(held, ln)
			ports[Key(n.Name, p)] = ln.Addr().(*net.TCPAddr).Port
		}
	}
	return ports, nil
}

func (l *Lab) setPhase(p string) {
	l.mu.Lock()
	l.phase = p
	l.mu.Unlock()
}

func (l *Lab) ports() Ports { return Ports(l.State.Ports) }

func (l *Lab) etcdEndpoints() []string {
	var eps []string
	for _, m := range l.etcd {
		eps = append(eps, httpURL(l.ports().Addr(m.name, topology.PortEtcdClient)))
	}
	return eps
}

func (l *Lab) startEtcd(ctx context.Context) error {
	for _, m := range l.etcd {
		if err := os.MkdirAll(m.dir, 0o700); err != nil {
			return err
		}
		if err := m.start(); err != nil {
			return fmt.Errorf("%w\n%s", err, tail(m.logPath, 10))
		}
	}
	l.status.Info("waiting ≤ %s for etcd quorum", EtcdTimeout)
	return wait.Until(ctx, "etcd to serve a quorum read", EtcdTimeout, func(ctx context.Context) (bool, string) {
		for _, m := range l.etcd {
			select {
			case err := <-m.failed():
				return false, fmt.Sprintf("%s failed: %v", m.name, err)
			default:
			}
		}
		if err := clusterHealthy(ctx, l.etcdEndpoints()); err != nil {
			return false, err.Error()
		}
		return true, ""
	})
}

func (l *Lab) nodeDir(node string) string { return filepath.Join(l.State.Dir, node) }

func (l *Lab) logPath(node string) string {
	return filepath.Join(l.State.Dir, "logs", node+".log")
}

// PatroniConfigPath is where a node's derived Patroni config lives.
func PatroniConfigPath(st *labdir.State, node string) string {
	return filepath.Join(st.Dir, node, "patroni.yml")
}

// writePatroniConfig derives the node's patroni.yml into its directory.
func (l *Lab) writePatroniConfig(node string) error {
	dir := l.nodeDir(node)
	for _, d := range []string{dir, filepath.Join(dir, "run")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
		if err := os.Chown(d, l.uid, l.gid); err != nil {
			return err
		}
	}
	asset, err := fs.ReadFile(pglab.Files, l.profile.Patroni[node])
	if err != nil {
		return fmt.Errorf("no embedded Patroni config for %s in profile %s: %w", node, l.profile.Name, err)
	}
	cfg, err := PatroniConfig(asset, PatroniParams{
		Node: node, Dir: dir, PGBin: l.State.PGBin, Ports: l.ports(),
		DCS: l.dcs, DCSNodes: l.dcsNodes, Secrets: l.State.Secrets, Timing: l.timing,
	})
	if err != nil {
		return err
	}
	path := PatroniConfigPath(l.State, node)
	if err := os.WriteFile(path, cfg, 0o600); err != nil {
		return err
	}
	return os.Chown(path, l.uid, l.gid)
}

// startPatroniNode starts (or restarts) one Patroni process.
func (l *Lab) startPatroniNode(node string) error {
	patroniBin, err := hostbin.Patroni()
	if err != nil {
		return err
	}
	dir := l.nodeDir(node)
	return l.startProcFor(node, procSpec{
		name: "patroni " + node,
		argv: []string{patroniBin.Path, PatroniConfigPath(l.State, node)},
		env: []string{
			"PATH=" + l.State.PGBin + ":/usr/local/bin:/usr/bin:/bin",
			"HOME=" + dir, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "PYTHONUNBUFFERED=1",
		},
		dir: dir, cred: l.credFor(node), logPath: l.logPath(node),
	})
}

// startProcFor starts a node's process and records it as the node's.
func (l *Lab) startProcFor(node string, spec procSpec) error {
	p, err := startProc(spec)
	if err != nil {
		return err
	}
	l.mu.Lock()
	l.procs[node] = p
	l.mu.Unlock()
	return nil
}

func (l *Lab) died(node string) wait.Died {
	l.mu.Lock()
	p := l.procs[node]
	l.mu.Unlock()
	return wait.Died{Name: p.name, Done: p.done, Why: func() string {
		return fmt.Sprintf("%v; last lines of %s:\n%s", p.err, l.logPath(node), tail(l.logPath(node), 15))
	}}
}

// startPatroni starts every PostgreSQL node at once, as compose does: they
// race for the initialize key, the winner runs initdb and leads, and the
// others, woken by their watch on the leader key, clone it.
func (l *Lab) startPatroni(ctx context.Context) error {
	var watch []wait.Died
	for _, n := range l.pgNodes {
		if err := l.writePatroniConfig(n); err != nil {
			return err
		}
		if err := l.startPatroniNode(n); err != nil {
			return err
		}
		watch = append(watch, l.died(n))
	}
	l.status.Info("waiting ≤ %s for a leader", LeaderTimeout)
	if err := l.probe().WaitLeader(ctx, LeaderTimeout, "", watch...); err != nil {
		return err
	}
	l.status.Info("waiting ≤ %s for %s", ReplicaTimeout, progress.Count(len(l.pgNodes)-1, "streaming replica", "streaming replicas"))
	return l.probe().WaitStreaming(ctx, ReplicaTimeout, len(l.pgNodes)-1, watch...)
}

// restAddr is the loopback address of a node's Patroni REST API.
func (l *Lab) restAddr(node string) string { return l.ports().Addr(node, topology.PortPatroni) }

// probe looks at the lab through its loopback ports.
func (l *Lab) probe() probe.Lab {
	return probe.Lab{
		Nodes:  l.pgNodes,
		REST:   func(_ context.Context, node string) string { return l.restAddr(node) },
		Stats:  func(context.Context) string { return l.ports().Addr(l.haNode, topology.PortStats) },
		NodeOf: func(m patroni.Member) string { return l.ports().NodeOf(m, l.pgNodes) },
	}
}

// Leader asks the nodes' REST APIs which node leads, or "".
func (l *Lab) Leader(ctx context.Context) string { return l.probe().Leader(ctx) }

func (l *Lab) haproxyConfigPath() string { return filepath.Join(l.State.Dir, l.haNode, "haproxy.cfg") }

func (l *Lab) startHAProxy(ctx context.Context) error {
	asset, err := fs.ReadFile(pglab.Files, l.profile.HAProxy)
	if err != nil {
		return err
	}
	cfg, err := HAProxyConfig(asset, l.haNode, l.ports(), l.timing)
	if err != nil {
		return err
	}
	dir := l.nodeDir(l.haNode)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(l.haproxyConfigPath(), cfg, 0o644); err != nil {
		return err
	}
	if err := l.startHAProxyProc(); err != nil {
		return err
	}
	l.status.Info("waiting ≤ %s for HAProxy to route to the leader only", RouteTimeout)
	return l.probe().WaitRoute(ctx, RouteTimeout, l.died(l.haNode))
}

func (l *Lab) startHAProxyProc() error {
	bin, err := hostbin.HAProxy()
	if err != nil {
		return err
	}
	return l.startProcFor(l.haNode, procSpec{
		name: "haproxy", argv: []string{bin.Path, "-db", "-f", l.haproxyConfigPath()},
		env: []string{"PATH=/usr/sbin:/usr/bin:/bin"}, dir: l.nodeDir(l.haNode),
		cred: l.cred, logPath: l.logPath(l.haNode),
	})
}

// NodeState is one node's process state, as the supervisor sees it.
type NodeState struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	State string `json:"state"` // running, stopped, exited
	PID   int    `json:"pid,omitempty"`
	Error string `json:"error,omitempty"`
}

// Nodes reports every node's process state.
func (l *Lab) Nodes() []NodeState {
	members := map[string]*etcdMember{}
	for _, m := range l.etcd {
		members[m.name] = m
	}
	var out []NodeState
	for _, n := range l.Topo.Nodes {
		s := NodeState{Name: n.Name, Kind: string(n.Kind), State: "stopped"}
		if m := members[n.Name]; m != nil {
			s.State = l.downStateLocked(n.Name)
			if m.running() {
				s.State, s.PID = "running", os.Getpid()
			}
			out = append(out, s)
			continue
		}
		l.mu.Lock()
		if p := l.procs[n.Name]; p != nil {
			s.PID = p.pid()
			s.State = "running"
			if l.cut[n.Name] {
				s.State = "partitioned"
			}
			if p.exited() {
				s.State, s.PID = l.downState(n.Name), 0
				if _, asked := l.downs[n.Name]; !asked && p.err != nil {
					s.Error = p.err.Error()
				}
			}
		}
		l.mu.Unlock()
		out = append(out, s)
	}
	return out
}

// recordDown remembers a stop or kill, so status says "killed" rather
// than "exited"; a start forgets it.
func (l *Lab) recordDown(node string, a Action) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if a == Begin {
		delete(l.downs, node)
		return
	}
	l.downs[node] = a
}

// downStateLocked is downState for a caller not holding l.mu.
func (l *Lab) downStateLocked(node string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.downState(node)
}

// downState names a node that is not running; the caller holds l.mu.
func (l *Lab) downState(node string) string {
	switch l.downs[node] {
	case Kill:
		return "killed"
	case Stop:
		return "stopped"
	}
	return "exited"
}

// Phase is starting, ready or stopping.
func (l *Lab) Phase() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.phase
}

// Action is a fault-injection verb (lab/runtime's).
type Action = runtime.Action

// The actions on a node.
const (
	Stop  = runtime.Stop  // graceful: SIGTERM, Patroni shuts PostgreSQL down
	Kill  = runtime.Kill  // SIGKILL of Patroni and PostgreSQL, like docker kill
	Begin = runtime.Start // start a stopped node again
)

// ErrUnknownNode is wrapped when a node name is not in the topology.
var ErrUnknownNode = runtime.ErrUnknownNode

// Do applies an action to a node and, for a fault, returns once the fault
// is seen in effect (verify.go), with the moment it was first seen so.
func (l *Lab) Do(node string, a Action) (time.Time, error) {
	n, ok := l.Topo.Node(node)
	if !ok {
		return time.Time{}, fmt.Errorf("%w %q: the nodes are %v", ErrUnknownNode, node, l.Topo.Names())
	}
	if err := l.do(n, a); err != nil {
		return time.Time{}, err
	}
	return l.verify(n, a)
}

// do applies an action to a node.
func (l *Lab) do(n topology.Node, a Action) error {
	node := n.Name
	switch a {
	case Stop, Kill, Begin:
	case Partition, Heal:
		return l.partition(n, a == Partition) // partition.go
	case Pause, Resume:
		if n.Kind == topology.Etcd {
			return fmt.Errorf("%s: an etcd member lives inside pglab and cannot be frozen; `%s` stops it", node, labdir.Hint(l.State.Name, "stop", node))
		}
	default:
		return fmt.Errorf("%s: no action %s", node, a)
	}
	switch n.Kind {
	case topology.Etcd:
		for _, m := range l.etcd {
			if m.name == node {
				l.recordDown(node, a)
				if a == Begin {
					return m.start()
				}
				m.stop(a == Kill)
			}
		}
		return nil
	case topology.Postgres, topology.HAProxy, topology.ZooKeeper:
		l.mu.Lock()
		p := l.procs[node]
		l.mu.Unlock()
		if a == Pause || a == Resume {
			return l.freeze(n, p, a == Pause) // faults.go
		}
		if a == Begin {
			if p != nil && !p.exited() {
				return fmt.Errorf("%s is already running", node)
			}
			l.recordDown(node, a)
			switch n.Kind {
			case topology.HAProxy:
				return l.startHAProxyProc()
			case topology.ZooKeeper:
				return l.startZooKeeperProc()
			}
			return l.startPatroniNode(node)
		}
		l.recordDown(node, a)
		l.stopNode(n, p, a == Kill)
		return nil
	}
	return fmt.Errorf("%s: no action %s", node, a)
}

// stopNode stops a Patroni or HAProxy node; hard kills it and PostgreSQL
// at once, as a container's death would.
func (l *Lab) stopNode(n topology.Node, p *proc, hard bool) {
	data := filepath.Join(l.nodeDir(n.Name), "data")
	if hard {
		if p != nil {
			p.signalGroup(syscall.SIGKILL)
		}
		if n.Kind == topology.Postgres {
			if pid, _ := killPostmaster(data, syscall.SIGKILL); pid != 0 {
				waitGone(pid, 10*time.Second)
			}
		}
		if p != nil {
			<-p.done
		}
		return
	}
	if p != nil {
		// Patroni stops PostgreSQL (fast mode) and hands the leader key over.
		p.stop(syscall.SIGTERM, 60*time.Second)
	}
	if n.Kind == topology.Postgres {
		if pid, _ := killPostmaster(data, syscall.SIGKILL); pid != 0 {
			waitGone(pid, 10*time.Second)
		}
	}
}

// Shutdown stops everything; the lab directory stays when keepData is set.
func (l *Lab) Shutdown(keepData bool) { l.teardown(keepData) }

func (l *Lab) teardown(keepData bool) {
	l.setPhase("stopping")
	l.stopControl()
	l.healAll()
	l.mu.Lock()
	procs := map[string]*proc{}
	for k, v := range l.procs {
		procs[k] = v
	}
	l.mu.Unlock()
	// Data that is about to be deleted needs no clean shutdown checkpoint:
	// kill at once, like `docker rm -f`. Kept data gets a graceful stop.
	hard := !keepData
	if p := procs[l.haNode]; p != nil {
		p.stop(syscall.SIGTERM, 5*time.Second)
	}
	// All Patroni nodes at once: stopping them one by one would make the
	// last one fail over to itself first.
	var wg sync.WaitGroup
	for _, n := range l.pgNodes {
		node, _ := l.Topo.Node(n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.stopNode(node, procs[n], hard)
		}()
	}
	wg.Wait()
	for _, z := range l.dcsNodes {
		if p := procs[z]; p != nil {
			sig := syscall.SIGTERM
			if hard {
				sig = syscall.SIGKILL
			}
			p.stop(sig, 10*time.Second)
		}
	}
	for _, m := range l.etcd {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.stop(hard)
		}()
	}
	wg.Wait()
	if keepData {
		l.State.PID = 0
		_ = l.State.Save()
		return
	}
	os.RemoveAll(l.State.Dir)
}

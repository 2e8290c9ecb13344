// Package fake is a test double runtime: a lab in this process, with no
// program to run. Its two PostgreSQL nodes are Patroni REST APIs served
// from memory, its balancer an HAProxy stats page that routes to the
// leader, its DCS one real etcd member (go.etcd.io/etcd/server, in this
// process) holding Patroni's leader key. A fault on the leader promotes
// the other node at once: the scenario engine, the conditions and the
// failover sampler see what they would see on a real lab, in milliseconds.
//
// It implements runtime.Lab and runtime.Runtime; its scenario steps are Go
// calls (runtime.Command.Call). There is no PostgreSQL: SQL steps fail.
package fake

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// Name is the fake runtime's name.
const Name = "fake"

// Scope is the fake cluster's Patroni scope: its leader key is
// /service/pglab/leader.
const Scope = "pglab"

// TTL is the leader key's lease.
const TTL = 20

// Lab is a fake lab. Its zero value is not usable: use Start.
type Lab struct {
	st   *labdir.State
	topo topology.Topology
	pg   []string // the PostgreSQL nodes
	ha   string   // the balancer

	etcd    *embed.Etcd
	etcdCli *clientv3.Client
	rest    map[string]*httptest.Server
	stats   *httptest.Server

	mu       sync.Mutex
	leader   string
	down     map[string]runtime.Action // nodes stopped or killed
	timeline int
	actions  []string // every Do, "kill postgres1"

	gone func(name string) // tells the Runtime that booted it
}

var _ runtime.Lab = (*Lab)(nil)

// Start makes a fake lab of the operations test's topology in dir:
// postgres1 leads, postgres2 streams from it, HAProxy routes to postgres1.
func Start(ctx context.Context, name, dir string) (l *Lab, err error) {
	topo, err := runtime.LabTopology(exercise.Etcd)
	if err != nil {
		return nil, err
	}
	l = &Lab{topo: topo, rest: map[string]*httptest.Server{}, down: map[string]runtime.Action{}, timeline: 1}
	for _, n := range topo.Of(topology.Postgres) {
		l.pg = append(l.pg, n.Name)
	}
	l.ha = topo.Of(topology.HAProxy)[0].Name
	l.leader = l.pg[0]
	l.st = &labdir.State{Name: name, Runtime: Name, Dir: dir, Created: time.Now().UTC(), Timing: "fast", Profile: exercise.Etcd.Name,
		Secrets: exercise.Secrets{Superuser: "fake-superuser-password"}}
	defer func() {
		if err != nil {
			l.stop()
		}
	}()
	cfg := "defaults\n    default-server inter 1s fall 2 rise 1\n"
	if err := os.WriteFile(l.BalancerConfig(), []byte(cfg), 0o644); err != nil {
		return nil, err
	}
	if err := l.startEtcd(ctx, filepath.Join(dir, "etcd")); err != nil {
		return nil, err
	}
	for _, n := range l.pg {
		l.rest[n] = httptest.NewServer(l.patroniAPI(n))
	}
	l.stats = httptest.NewServer(http.HandlerFunc(l.statsCSV))
	return l, l.writeLeaderKey(ctx)
}

// startEtcd runs one etcd member on free loopback ports.
func (l *Lab) startEtcd(ctx context.Context, dir string) error {
	client, err := freeURL()
	if err != nil {
		return err
	}
	peer, err := freeURL()
	if err != nil {
		return err
	}
	cfg := embed.NewConfig()
	cfg.Name, cfg.Dir = "etcd1", dir
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{client}, []url.URL{client}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{peer}, []url.URL{peer}
	cfg.InitialCluster = "etcd1=" + peer.String()
	cfg.LogLevel = "error"
	cfg.LogOutputs = []string{filepath.Join(filepath.Dir(dir), "etcd.log")}
	if l.etcd, err = embed.StartEtcd(cfg); err != nil {
		return fmt.Errorf("fake etcd: %w", err)
	}
	select {
	case <-l.etcd.Server.ReadyNotify():
	case err := <-l.etcd.Err():
		return fmt.Errorf("fake etcd: %w", err)
	case <-ctx.Done():
		return ctx.Err()
	}
	l.etcdCli, err = clientv3.New(clientv3.Config{Endpoints: []string{client.String()}, DialTimeout: 2 * time.Second, Logger: zap.NewNop()})
	return err
}

// freeURL is an http URL on a loopback port free now.
func freeURL() (url.URL, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return url.URL{}, err
	}
	defer ln.Close()
	return url.URL{Scheme: "http", Host: ln.Addr().String()}, nil
}

// writeLeaderKey puts the leader's member name under Patroni's key, on a
// lease of TTL seconds, as Patroni does.
func (l *Lab) writeLeaderKey(ctx context.Context) error {
	l.mu.Lock()
	leader := l.leader
	l.mu.Unlock()
	key := "/service/" + Scope + "/leader"
	if leader == "" {
		_, err := l.etcdCli.Delete(ctx, key)
		return err
	}
	lease, err := l.etcdCli.Grant(ctx, TTL)
	if err != nil {
		return err
	}
	_, err = l.etcdCli.Put(ctx, key, leader, clientv3.WithLease(lease.ID))
	return err
}

// Close releases nothing: the lab runs on until Down.
func (l *Lab) Close() error { return nil }

// stop stops the servers and the etcd member.
func (l *Lab) stop() {
	for _, s := range l.rest {
		s.Close()
	}
	if l.stats != nil {
		l.stats.Close()
	}
	if l.etcdCli != nil {
		l.etcdCli.Close()
	}
	if l.etcd != nil {
		l.etcd.Close()
	}
}

// Actions are the actions Do applied, in order ("kill postgres1").
func (l *Lab) Actions() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.actions)
}

func (l *Lab) State() *labdir.State        { return l.st }
func (l *Lab) Topology() topology.Topology { return l.topo }

// Do stops, kills or starts a node. A leader that goes down hands over to
// the other running PostgreSQL node at once (a new timeline, the leader
// key rewritten); a node that starts again rejoins as a replica.
func (l *Lab) Do(ctx context.Context, node string, a runtime.Action) (time.Time, error) {
	if err := l.do(ctx, node, a); err != nil {
		return time.Time{}, err
	}
	if a == runtime.Stop || a == runtime.Kill {
		return time.Now(), nil // in memory, a fault is in effect as soon as it is made
	}
	return time.Time{}, nil
}

func (l *Lab) do(ctx context.Context, node string, a runtime.Action) error {
	if _, err := runtime.Node(l.topo, node); err != nil {
		return err
	}
	l.mu.Lock()
	switch a {
	case runtime.Stop, runtime.Kill:
		if _, isDown := l.down[node]; isDown {
			l.mu.Unlock()
			return fmt.Errorf("%s is already down", node)
		}
		l.down[node] = a
		if node == l.leader {
			l.leader = ""
			for _, n := range l.pg {
				if _, isDown := l.down[n]; !isDown {
					l.leader, l.timeline = n, l.timeline+1
					break
				}
			}
		}
	case runtime.Start:
		if _, isDown := l.down[node]; !isDown {
			l.mu.Unlock()
			return fmt.Errorf("%s is already running", node)
		}
		delete(l.down, node)
		if l.leader == "" && slices.Contains(l.pg, node) {
			l.leader = node
		}
	default:
		l.mu.Unlock()
		return fmt.Errorf("%s: the fake runtime has no %s (stop, kill, start)", node, a)
	}
	l.actions = append(l.actions, string(a)+" "+node)
	l.mu.Unlock()
	return l.writeLeaderKey(ctx)
}

// member is how /cluster shows a node now.
func (l *Lab) member(n string) patroni.Member {
	m := patroni.Member{Name: n, Host: n, Port: topology.PortPostgres, Role: "replica", State: "streaming", Timeline: l.timeline, Lag: 0.0}
	switch {
	case l.down[n] != "":
		m.State, m.Timeline, m.Lag = "stopped", 0, "unknown"
	case n == l.leader:
		m.Role, m.State, m.Lag = "leader", "running", nil
	}
	return m
}

// patroniAPI answers what pglab asks a node's Patroni: /cluster, /patroni
// (and /), /primary and /config.
func (l *Lab) patroniAPI(node string) http.Handler {
	mux := http.NewServeMux()
	answer := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	mux.HandleFunc("GET /cluster", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		defer l.mu.Unlock()
		var c patroni.Cluster
		for _, n := range l.pg {
			c.Members = append(c.Members, l.member(n))
		}
		answer(w, c)
	})
	self := func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		defer l.mu.Unlock()
		m := l.member(node)
		var st patroni.Node
		st.State, st.Role, st.Timeline = m.State, m.Role, m.Timeline
		st.Patroni.Scope, st.Patroni.Version = Scope, "fake"
		if m.Role == "leader" {
			st.Role = "master"
			for _, n := range l.pg {
				if n != node && l.down[n] == "" {
					st.Replication = append(st.Replication, patroni.Replication{ApplicationName: n, State: "streaming", SyncState: "async"})
				}
			}
		}
		answer(w, st)
	}
	mux.HandleFunc("GET /patroni", self)
	mux.HandleFunc("GET /{$}", self)
	mux.HandleFunc("GET /primary", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		leads := l.leader == node
		l.mu.Unlock()
		if !leads {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		io.WriteString(w, "{}")
	})
	mux.HandleFunc("GET /config", func(w http.ResponseWriter, r *http.Request) {
		answer(w, map[string]any{"ttl": TTL, "loop_wait": 2, "retry_timeout": 4, "failsafe_mode": true, "synchronous_mode": false})
	})
	return mux
}

// statsCSV is HAProxy's stats page: the leader UP, every other node DOWN.
func (l *Lab) statsCSV(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	b.WriteString("# pxname,svname,status\npostgres,FRONTEND,OPEN\n")
	for _, n := range l.pg {
		status := "DOWN"
		if n == l.leader {
			status = "UP"
		}
		fmt.Fprintf(&b, "postgres,%s,%s\n", n, status)
	}
	b.WriteString("postgres,BACKEND,UP\n")
	io.WriteString(w, b.String())
}

// Addr is where the in-process servers listen; "" for a node that is down.
func (l *Lab) Addr(_ context.Context, node string, port int) string {
	l.mu.Lock()
	isDown := l.down[node] != ""
	l.mu.Unlock()
	if isDown {
		return ""
	}
	switch {
	case port == topology.PortPatroni && l.rest[node] != nil:
		return strings.TrimPrefix(l.rest[node].URL, "http://")
	case port == topology.PortStats && node == l.ha:
		return strings.TrimPrefix(l.stats.URL, "http://")
	case port == topology.PortEtcdClient && node == "etcd1":
		return l.etcd.Clients[0].Addr().String()
	}
	return ""
}

// Inside is the node's service name: there is no network to look from.
func (l *Lab) Inside(node string, port int) string {
	return net.JoinHostPort(node, strconv.Itoa(port))
}

// SQLAddr is what a node's PostgreSQL would report: none runs.
func (l *Lab) SQLAddr(_ context.Context, node string) (string, int) {
	return "127.0.0.1", topology.PortPostgres
}

// Member is the node's name: the fake's members are named after their nodes.
func (l *Lab) Member(_ context.Context, node string) string { return node }

// NodeOf is the node a member's host names.
func (l *Lab) NodeOf(m patroni.Member) string { return m.Host }

// BalancerConfig is a haproxy.cfg with the fast timing's checks.
func (l *Lab) BalancerConfig() string { return filepath.Join(l.st.Dir, "haproxy.cfg") }

// Timing is the fast profile's.
func (l *Lab) Timing() string { return l.st.Timing }

// Status is the nodes as /cluster and the stats page show them.
func (l *Lab) Status(ctx context.Context) (runtime.LabStatus, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ls := runtime.LabStatus{Name: l.st.Name, Runtime: Name, Phase: "ready"}
	for _, n := range l.topo.Nodes {
		s := runtime.NodeStatus{Name: n.Name, Kind: string(n.Kind), State: "running"}
		if a := l.down[n.Name]; a != "" {
			s.State = map[runtime.Action]string{runtime.Stop: "stopped", runtime.Kill: "killed"}[a]
		}
		if n.Kind == topology.Postgres {
			m := l.member(n.Name)
			s.Role, s.Timeline = m.Role, m.Timeline
		}
		ls.Nodes = append(ls.Nodes, s)
	}
	return ls, nil
}

// Logs has nothing to show: no program runs.
func (l *Lab) Logs(ctx context.Context, node string, follow bool, w io.Writer) error {
	if _, err := runtime.Node(l.topo, node); err != nil {
		return err
	}
	return nil
}

// Exec has no container to run in.
func (l *Lab) Exec(ctx context.Context, node, user string, env []string, argv ...string) (string, int, error) {
	return "", -1, runtime.Refuse(runtime.ErrNoExec, "the fake runtime runs no program")
}

// Versions says what the fake is.
func (l *Lab) Versions(ctx context.Context) []runtime.Version {
	return []runtime.Version{{Component: "runtime", Version: "fake: Patroni's REST API and HAProxy's stats page from memory, one etcd member in-process"}}
}

// Down stops the lab's servers and, unless keepData, removes its directory.
func (l *Lab) Down(ctx context.Context, keepData bool) error {
	l.stop()
	if l.gone != nil {
		l.gone(l.st.Name)
	}
	if keepData {
		return nil
	}
	return os.RemoveAll(l.st.Dir)
}

// Steps are Go calls: faults call Do, other steps say there is nothing to run.
func (l *Lab) Steps(pglab string) runtime.Steps { return steps{l} }

type steps struct{ l *Lab }

func (s steps) Tool(tool, node string, args []string) (runtime.Command, error) {
	return runtime.Command{}, fmt.Errorf("the fake runtime has no tool %q", tool)
}

func (s steps) SQL(node, sql string) (runtime.Command, error) {
	return runtime.Command{}, fmt.Errorf("the fake runtime has no PostgreSQL to run %q on", sql)
}

func (s steps) Fault(a runtime.Action, node string) (runtime.Command, error) {
	if _, err := runtime.Node(s.l.topo, node); err != nil {
		return runtime.Command{}, err
	}
	return runtime.Command{
		Display: runtime.Quote([]string{"pglab", "--name", s.l.st.Name, string(a), node}),
		Call: func(ctx context.Context) (string, int) {
			if _, err := s.l.Do(ctx, node, a); err != nil {
				return err.Error() + "\n", 1
			}
			return fmt.Sprintf("%s %s: done\n", a, node), 0
		},
	}, nil
}

// Runtime boots fake labs in this process and finds them again by name:
// their state is saved in labdir like any lab's, the labs themselves
// live in the Runtime.
type Runtime struct {
	mu   sync.Mutex
	labs map[string]*Lab
}

var _ runtime.Runtime = (*Runtime)(nil)

// NewRuntime is a runtime with no lab yet.
func NewRuntime() *Runtime { return &Runtime{labs: map[string]*Lab{}} }

func (r *Runtime) Name() string                  { return Name }
func (r *Runtime) About() string                 { return "a lab in memory, for tests" }
func (r *Runtime) Check(o runtime.Options) error { return nil }

// Up starts a fake lab in labdir.Dir(o.Name) and records its state.
func (r *Runtime) Up(ctx context.Context, o runtime.Options, out io.Writer) (runtime.Lab, error) {
	if err := labdir.CheckName(o.Name); err != nil {
		return nil, err
	}
	dir := labdir.Dir(o.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	l, err := Start(ctx, o.Name, dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := l.st.Save(); err != nil {
		l.Down(ctx, false)
		return nil, err
	}
	l.gone = func(name string) {
		r.mu.Lock()
		delete(r.labs, name)
		r.mu.Unlock()
	}
	r.mu.Lock()
	r.labs[o.Name] = l
	r.mu.Unlock()
	fmt.Fprintf(out, "fake lab %s is up\n", o.Name)
	return l, nil
}

// Host is Up until ctx ends, then Down.
func (r *Runtime) Host(ctx context.Context, o runtime.Options, out io.Writer, ready func(runtime.Lab)) error {
	l, err := r.Up(ctx, o, out)
	if err != nil {
		return err
	}
	ready(l)
	<-ctx.Done()
	return l.Down(context.WithoutCancel(ctx), false)
}

// Connect finds a lab this runtime booted.
func (r *Runtime) Connect(st *labdir.State) (runtime.Lab, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	l, ok := r.labs[st.Name]
	if !ok {
		return nil, fmt.Errorf("lab %q: not running in this process", st.Name)
	}
	return l, nil
}

// Remove removes what is left of a lab's directory.
func (r *Runtime) Remove(ctx context.Context, name string, keepData bool) error {
	if keepData {
		return nil
	}
	return os.RemoveAll(labdir.Dir(name))
}

// Exists says whether this runtime still holds a lab of that name.
func (r *Runtime) Exists(ctx context.Context, name string) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.labs[name]
	return ok, nil
}

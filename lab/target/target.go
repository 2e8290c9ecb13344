// Package target is a lab as the scenario engine and the failover sampler
// drive it, on every runtime: the observation of the cluster, the sync
// state, the versions and timing, the measurement endpoints and the
// leader key are all computed here, once, from the lab's address book
// (runtime.Lab). A runtime contributes only what differs: its addresses,
// how a person types a command on it, and how its components are asked
// for their versions.
package target

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/topology"
)

// Lab is a runtime.Lab as scenario.Runtime and measure.Target.
type Lab struct {
	lab   runtime.Lab
	steps runtime.Steps

	etcd measure.EtcdLeader      // the sampler's etcd client, made on first use
	zoo  measure.ZooKeeperLeader // or its ZooKeeper client, for the HA lab
}

var (
	_ scenario.Runtime = (*Lab)(nil)
	_ measure.Target   = (*Lab)(nil)
)

// New drives l; pglab is the binary that runs `pglab` steps.
func New(l runtime.Lab, pglab string) *Lab {
	return &Lab{lab: l, steps: l.Steps(pglab)}
}

// Close releases the sampler's DCS clients and the lab connection.
func (t *Lab) Close() error {
	t.etcd.Close()
	t.zoo.Close()
	return t.lab.Close()
}

// Runtime is the lab underneath.
func (t *Lab) Runtime() runtime.Lab { return t.lab }

// Name is the runtime's name, for the report.
func (t *Lab) Name() string { return t.lab.State().Runtime }

// Lab is the lab's name.
func (t *Lab) Lab() string { return t.lab.State().Name }

// Secrets are the lab's passwords.
func (t *Lab) Secrets() []string { return t.lab.State().Secrets.Values() }

func (t *Lab) firstOf(k topology.Kind) string { return t.lab.Topology().Of(k)[0].Name }

func (t *Lab) pgNodes() []string {
	var out []string
	for _, n := range t.lab.Topology().Of(topology.Postgres) {
		out = append(out, n.Name)
	}
	return out
}

// Nodes lists the lab's nodes; a PostgreSQL node carries what
// inet_server_addr() and inet_server_port() report on it, asked now.
func (t *Lab) Nodes() []scenario.Node {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out := scenario.TopologyNodes(t.lab.Topology())
	b := runtime.BalancerOf(t.lab)
	for i, n := range out {
		if n.Kind == string(topology.Postgres) {
			out[i].Addr, out[i].Port = t.lab.SQLAddr(ctx, n.Name)
			out[i].Member = t.lab.Member(ctx, n.Name)
			out[i].Server = serverRow(b, n.Name)
		}
	}
	return out
}

// serverRow is a node's row in the balancer's stats, proxy,server, when
// its layout names them ("" is pglab's own: postgres,NODE).
func serverRow(b runtime.Balancer, node string) string {
	if b.Proxy == "" {
		return ""
	}
	for server, n := range b.Servers {
		if n == node {
			return b.Proxy + "," + server
		}
	}
	return b.Proxy + "," + node
}

// Tool, SQL and Fault are the runtime's own commands.
func (t *Lab) Tool(tool, node string, args []string) (scenario.Command, error) {
	return t.steps.Tool(tool, node, args)
}

// SQL runs one statement on a node or through the balancer.
func (t *Lab) SQL(node, sql string) (scenario.Command, error) { return t.steps.SQL(node, sql) }

// Fault stops, kills, starts, pauses or resumes a node.
func (t *Lab) Fault(k scenario.Kind, node string) (scenario.Command, error) {
	return t.steps.Fault(runtime.Action(k), node)
}

// Probe looks at the lab through its address book.
func (t *Lab) Probe() probe.Lab {
	b := runtime.BalancerOf(t.lab)
	return probe.Lab{
		Nodes: t.pgNodes(),
		REST: func(ctx context.Context, node string) string {
			return t.lab.Addr(ctx, node, topology.PortPatroni)
		},
		Stats: func(ctx context.Context) string {
			return probe.StatsPage(t.lab.Addr(ctx, t.firstOf(topology.HAProxy), b.StatsPort), b.StatsURI)
		},
		NodeOf:     t.lab.NodeOf,
		Proxy:      b.Proxy,
		ServerNode: b.Servers,
	}
}

// Observe asks Patroni's REST APIs and HAProxy's stats page.
func (t *Lab) Observe(ctx context.Context) (scenario.Observation, error) {
	return t.Probe().Observe(ctx), nil
}

// SyncState is the replica's sync_state in pg_stat_replication: "sync"
// when the cluster runs synchronous_mode, else "async".
func (t *Lab) SyncState() string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return t.Probe().SyncState(ctx)
}

// Versions are the runtime's components and the timing in force.
func (t *Lab) Versions(ctx context.Context) []scenario.Version {
	vs := t.lab.Versions(ctx)
	if s := t.timingLine(ctx); s != "" {
		vs = append(vs, scenario.Version{Component: "timing", Version: s})
	}
	return vs
}

var checkRE = regexp.MustCompile(`\b(inter|fall|rise)\s+\S+`)

// timingLine is the Patroni timing in force (GET /config) and HAProxy's
// check settings from its config file.
func (t *Lab) timingLine(ctx context.Context) string {
	var cfg patroni.Config
	for _, n := range t.pgNodes() {
		if a := t.lab.Addr(ctx, n, topology.PortPatroni); a != "" {
			if c, err := patroni.GetConfig(ctx, a); err == nil {
				cfg = c
				break
			}
		}
	}
	if cfg.TTL == 0 {
		return ""
	}
	s := fmt.Sprintf("%s: Patroni ttl %d, loop_wait %d, retry_timeout %d", t.lab.Timing(), cfg.TTL, cfg.LoopWait, cfg.RetryTimeout)
	b, _ := os.ReadFile(t.lab.BalancerConfig())
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "default-server") {
			s += "; HAProxy " + strings.Join(checkRE.FindAllString(line, -1), " ")
		}
	}
	return s
}

// MeasureEndpoints are the lab's balancer and PostgreSQL/Patroni
// addresses as the host reaches them now: asked once, at load start, so a
// node whose restarted container came back on another address is then
// seen as down by the direct checks (Docker usually gives it the same).
func (t *Lab) MeasureEndpoints() measure.Endpoints {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st := t.lab.State()
	ep := measure.Endpoints{
		Balancer: t.lab.Addr(ctx, t.firstOf(topology.HAProxy), topology.PortPostgres),
		User:     "postgres", Password: st.Secrets.Superuser, Database: "postgres",
	}
	for _, n := range t.pgNodes() {
		ep.Nodes = append(ep.Nodes, measure.Node{
			Name:     n,
			Member:   t.lab.Member(ctx, n),
			Postgres: t.lab.Addr(ctx, n, topology.PortPostgres),
			REST:     t.lab.Addr(ctx, n, topology.PortPatroni),
		})
	}
	return ep
}

// DCSLeader reads the leader key from the lab's etcd members (and how
// long its lease has left) or its ZooKeeper server.
func (t *Lab) DCSLeader(ctx context.Context) (string, time.Duration, error) {
	kind, dcs := t.lab.Topology().DCS()
	if kind == topology.ZooKeeper {
		return t.zoo.Read(ctx, func() ([]string, string, error) {
			key, err := t.leaderKey(ctx)
			return []string{t.lab.Addr(ctx, dcs[0].Name, topology.PortZooKeeper)}, key, err
		})
	}
	return t.etcd.Read(ctx, func() ([]string, string, error) {
		var eps []string
		for _, n := range dcs {
			// The members up when the sampler starts; the client fails
			// over between them as they come and go.
			if a := t.lab.Addr(ctx, n.Name, topology.PortEtcdClient); a != "" {
				eps = append(eps, "http://"+a)
			}
		}
		key, err := t.leaderKey(ctx)
		return eps, key, err
	})
}

// leaderKey is Patroni's key of the leader, from the cluster's scope as a
// node's Patroni reports it (the exercises keep the default namespace).
func (t *Lab) leaderKey(ctx context.Context) (string, error) {
	for _, n := range t.pgNodes() {
		if a := t.lab.Addr(ctx, n, topology.PortPatroni); a != "" {
			if st, err := patroni.GetNode(ctx, a); err == nil && st.Patroni.Scope != "" {
				return measure.LeaderKey("", st.Patroni.Scope), nil
			}
		}
	}
	return "", fmt.Errorf("the leader key: no Patroni REST API says the cluster's scope")
}

// Balancer reads HAProxy's stats CSV: the write pool's servers, by node.
func (t *Lab) Balancer(ctx context.Context) (map[string]string, error) {
	return t.Probe().Balancer(ctx)
}

// NodeLog is the node's log so far (Patroni's and PostgreSQL's).
func (t *Lab) NodeLog(node string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var b strings.Builder
	err := t.lab.Logs(ctx, node, false, &b)
	return []byte(b.String()), err
}

// Timing reads Patroni's dynamic config (GET /config) and the balancer's
// default-server line.
func (t *Lab) Timing(ctx context.Context) (measure.Timing, error) {
	var rest []string
	for _, n := range t.pgNodes() {
		rest = append(rest, t.lab.Addr(ctx, n, topology.PortPatroni))
	}
	cfg, err := os.ReadFile(t.lab.BalancerConfig())
	if err != nil {
		return measure.Timing{Profile: t.lab.Timing()}, err
	}
	return measure.ReadTiming(ctx, t.lab.Timing(), rest, cfg)
}

package embedded

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	etcdversion "go.etcd.io/etcd/api/v3/version"
	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/topology"
)

// ScenarioRuntime runs scenarios against a running embedded lab: tools are
// the host's etcdctl, patronictl, psql, grep and curl pointed at the lab's
// loopback ports and files, and faults go through the pglab binary.
type ScenarioRuntime struct {
	c     *Client
	topo  topology.Topology
	pglab string // the pglab binary the fault and status commands run
}

// NewScenarioRuntime connects to a running lab. pglabPath is the pglab
// binary to run for `pglab stop|kill|start|status` steps.
func NewScenarioRuntime(ctx context.Context, name, pglabPath string) (*ScenarioRuntime, error) {
	c, err := Connect(name)
	if err != nil {
		return nil, err
	}
	if _, err := c.Status(ctx); err != nil {
		return nil, err
	}
	profile, err := exercise.ProfileByName(c.State.Profile)
	if err != nil {
		return nil, err
	}
	topo, err := runtime.LabTopology(profile)
	if err != nil {
		return nil, err
	}
	return &ScenarioRuntime{c: c, topo: topo, pglab: pglabPath}, nil
}

func (r *ScenarioRuntime) ports() Ports { return Ports(r.c.State.Ports) }

// Name is the runtime's name.
func (r *ScenarioRuntime) Name() string { return Name }

// Lab is the lab's name.
func (r *ScenarioRuntime) Lab() string { return r.c.State.Name }

// Nodes lists the lab's nodes; a PostgreSQL node's port is its loopback
// port, which is what inet_server_port() reports here.
func (r *ScenarioRuntime) Nodes() []scenario.Node {
	out := scenario.TopologyNodes(r.topo)
	for i, n := range out {
		if n.Kind == string(topology.Postgres) {
			out[i].Port = r.ports().Of(n.Name, topology.PortPostgres)
			out[i].Member = memberName(PatroniConfigPath(r.c.State, n.Name))
			out[i].Addr = loopback
		}
	}
	return out
}

// Secrets are the lab's passwords.
func (r *ScenarioRuntime) Secrets() []string { return r.c.State.Secrets.Values() }

func (r *ScenarioRuntime) kindOf(node string) (topology.Kind, error) {
	n, ok := r.topo.Node(node)
	if !ok {
		return "", fmt.Errorf("%w %q: the nodes are %v", ErrUnknownNode, node, r.topo.Names())
	}
	return n.Kind, nil
}

func (r *ScenarioRuntime) firstOf(k topology.Kind) string { return r.topo.Of(k)[0].Name }

// pglabCmd runs this lab's pglab with args; shown as `pglab --name LAB ...`.
func (r *ScenarioRuntime) pglabCmd(args ...string) scenario.Command {
	args = append([]string{"--name", r.Lab()}, args...)
	return scenario.Command{
		Argv:    append([]string{r.pglab}, args...),
		Display: scenario.Quote(append([]string{"pglab"}, args...)),
	}
}

// hostCmd runs a host program found on PATH, shown by its name.
func hostCmd(prog hostbin.Program, args ...string) scenario.Command {
	return scenario.Command{
		Argv:    append([]string{prog.Path}, args...),
		Display: scenario.Quote(append([]string{prog.Name}, args...)),
	}
}

// Tool builds a tool's command against this lab.
func (r *ScenarioRuntime) Tool(tool, node string, args []string) (scenario.Command, error) {
	switch tool {
	case "etcdctl":
		p, err := hostbin.Etcdctl()
		if err != nil {
			return scenario.Command{}, err
		}
		// Every member's client URL: etcdctl asks whichever answers, so
		// the command works with any one member stopped.
		var eps []string
		for _, n := range r.topo.Of(topology.Etcd) {
			eps = append(eps, httpURL(r.ports().Addr(n.Name, topology.PortEtcdClient)))
		}
		return hostCmd(p, append([]string{"--endpoints=" + strings.Join(eps, ",")}, args...)...), nil
	case "patronictl":
		p, err := hostbin.Patronictl()
		if err != nil {
			return scenario.Command{}, err
		}
		if node == "" {
			node = r.firstOf(topology.Postgres)
		}
		if k, err := r.kindOf(node); err != nil || k != topology.Postgres {
			return scenario.Command{}, fmt.Errorf("patronictl on %s: not a Patroni node", node)
		}
		return hostCmd(p, append([]string{"-c", PatroniConfigPath(r.c.State, node)}, args...)...), nil
	case "pglab":
		return r.pglabCmd(args...), nil
	case "grep-log":
		if _, err := r.kindOf(node); err != nil {
			return scenario.Command{}, err
		}
		p, err := hostbin.Look("grep", "grep")
		if err != nil {
			return scenario.Command{}, err
		}
		return hostCmd(p, append(args, filepath.Join(r.c.State.Dir, "logs", node+".log"))...), nil
	case "balancer-stats":
		return probe.StatsCommand(r.ports().Addr(r.firstOf(topology.HAProxy), topology.PortStats))
	case "processes":
		// Every Patroni and PostgreSQL process of the host: this runtime's
		// nodes are host processes, so there is no container to look into.
		p, err := hostbin.Look("ps", "procps")
		if err != nil {
			return scenario.Command{}, err
		}
		return hostCmd(p, "-o", "user,pid,args", "-C", "patroni,postgres"), nil
	case "tcp", "compose", "scratch":
		return scenario.Command{}, fmt.Errorf("%s is about containers: it needs the docker runtime", tool)
	}
	return scenario.Command{}, fmt.Errorf("the embedded runtime has no tool %q", tool)
}

// SQL builds the psql command for one statement on a node or through
// HAProxy; the password goes in the environment, never on the command line.
func (r *ScenarioRuntime) SQL(node, sql string) (scenario.Command, error) {
	k, err := r.kindOf(node)
	if err != nil {
		return scenario.Command{}, err
	}
	if k != topology.Postgres && k != topology.HAProxy {
		return scenario.Command{}, fmt.Errorf("sql on %s: it is a %s node, not PostgreSQL or HAProxy", node, k)
	}
	p, err := hostbin.Psql()
	if err != nil {
		return scenario.Command{}, err
	}
	c := hostCmd(p, "-h", loopback, "-p", strconv.Itoa(r.ports().Of(node, topology.PortPostgres)), "-U", "postgres", "-d", "postgres", "-c", sql)
	c.Env = []string{"PGPASSWORD=" + r.c.State.Secrets.Superuser, "PGCONNECT_TIMEOUT=5"}
	return c, nil
}

// Fault builds `pglab --name LAB stop|kill|start NODE`.
func (r *ScenarioRuntime) Fault(k scenario.Kind, node string) (scenario.Command, error) {
	if _, err := r.kindOf(node); err != nil {
		return scenario.Command{}, err
	}
	return r.pglabCmd(string(k), node), nil
}

// Observe asks Patroni's REST APIs and HAProxy's stats page.
func (r *ScenarioRuntime) Observe(ctx context.Context) (scenario.Observation, error) {
	return r.probe().Observe(ctx), nil
}

// probe looks at the lab through its loopback ports.
func (r *ScenarioRuntime) probe() probe.Lab {
	return probe.Lab{
		Nodes:  r.pgNodes(),
		REST:   func(_ context.Context, node string) string { return r.ports().Addr(node, topology.PortPatroni) },
		Stats:  func(context.Context) string { return r.ports().Addr(r.firstOf(topology.HAProxy), topology.PortStats) },
		NodeOf: func(m patroni.Member) string { return r.ports().NodeOf(m, r.pgNodes()) },
	}
}

// Versions reports what this lab runs: each program asked for its version.
func (r *ScenarioRuntime) Versions(ctx context.Context) []scenario.Version {
	ask := func(argv ...string) string {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, argv[0], argv[1:]...).CombinedOutput()
		line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		if err != nil && line == "" {
			return "unknown (" + err.Error() + ")"
		}
		return strings.TrimSpace(line)
	}
	st := r.c.State
	vs := []scenario.Version{
		{Component: "runtime", Version: "embedded: etcd members inside pglab, Patroni, PostgreSQL and HAProxy as host processes"},
		{Component: "PostgreSQL", Version: ask(filepath.Join(st.PGBin, "postgres"), "--version")},
		{Component: "Patroni", Version: ask("patroni", "--version")},
		{Component: "etcd", Version: etcdversion.Version + " (go.etcd.io/etcd/server, embedded in pglab)"},
		{Component: "HAProxy", Version: ask("haproxy", "-v")},
		{Component: "etcdctl", Version: ask("etcdctl", "version")},
		{Component: "psql", Version: ask("psql", "--version")},
	}
	if kind, dcs := r.topo.DCS(); kind == topology.ZooKeeper && len(dcs) > 0 {
		// The HA lab: ZooKeeper is the DCS, a server process from Debian's package.
		zk := "unknown"
		if f, err := probe.ZooKeeperSrvr(ctx, r.ports().Addr(dcs[0].Name, topology.PortZooKeeper)); err == nil {
			zk = f["Zookeeper version"]
		}
		vs[0].Version = "embedded: ZooKeeper, Patroni, PostgreSQL and HAProxy as host processes"
		vs[3] = scenario.Version{Component: "ZooKeeper", Version: zk + " (Debian's zookeeper package)"}
		vs = append(vs[:5], vs[6:]...) // no etcdctl: no etcd
	}
	if t := r.timing(ctx); t != "" {
		vs = append(vs, scenario.Version{Component: "timing", Version: t})
	}
	return vs
}

// timing reads the Patroni timing in force from the DCS (GET /config) and
// HAProxy's check settings from its config file.
func (r *ScenarioRuntime) timing(ctx context.Context) string {
	var cfg patroni.Config
	for _, n := range r.topo.Of(topology.Postgres) {
		if c, err := patroni.GetConfig(ctx, r.ports().Addr(n.Name, topology.PortPatroni)); err == nil {
			cfg = c
			break
		}
	}
	if cfg.TTL == 0 {
		return ""
	}
	s := fmt.Sprintf("%s: Patroni ttl %d, loop_wait %d, retry_timeout %d", r.c.State.Timing, cfg.TTL, cfg.LoopWait, cfg.RetryTimeout)
	b, _ := os.ReadFile(filepath.Join(r.c.State.Dir, r.firstOf(topology.HAProxy), "haproxy.cfg"))
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "default-server") {
			s += "; HAProxy " + strings.Join(interRE.FindAllString(line, -1), " ")
		}
	}
	return s
}

func (r *ScenarioRuntime) pgNodes() []string {
	var out []string
	for _, n := range r.topo.Of(topology.Postgres) {
		out = append(out, n.Name)
	}
	return out
}

// memberName reads the name a node's Patroni config gives it.
func memberName(configPath string) string {
	b, err := os.ReadFile(configPath)
	if err != nil {
		return ""
	}
	var cfg struct{ Name string }
	if yaml.Unmarshal(b, &cfg) != nil {
		return ""
	}
	return cfg.Name
}

// SyncState is the replica's sync_state in pg_stat_replication: "sync"
// when the cluster runs synchronous_mode, else "async".
func (r *ScenarioRuntime) SyncState() string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return r.probe().SyncState(ctx)
}

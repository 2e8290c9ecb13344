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

	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// steps builds a scenario's commands on an embedded lab: the host's
// etcdctl, patronictl, psql, grep and curl pointed at the lab's loopback
// ports and files; faults go through the pglab binary.
type steps struct {
	h     *handle
	pglab string // the pglab binary the fault and status commands run
}

func (s *steps) lab() string { return s.h.c.State.Name }

func (s *steps) kindOf(node string) (topology.Kind, error) {
	n, err := runtime.Node(s.h.topo, node)
	return n.Kind, err
}

func (s *steps) firstOf(k topology.Kind) string { return s.h.topo.Of(k)[0].Name }

// pglabCmd runs this lab's pglab with args; shown as `pglab --name LAB ...`.
func (s *steps) pglabCmd(args ...string) runtime.Command {
	args = append([]string{"--name", s.lab()}, args...)
	return runtime.Command{
		Argv:    append([]string{s.pglab}, args...),
		Display: runtime.Quote(append([]string{"pglab"}, args...)),
	}
}

// hostCmd runs a host program found on PATH, shown by its name.
func hostCmd(prog hostbin.Program, args ...string) runtime.Command {
	return runtime.Command{
		Argv:    append([]string{prog.Path}, args...),
		Display: runtime.Quote(append([]string{prog.Name}, args...)),
	}
}

// Tool builds a tool's command against this lab.
func (s *steps) Tool(tool, node string, args []string) (runtime.Command, error) {
	ports := s.h.ports()
	switch tool {
	case "etcdctl":
		p, err := hostbin.Etcdctl()
		if err != nil {
			return runtime.Command{}, err
		}
		// Every member's client URL: etcdctl asks whichever answers, so
		// the command works with any one member stopped.
		var eps []string
		for _, n := range s.h.topo.Of(topology.Etcd) {
			eps = append(eps, httpURL(ports.Addr(n.Name, topology.PortEtcdClient)))
		}
		return hostCmd(p, append([]string{"--endpoints=" + strings.Join(eps, ",")}, args...)...), nil
	case "patronictl":
		p, err := hostbin.Patronictl()
		if err != nil {
			return runtime.Command{}, err
		}
		if node == "" {
			node = s.firstOf(topology.Postgres)
		}
		if k, err := s.kindOf(node); err != nil || k != topology.Postgres {
			return runtime.Command{}, fmt.Errorf("patronictl on %s: not a Patroni node", node)
		}
		return hostCmd(p, append([]string{"-c", PatroniConfigPath(s.h.c.State, node)}, args...)...), nil
	case "pglab":
		return s.pglabCmd(args...), nil
	case "grep-log":
		if _, err := s.kindOf(node); err != nil {
			return runtime.Command{}, err
		}
		p, err := hostbin.Look("grep", "grep")
		if err != nil {
			return runtime.Command{}, err
		}
		return hostCmd(p, append(args, filepath.Join(s.h.c.State.Dir, "logs", node+".log"))...), nil
	case "balancer-stats":
		return probe.StatsCommand(ports.Addr(s.firstOf(topology.HAProxy), topology.PortStats))
	case "processes":
		// Every Patroni and PostgreSQL process of the host: this runtime's
		// nodes are host processes, so there is no container to look into.
		p, err := hostbin.Look("ps", "procps")
		if err != nil {
			return runtime.Command{}, err
		}
		return hostCmd(p, "-o", "user,pid,args", "-C", "patroni,postgres"), nil
	case "tcp", "compose", "scratch", "published":
		return runtime.Command{}, fmt.Errorf("%s is about containers: it needs the docker runtime", tool)
	}
	return runtime.Command{}, fmt.Errorf("the embedded runtime has no tool %q", tool)
}

// SQL builds the psql command for one statement on a node or through
// HAProxy; the password goes in the environment, never on the command line.
func (s *steps) SQL(node, sql string) (runtime.Command, error) {
	k, err := s.kindOf(node)
	if err != nil {
		return runtime.Command{}, err
	}
	if k != topology.Postgres && k != topology.HAProxy {
		return runtime.Command{}, fmt.Errorf("sql on %s: it is a %s node, not PostgreSQL or HAProxy", node, k)
	}
	p, err := hostbin.Psql()
	if err != nil {
		return runtime.Command{}, err
	}
	c := hostCmd(p, "-h", loopback, "-p", strconv.Itoa(s.h.ports().Of(node, topology.PortPostgres)), "-U", "postgres", "-d", "postgres", "-c", sql)
	c.Env = []string{"PGPASSWORD=" + s.h.c.State.Secrets.Superuser, "PGCONNECT_TIMEOUT=5"}
	return c, nil
}

// Fault builds `pglab --name LAB stop|kill|start NODE`.
func (s *steps) Fault(a runtime.Action, node string) (runtime.Command, error) {
	if _, err := s.kindOf(node); err != nil {
		return runtime.Command{}, err
	}
	return s.pglabCmd(string(a), node), nil
}

// Versions reports what this lab runs: each program asked for its version.
func (h *handle) Versions(ctx context.Context) []runtime.Version {
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
	st := h.c.State
	vs := []runtime.Version{
		{Component: "runtime", Version: "embedded: etcd members inside pglab, Patroni, PostgreSQL and HAProxy as host processes"},
		{Component: "PostgreSQL", Version: ask(filepath.Join(st.PGBin, "postgres"), "--version")},
		{Component: "Patroni", Version: ask("patroni", "--version")},
		{Component: "etcd", Version: etcdversion.Version + " (go.etcd.io/etcd/server, embedded in pglab)"},
		{Component: "HAProxy", Version: ask("haproxy", "-v")},
		{Component: "etcdctl", Version: ask("etcdctl", "version")},
		{Component: "psql", Version: ask("psql", "--version")},
	}
	if kind, dcs := h.topo.DCS(); kind == topology.ZooKeeper && len(dcs) > 0 {
		// The HA lab: ZooKeeper is the DCS, a server process from Debian's package.
		zk := "unknown"
		if f, err := probe.ZooKeeperSrvr(ctx, h.ports().Addr(dcs[0].Name, topology.PortZooKeeper)); err == nil {
			zk = f["Zookeeper version"]
		}
		vs[0].Version = "embedded: ZooKeeper, Patroni, PostgreSQL and HAProxy as host processes"
		vs[3] = runtime.Version{Component: "ZooKeeper", Version: zk + " (Debian's zookeeper package)"}
		vs = append(vs[:5], vs[6:]...) // no etcdctl: no etcd
	}
	return vs
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

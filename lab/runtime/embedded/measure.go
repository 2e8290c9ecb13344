package embedded

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/topology"
)

// The embedded runtime as a measure.Target: every address is a loopback
// port of this lab, the leader key is read from the lab's etcd members.

var _ measure.Target = (*ScenarioRuntime)(nil)

// MeasureEndpoints are the lab's HAProxy and PostgreSQL/Patroni addresses.
func (r *ScenarioRuntime) MeasureEndpoints() measure.Endpoints {
	ep := measure.Endpoints{
		Balancer: r.ports().Addr(r.firstOf(topology.HAProxy), topology.PortPostgres),
		User:     "postgres", Password: r.c.State.Secrets.Superuser, Database: "postgres",
	}
	for _, n := range r.topo.Of(topology.Postgres) {
		ep.Nodes = append(ep.Nodes, measure.Node{
			Name:     n.Name,
			Member:   memberName(PatroniConfigPath(r.c.State, n.Name)),
			Postgres: r.ports().Addr(n.Name, topology.PortPostgres),
			REST:     r.ports().Addr(n.Name, topology.PortPatroni),
		})
	}
	return ep
}

var (
	dcsClients sync.Map // lab dir -> *measure.EtcdLeader
	zkClients  sync.Map // lab dir -> *measure.ZooKeeperLeader
)

// DCSLeader reads the leader key from the lab's etcd members (and how
// long its lease has left) or its ZooKeeper server.
func (r *ScenarioRuntime) DCSLeader(ctx context.Context) (string, time.Duration, error) {
	if kind, zoo := r.topo.DCS(); kind == topology.ZooKeeper {
		v, _ := zkClients.LoadOrStore(r.c.State.Dir, &measure.ZooKeeperLeader{})
		return v.(*measure.ZooKeeperLeader).Read(ctx, func() ([]string, string, error) {
			key, err := r.leaderKey()
			return []string{r.ports().Addr(zoo[0].Name, topology.PortZooKeeper)}, key, err
		})
	}
	v, _ := dcsClients.LoadOrStore(r.c.State.Dir, &measure.EtcdLeader{})
	return v.(*measure.EtcdLeader).Read(ctx, func() ([]string, string, error) {
		var eps []string
		for _, n := range r.topo.Of(topology.Etcd) {
			eps = append(eps, httpURL(r.ports().Addr(n.Name, topology.PortEtcdClient)))
		}
		key, err := r.leaderKey()
		return eps, key, err
	})
}

// leaderKey is Patroni's etcd3 key of the leader, from the first node's
// derived config.
func (r *ScenarioRuntime) leaderKey() (string, error) {
	b, err := os.ReadFile(PatroniConfigPath(r.c.State, r.firstOf(topology.Postgres)))
	if err != nil {
		return "", fmt.Errorf("the leader key: %w", err)
	}
	var cfg struct {
		Scope     string `yaml:"scope"`
		Namespace string `yaml:"namespace"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		return "", fmt.Errorf("the leader key: %w", err)
	}
	return measure.LeaderKey(cfg.Namespace, cfg.Scope), nil
}

// Balancer reads HAProxy's stats CSV.
func (r *ScenarioRuntime) Balancer(ctx context.Context) (map[string]string, error) {
	return probe.HAProxyServers(ctx, r.ports().Addr(r.firstOf(topology.HAProxy), topology.PortStats))
}

// NodeLog is the node's log file in the lab directory.
func (r *ScenarioRuntime) NodeLog(node string) ([]byte, error) {
	return os.ReadFile(filepath.Join(r.c.State.Dir, "logs", node+".log"))
}

// Timing reads Patroni's dynamic config (GET /config) and HAProxy's
// default-server line.
func (r *ScenarioRuntime) Timing(ctx context.Context) (measure.Timing, error) {
	var rest []string
	for _, n := range r.topo.Of(topology.Postgres) {
		rest = append(rest, r.ports().Addr(n.Name, topology.PortPatroni))
	}
	b, err := os.ReadFile(filepath.Join(r.c.State.Dir, r.firstOf(topology.HAProxy), "haproxy.cfg"))
	if err != nil {
		return measure.Timing{Profile: r.c.State.Timing}, err
	}
	return measure.ReadTiming(ctx, r.c.State.Timing, rest, b)
}

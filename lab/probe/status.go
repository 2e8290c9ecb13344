package probe

import (
	"context"
	"fmt"
	"strconv"

	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// Process is what a runtime knows of one node's process or container.
type Process struct {
	// State is the process's state in the runtime's words (running,
	// stopped, killed, partitioned...); "running" lets the node's own
	// programs be asked.
	State string
	// Note is added to the state in parentheses (an exit error,
	// "unhealthy").
	Note string
}

// Status is `pglab status` on every runtime: each node's process state
// from the runtime, its role from Patroni (the Observation the scenario
// conditions use), etcd or ZooKeeper, HAProxy's view of each PostgreSQL
// node, and the addresses from the lab's book ("-" where a node cannot be
// reached now).
func Status(ctx context.Context, l runtime.AddressBook, topo topology.Topology, procs map[string]Process) []runtime.NodeStatus {
	addr := func(node string, port int) string {
		if a := l.Addr(ctx, node, port); a != "" {
			return a
		}
		return "-"
	}
	running := func(node string) bool { return procs[node].State == "running" }
	// The cluster as the scenario conditions see it, asked only of the
	// nodes whose process runs: a frozen one would hold the answer up.
	var balancer string
	if ha := topo.Of(topology.HAProxy); len(ha) > 0 {
		balancer = ha[0].Name
	}
	b := runtime.BalancerOf(l)
	o := Lab{
		Nodes: pgNodes(topo),
		REST: func(ctx context.Context, node string) string {
			if !running(node) {
				return ""
			}
			return l.Addr(ctx, node, topology.PortPatroni)
		},
		Stats: func(ctx context.Context) string {
			if !running(balancer) {
				return ""
			}
			return StatsPage(l.Addr(ctx, balancer, b.StatsPort), b.StatsURI)
		},
		NodeOf:     l.NodeOf,
		Proxy:      b.Proxy,
		ServerNode: b.Servers,
	}.Observe(ctx)
	var out []runtime.NodeStatus
	for _, n := range topo.Nodes {
		s := runtime.NodeStatus{Name: n.Name, Kind: string(n.Kind), State: procs[n.Name].State}
		switch n.Kind {
		case topology.Etcd:
			s.Address = addr(n.Name, topology.PortEtcdClient)
			s.Extra = "peer " + addr(n.Name, topology.PortEtcdPeer)
			if running(n.Name) {
				s.Role = runtime.EtcdRole(ctx, s.Address)
			}
		case topology.ZooKeeper:
			s.Address = addr(n.Name, topology.PortZooKeeper)
			if running(n.Name) {
				s.Role = ZooKeeperMode(ctx, s.Address)
			}
		case topology.Postgres:
			s.Address = addr(n.Name, topology.PortPostgres)
			s.Extra = "rest " + addr(n.Name, topology.PortPatroni)
			fromObservation(&s, o)
		case topology.HAProxy:
			s.Role = "balancer"
			s.Address = addr(n.Name, topology.PortPostgres)
			s.Extra = "stats http://" + StatsPage(addr(n.Name, b.StatsPort), b.StatsURI)
		}
		if note := procs[n.Name].Note; note != "" {
			s.State += " (" + note + ")"
		}
		out = append(out, s)
	}
	return out
}

func pgNodes(topo topology.Topology) []string {
	var out []string
	for _, n := range topo.Of(topology.Postgres) {
		out = append(out, n.Name)
	}
	return out
}

// fromObservation fills a PostgreSQL node's row from Patroni's view of the
// cluster and HAProxy's server states. A running process shows Patroni's
// state (running, streaming...) instead.
func fromObservation(s *runtime.NodeStatus, o Observation) {
	for _, m := range o.Members {
		if m.Name != s.Name {
			continue
		}
		s.Role, s.Timeline = m.Role, m.Timeline
		if s.State == "running" {
			s.State = m.State
		}
		if m.Lag != nil && m.Role != "leader" {
			s.Lag = lagString(m.Lag)
		}
	}
	if hs, ok := o.Balancer[s.Name]; ok {
		s.Extra += ", haproxy " + hs
	}
}

// lagString shows Patroni's lag: bytes as a whole number (JSON gives a
// float64, which fmt would print as 1.125128e+06), or its word ("unknown").
func lagString(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

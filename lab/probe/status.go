package probe

import (
	"context"

	"github.com/pglab/pglab/lab/patroni"
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
// from the runtime, its role from Patroni, etcd or ZooKeeper, HAProxy's
// view of each PostgreSQL node, and the addresses from the lab's book
// ("-" where a node cannot be reached now).
func Status(ctx context.Context, l runtime.AddressBook, topo topology.Topology, procs map[string]Process) []runtime.NodeStatus {
	addr := func(node string, port int) string {
		if a := l.Addr(ctx, node, port); a != "" {
			return a
		}
		return "-"
	}
	running := func(node string) bool { return procs[node].State == "running" }
	var cluster patroni.Cluster
	for _, n := range topo.Of(topology.Postgres) {
		if a := l.Addr(ctx, n.Name, topology.PortPatroni); a != "" && running(n.Name) {
			if c, err := patroni.GetCluster(ctx, a); err == nil {
				cluster = c
				break
			}
		}
	}
	var haproxy map[string]string
	for _, n := range topo.Of(topology.HAProxy) {
		if running(n.Name) {
			haproxy, _ = HAProxyServers(ctx, l.Addr(ctx, n.Name, topology.PortStats))
		}
	}
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
			s.FromPatroni(cluster, func(m patroni.Member) bool { return l.NodeOf(m) == n.Name }, haproxy)
		case topology.HAProxy:
			s.Role = "balancer"
			s.Address = addr(n.Name, topology.PortPostgres)
			s.Extra = "stats http://" + addr(n.Name, topology.PortStats) + "/"
		}
		if note := procs[n.Name].Note; note != "" {
			s.State += " (" + note + ")"
		}
		out = append(out, s)
	}
	return out
}

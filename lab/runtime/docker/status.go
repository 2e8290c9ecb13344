package docker

import (
	"context"
	"fmt"

	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// LabStatus and NodeStatus are every runtime's (lab/runtime).
type (
	LabStatus  = runtime.LabStatus
	NodeStatus = runtime.NodeStatus
)

// containerState names a node's state as a person reading `docker ps`
// would: killed (exit 137), stopped (a clean exit), partitioned (running
// but off the lab's network).
func (st nodeState) containerState() string {
	switch st.status {
	case "running":
		if st.ip == "" {
			return "partitioned"
		}
		return "running"
	case "exited":
		switch st.exitCode {
		case 137:
			return "killed"
		case 0, 143:
			return "stopped"
		}
		return fmt.Sprintf("exited (%d)", st.exitCode)
	}
	return st.status
}

// LabStatus gathers the engine's view of each container, Patroni's view
// of the cluster, etcd's member roles and HAProxy's server states.
func (c *Client) LabStatus(ctx context.Context) (LabStatus, error) {
	ls := LabStatus{Name: c.State.Name, Runtime: Name}
	states := map[string]nodeState{}
	running := 0
	for _, n := range c.Topo.Nodes {
		st, err := c.inspect(ctx, n.Name)
		if err != nil {
			st = nodeState{status: "missing"}
		}
		states[n.Name] = st
		if st.status == "running" {
			running++
		}
	}
	switch running {
	case len(c.Topo.Nodes):
		ls.Phase = "running"
	case 0:
		ls.Phase = "stopped"
	default:
		ls.Phase = fmt.Sprintf("%d/%d containers running", running, len(c.Topo.Nodes))
	}

	var cluster patroni.Cluster
	for _, n := range c.pgNodes() {
		if a := c.restAddr(ctx, n); a != "" {
			if cl, err := patroni.GetCluster(ctx, a); err == nil {
				cluster = cl
				break
			}
		}
	}
	var haproxy map[string]string
	ha := c.Topo.Of(topology.HAProxy)[0].Name
	if states[ha].status == "running" {
		haproxy, _ = probe.HAProxyServers(ctx, c.Addr(ctx, ha, topology.PortStats))
	}
	ip := func(n string, port int) string {
		if a := c.Addr(ctx, n, port); a != "" {
			return a
		}
		return "-"
	}
	for _, n := range c.Topo.Nodes {
		st := states[n.Name]
		s := NodeStatus{Name: n.Name, Kind: string(n.Kind), State: st.containerState()}
		switch n.Kind {
		case topology.Etcd:
			s.Address = ip(n.Name, topology.PortEtcdClient)
			s.Extra = "peer " + ip(n.Name, topology.PortEtcdPeer)
			if s.State == "running" {
				s.Role = runtime.EtcdRole(ctx, s.Address)
			}
		case topology.ZooKeeper:
			s.Address = ip(n.Name, topology.PortZooKeeper)
			if s.State == "running" {
				s.Role = probe.ZooKeeperMode(ctx, s.Address)
			}
		case topology.Postgres:
			s.Address = ip(n.Name, topology.PortPostgres)
			s.Extra = "rest " + ip(n.Name, topology.PortPatroni)
			// A member runs on the node its connect_address names (the HA
			// lab's postgresql0 on pg-master).
			s.FromPatroni(cluster, func(m patroni.Member) bool { return nodeOfMember(m, c.pgNodes()) == n.Name }, haproxy)
		case topology.HAProxy:
			s.Role = "balancer"
			s.Address = ip(n.Name, topology.PortPostgres)
			s.Extra = "stats http://" + ip(n.Name, topology.PortStats) + "/"
		}
		if st.status == "running" && st.health == "unhealthy" {
			s.State += " (unhealthy)"
		}
		ls.Nodes = append(ls.Nodes, s)
	}
	return ls, nil
}

package embedded

import (
	"context"

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

// Status gathers the supervisor's process view, Patroni's cluster view,
// etcd's member roles and HAProxy's server states.
func (c *Client) LabStatus(ctx context.Context) (LabStatus, error) {
	snap, err := c.Status(ctx)
	if err != nil {
		return LabStatus{}, err
	}
	ports := Ports(c.State.Ports)
	ls := LabStatus{Name: c.State.Name, Runtime: c.State.Runtime, Phase: snap.Phase, PID: snap.PID}

	var pgNodes []string
	for _, n := range snap.Nodes {
		if n.Kind == string(topology.Postgres) {
			pgNodes = append(pgNodes, n.Name)
		}
	}
	var cluster patroni.Cluster
	var haproxy map[string]string
	for _, n := range snap.Nodes {
		if n.Kind == string(topology.Postgres) && n.State == "running" && len(cluster.Members) == 0 {
			cluster, _ = patroni.GetCluster(ctx, ports.Addr(n.Name, topology.PortPatroni))
		}
		if n.Kind == string(topology.HAProxy) && n.State == "running" {
			haproxy, _ = probe.HAProxyServers(ctx, ports.Addr(n.Name, topology.PortStats))
		}
	}
	for _, n := range snap.Nodes {
		s := NodeStatus{Name: n.Name, Kind: n.Kind, State: n.State}
		switch topology.Kind(n.Kind) {
		case topology.Etcd:
			s.Address = ports.Addr(n.Name, topology.PortEtcdClient)
			s.Extra = "peer " + ports.Addr(n.Name, topology.PortEtcdPeer)
			if n.State == "running" {
				s.Role = runtime.EtcdRole(ctx, s.Address)
			}
		case topology.ZooKeeper:
			s.Address = ports.Addr(n.Name, topology.PortZooKeeper)
			if n.State == "running" {
				s.Role = probe.ZooKeeperMode(ctx, s.Address)
			}
		case topology.Postgres:
			s.Address = ports.Addr(n.Name, topology.PortPostgres)
			s.Extra = "rest " + ports.Addr(n.Name, topology.PortPatroni)
			s.FromPatroni(cluster, func(m patroni.Member) bool { return ports.NodeOf(m, pgNodes) == n.Name }, haproxy)
		case topology.HAProxy:
			s.Role = "balancer"
			s.Address = ports.Addr(n.Name, topology.PortPostgres)
			s.Extra = "stats http://" + ports.Addr(n.Name, topology.PortStats) + "/"
		}
		if n.Error != "" {
			s.State += " (" + n.Error + ")"
		}
		ls.Nodes = append(ls.Nodes, s)
	}
	return ls, nil
}

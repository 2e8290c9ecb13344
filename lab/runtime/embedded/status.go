package embedded

import (
	"context"
	"fmt"
	"strconv"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/topology"
)

// NodeStatus is one row of `pglab status`.
type NodeStatus struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Role     string `json:"role"`  // leader/replica, etcd leader/follower, balancer
	State    string `json:"state"` // process state, then Patroni's or HAProxy's view
	Timeline int    `json:"timeline,omitempty"`
	Lag      string `json:"lag,omitempty"`
	Address  string `json:"address"`
	Extra    string `json:"extra,omitempty"` // REST API, peer or stats address
}

// FromPatroni fills a PostgreSQL node's row from Patroni's view of the
// cluster (mine picks the node's member) and HAProxy's server states. A
// running process shows Patroni's state (running, streaming...) instead.
func (s *NodeStatus) FromPatroni(c patroni.Cluster, mine func(patroni.Member) bool, haproxy map[string]string) {
	for _, m := range c.Members {
		if !mine(m) {
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
	if hs, ok := haproxy[s.Name]; ok {
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

// LabStatus is the whole `pglab status` answer.
type LabStatus struct {
	Name    string       `json:"name"`
	Runtime string       `json:"runtime"`
	Phase   string       `json:"phase"`
	PID     int          `json:"pid"`
	Nodes   []NodeStatus `json:"nodes"`
}

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
				s.Role = EtcdRole(ctx, s.Address)
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

// EtcdRole asks one etcd member (host:port) whether it leads: "leader",
// "follower" or "unreachable". Both runtimes show it in status.
func EtcdRole(ctx context.Context, addr string) string {
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{"http://" + addr}, DialTimeout: time.Second, Logger: zap.NewNop()})
	if err != nil {
		return "?"
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	st, err := cli.Status(ctx, "http://"+addr)
	if err != nil {
		return "unreachable"
	}
	if st.Leader == st.Header.MemberId {
		return "leader"
	}
	return "follower"
}

package ui

import (
	"strings"
	"time"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/topology"
)

// View is the lab as one page draws it, from one sample.
type View struct {
	Lab     string `json:"lab"`
	Runtime string `json:"runtime"`
	Profile string `json:"profile"`
	// At is when the sampler asked (ms since the epoch, the page's clock).
	At int64 `json:"at"`
	// DCSAt is when the DCS answered: the sampler saw the leader key then.
	DCSAt int64   `json:"dcs_at"`
	DCS   DCSView `json:"dcs"`
	// Nodes are the PostgreSQL nodes, in the topology's order.
	Nodes    []NodeState  `json:"nodes"`
	Balancer BalancerView `json:"balancer"`
	// Streams are the streaming replications, leader to replica.
	Streams []Stream `json:"streams"`
}

// DCSView is the DCS and Patroni's leader key in it.
type DCSView struct {
	Kind    string      `json:"kind"` // etcd or zookeeper
	Members []DCSMember `json:"members"`
	Leader  string      `json:"leader"`   // the node the leader key names, "" for none
	LeaseMS int64       `json:"lease_ms"` // the key's lease left; 0 unknown (ZooKeeper)
	Error   bool        `json:"error"`    // the key could not be read
}

// DCSMember is one DCS node, up when its client port answers.
type DCSMember struct {
	Name string `json:"name"`
	Up   bool   `json:"up"`
}

// NodeState is one PostgreSQL node.
type NodeState struct {
	Name      string `json:"name"`
	Role      string `json:"role"`  // Patroni's: primary/leader, replica... "" when its REST API is silent
	State     string `json:"state"` // running, streaming, stopped...
	Timeline  int    `json:"timeline,omitempty"`
	Lag       int64  `json:"lag"` // bytes; -1 unknown
	Primary   bool   `json:"primary"`
	Writable  bool   `json:"writable"`
	Reachable bool   `json:"reachable"` // Patroni's REST API answered
}

// BalancerView is HAProxy and its servers.
type BalancerView struct {
	Name    string       `json:"name"`
	Error   bool         `json:"error"` // its stats page did not answer
	Servers []ServerView `json:"servers"`
}

// ServerView is one HAProxy server: UP servers receive connections.
type ServerView struct {
	Name   string `json:"name"`
	Node   string `json:"node"` // the PostgreSQL node it is, "" when none is named so
	Status string `json:"status"`
	Up     bool   `json:"up"`
}

// Stream is a streaming replication.
type Stream struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// detailKeep: a node's Patroni view older than this is not shown (its
// REST API stopped answering between detail rounds).
const detailKeep = 3 * time.Second

// seen is what a watcher remembers between samples: Patroni's view of each
// node comes only with every fifth sample.
type seen struct {
	detail map[string]measure.NodeView
	at     map[string]time.Time
}

// viewOf draws a sample on topo. dcsUp says which DCS members answer.
func viewOf(topo topology.Topology, smp measure.Sample, dcsUp map[string]bool, mem *seen) View {
	v := View{At: smp.At.UnixMilli(), DCSAt: smp.DCSAt.UnixMilli()}
	kind, dcs := topo.DCS()
	v.DCS = DCSView{Kind: string(kind), Leader: smp.DCSLeader, LeaseMS: smp.LeaseLeft.Milliseconds(), Error: smp.DCSError}
	for _, n := range dcs {
		v.DCS.Members = append(v.DCS.Members, DCSMember{Name: n.Name, Up: dcsUp[n.Name]})
	}
	if mem.detail == nil {
		mem.detail, mem.at = map[string]measure.NodeView{}, map[string]time.Time{}
	}
	if smp.Detail != nil {
		for _, n := range topo.Of(topology.Postgres) {
			if d, ok := smp.Detail[n.Name]; ok && d.Role != "" {
				mem.detail[n.Name], mem.at[n.Name] = d, smp.At
			} else {
				delete(mem.detail, n.Name)
			}
		}
	}
	for _, n := range topo.Of(topology.Postgres) {
		ns := NodeState{Name: n.Name, Primary: smp.Primary[n.Name], Writable: smp.Writable[n.Name], Lag: -1}
		if d, ok := mem.detail[n.Name]; ok && smp.At.Sub(mem.at[n.Name]) <= detailKeep {
			ns.Role, ns.State, ns.Timeline, ns.Reachable = d.Role, d.State, d.Timeline, true
			if d.Role != "" && !isPrimaryRole(d.Role) {
				ns.Lag = d.Lag
			} else {
				ns.Lag = 0
			}
			for _, to := range d.Streaming {
				v.Streams = append(v.Streams, Stream{From: n.Name, To: to})
			}
		}
		// /primary answers every round: a promotion shows at once, before
		// the next detail round.
		if ns.Primary {
			ns.Role, ns.Reachable = "primary", true
		} else if isPrimaryRole(ns.Role) {
			ns.Role = "" // no longer primary; what it is now, the next detail round says
		}
		v.Nodes = append(v.Nodes, ns)
	}
	if ha := topo.Of(topology.HAProxy); len(ha) > 0 {
		v.Balancer.Name = ha[0].Name
	}
	v.Balancer.Error = smp.Balancer == nil
	for _, n := range topo.Of(topology.Postgres) {
		if st, ok := smp.Balancer[n.Name]; ok {
			v.Balancer.Servers = append(v.Balancer.Servers, ServerView{Name: n.Name, Node: n.Name, Status: st, Up: strings.HasPrefix(st, "UP")})
		}
	}
	// Servers named otherwise than the nodes (someone else's haproxy.cfg).
	for _, name := range sortedKeys(smp.Balancer) {
		if _, ok := topo.Node(name); !ok {
			st := smp.Balancer[name]
			v.Balancer.Servers = append(v.Balancer.Servers, ServerView{Name: name, Status: st, Up: strings.HasPrefix(st, "UP")})
		}
	}
	return v
}

func isPrimaryRole(r string) bool { return r == "primary" || r == "master" || r == "leader" }

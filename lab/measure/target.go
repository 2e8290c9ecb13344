// Package measure measures a failover under load, the way CloudNativePG
// does: a writer (lab/load) records every transaction it sent and whether
// it was acknowledged, a sampler watches the DCS leader key, Patroni's
// REST API, PostgreSQL itself and the balancer every 100 ms, and the
// figures are computed afterwards from those records alone: write RTO,
// time until the leader key changed, until Patroni reports the new
// primary, until the balancer routes to it, acknowledged writes lost,
// rows present that were never acknowledged, the old primary's rejoin
// (and whether pg_rewind ran) and split-brain moments.
//
// A runtime takes part by implementing Target; nothing here knows which
// runtime runs the lab.
package measure

import (
	"context"
	"fmt"
	"time"
)

// Node is one PostgreSQL node's addresses, reachable from pglab.
type Node struct {
	Name     string
	Member   string // its Patroni member name, when it differs (the HA lab's postgresql0 on pg-master)
	Postgres string // host:port
	REST     string // host:port of Patroni's REST API
}

// Endpoints are the addresses a measurement needs.
type Endpoints struct {
	Balancer string // host:port clients connect to
	Nodes    []Node
	User     string
	Password string
	Database string
}

// NodeOf is the node a Patroni member name (from the leader key, or a
// replica's application_name) belongs to; the name itself when no node
// says it has that member (a member named after its node).
func (e Endpoints) NodeOf(member string) string {
	for _, n := range e.Nodes {
		if n.Member == member {
			return n.Name
		}
	}
	return member
}

// Node finds a node by name.
func (e Endpoints) Node(name string) (Node, bool) {
	for _, n := range e.Nodes {
		if n.Name == name {
			return n, true
		}
	}
	return Node{}, false
}

// Timing is what Patroni's and the balancer's timing rules are made of.
type Timing struct {
	Profile      string        `json:"profile,omitempty"`
	TTL          int           `json:"ttl"`
	LoopWait     int           `json:"loop_wait"`
	RetryTimeout int           `json:"retry_timeout"`
	Inter        time.Duration `json:"inter_ns"`
	DownInter    time.Duration `json:"downinter_ns,omitempty"` // checks of a DOWN server (the replica); 0: inter
	Fall         int           `json:"fall"`
	Rise         int           `json:"rise"`
	Failsafe     bool          `json:"failsafe_mode"`
	Synchronous  bool          `json:"synchronous_mode"`
}

func (t Timing) String() string {
	down := ""
	if t.DownInter != 0 {
		down = " downinter " + t.DownInter.String()
	}
	return fmt.Sprintf("%s: ttl %d, loop_wait %d, retry_timeout %d, HAProxy inter %s%s fall %d rise %d, failsafe_mode %v, synchronous_mode %v",
		t.Profile, t.TTL, t.LoopWait, t.RetryTimeout, t.Inter, down, t.Fall, t.Rise, t.Failsafe, t.Synchronous)
}

// Target is what a runtime offers for measuring.
type Target interface {
	// MeasureEndpoints are the lab's addresses and credentials.
	MeasureEndpoints() Endpoints
	// DCSLeader reads the leader key: the member it names ("" when there
	// is none) and how long its lease has left (0 when unknown). The
	// sampler maps the member to its node (Endpoints.NodeOf).
	DCSLeader(ctx context.Context) (leader string, leaseLeft time.Duration, err error)
	// Balancer reports each backend server's status (UP, DOWN, UP 1/2...).
	Balancer(ctx context.Context) (map[string]string, error)
	// NodeLog is a PostgreSQL node's Patroni log so far.
	NodeLog(node string) ([]byte, error)
	// Timing is the timing in force (Patroni's dynamic config, HAProxy's checks).
	Timing(ctx context.Context) (Timing, error)
}

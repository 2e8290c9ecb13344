package scenario

import (
	"context"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// Runtime is what the engine needs from a lab. Each runtime decides how a
// tool is invoked on a node and shows the command as a person would type it
// there; the engine runs the commands it is given and records them.
type Runtime interface {
	// Name is the runtime's name, for the report ("embedded", "docker").
	Name() string
	// Lab is the lab's name.
	Lab() string
	// Nodes lists the lab's nodes.
	Nodes() []Node
	// Tool builds the command that runs tool (one of Tools) on node with
	// args; node "" lets the runtime choose.
	Tool(tool, node string, args []string) (Command, error)
	// SQL builds the psql command that runs one statement on a PostgreSQL
	// node or through the balancer.
	SQL(node, sql string) (Command, error)
	// Fault builds the command that stops, kills or starts a node.
	Fault(k Kind, node string) (Command, error)
	// Observe reports the cluster as Patroni and the balancer see it now.
	Observe(ctx context.Context) (Observation, error)
	// Versions reports the components actually running.
	Versions(ctx context.Context) []Version
	// Secrets are strings that must never appear in a transcript.
	Secrets() []string
	// SyncState is what pg_stat_replication shows for a healthy replica:
	// "sync" when the cluster runs synchronous_mode, else "async".
	SyncState() string
	// Target is what a `load` step measures.
	measure.Target
}

// Node is one node of the lab.
type Node struct {
	Name string
	Kind string // etcd, postgres, haproxy (the topology's kinds)
	// Port is what inet_server_port() reports on this node, when it is a
	// PostgreSQL node: it differs between runtimes.
	Port int
	// Member is the node's Patroni member name, when it differs from Name.
	Member string
	// Addr is what inet_server_addr() reports on this node over TCP:
	// 127.0.0.1 for every node of the embedded runtime, the container's
	// own address on docker's network (where every node's port is 5432).
	Addr string
	// Server is the node's row in HAProxy's stats CSV, "proxy,server"
	// (postgres,NODE in pglab's files; a candidate's haproxy.cfg names
	// both as it likes); "" is pglab's.
	Server string
}

// Node kinds, as the topology names them.
const (
	NodeEtcd      = "etcd"
	NodeZooKeeper = "zookeeper"
	NodePostgres  = "postgres"
	NodeBalancer  = "haproxy"
)

// Command is a program to run, and how it is shown (lab/runtime's).
type Command = runtime.Command

// Observation is the cluster at one moment, and Member one Patroni member
// in it (lab/probe's, which observes it).
type (
	Observation = probe.Observation
	Member      = probe.Member
)

// Version is one component's version as the runtime found it running.
type Version = runtime.Version

// TopologyNodes lists a topology's nodes for the scenario loader.
func TopologyNodes(t topology.Topology) []Node {
	var out []Node
	for _, n := range t.Nodes {
		out = append(out, Node{Name: n.Name, Kind: string(n.Kind)})
	}
	return out
}

package scenario

import (
	"context"
	"fmt"
	"sort"
	"strings"
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
}

// Node kinds, as the topology names them.
const (
	NodeEtcd      = "etcd"
	NodeZooKeeper = "zookeeper"
	NodePostgres  = "postgres"
	NodeBalancer  = "haproxy"
)

// Command is a program to run, and how it is shown.
type Command struct {
	Argv []string
	// Env is added to the environment; only the names are recorded, since
	// that is where passwords go (PGPASSWORD), never on the command line.
	Env []string
	// Display is the command as a person would type it on this runtime.
	Display string
	// Shell runs Display with sh -c instead of Argv (pipelines).
	Shell bool
	// Dir is the working directory, for commands shown relative to it
	// (docker-compose in the lab's directory); "" is pglab's own.
	Dir string
}

// EnvNames lists the names of the command's environment additions.
func (c Command) EnvNames() []string {
	var out []string
	for _, e := range c.Env {
		name, _, _ := strings.Cut(e, "=")
		out = append(out, name)
	}
	return out
}

// Member is one Patroni member as the cluster sees it.
type Member struct {
	Name     string `json:"name"`
	Role     string `json:"role"`  // leader, replica, sync_standby
	State    string `json:"state"` // running, streaming, stopped, starting...
	Timeline int    `json:"timeline,omitempty"`
}

// Observation is the cluster at one moment, runtime-neutral.
type Observation struct {
	Members   []Member          `json:"members"`
	Streaming []string          `json:"streaming"`          // replicas the leader streams WAL to
	Balancer  map[string]string `json:"balancer,omitempty"` // backend server -> status (UP, DOWN, UP 1/3...)
	Problems  []string          `json:"problems,omitempty"` // what could not be asked
}

// Leader is the member holding the leader key with PostgreSQL running, or "".
func (o Observation) Leader() string {
	for _, m := range o.Members {
		if isLeaderRole(m.Role) && m.State == "running" {
			return m.Name
		}
	}
	return ""
}

// streamingReplicas are the replicas the leader streams to whose own
// Patroni reports them running: the leader's walsender and the node must
// agree, since right after a restart PostgreSQL streams before its
// Patroni has said so.
func (o Observation) streamingReplicas() []string {
	var out []string
	for _, m := range o.Members {
		if !isLeaderRole(m.Role) && (m.State == "running" || m.State == "streaming") && contains(o.Streaming, m.Name) {
			out = append(out, m.Name)
		}
	}
	return out
}

// role is a member's Patroni role, "" when it is not a member.
func (o Observation) role(name string) string {
	for _, m := range o.Members {
		if m.Name == name {
			return m.Role
		}
	}
	return ""
}

// Replica is a replica the leader streams to, else the first running
// member that is not the leader, or "".
func (o Observation) Replica() string {
	if rs := o.streamingReplicas(); len(rs) > 0 {
		return rs[0]
	}
	for _, m := range o.Members {
		if !isLeaderRole(m.Role) && (m.State == "running" || m.State == "streaming") {
			return m.Name
		}
	}
	return ""
}

func isLeaderRole(r string) bool { return r == "leader" || r == "master" || r == "primary" }

// String is a one-line summary, for "last seen" in failures.
func (o Observation) String() string { return o.summary("; ") }

// Lines is the summary one part per line, for transcripts.
func (o Observation) Lines() string { return o.summary("\n") }

func (o Observation) summary(sep string) string {
	var b strings.Builder
	b.WriteString("patroni:")
	if len(o.Members) == 0 {
		b.WriteString(" no member answers")
	}
	for _, m := range o.Members {
		fmt.Fprintf(&b, " %s=%s/%s", m.Name, m.Role, m.State)
		if m.Timeline > 0 {
			fmt.Fprintf(&b, "/tl%d", m.Timeline)
		}
	}
	fmt.Fprintf(&b, "%sstreaming: %s", sep, orNone(o.Streaming))
	if o.Balancer != nil {
		var names []string
		for n := range o.Balancer {
			names = append(names, n)
		}
		sort.Strings(names)
		b.WriteString(sep + "balancer:")
		for _, n := range names {
			fmt.Fprintf(&b, " %s=%s", n, o.Balancer[n])
		}
	}
	if len(o.Problems) > 0 {
		fmt.Fprintf(&b, "%s%s", sep, strings.Join(o.Problems, sep))
	}
	return b.String()
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ",")
}

// Version is one component's version as the runtime found it running.
type Version struct {
	Component string `json:"component"`
	Version   string `json:"version"`
}

package probe

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Member is one Patroni member as the cluster sees it.
type Member struct {
	Name     string `json:"name"`
	Role     string `json:"role"`  // leader, replica, sync_standby
	State    string `json:"state"` // running, streaming, stopped, starting...
	Timeline int    `json:"timeline,omitempty"`
	Lag      any    `json:"lag,omitempty"` // bytes behind the leader, or a word ("unknown"), as Patroni says
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

// StreamingReplicas are the replicas the leader streams to whose own
// Patroni reports them running: the leader's walsender and the node must
// agree, since right after a restart PostgreSQL streams before its
// Patroni has said so.
func (o Observation) StreamingReplicas() []string {
	var out []string
	for _, m := range o.Members {
		if !isLeaderRole(m.Role) && (m.State == "running" || m.State == "streaming") && slices.Contains(o.Streaming, m.Name) {
			out = append(out, m.Name)
		}
	}
	return out
}

// Role is a member's Patroni role, "" when it is not a member.
func (o Observation) Role(name string) string {
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
	if rs := o.StreamingReplicas(); len(rs) > 0 {
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

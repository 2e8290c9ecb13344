// Package probe looks at a running lab from outside, the same way on every
// runtime: which node Patroni made leader, whether the replicas stream, and
// whether HAProxy routes to the leader only. Runtimes differ only in how a
// node's address is found, which they pass in.
package probe

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/wait"
)

// Lab is what a probe needs to know of a lab.
type Lab struct {
	Nodes []string // the PostgreSQL nodes
	// REST is the host:port of a node's Patroni REST API, "" when it has none
	// right now (a stopped or partitioned container).
	REST func(ctx context.Context, node string) string
	// Stats is the host:port of HAProxy's stats page.
	Stats func(ctx context.Context) string
	// NodeOf maps a Patroni member to its node: member names (postgresql0)
	// need not be the node names (pg-master).
	NodeOf func(m patroni.Member) string
	// Proxy is HAProxy's write pool ("" reads every proxy), and ServerNode
	// maps its server names to nodes where they differ.
	Proxy      string
	ServerNode map[string]string
}

// Balancer is the status of each PostgreSQL node in HAProxy's write pool.
func (l Lab) Balancer(ctx context.Context) (map[string]string, error) {
	return BalancerServers(ctx, l.Stats(ctx), l.Proxy, l.ServerNode)
}

// Leader asks the nodes' REST APIs which node answers 200 on /primary, or "".
func (l Lab) Leader(ctx context.Context) string {
	for _, n := range l.Nodes {
		if a := l.REST(ctx, n); a != "" && patroni.IsPrimary(ctx, a) {
			return n
		}
	}
	return ""
}

// Summary is Patroni's view of the cluster in one line, for wait messages.
func (l Lab) Summary(ctx context.Context) string {
	for _, n := range l.Nodes {
		a := l.REST(ctx, n)
		if a == "" {
			continue
		}
		c, err := patroni.GetCluster(ctx, a)
		if err != nil {
			continue
		}
		var b strings.Builder
		for _, m := range c.Members {
			fmt.Fprintf(&b, "%s=%s/%s ", l.NodeOf(m), m.Role, m.State)
		}
		return strings.TrimSpace(b.String())
	}
	return "no Patroni REST API answers yet"
}

// WaitLeader waits for a leader, or for want to lead.
func (l Lab) WaitLeader(ctx context.Context, timeout time.Duration, want string, watch ...wait.Died) error {
	what := "a Patroni leader"
	if want != "" {
		what = want + " to lead"
	}
	return wait.Until(ctx, what, timeout, func(ctx context.Context) (bool, string) {
		leader := l.Leader(ctx)
		if leader != "" && (want == "" || leader == want) {
			return true, ""
		}
		return false, l.Summary(ctx)
	}, watch...)
}

// WaitStreaming waits until the leader's pg_stat_replication shows n
// streaming replicas and Patroni reports them running, so that what
// `patronictl list` shows agrees with PostgreSQL.
func (l Lab) WaitStreaming(ctx context.Context, timeout time.Duration, n int, watch ...wait.Died) error {
	return wait.Until(ctx, progress.Count(n, "streaming replica", "streaming replicas"), timeout, func(ctx context.Context) (bool, string) {
		leader := l.Leader(ctx)
		if leader == "" {
			return false, "no leader; " + l.Summary(ctx)
		}
		addr := l.REST(ctx, leader)
		st, err := patroni.GetNode(ctx, addr)
		if err != nil {
			return false, err.Error()
		}
		streaming := 0
		for _, r := range st.Replication {
			if r.State == "streaming" {
				streaming++
			}
		}
		c, err := patroni.GetCluster(ctx, addr)
		if err != nil {
			return false, err.Error()
		}
		running := 0
		for _, m := range c.Members {
			if l.NodeOf(m) != leader && (m.State == "running" || m.State == "streaming") {
				running++
			}
		}
		return streaming >= n && running >= n, fmt.Sprintf("leader %s, %d streaming; Patroni: %s", leader, streaming, l.Summary(ctx))
	}, watch...)
}

// WaitRoute waits until HAProxy has the leader UP and every other node DOWN.
func (l Lab) WaitRoute(ctx context.Context, timeout time.Duration, watch ...wait.Died) error {
	return wait.Until(ctx, "HAProxy to route to the leader only", timeout, func(ctx context.Context) (bool, string) {
		leader := l.Leader(ctx)
		servers, err := l.Balancer(ctx)
		if err != nil {
			return false, err.Error()
		}
		ok := leader != ""
		for _, n := range l.Nodes {
			// "UP 1/3" is still routed (going down); "DOWN 1/2" is not (going up).
			if strings.HasPrefix(servers[n], "UP") != (n == leader) {
				ok = false
			}
		}
		return ok, fmt.Sprintf("leader %q, haproxy %v", leader, servers)
	}, watch...)
}

// SyncState is what pg_stat_replication shows for a healthy replica:
// "sync" when the cluster's dynamic configuration in force (GET /config)
// has synchronous_mode on, else "async". It is asked, not read from the
// lab's files: `patronictl edit-config` (the bench's --sync) changes it.
func (l Lab) SyncState(ctx context.Context) string {
	for _, n := range l.Nodes {
		if a := l.REST(ctx, n); a != "" {
			if cfg, err := patroni.GetConfig(ctx, a); err == nil {
				if cfg.SynchronousMode {
					return "sync"
				}
				return "async"
			}
		}
	}
	return "async"
}

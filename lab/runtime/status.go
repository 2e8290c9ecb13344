package runtime

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/pglab/pglab/lab/patroni"
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

// LabStatus is the whole `pglab status` answer, on every runtime.
type LabStatus struct {
	Name    string       `json:"name"`
	Runtime string       `json:"runtime"`
	Phase   string       `json:"phase"`
	PID     int          `json:"pid"`
	Nodes   []NodeStatus `json:"nodes"`
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

// Print writes the status as `pglab status` shows it: one row per node.
func (ls LabStatus) Print(w io.Writer) error {
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE\tROLE\tSTATE\tTL\tLAG\tADDRESS\t")
	for _, n := range ls.Nodes {
		tl := ""
		if n.Timeline > 0 {
			tl = fmt.Sprint(n.Timeline)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", n.Name, dash(n.Role), n.State, dash(tl), dash(n.Lag), n.Address, n.Extra)
	}
	return tw.Flush()
}

package runtime

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
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

package docker

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/runtime/embedded"
	"github.com/pglab/pglab/lab/topology"
)

// verify checks, without asking Patroni, that a fault on a node's
// container took effect (see the embedded runtime's verify.go): a stopped
// or killed container no longer runs (with it its PostgreSQL or etcd
// member); a paused one is frozen; a disconnected one has no address on
// the lab's network, its old address answers on neither its PostgreSQL
// nor its REST port, and from inside it no DCS member answers. oldIP is
// the partitioned node's address before the disconnect.
func (c *Client) verify(ctx context.Context, node string, a Action, oldIP string) (time.Time, error) {
	var check func() (bool, string)
	switch a {
	case Stop, Kill:
		check = func() (bool, string) { return c.hasStatus(ctx, node, "exited", "dead") }
	case Pause:
		check = func() (bool, string) { return c.hasStatus(ctx, node, "paused") }
	case Partition:
		check = func() (bool, string) { return c.isolated(ctx, node, oldIP) }
	default:
		return time.Time{}, nil
	}
	return embedded.Verify(fmt.Sprintf("%s %s", a, node), embedded.VerifyWithin, check)
}

// hasStatus says whether the engine reports the container in one of the
// states.
func (c *Client) hasStatus(ctx context.Context, node string, want ...string) (bool, string) {
	st, err := c.inspect(ctx, node)
	if err != nil {
		return false, err.Error()
	}
	for _, w := range want {
		if st.status == w {
			return true, ""
		}
	}
	return false, fmt.Sprintf("the container is %s", st.status)
}

// isolated probes a disconnected node from both sides.
func (c *Client) isolated(ctx context.Context, node, oldIP string) (bool, string) {
	var seen []string
	if st, err := c.inspect(ctx, node); err != nil {
		seen = append(seen, err.Error())
	} else if len(st.nets) > 0 {
		seen = append(seen, node+" is still on "+strings.Join(st.nets, ", "))
	}
	for _, p := range []int{topology.PortPostgres, topology.PortPatroni} {
		if a := net.JoinHostPort(oldIP, strconv.Itoa(p)); embedded.Answers(a) {
			seen = append(seen, node+"'s old address "+a+" still answers")
		}
	}
	kind, members := c.Topo.DCS()
	port := topology.PortEtcdClient
	if kind == topology.ZooKeeper {
		port = topology.PortZooKeeper
	}
	args := []string{"python3", "-c", embedded.ReachProbe, strconv.FormatFloat(embedded.ProbeTimeout.Seconds(), 'f', 3, 64)}
	for _, m := range members {
		if ip := c.IP(ctx, m.Name); ip != "" {
			args = append(args, net.JoinHostPort(ip, strconv.Itoa(port)))
		}
	}
	out, code, err := c.Exec(ctx, node, "", args...)
	switch {
	case err != nil || code != 0:
		seen = append(seen, fmt.Sprintf("probe from inside %s: exit %d, %v: %s", node, code, err, strings.TrimSpace(out)))
	case strings.TrimSpace(out) != "":
		seen = append(seen, node+" still reaches "+strings.Join(strings.Fields(out), ", "))
	}
	return len(seen) == 0, strings.Join(seen, "; ")
}

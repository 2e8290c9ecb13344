package docker

import (
	"context"
	"fmt"

	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
)

// LabStatus and NodeStatus are every runtime's (lab/runtime).
type (
	LabStatus  = runtime.LabStatus
	NodeStatus = runtime.NodeStatus
)

// containerState names a node's state as a person reading `docker ps`
// would: killed (exit 137), stopped (a clean exit), partitioned (running
// but off the lab's network).
func (st nodeState) containerState() string {
	switch st.status {
	case "running":
		if st.ip == "" {
			return "partitioned"
		}
		return "running"
	case "exited":
		switch st.exitCode {
		case 137:
			return "killed"
		case 0, 143:
			return "stopped"
		}
		return fmt.Sprintf("exited (%d)", st.exitCode)
	}
	return st.status
}

// LabStatus is the engine's view of each container, with what Patroni,
// etcd or ZooKeeper and HAProxy say of it (probe.Status).
func (c *Client) LabStatus(ctx context.Context) (LabStatus, error) {
	ls := LabStatus{Name: c.State.Name, Runtime: Name}
	procs := map[string]probe.Process{}
	running := 0
	for _, n := range c.Topo.Nodes {
		st, err := c.inspect(ctx, n.Name)
		if err != nil {
			st = nodeState{status: "missing"}
		}
		p := probe.Process{State: st.containerState()}
		if st.status == "running" {
			running++
			if st.health == "unhealthy" {
				p.Note = "unhealthy"
			}
		}
		procs[n.Name] = p
	}
	switch running {
	case len(c.Topo.Nodes):
		ls.Phase = "running"
	case 0:
		ls.Phase = "stopped"
	default:
		ls.Phase = fmt.Sprintf("%d/%d containers running", running, len(c.Topo.Nodes))
	}
	ls.Nodes = probe.Status(ctx, newHandle(c), c.Topo, procs)
	return ls, nil
}

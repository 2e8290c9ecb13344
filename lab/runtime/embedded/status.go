package embedded

import (
	"context"

	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
)

// LabStatus and NodeStatus are every runtime's (lab/runtime).
type (
	LabStatus  = runtime.LabStatus
	NodeStatus = runtime.NodeStatus
)

// Status is the supervisor's process view of each node, with what
// Patroni, etcd or ZooKeeper and HAProxy say of it (probe.Status).
func (h *handle) Status(ctx context.Context) (LabStatus, error) {
	snap, err := h.c.Status(ctx)
	if err != nil {
		return LabStatus{}, err
	}
	procs := map[string]probe.Process{}
	for _, n := range snap.Nodes {
		procs[n.Name] = probe.Process{State: n.State, Note: n.Error}
	}
	return LabStatus{Name: h.c.State.Name, Runtime: h.c.State.Runtime, Phase: snap.Phase, PID: snap.PID,
		Nodes: probe.Status(ctx, h, h.topo, procs)}, nil
}

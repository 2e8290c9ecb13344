package runtime

import (
	"context"
	"fmt"
	"path"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/topology"
)

// LabTopology is a profile's nodes, from its embedded compose file: what
// every runtime boots for that exercise.
func LabTopology(p exercise.Profile) (topology.Topology, error) {
	compose, err := pglab.Files.ReadFile(p.Compose)
	if err != nil {
		return topology.Topology{}, err
	}
	return topology.FromCompose(context.Background(), path.Base(p.Compose), compose)
}

// Node finds a node of t by name; the error wraps ErrUnknownNode and
// lists the nodes there are.
func Node(t topology.Topology, name string) (topology.Node, error) {
	n, ok := t.Node(name)
	if !ok {
		return n, fmt.Errorf("%w %q: the nodes are %v", ErrUnknownNode, name, t.Names())
	}
	return n, nil
}

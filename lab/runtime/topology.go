package runtime

import (
	"context"
	"fmt"
	"path"
	"strings"

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

// NoNode is the error for a node lab has not: "no node x in lab t
// (nodes: etcd1, ...)"; it matches ErrUnknownNode, a usage error.
func NoNode(lab string, t topology.Topology, node string) error {
	return Refuse(ErrUnknownNode, "no node %s in lab %s (nodes: %s)", node, lab, strings.Join(t.Names(), ", "))
}

// CheckNode refuses a node l has not, before anything is asked of it.
func CheckNode(l Lab, node string) error {
	if _, ok := l.Topology().Node(node); !ok {
		return NoNode(l.State().Name, l.Topology(), node)
	}
	return nil
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

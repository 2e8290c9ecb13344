package runtime

import (
	"context"
	"errors"
	"testing"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/topology"
)

// stubLab has only the topology and the state: the rest is not asked.
type stubLab struct {
	Lab
	topo topology.Topology
}

func (s stubLab) Topology() topology.Topology { return s.topo }
func (s stubLab) State() *labdir.State        { return &labdir.State{Name: "t"} }

// A node the lab has not is one line naming the lab and its nodes, a
// usage error; psql on a node without PostgreSQL says where to connect.
func TestUnknownNodesAreNamedWithTheLabsNodes(t *testing.T) {
	l := stubLab{topo: topology.Topology{Nodes: []topology.Node{
		{Name: "etcd1", Kind: topology.Etcd}, {Name: "postgres1", Kind: topology.Postgres}, {Name: "haproxy", Kind: topology.HAProxy}}}}
	err := CheckNode(l, "postgres3")
	if !errors.Is(err, ErrUnknownNode) || err.Error() != "no node postgres3 in lab t (nodes: etcd1, postgres1, haproxy)" {
		t.Errorf("CheckNode(postgres3): %v", err)
	}
	if err := CheckNode(l, "etcd1"); err != nil {
		t.Errorf("CheckNode(etcd1): %v", err)
	}
	if _, err := SQLEndpoint(context.Background(), l, "nope"); err == nil || err.Error() != "no node nope in lab t (nodes: etcd1, postgres1, haproxy)" {
		t.Errorf("SQLEndpoint(nope): %v", err)
	}
	if _, err := SQLEndpoint(context.Background(), l, "etcd1"); !errors.Is(err, ErrUnknownNode) || err.Error() != "etcd1 runs no PostgreSQL: connect to postgres1, haproxy" {
		t.Errorf("SQLEndpoint(etcd1): %v", err)
	}
}

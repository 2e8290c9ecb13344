package docker

import (
	"slices"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime"
)

// etcdctl runs with the v3 API on every etcd (3.3's defaults to v2, where
// `-w table` is an unknown flag), and the student reads the same variable
// in the command shown.
func TestEtcdctlSpeaksV3(t *testing.T) {
	topo, err := runtime.LabTopology(exercise.Etcd)
	if err != nil {
		t.Fatal(err)
	}
	r := &steps{c: &Client{State: &labdir.State{Name: "t"}, Topo: topo}, pglab: "/bin/pglab"}
	c, err := r.Tool("etcdctl", "etcd1", []string{"member", "list", "-w", "table"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(c.Env, "ETCDCTL_API=3") {
		t.Errorf("env %v: want ETCDCTL_API=3 handed to the container", c.Env)
	}
	if !slices.Contains(c.Argv, "ETCDCTL_API") {
		t.Errorf("argv %v: want --env ETCDCTL_API for pglab exec", c.Argv)
	}
	if want := "docker-compose exec -e ETCDCTL_API=3 etcd1 etcdctl member list -w table"; c.Display != want {
		t.Errorf("shown %q, want %q", c.Display, want)
	}
	if strings.Contains(c.Display, "pglab") {
		t.Errorf("shown %q: the student types docker-compose", c.Display)
	}
}

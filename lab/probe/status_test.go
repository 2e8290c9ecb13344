package probe_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/fake"
)

// `pglab status` is built once for every runtime from the lab's address
// book and the runtime's process states: Patroni's roles and timeline,
// HAProxy's view, etcd's leader, "-" for what cannot be reached.
func TestStatusFromTheAddressBook(t *testing.T) {
	ctx := context.Background()
	l, err := fake.Start(ctx, "st", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Down(ctx, false) })
	procs := map[string]probe.Process{
		"etcd1": {State: "running"}, "etcd2": {State: "stopped"}, "etcd3": {State: "stopped"},
		"postgres1": {State: "running"}, "postgres2": {State: "running"}, "haproxy": {State: "running", Note: "unhealthy"},
	}
	rows := func() map[string]runtime.NodeStatus {
		out := map[string]runtime.NodeStatus{}
		for _, s := range probe.Status(ctx, l, l.Topology(), procs) {
			out[s.Name] = s
		}
		return out
	}
	got := rows()
	if s := got["postgres1"]; s.Role != "leader" || s.State != "running" || s.Timeline != 1 || !strings.HasSuffix(s.Extra, "haproxy UP") {
		t.Errorf("postgres1: %+v", s)
	}
	if s := got["postgres2"]; s.Role != "replica" || s.State != "streaming" || s.Lag != "0" || !strings.HasSuffix(s.Extra, "haproxy DOWN") {
		t.Errorf("postgres2: %+v", s)
	}
	if s := got["etcd1"]; s.Role != "leader" {
		t.Errorf("etcd1: %+v", s)
	}
	if s := got["etcd2"]; s.Role != "" || s.Address != "-" || s.State != "stopped" {
		t.Errorf("etcd2, stopped and unreachable: %+v", s)
	}
	if s := got["haproxy"]; s.Role != "balancer" || s.State != "running (unhealthy)" {
		t.Errorf("haproxy: %+v", s)
	}
	if _, err := l.Do(ctx, "postgres1", runtime.Kill); err != nil {
		t.Fatal(err)
	}
	procs["postgres1"] = probe.Process{State: "killed"}
	got = rows()
	if s := got["postgres2"]; s.Role != "leader" || s.Timeline != 2 || !strings.HasSuffix(s.Extra, "haproxy UP") {
		t.Errorf("postgres2 after the kill: %+v", s)
	}
	if s := got["postgres1"]; s.State != "killed" || s.Address != "-" {
		t.Errorf("postgres1 after the kill: %+v", s)
	}
}

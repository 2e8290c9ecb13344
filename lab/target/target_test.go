package target

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/fake"
	"github.com/pglab/pglab/lab/scenario"
)

// fakeLab is a fake lab (Patroni's REST API and HAProxy's stats from
// memory, one etcd member in this process) seen through the adapter.
func fakeLab(t *testing.T) (*Lab, *fake.Lab) {
	t.Helper()
	ctx := context.Background()
	l, err := fake.Start(ctx, "t", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Down(ctx, false) })
	tl := New(l, "pglab")
	t.Cleanup(func() { tl.Close() })
	return tl, l
}

const failoverYAML = `title: {es: a, ru: b, en: c}
setup:
  - title: {es: a, ru: b, en: c}
    wait: a replica streams
    timeout: 5s
    capture: {old: leader, replica: replica}
steps:
  - title: {es: a, ru: b, en: c}
    kill: '{{old}}'
  - title: {es: a, ru: b, en: c}
    wait: leader is not {{old}}
    timeout: 5s
    capture: {new: leader}
  - title: {es: a, ru: b, en: c}
    wait: balancer routes to leader
    timeout: 5s
  - title: {es: a, ru: b, en: c}
    start: '{{old}}'
  - title: {es: a, ru: b, en: c}
    wait: '{{old}} streams'
    timeout: 5s
`

// The scenario engine drives a lab through the adapter alone: its
// conditions are computed from the fake's Patroni and HAProxy answers, its
// faults reach the lab's Do.
func TestScenarioDrivesALabThroughTheAdapter(t *testing.T) {
	tl, l := fakeLab(t)
	sc, err := scenario.Parse("failover.yaml", []byte(failoverYAML), scenario.LoadOptions{Nodes: tl.Nodes()})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := scenario.Run(context.Background(), tl, []*scenario.Scenario{sc}, scenario.Options{RunID: "r1"})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	vars := tr.Scenarios[0].Vars
	if vars["old"] != "postgres1" || vars["new"] != "postgres2" {
		t.Errorf("captured %v, want old postgres1 and new postgres2", vars)
	}
	if got := l.Actions(); !slices.Equal(got, []string{"kill postgres1", "start postgres1"}) {
		t.Errorf("the lab's Do saw %v", got)
	}
	if tr.Runtime != fake.Name || tr.Lab != "t" {
		t.Errorf("transcript of lab %q on %q", tr.Lab, tr.Runtime)
	}
	// The timing line is computed here, from Patroni's /config and the
	// balancer's config file.
	var timing string
	for _, v := range tr.Versions {
		if v.Component == "timing" {
			timing = v.Version
		}
	}
	if want := "fast: Patroni ttl 20, loop_wait 2, retry_timeout 4; HAProxy inter 1s fall 2 rise 1"; timing != want {
		t.Errorf("timing %q, want %q", timing, want)
	}
}

// The sampler's round reads the leader key from etcd (with its lease),
// Patroni's /primary and detail and HAProxy, through the adapter's
// endpoints; after a kill it sees the other node lead.
func TestSamplerRoundFollowsAFailover(t *testing.T) {
	tl, l := fakeLab(t)
	ctx := context.Background()
	before := measure.Round(ctx, tl)
	if before.DCSLeader != "postgres1" || before.DCSError || before.LeaseLeft <= 0 {
		t.Fatalf("leader key before: %q (error %v, lease %s)", before.DCSLeader, before.DCSError, before.LeaseLeft)
	}
	if !before.Primary["postgres1"] || before.Primary["postgres2"] {
		t.Errorf("/primary before: %v", before.Primary)
	}
	if before.Balancer["postgres1"] != "UP" || before.Balancer["postgres2"] != "DOWN" {
		t.Errorf("balancer before: %v", before.Balancer)
	}
	if d := before.Detail["postgres1"]; !slices.Equal(d.Streaming, []string{"postgres2"}) {
		t.Errorf("postgres1's detail: %+v", d)
	}
	if _, err := l.Do(ctx, "postgres1", runtime.Kill); err != nil {
		t.Fatal(err)
	}
	after := measure.Round(ctx, tl)
	if after.DCSLeader != "postgres2" || !after.Primary["postgres2"] || after.Primary["postgres1"] {
		t.Errorf("after the kill: leader key %q, /primary %v", after.DCSLeader, after.Primary)
	}
	if after.Balancer["postgres2"] != "UP" {
		t.Errorf("balancer after: %v", after.Balancer)
	}
	ep := tl.MeasureEndpoints()
	if n, ok := ep.Node("postgres1"); !ok || n.REST != "" || n.Member != "postgres1" {
		t.Errorf("a killed node's endpoints: %+v", n)
	}
	if tm, err := tl.Timing(ctx); err != nil || tm.TTL != fake.TTL || tm.Fall != 2 {
		t.Errorf("timing %+v, %v", tm, err)
	}
}

// Status, sync state and an unknown node come out the same on every runtime.
func TestStatusAndSyncStateThroughTheAdapter(t *testing.T) {
	tl, l := fakeLab(t)
	if s := tl.SyncState(); s != "async" {
		t.Errorf("sync state %q", s)
	}
	if _, err := tl.Fault(scenario.KindKill, "nosuch"); err == nil || !strings.Contains(err.Error(), "unknown node") {
		t.Errorf("fault on an unknown node: %v", err)
	}
	ls, err := l.Status(context.Background())
	if err != nil || len(ls.Nodes) != len(l.Topology().Nodes) {
		t.Fatalf("status %+v, %v", ls, err)
	}
}

package bench

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/scenario"
)

func TestOptionsCheckAndScenario(t *testing.T) {
	ok := Options{Fault: "kill", Cycles: 5, Rate: 100}
	if err := ok.Check(); err != nil || ok.Scenario() != "failover-kill" {
		t.Fatalf("%v, %q", err, ok.Scenario())
	}
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{Fault: "nuke", Cycles: 1, Rate: 1}, `--fault "nuke": choose one of etcd-member`},
		{Options{Fault: "kill", Cycles: 0, Rate: 1}, "--cycles 0: choose 1..100"},
		{Options{Fault: "kill", Cycles: 1, Rate: 201}, "--rate 201: choose 1..200"},
	} {
		if err := c.o.Check(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.o, err, c.want)
		}
	}
	if s := (Options{Fault: "etcd-quorum", NoFailsafe: true}).Scenario(); s != "etcd-quorum-loss-nofailsafe" {
		t.Errorf("quorum loss without failsafe runs %q", s)
	}
}

// The cycles' transcripts merge into one: every scenario run, the last
// finish, passed only if all passed, the first failure kept.
func TestMergeKeepsEveryCycle(t *testing.T) {
	rto := 1.5
	cycle := func(id string, passed bool, failure string) *scenario.Transcript {
		return &scenario.Transcript{RunID: id, Passed: passed, Failure: failure, Scenarios: []scenario.ScenarioRun{{Name: id,
			Steps: []scenario.StepRun{{Failover: &measure.Result{RTO: &rto, Run: id}}}}}}
	}
	all := merge(nil, cycle("c1", true, ""))
	all = merge(all, cycle("c2", false, "step 3 failed"))
	all = merge(all, cycle("c3", false, "later"))
	if len(all.Scenarios) != 3 || all.Passed || all.Failure != "step 3 failed" || all.RunID != "c1" {
		t.Errorf("merged: %d scenarios, passed %v, failure %q, run %q", len(all.Scenarios), all.Passed, all.Failure, all.RunID)
	}
	if rs := failovers(all); len(rs) != 3 || rs[2].Run != "c3" {
		t.Errorf("figures: %+v", rs)
	}
	var b bytes.Buffer
	Print(&b, "kill", measure.Timing{Profile: "fast"}, failovers(all))
	if !strings.Contains(b.String(), "fault kill, 3 run(s)") || !strings.Contains(b.String(), "old primary rejoined 0/3") {
		t.Errorf("table:\n%s", b.String())
	}
}

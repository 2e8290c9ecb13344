package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/scenario"
)

// One measured graceful stop under load on a fresh fast-profile lab, the
// way a user runs it: no acknowledged write lost, no split brain, a
// positive write RTO under a generous bound, the old primary back, and a
// report with its timeline chart.
func TestBenchGracefulStop(t *testing.T) {
	needStack(t)
	e := newLabEnv(t, "bstop")
	out := filepath.Join(e.home, "results")
	log, err := e.run("bench", "failover", "-n", "1", "--fault", "stop", "--timing", "fast", "--out", out)
	if err != nil {
		t.Fatalf("pglab bench failover: %v\n%s", err, log)
	}
	tr, err := scenario.LoadTranscript(filepath.Join(out, "bench-stop-transcript.json"))
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, sc := range tr.Scenarios {
		for _, st := range sc.Steps {
			r := st.Failover
			if r == nil {
				continue
			}
			found = true
			if r.Lost != 0 || r.ReadBack == "" {
				t.Errorf("%d acknowledged write(s) lost (read back from %q)", r.Lost, r.ReadBack)
			}
			if r.SplitBrain != 0 {
				t.Errorf("%d split-brain round(s) at %v s", r.SplitBrain, r.SplitBrainAt)
			}
			if r.RTO == nil || *r.RTO <= 0 || *r.RTO > 20 {
				t.Errorf("write RTO %v: want a positive figure under 20 s", r.RTO)
			}
			if !r.Rejoined {
				t.Error("the old primary did not rejoin")
			}
			if r.Acked < 100 {
				t.Errorf("only %d writes acknowledged", r.Acked)
			}
		}
	}
	if !found {
		t.Fatalf("no failover figures in the transcript\n%s", log)
	}
	html, err := os.ReadFile(filepath.Join(out, "bench-stop-report.en.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "<svg") || strings.Contains(string(html), "http://www.w3.org/2000/svg\" src") {
		t.Error("the HTML report has no inline timeline chart")
	}
	if _, err := os.Stat(filepath.Join(e.home, "bstop")); !os.IsNotExist(err) {
		t.Errorf("the lab the bench booted is still there: %v", err)
	}
}

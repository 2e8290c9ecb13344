package measure

import (
	"strings"
	"testing"
	"time"
)

// killRun is a leader killed at 6 s under ttl 20: postgres1 refreshes its
// lease every 2 s until lastRefresh (ms), its key expires ttl later and
// postgres2 takes it; postgres1 streams from postgres2 from streamAt (ms).
func killRun(lastRefresh, streamAt int, marks []Mark) Input {
	const ttl = 20
	expiry := func(ms int) time.Time {
		r := min(ms/2000*2000, lastRefresh)
		return at(r).Add(ttl * time.Second)
	}
	var ss []Sample
	for ms := 50; ms < lastRefresh+ttl*1000+8000; ms += 100 {
		s := Sample{At: at(ms), DCSAt: at(ms + 20), DCSLeader: "postgres2",
			Primary: map[string]bool{"postgres2": true}}
		if at(ms).Before(expiry(ms)) {
			s.DCSLeader, s.Primary = "postgres1", map[string]bool{"postgres1": true}
			s.LeaseLeft = time.Duration(expiry(ms).Sub(at(ms+10)).Seconds()) * time.Second
		}
		if ms >= streamAt {
			s.Detail = map[string]NodeView{"postgres1": {Role: "replica", State: "running"}, "postgres2": {Role: "master", State: "running", Streaming: []string{"postgres1"}}}
		}
		ss = append(ss, s)
	}
	return Input{Start: t0, End: ss[len(ss)-1].At, Samples: ss, Marks: marks, Timing: Timing{TTL: ttl, LoopWait: 2}}
}

func hasError(r Result, part string) bool {
	for _, e := range r.Errors {
		if strings.Contains(e, part) {
			return true
		}
	}
	return false
}

// The figures count from the moment the fault was seen in effect.
func TestFiguresCountFromTheVerifiedMoment(t *testing.T) {
	in := killRun(6000, 1<<30, []Mark{{Name: "fault", Kind: "kill", At: at(6100), Verified: at(6400)}})
	r := Compute(in)
	if !r.Valid() {
		t.Fatalf("measurement errors: %v", r.Errors)
	}
	// The key expires at 26 s; the first sample without it is at 26.05 s.
	if r.LeaderKey == nil || *r.LeaderKey < 19.64 || *r.LeaderKey > 19.66 {
		t.Errorf("leader key changed %v s after the verified fault, want 19.65", r.LeaderKey)
	}
	if r.LeaseLeft == nil || *r.LeaseLeft < 19.5 || *r.LeaseLeft > 19.7 {
		t.Errorf("lease left %v at the verified fault, want 19.6 ± 0.1", r.LeaseLeft)
	}
}

// A lease refreshed after the fault (a partition that leaked) leaves more
// than ttl at the fault: an error, never a figure, and the cycle is out
// of the medians.
func TestLeaseAboveTTLIsAMeasurementError(t *testing.T) {
	in := killRun(8000, 1<<30, []Mark{{Name: "fault", Kind: "partition", At: at(5000), Verified: at(5100)}})
	r := Compute(in)
	if r.LeaseLeft != nil {
		t.Errorf("lease left %.2f s shown as a figure", *r.LeaseLeft)
	}
	if !hasError(r, "above ttl") {
		t.Errorf("errors %v, want one about the lease above ttl", r.Errors)
	}
	ok := Compute(killRun(4000, 1<<30, []Mark{{Name: "fault", Kind: "partition", At: at(5000), Verified: at(5100)}}))
	if !ok.Valid() {
		t.Fatalf("a sound run has errors: %v", ok.Errors)
	}
	for _, row := range Table([]Result{r, ok}) {
		if row.Figure == "leader key changed" && (row.Stats.N != 1 || row.Stats.Median != *ok.LeaderKey) {
			t.Errorf("medians over %d run(s), median %.2f: want the sound run's alone (%.2f)", row.Stats.N, row.Stats.Median, *ok.LeaderKey)
		}
	}
}

// The leader key changing between asking for the fault and seeing it in
// effect: the fault did not cause it.
func TestKeyChangeBeforeTheFaultIsAMeasurementError(t *testing.T) {
	r := Compute(killRun(0, 1<<30, []Mark{{Name: "fault", Kind: "kill", At: at(19000), Verified: at(20500)}}))
	if !hasError(r, "before the fault was in effect") {
		t.Errorf("errors %v, want one about the key changing before the fault", r.Errors)
	}
}

// A killed node cannot stream before it is started again.
func TestRejoinBeforeTheRestoreIsAMeasurementError(t *testing.T) {
	marks := []Mark{{Name: "fault", Kind: "kill", At: at(6100), Verified: at(6150)}, {Name: "restore", At: at(30000)}}
	r := Compute(killRun(6000, 28000, marks))
	if r.Rejoin != nil || r.Rejoined {
		t.Errorf("rejoin %v (rejoined %v) shown as a figure", r.Rejoin, r.Rejoined)
	}
	if !hasError(r, "before it was restored") {
		t.Errorf("errors %v, want one about the rejoin before the restore", r.Errors)
	}
	if ok := Compute(killRun(6000, 31000, marks)); !ok.Valid() || ok.Rejoin == nil {
		t.Errorf("a rejoin after the restore: errors %v, rejoin %v", ok.Errors, ok.Rejoin)
	}
}

func TestNegativeDurationIsAMeasurementError(t *testing.T) {
	neg, pos := -0.4, 3.0
	r := Result{RTO: &neg, LeaderKey: &pos}
	checkImpossible(&r, Input{}, Mark{Name: "fault", At: at(0)}, Mark{}, false)
	if r.RTO != nil || r.LeaderKey == nil || !hasError(r, "write RTO -0.40 s: negative") {
		t.Errorf("RTO %v, leader key %v, errors %v", r.RTO, r.LeaderKey, r.Errors)
	}
}

// A graceful stop hands the key over while the command runs, before the
// node is gone: it counts from the request, and the handover inside the
// window is the stop working, not a measurement error.
func TestGracefulStopCountsFromTheRequest(t *testing.T) {
	// The key changes at 20 s (killRun with lastRefresh 0); the stop was
	// asked at 19.2 s and the node seen gone at 20.5 s.
	r := Compute(killRun(0, 1<<30, []Mark{{Name: "fault", Kind: "stop", At: at(19200), Verified: at(20500)}}))
	if !r.Valid() {
		t.Fatalf("measurement errors: %v", r.Errors)
	}
	if r.LeaderKey == nil || *r.LeaderKey < 0.8 || *r.LeaderKey > 0.9 {
		t.Errorf("leader key changed %v s after the stop, want 0.85 (from the request, not from the node gone)", r.LeaderKey)
	}
}

package measure

import (
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/load"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

// writes makes one acknowledged write every 10 ms from..to (ms), seq on.
func writes(seq *int64, from, to, tl int) []load.Write {
	var out []load.Write
	for ms := from; ms < to; ms += 10 {
		*seq++
		out = append(out, load.Write{Seq: *seq, Sent: at(ms), Acked: at(ms + 2), Timeline: tl})
	}
	return out
}

func TestWriteRTOIsTheGapAroundTheFault(t *testing.T) {
	var seq int64
	ws := writes(&seq, 0, 1000, 1)
	// A short hiccup before the fault must not count.
	ws = append(ws, writes(&seq, 1300, 2000, 1)...)
	ws = append(ws, writes(&seq, 5000, 6000, 2)...)
	gap, from, to, ok := WriteRTO(ws, at(1995))
	if !ok {
		t.Fatal("no gap found")
	}
	if want := at(5002).Sub(at(1992)); gap != want {
		t.Errorf("gap %s, want %s", gap, want)
	}
	if from.Timeline != 1 || to.Timeline != 2 {
		t.Errorf("timelines %d → %d, want 1 → 2", from.Timeline, to.Timeline)
	}
	if _, _, _, ok := WriteRTO(writes(&seq, 0, 500, 1), at(600)); ok {
		t.Error("a gap was found though no write was acknowledged after the fault")
	}
}

func TestReconcile(t *testing.T) {
	ws := []load.Write{
		{Seq: 1, Acked: at(1)},      // acked, present
		{Seq: 2, Acked: at(2)},      // acked, missing: lost
		{Seq: 3, Err: "terminated"}, // in doubt, present: never acknowledged
		{Seq: 4, Err: "timeout"},    // in doubt, missing
		{Seq: 5, Acked: at(5)},      // acked, present
	}
	lost, unacked := Reconcile(ws, map[int64]bool{1: true, 3: true, 5: true})
	if len(lost) != 1 || lost[0] != 2 {
		t.Errorf("lost %v, want [2]", lost)
	}
	if unacked != 1 {
		t.Errorf("unacked %d, want 1", unacked)
	}
}

func TestSplitBrainNeedsTwoAnswersInOneRound(t *testing.T) {
	ss := []Sample{
		{At: at(0), Primary: map[string]bool{"a": true, "b": false}, Writable: map[string]bool{"a": true}},
		// Handover: a stops being primary in the round b starts: not split brain.
		{At: at(100), Primary: map[string]bool{"a": false, "b": true}, Writable: map[string]bool{"b": true}},
		{At: at(200), Primary: map[string]bool{"a": true, "b": true}},                                       // by Patroni
		{At: at(300), Primary: map[string]bool{"b": true}, Writable: map[string]bool{"a": true, "b": true}}, // by PostgreSQL
	}
	got := SplitBrain(ss)
	if len(got) != 2 || !got[0].Equal(at(200)) || !got[1].Equal(at(300)) {
		t.Errorf("split brain at %v, want the rounds at 200 ms and 300 ms", got)
	}
}

// Compute on a synthetic graceful stop: leader key, Patroni, HAProxy,
// rejoin and the bound come out of the samples; nothing is lost.
func TestComputeGracefulStop(t *testing.T) {
	var seq int64
	ws := append(writes(&seq, 0, 1000, 1), writes(&seq, 2500, 4000, 2)...)
	ws = append(ws, load.Write{Seq: 999, Sent: at(1001), Err: "terminating connection"})
	present := map[int64]bool{}
	for _, w := range ws {
		if w.OK() {
			present[w.Seq] = true
		}
	}
	primary := func(n string) map[string]bool {
		return map[string]bool{"postgres1": n == "postgres1", "postgres2": n == "postgres2"}
	}
	var ss []Sample
	for ms := 0; ms < 4000; ms += 100 {
		s := Sample{At: at(ms), DCSLeader: "postgres1", Primary: primary("postgres1"), Writable: primary("postgres1"),
			Balancer: map[string]string{"postgres1": "UP", "postgres2": "DOWN"}, LeaseLeft: 18 * time.Second}
		if ms >= 1500 {
			s.DCSLeader, s.Primary, s.Writable = "postgres2", primary("postgres2"), primary("postgres2")
			s.Balancer = map[string]string{"postgres1": "DOWN", "postgres2": "DOWN 1/1"}
		}
		if ms >= 2400 {
			s.Balancer = map[string]string{"postgres1": "DOWN", "postgres2": "UP"}
		}
		if ms >= 3500 {
			s.Detail = map[string]NodeView{"postgres1": {Role: "replica", State: "running"}, "postgres2": {Role: "master", State: "running", Streaming: []string{"postgres1"}}}
		}
		ss = append(ss, s)
	}
	r := Compute(Input{
		Start: t0, End: at(4000), Writes: ws, Samples: ss, Present: present, ReadBackFrom: "postgres2",
		Marks:        []Mark{{Name: "fault", Kind: "stop", At: at(1000)}, {Name: "restore", At: at(3000)}},
		RewindBefore: map[string]int{"postgres1": 0}, RewindAfter: map[string]int{"postgres1": 1},
		Timing: Timing{TTL: 20, LoopWait: 2, Inter: time.Second, Rise: 1, Fall: 2},
	})
	check := func(name string, got *float64, want float64) {
		t.Helper()
		if got == nil || *got < want-0.001 || *got > want+0.001 {
			t.Errorf("%s = %v, want %.3f", name, got, want)
		}
	}
	check("RTO", r.RTO, 1.51)
	check("leader key", r.LeaderKey, 0.5)
	check("patroni", r.PatroniLeader, 0.5)
	check("balancer", r.BalancerRoute, 1.4)
	check("rejoin", r.Rejoin, 0.5)
	check("bound", r.Bound, 1.5)
	if r.OldLeader != "postgres1" || r.NewLeader != "postgres2" {
		t.Errorf("leaders %s → %s", r.OldLeader, r.NewLeader)
	}
	if r.Lost != 0 || r.SplitBrain != 0 || r.InDoubt != 1 || !r.Rejoined || !r.Rewind {
		t.Errorf("lost %d, split brain %d, in doubt %d, rejoined %v, rewind %v", r.Lost, r.SplitBrain, r.InDoubt, r.Rejoined, r.Rewind)
	}
	if len(r.Acks) != 41 || r.Acks[0] != 10 || r.Acks[15] != 0 {
		t.Errorf("bins: %d, first %d, at 1.5 s %d", len(r.Acks), r.Acks[0], r.Acks[15])
	}
}

func TestKillBoundUsesTheLeaseLeft(t *testing.T) {
	nine, ten := 9.0, 10.0
	r := Result{Fault: "kill", Timing: Timing{TTL: 20, LoopWait: 2, Inter: time.Second, Rise: 1}, LeaseLeft: &nine, LeaderKey: &nine, PatroniLeader: &ten}
	b, rule := Bound(r)
	// 9 s lease left + 2 s loop_wait + 1 s promotion + 1 s detection.
	if b == nil || *b != 13 {
		t.Errorf("bound %v (%s), want 13", b, rule)
	}
}

// etcd truncates a lease's time to live to whole seconds; the lease left
// at the fault comes from every sample of the lease that expired and from
// its refresh's moment, not from the last sample alone, which reads up to
// a second short.
func TestLeaseLeftIsNotTruncatedToSeconds(t *testing.T) {
	const ttl, fault = 20, 6200
	for _, c := range []struct {
		name    string
		kind    string
		refresh int     // ms of the first refresh; Patroni refreshes every 2 s
		want    float64 // lease left at the fault
	}{
		{"refreshed 1.85 s before the fault", "kill", 350, 18.15},  // ends at 24.35 s; the last sample alone says 18 s
		{"refreshed 0.15 s before the fault", "kill", 2050, 19.85}, // ends at 26.05 s
		{"refreshed after the last round", "kill", 2180, 19.98},    // at 6.18 s: only the samples after the fault read it
		// A switchover's leader goes on refreshing (at 6.35 s) until it
		// releases the key (at 7.9 s): the lease at the fault is the one
		// from 4.35 s.
		{"a switchover", "switchover", 350, 18.15},
	} {
		last := c.refresh + (fault-c.refresh)/2000*2000 // a killed leader's last refresh
		release := at(1 << 30)
		if c.kind == "switchover" {
			last, release = 1<<30, at(7900)
		}
		expiry := func(ms int) time.Time {
			return at(min(c.refresh+(ms-c.refresh)/2000*2000, last)).Add(ttl * time.Second)
		}
		end := expiry(fault)
		var ss []Sample
		for ms := c.refresh + 50; at(ms).Before(end.Add(time.Second)); ms += 100 {
			s := Sample{At: at(ms), DCSAt: at(ms + 50), DCSLeader: "postgres2"}
			if at(ms+30).Before(expiry(ms+30)) && at(ms).Before(release) {
				// etcd computes it 30 ms into the round, truncated; the answer is back at 50 ms.
				s.DCSLeader = "postgres1"
				s.LeaseLeft = time.Duration(expiry(ms+30).Sub(at(ms+30)).Seconds()) * time.Second
			}
			ss = append(ss, s)
		}
		r := Compute(Input{Start: t0, End: ss[len(ss)-1].At, Samples: ss, Timing: Timing{TTL: ttl},
			Marks: []Mark{{Name: "fault", Kind: c.kind, At: at(fault)}}})
		if r.LeaseLeft == nil {
			t.Errorf("%s: no lease left, want %.2f", c.name, c.want)
		} else if *r.LeaseLeft < c.want-0.1 || *r.LeaseLeft > c.want+0.1 {
			t.Errorf("%s: lease left %.3f, want %.2f ± 0.1", c.name, *r.LeaseLeft, c.want)
		}
	}
}

// A partitioned or frozen leader's REST API hangs rather than refuses: the
// replica waits out Patroni's status request before it promotes.
func TestPartitionBoundWaitsForTheStatusRequest(t *testing.T) {
	nine, ten := 9.0, 10.0
	for _, fault := range []string{"partition", "freeze"} {
		r := Result{Fault: fault, Timing: Timing{TTL: 20, LoopWait: 2, Inter: time.Second, Rise: 1}, LeaseLeft: &nine, LeaderKey: &nine, PatroniLeader: &ten}
		b, rule := Bound(r)
		// 9 s lease left + 2 s loop_wait + 1 s promotion + 1 s detection + 2 s status request.
		if b == nil || *b != 15 || !strings.Contains(rule, "status request to the old leader 2s") {
			t.Errorf("%s: bound %v (%s), want 15 with the status request", fault, b, rule)
		}
	}
}

func TestSummarize(t *testing.T) {
	s := Summarize([]float64{5, 1, 4, 2, 3})
	if s.Min != 1 || s.Median != 3 || s.P95 != 5 || s.Max != 5 || s.N != 5 {
		t.Errorf("%+v", s)
	}
	if s := Summarize([]float64{1, 2, 3, 4}); s.Median != 2.5 {
		t.Errorf("median of 4 values: %v", s.Median)
	}
}

// HAProxy's check settings are read as HAProxy reads them, and a DOWN
// server's interval (the replica about to be promoted) sets the bound.
func TestHAProxyChecksAndTheBoundTheyGive(t *testing.T) {
	inter, down, fall, rise := HAProxyChecks([]byte("defaults\n    default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions fastinter 200ms downinter 200\n"))
	if inter != time.Second || down != 200*time.Millisecond || fall != 2 || rise != 1 {
		t.Fatalf("inter %v downinter %v fall %d rise %d", inter, down, fall, rise)
	}
	promoted := 1.7
	r := Result{Fault: "stop", PatroniLeader: &promoted, Timing: Timing{Inter: inter, DownInter: down, Rise: rise}}
	if b, _ := Bound(r); b == nil || *b < 1.89 || *b > 1.91 {
		t.Errorf("bound of a graceful stop promoted at 1.7 s with downinter 200ms rise 1 = %v, want 1.9 s", b)
	}
}

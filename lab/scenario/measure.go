package scenario

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/wait"
)

// DefaultRate is the measured writer's rate, in writes per second, when
// Options.Rate is 0.
const DefaultRate = 100

// LoadMax bounds a measurement: the writer and sampler stop by themselves
// after it even if no load stop step comes.
const LoadMax = 10 * time.Minute

// mark records the moment a step starts for the running measurement.
func (e *engine) mark(st *Step, run *StepRun) {
	if st.Mark == "" || e.load == nil {
		return
	}
	name, kind, _ := strings.Cut(st.Mark, " ")
	e.load.Mark(name, kind)
	run.Mark = st.Mark
}

// VerifiedLine is how `pglab stop|kill|pause|partition ...` says when the
// fault was seen in effect; ParseVerified reads it back from a step's
// output.
func VerifiedLine(t time.Time) string {
	return "verified at " + t.UTC().Format(time.RFC3339Nano)
}

var verifiedRE = regexp.MustCompile(`verified at (\S+)`)

// ParseVerified finds the moment VerifiedLine printed, if any.
func ParseVerified(out string) (time.Time, bool) {
	m := verifiedRE.FindStringSubmatch(out)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, m[1])
	return t, err == nil
}

// markVerified gives the step's mark the moment its command saw the fault
// in effect: the figures count from there, not from when it was asked.
func (e *engine) markVerified(run *StepRun) {
	if run.Mark == "" || e.load == nil {
		return
	}
	if t, ok := ParseVerified(run.Output); ok {
		run.Verified = t
		e.load.Verify(t)
	}
}

// loadStep starts the measured writer, or stops it and records the
// figures; the step fails when an expectation on them does not hold.
func (e *engine) loadStep(ctx context.Context, sr *ScenarioRun, st *Step, run *StepRun, vars map[string]string) error {
	target := e.rt
	if e.o.Hooks.Before != nil {
		if err := e.o.Hooks.Before(sr, run); err != nil {
			return err
		}
	}
	ep := target.MeasureEndpoints()
	rate := e.o.Rate
	if rate == 0 {
		rate = DefaultRate
	}
	switch st.Arg {
	case "start":
		if e.load != nil {
			return errors.New("load start: the writer already runs")
		}
		run.Condition = fmt.Sprintf("%d inserts/s through the balancer (%s), one row per transaction; every 100 ms ask etcd, Patroni, PostgreSQL and HAProxy who leads", rate, ep.Balancer)
		e.o.Progress.Info("%s", run.Condition)
		s, err := measure.Begin(ctx, target, measure.Options{Run: vars["run"] + "-" + vars["lab"] + "-" + run.Started.Format("150405.000"), Rate: rate, Max: LoadMax})
		if err != nil {
			return fmt.Errorf("load start: %w", err)
		}
		e.load = s
		run.Output = "the writer runs; its first write was acknowledged"
		return nil
	case "stop":
		if e.load == nil {
			return errors.New("load stop: no writer runs (add a `load: start` step before)")
		}
		run.Condition = "stop the writer; read every row back from the leader; compute the figures"
		res := e.load.End(ctx)
		e.load = nil
		run.Failover = &res
		run.Output = FailoverText(&res)
		return checkFailover(st.Expect, &res)
	}
	return fmt.Errorf("load: want start or stop, got %q", st.Arg)
}

func checkFailover(ex *Expect, r *measure.Result) error {
	if ex == nil {
		return nil
	}
	var fs []string
	if ex.Lost != nil && r.Lost > *ex.Lost {
		fs = append(fs, fmt.Sprintf("%d acknowledged write(s) lost (seq %v), at most %d expected", r.Lost, r.LostSeqs, *ex.Lost))
	}
	if ex.Lost != nil && r.ReadBack == "" {
		fs = append(fs, "the rows could not be read back")
	}
	if ex.SplitBrain != nil && r.SplitBrain > *ex.SplitBrain {
		fs = append(fs, fmt.Sprintf("%d split-brain round(s) at %v s, at most %d expected", r.SplitBrain, r.SplitBrainAt, *ex.SplitBrain))
	}
	if ex.Rejoined != nil && r.Rejoined != *ex.Rejoined {
		fs = append(fs, fmt.Sprintf("rejoined = %v, expected %v", r.Rejoined, *ex.Rejoined))
	}
	if len(fs) > 0 {
		return errors.New(strings.Join(fs, "; "))
	}
	return nil
}

// FailoverText is the figures as the lines a transcript and a terminal show.
func FailoverText(r *measure.Result) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	opt := func(v *float64) string {
		if v == nil {
			return "not seen"
		}
		return fmt.Sprintf("%.2fs", *v)
	}
	p("fault: %s; leader %s → %s", orDash(r.Fault), orDash(r.OldLeader), orDash(r.NewLeader))
	p("writes: %d sent, %d acknowledged, %d write errors, %d connect errors", r.Sent, r.Acked, r.WriteErrs, r.ConnErrs)
	p("write RTO (last ack before the gap → first after): %s (timeline %d → %d)", opt(r.RTO), r.OldTimeline, r.NewTimeline)
	p("since the fault: leader key changed %s; Patroni reports the new primary %s; HAProxy routes to it only %s", opt(r.LeaderKey), opt(r.PatroniLeader), opt(r.BalancerRoute))
	p("old primary rejoined as a streaming replica: %v after %s (pg_rewind: %v)", r.Rejoined, opt(r.Rejoin), r.Rewind)
	p("acknowledged writes lost: %d; rows on %s never acknowledged: %d; writes in doubt (sent, no answer): %d", r.Lost, orDash(r.ReadBack), r.Unacked, r.InDoubt)
	p("split-brain rounds (two nodes accepting writes at once): %d of %d", r.SplitBrain, r.Samples)
	if r.Bound != nil {
		p("theoretical bound of the write RTO: %.2fs = %s", *r.Bound, r.BoundRule)
	}
	for _, k := range r.ErrorKinds {
		p("  %d× %s error %.1f–%.1fs: %s", k.Count, k.Op, k.First, k.Last, k.Msg)
	}
	for _, n := range r.Notes {
		p("note: %s", n)
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// holdFor checks that a condition keeps holding for d: an observation
// window, which fails at the first check that does not hold.
func holdFor(ctx context.Context, what string, d time.Duration, check wait.Check) error {
	end := time.Now().Add(d)
	t := time.NewTicker(wait.Interval)
	defer t.Stop()
	for time.Now().Before(end) {
		if ok, seen := check(ctx); !ok {
			return fmt.Errorf("%s stopped holding after %s of %s; seen: %s", what, d-time.Until(end).Round(100*time.Millisecond), d, seen)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("interrupted while watching %s: %w", what, ctx.Err())
		case <-t.C:
		}
	}
	return nil
}

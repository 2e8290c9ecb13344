// Package bench repeats a fault under load and sums up the measurements:
// each cycle is the fault's scenario (a writer through the balancer, the
// sampler every 100 ms, the rows read back), the cycles' transcripts are
// merged into one, and the figures are printed as min / median / p95 /
// max next to their theoretical bound.
package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/provenance"
	"github.com/pglab/pglab/lab/scenario"
)

// Faults maps a fault kind to the scenario that injects it under load.
var Faults = map[string]string{
	"stop":        "failover-stop",
	"kill":        "failover-kill",
	"partition":   "failover-partition",
	"freeze":      "failover-freeze",
	"switchover":  "failover-switchover",
	"etcd-member": "etcd-member-loss",
	"etcd-quorum": "etcd-quorum-loss",
}

// FaultNames lists the fault kinds, sorted.
func FaultNames() string {
	var ks []string
	for k := range Faults {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// Options configure a bench.
type Options struct {
	Fault      string
	Cycles     int  // 1..100
	Rate       int  // writes per second, 1..200
	Sync       bool // synchronous_mode on for the bench (Patroni's dynamic config, restored afterwards)
	NoFailsafe bool // failsafe_mode off for the bench (restored afterwards)
	Pglab      string
	Source     *provenance.Manifest // the exercise files the lab runs, for the report
	Hooks      scenario.Hooks       // around each step of each cycle (the live page's)
}

// Check rejects options out of range, saying what to choose.
func (o Options) Check() error {
	if _, ok := Faults[o.Fault]; !ok {
		return fmt.Errorf("--fault %q: choose one of %s", o.Fault, FaultNames())
	}
	if o.Cycles < 1 || o.Cycles > 100 {
		return fmt.Errorf("--cycles %d: choose 1..100", o.Cycles)
	}
	if o.Rate < 1 || o.Rate > 200 {
		return fmt.Errorf("--rate %d: choose 1..200", o.Rate)
	}
	return nil
}

// Scenario is the scenario the bench runs.
func (o Options) Scenario() string {
	if o.Fault == "etcd-quorum" && o.NoFailsafe {
		// Without failsafe_mode the primary demotes itself: another story.
		return "etcd-quorum-loss-nofailsafe"
	}
	return Faults[o.Fault]
}

// Run is a bench's outcome: every cycle's transcript merged, and the
// figures of the cycles that measured a failover.
type Run struct {
	Transcript *scenario.Transcript // nil when no cycle ran
	Results    []measure.Result
	Timing     measure.Timing
}

// Bench runs the fault's scenario o.Cycles times on rt, stopping at the
// first failed cycle; each cycle's figures are printed to out as they come.
func Bench(ctx context.Context, rt scenario.Runtime, set *scenario.Set, scs []*scenario.Scenario, o Options, out io.Writer) (run Run, err error) {
	// Dynamic settings: Patroni applies them to the running cluster within a loop.
	var restore []string
	for _, s := range []struct {
		on         bool
		key, value string
	}{{o.Sync, "synchronous_mode", "true"}, {o.NoFailsafe, "failsafe_mode", "false"}} {
		if !s.on {
			continue
		}
		if err := editConfig(ctx, out, rt, s.key+"="+s.value); err != nil {
			return run, err
		}
		old := "false"
		if s.value == "false" {
			old = "true"
		}
		restore = append(restore, s.key+"="+old)
	}
	defer func() {
		for _, kv := range restore {
			if rerr := editConfig(context.WithoutCancel(ctx), out, rt, kv); rerr != nil && err == nil {
				err = rerr
			}
		}
	}()
	if run.Timing, err = rt.Timing(ctx); err != nil {
		return run, err
	}
	name := o.Scenario()
	fmt.Fprintf(out, "\nBench: %d × %s on lab %s (%s)\n", o.Cycles, name, rt.Lab(), run.Timing)
	st := progress.New(out)
	for i := 1; i <= o.Cycles; i++ {
		st.Start("cycle %d/%d: %s", i, o.Cycles, name)
		t, rerr := scenario.Run(ctx, rt, scs, scenario.Options{Catalog: set.Catalog, Pglab: o.Pglab, Rate: o.Rate, Source: o.Source, Hooks: o.Hooks,
			RunID: fmt.Sprintf("bench-%s-%d-%s", o.Fault, i, time.Now().UTC().Format("150405"))})
		st.End(rerr)
		if t != nil {
			run.Transcript = merge(run.Transcript, t)
			for _, r := range failovers(t) {
				run.Results = append(run.Results, r)
				fmt.Fprintf(out, "  %s\n", CycleLine(&r))
			}
		}
		if rerr != nil {
			fmt.Fprintf(out, "  cycle %d failed: %v\n", i, rerr)
			return run, fmt.Errorf("bench stopped after %d cycle(s): %w", len(run.Results), rerr)
		}
	}
	return run, nil
}

// merge appends a cycle's transcript to the bench's.
func merge(all, t *scenario.Transcript) *scenario.Transcript {
	if all == nil {
		return t
	}
	all.Scenarios = append(all.Scenarios, t.Scenarios...)
	all.Finished, all.Passed = t.Finished, all.Passed && t.Passed
	if t.Failure != "" && all.Failure == "" {
		all.Failure = t.Failure
	}
	return all
}

// failovers are the figures a transcript's load steps recorded.
func failovers(t *scenario.Transcript) []measure.Result {
	var out []measure.Result
	for _, sc := range t.Scenarios {
		for _, s := range sc.Steps {
			if s.Failover != nil {
				out = append(out, *s.Failover)
			}
		}
	}
	return out
}

// CycleLine is one cycle's figures on one line.
func CycleLine(r *measure.Result) string {
	f := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprintf("%.2fs", *v)
	}
	line := fmt.Sprintf("RTO %s (bound %s) · key %s · patroni %s · haproxy %s · rejoin %s rewind=%v · lease left %s · lost %d · unacked %d · split-brain %d · %d acked",
		f(r.RTO), f(r.Bound), f(r.LeaderKey), f(r.PatroniLeader), f(r.BalancerRoute), f(r.Rejoin), r.Rewind, f(r.LeaseLeft), r.Lost, r.Unacked, r.SplitBrain, r.Acked)
	for _, e := range r.Errors {
		line += "\n    MEASUREMENT ERROR (not counted): " + e
	}
	return line
}

// Print writes the figures' table: min / median / p95 / max of each.
func Print(w io.Writer, fault string, tm measure.Timing, rs []measure.Result) {
	fmt.Fprintf(w, "\nfault %s, %d run(s); timing %s\n", fault, len(rs), tm)
	if bad := len(rs) - len(valid(rs)); bad > 0 {
		fmt.Fprintf(w, "%d run(s) left out of the figures: measurement errors (see above)\n", bad)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "figure\tn\tmin\tmedian\tp95\tmax\t")
	for _, row := range measure.Table(rs) {
		s := row.Stats
		if s.N == 0 {
			fmt.Fprintf(tw, "%s\t0\t-\t-\t-\t-\t\n", row.Figure)
			continue
		}
		format := "%.2f" + row.Unit
		if row.Unit == "" {
			format = "%.0f"
		}
		fmt.Fprintf(tw, "%s\t%d\t"+format+"\t"+format+"\t"+format+"\t"+format+"\t\n", row.Figure, s.N, s.Min, s.Median, s.P95, s.Max)
	}
	tw.Flush()
	rejoined, rewound := 0, 0
	for _, r := range rs {
		if r.Rejoined {
			rejoined++
		}
		if r.Rewind {
			rewound++
		}
	}
	fmt.Fprintf(w, "old primary rejoined %d/%d, pg_rewind ran %d/%d\n", rejoined, len(rs), rewound, len(rs))
	for i, r := range rs {
		if r.Valid() && r.BoundRule != "" {
			fmt.Fprintf(w, "bound rule (run %d): %s\n", i+1, r.BoundRule)
			break
		}
	}
}

// valid are the runs with no measurement error: the ones the figures count.
func valid(rs []measure.Result) []measure.Result {
	var out []measure.Result
	for _, r := range rs {
		if r.Valid() {
			out = append(out, r)
		}
	}
	return out
}

// editConfig changes Patroni's dynamic configuration with patronictl.
func editConfig(ctx context.Context, out io.Writer, rt scenario.Runtime, kv string) error {
	c, err := rt.Tool("patronictl", "", []string{"edit-config", "--force", "-s", kv})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "$ %s\n", c.Display)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	b, err := exec.CommandContext(ctx, c.Argv[0], c.Argv[1:]...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("patronictl edit-config -s %s: %w\n%s", kv, err, b)
	}
	return nil
}

// Host describes the machine, for the results.
func Host() string {
	s := fmt.Sprintf("%d CPU", runtime.NumCPU())
	if b, err := os.ReadFile("/etc/debian_version"); err == nil {
		s += ", Debian " + strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile(filepath.Join("/proc", "sys", "kernel", "osrelease")); err == nil {
		s += ", Linux " + strings.TrimSpace(string(b))
	}
	return s
}

package main

import (
	"bytes"
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

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/runtime/embedded"
	"github.com/pglab/pglab/lab/scenario"
)

// benchFaults maps a fault kind to the scenario that injects it under load.
var benchFaults = map[string]string{
	"stop":        "failover-stop",
	"kill":        "failover-kill",
	"partition":   "failover-partition",
	"freeze":      "failover-freeze",
	"switchover":  "failover-switchover",
	"etcd-member": "etcd-member-loss",
	"etcd-quorum": "etcd-quorum-loss",
}

func faultNames() string {
	var ks []string
	for k := range benchFaults {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

func benchCmd() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure something repeatedly (example: pglab bench failover -n 5 --fault kill)",
		Commands: []*cli.Command{{
			Name:  "failover",
			Usage: "repeat a fault under load N times and print min / median / p95 / max of each figure next to its theoretical bound",
			Description: `Boots the operations test's lab if none of that --name runs (on --runtime,
removed afterwards unless --keep), or measures the running one as it is
(the HA lab's too: pglab up -d --profile zookeeper first). It runs the
fault's scenario N times: a writer inserts through HAProxy while pglab
samples the leader key (etcd, or ZooKeeper's leader znode), Patroni,
PostgreSQL and HAProxy every 100 ms; after each cycle every acknowledged
row is read back from the new primary. Faults: ` + faultNames() + `.
The transcript and a report (with a timeline chart per cycle) go to --out.`,
			Flags: []cli.Flag{
				&cli.IntFlag{Name: "n", Value: 5, Usage: "cycles"},
				&cli.StringFlag{Name: "fault", Value: "stop", Usage: "`KIND`: " + faultNames()},
				&cli.StringFlag{Name: "timing", Aliases: []string{"profile"}, Value: embedded.DefaultTiming, Usage: "timing of an embedded lab this command boots: fast or exercise (a docker lab runs the exercise's own)"},
				&cli.StringFlag{Name: "runtime", Value: embedded.Name, Usage: "runtime of a lab this command boots: embedded or docker (where a fault is a container's: docker stop|kill|pause)"},
				&cli.BoolFlag{Name: "sync", Usage: "run with synchronous_mode: true (set in Patroni's dynamic config, restored afterwards)"},
				&cli.BoolFlag{Name: "no-failsafe", Usage: "run with failsafe_mode: false (dynamic config, restored afterwards)"},
				&cli.IntFlag{Name: "rate", Value: scenario.LoadRate, Usage: "writes per second (at most 200)"},
				&cli.BoolFlag{Name: "keep", Usage: "leave a lab this command booted running"},
				&cli.StringFlag{Name: "out", Value: resultsDir, Usage: "`DIR` for the transcript and reports"},
			},
			Action: benchFailover,
		}},
	}
}

func benchFailover(ctx context.Context, cmd *cli.Command) (err error) {
	out := cmd.Root().Writer
	fault := cmd.String("fault")
	scName, ok := benchFaults[fault]
	if !ok {
		return usageError("--fault %q: choose one of %s", fault, faultNames())
	}
	if fault == "etcd-quorum" && cmd.Bool("no-failsafe") {
		// Without failsafe_mode the primary demotes itself: another story.
		scName = "etcd-quorum-loss-nofailsafe"
	}
	n := int(cmd.Int("n"))
	if n < 1 || n > 100 {
		return usageError("-n %d: choose 1..100", n)
	}
	if r := int(cmd.Int("rate")); r < 1 || r > 200 {
		return usageError("--rate %d: choose 1..200", r)
	}
	scenario.LoadRate = int(cmd.Int("rate"))
	runtime, err := labRuntime(cmd)
	if err != nil {
		return err
	}
	// A running lab is measured as it is (the HA lab's too: the leader key
	// is read from its ZooKeeper); a lab the bench boots is the operations
	// test's. (--profile here names the timing, as in the usage.)
	profile := exercise.Etcd
	if st, err := labdir.Load(cmd.String("name")); err == nil && st.Profile != "" {
		if profile, err = exercise.ProfileByName(st.Profile); err != nil {
			return err
		}
	}
	set, scs, err := loadScenarios(profile, runtime, []string{scName})
	if err != nil {
		return err
	}
	sl, err := openScenarioLab(ctx, out, cmd, profile)
	if err != nil {
		return err
	}
	defer sl.done(&err)
	rt, ok := sl.rt.(benchRuntime)
	if !ok {
		return usageError("bench failover cannot measure lab %s (%s runtime)", sl.rt.Lab(), sl.rt.Name())
	}
	// Dynamic settings: Patroni applies them to the running cluster within a loop.
	var restore []string
	for _, s := range []struct {
		on         bool
		key, value string
	}{{cmd.Bool("sync"), "synchronous_mode", "true"}, {cmd.Bool("no-failsafe"), "failsafe_mode", "false"}} {
		if !s.on {
			continue
		}
		if err := editConfig(ctx, out, rt, s.key+"="+s.value); err != nil {
			return err
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

	tm, err := rt.Timing(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nBench: %d × %s on lab %s (%s)\n", n, scName, rt.Lab(), tm)
	var results []measure.Result
	var all *scenario.Transcript
	var runErr error
	st := progress.New(out)
	for i := 1; i <= n && runErr == nil; i++ {
		st.Start("cycle %d/%d: %s", i, n, scName)
		t, rerr := scenario.Run(ctx, rt, scs, scenario.Options{Catalog: set.Catalog, Pglab: version,
			RunID: fmt.Sprintf("bench-%s-%d-%s", fault, i, time.Now().UTC().Format("150405"))})
		st.End(rerr)
		runErr = rerr
		if t == nil {
			break
		}
		if all == nil {
			all = t
		} else {
			all.Scenarios = append(all.Scenarios, t.Scenarios...)
			all.Finished, all.Passed = t.Finished, all.Passed && t.Passed
			if t.Failure != "" && all.Failure == "" {
				all.Failure = t.Failure
			}
		}
		for _, sc := range t.Scenarios {
			for _, s := range sc.Steps {
				if s.Failover != nil {
					results = append(results, *s.Failover)
					r := s.Failover
					fmt.Fprintf(out, "  %s\n", cycleLine(r))
				}
			}
		}
		if rerr != nil {
			fmt.Fprintf(out, "  cycle %d failed: %v\n", i, rerr)
		}
	}
	if all != nil {
		all.Versions = append(all.Versions, scenario.Version{Component: "host", Version: hostLine()})
		if paths, serr := saveBench(all, "bench-"+fault, cmd.String("out")); serr == nil {
			fmt.Fprintf(out, "\nSaved %s\n", strings.Join(paths, ", "))
		} else {
			fmt.Fprintf(out, "\nsaving results: %v\n", serr)
		}
	}
	printBench(out, fault, tm, results)
	if runErr != nil {
		return exitError{code: 1, err: fmt.Errorf("bench stopped after %d cycle(s): %w", len(results), runErr)}
	}
	return nil
}

func cycleLine(r *measure.Result) string {
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

func printBench(w io.Writer, fault string, tm measure.Timing, rs []measure.Result) {
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

func valid(rs []measure.Result) []measure.Result {
	var out []measure.Result
	for _, r := range rs {
		if r.Valid() {
			out = append(out, r)
		}
	}
	return out
}

// benchRuntime is what the bench needs of a lab: scenarios run on it and
// failovers measured (both runtimes offer both).
type benchRuntime interface {
	scenario.Runtime
	measure.Target
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

// hostLine describes the machine, for the results.
func hostLine() string {
	s := fmt.Sprintf("%d CPU", numCPU())
	if b, err := os.ReadFile("/etc/debian_version"); err == nil {
		s += ", Debian " + strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile(filepath.Join("/proc", "sys", "kernel", "osrelease")); err == nil {
		s += ", Linux " + strings.TrimSpace(string(b))
	}
	return s
}

func numCPU() int { return runtime.NumCPU() }

// saveBench writes the cycles' transcript and its report (md, html) into
// dir; unlike a scenario run, nothing goes into a lab directory.
func saveBench(t *scenario.Transcript, prefix, dir string) ([]string, error) {
	p := filepath.Join(dir, prefix+"-"+transcriptName)
	if err := t.Save(p); err != nil {
		return nil, err
	}
	saved := []string{p}
	for _, format := range report.Formats {
		p := filepath.Join(dir, fmt.Sprintf("%s-report.en.%s", prefix, format))
		var b bytes.Buffer
		if err := report.Render(&b, t, report.Options{Lang: "en", Format: format}); err != nil {
			return saved, err
		}
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return saved, fmt.Errorf("write report: %w", err)
		}
		saved = append(saved, p)
	}
	return saved, nil
}

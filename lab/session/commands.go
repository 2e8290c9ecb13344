package session

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/bench"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/scenario"
)

// What the lab commands print, kept here so that cmd/pglab only wires
// flags to them.

// LintFirst shows what is wrong with a candidate's files before the stack
// shows it; the lab boots anyway, as docker-compose up would.
func LintFirst(w io.Writer, from, abs string) error {
	findings, err := lint.Dir(abs)
	if err != nil {
		return runtime.Refuse(runtime.ErrOption, "up --from %s: %v", from, err)
	}
	if len(findings) == 0 {
		fmt.Fprintf(w, "pglab lint %s: no problems found.\n", from)
		return nil
	}
	fmt.Fprintf(w, "pglab lint %s: %s; booting it anyway:\n", from, progress.Count(len(lint.Problems(findings)), "problem", "problems"))
	for _, f := range findings {
		fmt.Fprintf(w, "  %s\n", f)
	}
	return nil
}

// PrintReady says a lab is up, shows its status and what to try first.
func PrintReady(ctx context.Context, w io.Writer, l runtime.Lab) {
	st := l.State()
	fmt.Fprintf(w, "\nLab %s is ready (%s runtime, %s).\n", st.Name, st.Runtime, st.Dir)
	if err := PrintStatus(ctx, w, l, false); err != nil {
		fmt.Fprintln(w, err)
	}
	fmt.Fprintf(w, "\nTry: %s -c 'select inet_server_port(), pg_is_in_recovery()'\n", labdir.Hint(st.Name, "psql", "--via", "haproxy"))
}

// PrintStatus is `pglab status`: a table, or JSON.
func PrintStatus(ctx context.Context, w io.Writer, l runtime.Lab, asJSON bool) error {
	ls, err := l.Status(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(ls)
	}
	return ls.Print(w)
}

// Fault applies a fault (or its undoing) to a node and says when it was
// seen in effect: the moment the figures count from.
func Fault(ctx context.Context, w io.Writer, l runtime.Lab, a runtime.Action, node string) error {
	if err := runtime.CheckNode(l, node); err != nil {
		return err
	}
	start := time.Now()
	verified, err := l.Do(ctx, node, a)
	if err != nil {
		return fmt.Errorf("%s %s: %w", a, node, err)
	}
	fmt.Fprintf(w, "%s %s: done in %.1fs", a, node, time.Since(start).Seconds())
	if !verified.IsZero() {
		fmt.Fprintf(w, ", %s", scenario.VerifiedLine(verified))
	}
	fmt.Fprintln(w)
	return nil
}

// Down removes a lab; a lab that is not there is no failure, as with kind
// and docker compose.
func Down(ctx context.Context, rts runtime.Registry, w io.Writer, name string, keep bool) error {
	start := time.Now()
	st, err := Remove(ctx, rts, name, keep)
	if errors.Is(err, labdir.ErrNoLab) {
		fmt.Fprintf(w, "No lab %s here: nothing to remove.\n", name)
		return nil
	}
	if err != nil {
		return err
	}
	kept := ""
	if keep {
		kept = " (data kept in " + st.Dir + ")"
	}
	fmt.Fprintf(w, "Lab %s removed in %.1fs%s\n", name, time.Since(start).Seconds(), kept)
	return nil
}

// ReportOptions are `pglab report`'s choices.
type ReportOptions struct {
	Lang, Format string
	Exercises    []string
	Profile      string // report on this profile's exercise; "" for none
}

// Report renders a transcript's report. A profile the transcript was not
// run on, or an exercise it does not hold, is the caller's mistake.
func Report(t *scenario.Transcript, o ReportOptions) ([]byte, error) {
	exercises := o.Exercises
	if o.Profile != "" {
		p, err := exercise.ProfileByName(o.Profile)
		if err != nil {
			return nil, runtime.Refuse(runtime.ErrOption, "report: %v", err)
		}
		if t.Profile != "" && t.Profile != p.Name {
			return nil, runtime.Refuse(runtime.ErrOption, "report --profile %s: the transcript is of a %s lab; run the scenarios on a %s lab (`pglab run scenario all --profile %s`)",
				p.Name, t.Profile, p.Name, p.Name)
		}
		exercises = append(exercises, p.Exercise)
	}
	var b bytes.Buffer
	if err := report.Render(&b, t, report.Options{Lang: o.Lang, Format: o.Format, Exercises: exercises}); err != nil {
		return nil, runtime.Refuse(runtime.ErrOption, "%v", err)
	}
	return b.Bytes(), nil
}

// Psql is the psql command line that connects to node (a PostgreSQL node,
// or the balancer) as the superuser, its password in the environment:
// the program's path, its argv and its environment.
func Psql(ctx context.Context, l runtime.Lab, node, dbname string, commands, extra []string) (path string, argv, env []string, err error) {
	addr, err := runtime.SQLEndpoint(ctx, l, node)
	if err != nil {
		return "", nil, nil, fmt.Errorf("psql: %w", err) // an unknown node: a usage error (lab/command)
	}
	psql, err := hostbin.Psql()
	if err != nil {
		return "", nil, nil, err
	}
	host, port, _ := net.SplitHostPort(addr)
	argv = []string{"psql", "-h", host, "-p", port, "-U", "postgres", "-d", dbname}
	for _, c := range commands {
		argv = append(argv, "-c", c)
	}
	argv = append(argv, extra...)
	env = append(os.Environ(), "PGPASSWORD="+l.State().Secrets.Superuser, "PGCONNECT_TIMEOUT=5", "PGAPPNAME=pglab")
	return psql.Path, argv, env, nil
}

// Bench runs a failover bench on the session's lab, saves its transcript
// and reports in dir (even when a cycle failed) and prints the figures.
func Bench(ctx context.Context, s *Session, set *scenario.Set, scs []*scenario.Scenario, o bench.Options, dir string, out io.Writer) error {
	var err error
	if o.Source, err = s.Source(); err != nil {
		return err
	}
	run, runErr := bench.Bench(ctx, s.Lab, set, scs, o, out)
	if t := run.Transcript; t != nil {
		t.Versions = append(t.Versions, scenario.Version{Component: "host", Version: bench.Host()})
		if paths, serr := Save(t, Results{Dir: dir, Prefix: "bench-" + o.Fault, Lang: "en"}); serr == nil {
			fmt.Fprintf(out, "\nSaved %s\n", strings.Join(paths, ", "))
		} else {
			fmt.Fprintf(out, "\nsaving results: %v\n", serr)
		}
	}
	if run.Transcript != nil {
		bench.Print(out, o.Fault, run.Timing, run.Results)
	}
	return runErr // with no transcript: no cycle ran (the dynamic config or the timing could not be had)
}

// Up boots a lab: in the background (detach), where it runs until `pglab
// down`, or in the foreground until ctx ends. stay keeps a detached
// command in the foreground anyway (a live page serving) until ctx ends.
func Up(ctx context.Context, rt runtime.Runtime, o runtime.Options, detach, stay bool, w io.Writer) error {
	if !detach {
		return rt.Host(ctx, o, w, func(l runtime.Lab) {
			PrintReady(ctx, w, l)
			fmt.Fprintln(w, "Press Ctrl-C to stop the lab and remove it.")
		})
	}
	l, err := rt.Up(ctx, o, w)
	if err != nil {
		return err
	}
	defer l.Close()
	PrintReady(ctx, w, l)
	fmt.Fprintf(w, "The lab runs in the background: `%s` removes it.\n", labdir.Hint(o.Name, "down"))
	if stay {
		fmt.Fprintln(w, "Serving the live page until Ctrl-C (the lab keeps running).")
		<-ctx.Done()
	}
	return nil
}

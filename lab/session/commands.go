package session

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/pglab/pglab/lab/exercise"
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

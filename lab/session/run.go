package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/walkthrough"
)

// Page is a live page that follows a run's steps (lab/ui's server).
type Page interface {
	Hooks(lab string, inner scenario.Hooks) scenario.Hooks
}

// Run is one `pglab run scenario` or `pglab walkthrough`: which
// scenarios, on which lab, and where the results go.
type Run struct {
	Open      Options // the lab to open, or boot when none runs
	Set       *scenario.Set
	Scenarios []*scenario.Scenario
	Profile   string // the exercise profile, recorded in the transcript
	Lang      string
	Out       string // the results directory
	Version   string // pglab's own, recorded in the transcript
	// Lesson makes the run a walkthrough: its hooks pause at each step, a
	// lesson left half way saves nothing, and a finished one keeps its own
	// transcript (it never replaces the run `report` and `submission` read).
	Lesson *walkthrough.Walker
	Page   Page // a live page following the steps, or nil
}

// RunScenarios opens (or boots) the lab, runs the scenarios, saves the
// transcript and reports, and removes a lab it booted unless Keep. A
// failed step is returned after the results are saved.
func RunScenarios(ctx context.Context, rts runtime.Registry, r Run, out io.Writer) (err error) {
	s, err := Open(ctx, rts, r.Open, out)
	if err != nil {
		return err
	}
	defer s.Close(&err)
	lab := s.Lab.Lab()
	source, err := s.Source()
	if err != nil {
		return err
	}
	opts := scenario.Options{Catalog: r.Set.Catalog, Pglab: r.Version, Lang: r.Lang, Profile: r.Profile, Source: source}
	results := Results{Dir: r.Out, Prefix: lab, Lang: r.Lang, LabCopy: lab}
	if r.Lesson != nil {
		opts.Hooks = r.Lesson.Hooks(ctx)
		results = Results{Dir: r.Out, Prefix: lab + "-walkthrough", Lang: r.Lang}
	} else {
		opts.Progress = progress.New(out)
		fmt.Fprintf(out, "\n%s\n", report.Console("running", r.Lang, names(r.Scenarios), lab))
	}
	if r.Page != nil {
		opts.Hooks = r.Page.Hooks(lab, opts.Hooks)
	}
	t, runErr := scenario.Run(ctx, s.Lab, r.Scenarios, opts)
	if r.Lesson != nil {
		// A lesson left half way (q, Ctrl-C) is no result: nothing saved.
		switch {
		case errors.Is(runErr, walkthrough.ErrQuit):
			fmt.Fprintln(out, "\n"+report.Console("quit", r.Lang))
			return nil
		case ctx.Err() != nil:
			fmt.Fprintln(out, "\n"+report.Console("interrupted", r.Lang))
			return ctx.Err()
		}
		r.Lesson.Recap(t)
	}
	paths, saveErr := Save(t, results)
	fmt.Fprintln(out)
	for i, p := range paths {
		note := ""
		if i == 0 && results.LabCopy != "" && s.Booted && !r.Open.Keep {
			note = report.Console("with_lab", r.Lang)
		}
		fmt.Fprintln(out, report.Console("saved", r.Lang, p+note))
	}
	if saveErr != nil {
		return saveErr
	}
	if runErr != nil {
		return runErr
	}
	took := t.Finished.Sub(t.Started).Round(time.Second)
	passed := report.Console("passed_all", r.Lang, len(r.Scenarios), took)
	if len(r.Scenarios) == 1 {
		passed = report.Console("passed_one", r.Lang, took)
	}
	// The hint must work after the lab is gone and wherever Out is: it
	// names the transcript just written.
	fmt.Fprintln(out, passed, report.Console("other_langs", r.Lang,
		labdir.Hint(lab, "report", "--transcript", results.Transcript())+" --lang es|ru|en [--format html]"))
	return nil
}

func names(scs []*scenario.Scenario) string {
	var n []string
	for _, s := range scs {
		n = append(n, s.Name)
	}
	return strings.Join(n, ", ")
}

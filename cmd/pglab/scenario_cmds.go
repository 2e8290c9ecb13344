package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/report"
	labrt "github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/all"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/session"
	"github.com/pglab/pglab/lab/submission"
	"github.com/pglab/pglab/lab/walkthrough"
)

// The scenario commands: run (boot if needed, run, record, report),
// walkthrough (the same as a lesson), report and submission (from the
// transcript a run saved).

var langFlag = &cli.StringFlag{Name: "lang", Value: "en", Usage: "report `LANG`uage: es (the operations test), ru (the HA lab) or en (both)"}

func runCmd() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "run something against the lab (example: pglab run scenario failover)",
		Commands: []*cli.Command{{
			Name:      "scenario",
			Usage:     "run scenarios, record every command and its output, write the report (example: pglab run scenario all)",
			ArgsUsage: "NAME|FILE.yaml...",
			Description: `Boots the lab if no lab of that --name runs (and removes it afterwards
unless --keep), runs the scenarios step by step, and saves the transcript
in the lab directory and in --out, with the report beside it.
Without NAME, lists the scenarios.`,
			Flags: scenarioLabFlags(),
			Action: func(ctx context.Context, cmd *cli.Command) error {
				return runScenarios(ctx, cmd, nil)
			},
		}},
	}
}

// scenarioLabFlags are the flags of the commands that run scenarios on a
// lab they may boot: run scenario and walkthrough.
func scenarioLabFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "keep", Usage: "leave a lab this command booted running"},
		&cli.StringFlag{Name: "out", Value: session.ResultsDir, Usage: "`DIR` for the transcript and reports (kept after `pglab down`)"},
		timingFlag("`TIMING` of a lab this command boots: fast or exercise (see pglab up --help)"),
		runtimeFlag("`RUNTIME` of a lab this command boots: embedded or docker"),
		profileFlag(),
		fromFlag,
		langFlag,
		uiFlag, listenFlag,
	}
}

func walkthroughCmd() *cli.Command {
	return &cli.Command{
		Name:      "walkthrough",
		Usage:     "a scenario as a lesson: why each step, the command, its output, what to look for (example: pglab walkthrough failover)",
		ArgsUsage: "NAME",
		Description: `Like ` + "`pglab run scenario`" + `, but before each step it explains what the
step does and why, shows the command and waits for Enter (q quits);
after it, the output and what to look for. --auto runs straight through.`,
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "auto", Usage: "do not wait for Enter between steps"},
		}, scenarioLabFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usageError("walkthrough: name one scenario, e.g. `pglab walkthrough failover`")
			}
			w := walkthrough.New(cmd.Root().Writer, cmd.Root().Reader, cmd.String("lang"), cmd.Bool("auto"))
			return runScenarios(ctx, cmd, w)
		},
	}
}

// choose is the exercise and runtime of the lab under --name, else
// --profile and --runtime.
func choose(cmd *cli.Command) (session.Choice, error) {
	c, err := session.Choose(all.Runtimes, cmd.String("name"), cmd.String("profile"), cmd.String("runtime"))
	if err != nil {
		return c, usageError("%v", err)
	}
	return c, nil
}

// loadScenarios reads the scenarios for the profile and the runtime, plus
// any scenario files named; a bad name or file is a usage error.
func loadScenarios(c session.Choice, args []string) (*scenario.Set, []*scenario.Scenario, error) {
	set, scs, err := session.LoadScenarios(c.Profile, c.Runtime, args)
	if errors.Is(err, session.ErrBadArgs) {
		return nil, nil, exitError{code: 2, err: err}
	}
	return set, scs, err
}

func checkLang(lang string) error {
	for _, l := range scenario.Languages {
		if l == lang {
			return nil
		}
	}
	return usageError("--lang %q: choose es, ru or en", lang)
}

// runScenarios boots the lab when needed, runs the scenarios, saves the
// transcript and reports, and removes a lab it booted unless --keep.
func runScenarios(ctx context.Context, cmd *cli.Command, w *walkthrough.Walker) (err error) {
	out := cmd.Root().Writer
	lang := cmd.String("lang")
	if err := checkLang(lang); err != nil {
		return err
	}
	c, err := choose(cmd)
	if err != nil {
		return err
	}
	profile := c.Profile
	set, scs, err := loadScenarios(c, cmd.Args().Slice())
	if err != nil {
		return err
	}
	if len(scs) == 0 {
		// A listing, as the help says: what can be named here.
		fmt.Fprintln(out, "Name one or more scenarios (or a scenario FILE.yaml), e.g. `pglab run scenario all`:")
		return session.ListScenarios(out, set, lang)
	}
	page, err := maybeUI(ctx, cmd)
	if err != nil {
		return err
	}
	session.PrintSkipped(out, set, cmd.Args().Slice(), lang)
	s, err := openSession(ctx, cmd, c)
	if err != nil {
		return err
	}
	defer s.Close(&err)
	rt := s.Lab
	source, err := s.Source()
	if err != nil {
		return err
	}
	opts := scenario.Options{Catalog: set.Catalog, Pglab: version, Lang: lang, Profile: profile.Name, Source: source}
	results := session.Results{Dir: cmd.String("out"), Prefix: rt.Lab(), Lang: lang, LabCopy: rt.Lab()}
	if w != nil {
		opts.Hooks = w.Hooks(ctx)
		// A lesson keeps its own transcript: it never replaces the run
		// that `pglab report` and `pglab submission` read.
		results = session.Results{Dir: cmd.String("out"), Prefix: rt.Lab() + "-walkthrough", Lang: lang}
	} else {
		opts.Progress = progress.New(out)
		fmt.Fprintf(out, "\n%s\n", report.Console("running", lang, scenarioNames(scs), rt.Lab()))
	}
	if page != nil {
		opts.Hooks = page.Hooks(rt.Lab(), opts.Hooks)
	}
	t, runErr := scenario.Run(ctx, rt, scs, opts)
	if w != nil {
		// A lesson left half way (q, Ctrl-C) is no result: nothing saved.
		switch {
		case errors.Is(runErr, walkthrough.ErrQuit):
			fmt.Fprintln(out, "\n"+report.Console("quit", lang))
			return nil
		case ctx.Err() != nil:
			fmt.Fprintln(out, "\n"+report.Console("interrupted", lang))
			return ctx.Err() // main exits 130
		}
		w.Recap(t)
	}
	paths, saveErr := session.Save(t, results)
	fmt.Fprintln(out)
	for i, p := range paths {
		note := ""
		if i == 0 && results.LabCopy != "" && s.Booted && !cmd.Bool("keep") {
			note = report.Console("with_lab", lang)
		}
		fmt.Fprintln(out, report.Console("saved", lang, p+note))
	}
	if saveErr != nil {
		return saveErr
	}
	if runErr != nil {
		if ctx.Err() != nil {
			return runErr // interrupted: main exits 130
		}
		return exitError{code: 1, err: runErr}
	}
	took := t.Finished.Sub(t.Started).Round(time.Second)
	passed := report.Console("passed_all", lang, len(scs), took)
	if len(scs) == 1 {
		passed = report.Console("passed_one", lang, took)
	}
	// The hint must work after the lab is gone and wherever --out is:
	// it names the transcript just written.
	fmt.Fprintln(out, passed, report.Console("other_langs", lang,
		labdir.Hint(rt.Lab(), "report", "--transcript", results.Transcript())+" --lang es|ru|en [--format html]"))
	return nil
}

func scenarioNames(scs []*scenario.Scenario) string {
	var n []string
	for _, s := range scs {
		n = append(n, s.Name)
	}
	return strings.Join(n, ", ")
}

// openSession connects to the lab under --name, booting it first (with
// --runtime, --timing, --from and the exercise profile) when none runs. A
// lab named with --name must run unless the command says what to boot
// (--runtime, --from, --profile, --timing, --keep): pglab's own lab never
// silently stands in for the one the user meant.
func openSession(ctx context.Context, cmd *cli.Command, c session.Choice) (*session.Session, error) {
	s, err := session.Open(ctx, all.Runtimes, session.Options{
		Boot:     labrt.Options{Name: cmd.String("name"), Profile: c.Profile.Name, Timing: cmd.String("timing"), From: flagString(cmd, "from")},
		Runtime:  c.Runtime,
		Keep:     cmd.Bool("keep"),
		Lang:     cmd.String("lang"),
		Existing: cmd.IsSet("name") && !anySet(cmd, "runtime", "from", "profile", "timing", "keep"),
	}, cmd.Root().Writer)
	if errors.Is(err, session.ErrNotRunning) {
		return nil, exitError{code: 1, err: err}
	}
	return s, err
}

// fromFlag boots a candidate's directory instead of pglab's own files.
var fromFlag = &cli.StringFlag{Name: "from", Usage: "boot the exercise files in `DIR` (a candidate's answer; docker runtime) when no lab of --name runs"}

func anySet(cmd *cli.Command, names ...string) bool {
	for _, n := range names {
		if cmd.IsSet(n) {
			return true
		}
	}
	return false
}

// flagString is a flag's value, "" for a command without it.
func flagString(cmd *cli.Command, name string) string {
	for _, f := range cmd.Flags {
		if slices.Contains(f.Names(), name) {
			return cmd.String(name)
		}
	}
	return ""
}

// findTranscript picks the transcript to report on: --transcript, else
// the lab's last run.
func findTranscript(cmd *cli.Command) (*scenario.Transcript, string, error) {
	t, p, err := session.FindTranscript(cmd.String("name"), cmd.String("transcript"))
	if errors.Is(err, session.ErrNoTranscript) {
		return nil, "", usageError("%v", err)
	}
	return t, p, err
}

func reportCmd() *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "write the report of the last scenario run: each question, the commands, their output, the verdict (example: pglab report --lang es --format html -o report.html)",
		Flags: []cli.Flag{
			langFlag,
			&cli.StringFlag{Name: "format", Value: "md", Usage: "md or html (self-contained)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.StringFlag{Name: "transcript", Usage: "transcript `FILE` (default: the lab's last run)"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "exercise `ID` to report on: ops, lab (default: the lab's exercise, or by --lang for the etcd stack, which answers both; repeatable)"},
			&cli.StringFlag{Name: "profile", Usage: "report on `PROFILE`'s exercise: etcd (ops, the operations test) or zookeeper (lab, the HA lab)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			lang := cmd.String("lang")
			if err := checkLang(lang); err != nil {
				return err
			}
			if f := cmd.String("format"); f != "md" && f != "html" {
				return usageError("--format %q: choose md or html", f)
			}
			var profile *exercise.Profile
			if name := cmd.String("profile"); name != "" {
				p, err := exercise.ProfileByName(name)
				if err != nil {
					return usageError("report: %v", err)
				}
				profile = &p
			}
			t, _, err := findTranscript(cmd)
			if err != nil {
				return err
			}
			exercises := cmd.StringSlice("exercise")
			if p := profile; p != nil {
				if t.Profile != "" && t.Profile != p.Name {
					return usageError("report --profile %s: the transcript is of a %s lab; run the scenarios on a %s lab (`pglab run scenario all --profile %s`)", p.Name, t.Profile, p.Name, p.Name)
				}
				exercises = append(exercises, p.Exercise)
			}
			var b bytes.Buffer
			if err := report.Render(&b, t, report.Options{Lang: lang, Format: cmd.String("format"), Exercises: exercises}); err != nil {
				return usageError("%v", err)
			}
			if o := cmd.String("output"); o != "" {
				if err := os.WriteFile(o, b.Bytes(), 0o644); err != nil {
					return fmt.Errorf("report: %w", err)
				}
				fmt.Fprintf(cmd.Root().ErrWriter, "Wrote %s\n", o)
				return nil
			}
			_, err = cmd.Root().Writer.Write(b.Bytes())
			return err
		},
	}
}

func submissionCmd() *cli.Command {
	return &cli.Command{
		Name:  "submission",
		Usage: "zip the operations test's deliverable: the files a docker run proved and the Spanish report (example: pglab submission --from ./answer -o answer.zip)",
		Description: `Zips the exercise files the transcript's run used (pglab's own, or the
candidate's directory with --from: no .git, data or secrets), a .env with
fresh passwords and DOCUMENTACION.md. The run must be of these very files on
the docker runtime (` + "`pglab run scenario all --runtime docker [--from DIR]`" + `):
their digests are checked. --force writes it anyway, and the document then
opens saying what its evidence does not cover.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "pglab-submission.zip", Usage: "zip `FILE` to write"},
			&cli.StringFlag{Name: "transcript", Usage: "transcript `FILE` (default: the lab's last run)"},
			&cli.StringFlag{Name: "from", Usage: "zip the candidate's exercise directory `DIR` (default: pglab's own files)"},
			&cli.BoolFlag{Name: "force", Usage: "write it even if the run failed, left questions unanswered or proves other files"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			t, src, err := findTranscript(cmd)
			if err != nil {
				return err
			}
			out := cmd.String("output")
			res, err := submission.Write(out, t, submission.Options{From: cmd.String("from"), Force: cmd.Bool("force")})
			if errors.Is(err, submission.ErrIncomplete) {
				return exitError{code: 1, err: fmt.Errorf("the transcript %s %w; run `pglab run scenario all --runtime docker` (or --force)", src, err)}
			}
			if errors.Is(err, submission.ErrUnproven) {
				return exitError{code: 1, err: fmt.Errorf("the transcript %s: %w", src, err)}
			}
			if err != nil {
				return err
			}
			w := cmd.Root().Writer
			fmt.Fprintf(w, "Wrote %s (from %s): %s\n", out, src, strings.Join(res.Files, ", "))
			if res.Unproven != "" {
				fmt.Fprintf(w, "--force: %s; %s opens saying so.\n", res.Unproven, submission.Report)
			}
			if len(res.Deviations) > 0 {
				fmt.Fprintln(w, "Differences from what the exercise fixes (under the version table):")
				for _, d := range res.Deviations {
					fmt.Fprintf(w, "  - %s\n", d)
				}
			}
			return nil
		},
	}
}

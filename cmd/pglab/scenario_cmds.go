package main

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/urfave/cli/v3"

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

// runScenarios boots the lab when needed, runs the scenarios, saves the
// transcript and reports, and removes a lab it booted unless --keep.
func runScenarios(ctx context.Context, cmd *cli.Command, w *walkthrough.Walker) (err error) {
	out := cmd.Root().Writer
	lang := cmd.String("lang")
	if err := scenario.CheckLang(lang); err != nil {
		return err
	}
	c, err := choose(cmd)
	if err != nil {
		return err
	}
	set, scs, err := session.LoadScenarios(c.Profile, c.Runtime, cmd.Args().Slice())
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
	r := session.Run{Open: sessionOptions(cmd, c), Set: set, Scenarios: scs, Profile: c.Profile.Name,
		Lang: lang, Out: cmd.String("out"), Version: version, Lesson: w}
	if page != nil {
		r.Page = page
	}
	return session.RunScenarios(ctx, all.Runtimes, r, out)
}

// sessionOptions opens the lab under --name, booting it first (with
// --runtime, --timing, --from and the exercise profile) when none runs. A
// lab named with --name must run unless the command says what to boot
// (--runtime, --from, --profile, --timing, --keep): pglab's own lab never
// silently stands in for the one the user meant.
func sessionOptions(cmd *cli.Command, c session.Choice) session.Options {
	return session.Options{
		Boot:     labrt.Options{Name: cmd.String("name"), Profile: c.Profile.Name, Timing: cmd.String("timing"), From: flagString(cmd, "from")},
		Runtime:  c.Runtime,
		Keep:     cmd.Bool("keep"),
		Lang:     cmd.String("lang"),
		Existing: cmd.IsSet("name") && !anySet(cmd, "runtime", "from", "profile", "timing", "keep"),
	}
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
			if err := scenario.CheckLang(lang); err != nil {
				return err
			}
			if f := cmd.String("format"); f != "md" && f != "html" {
				return usageError("--format %q: choose md or html", f)
			}
			t, _, err := session.FindTranscript(cmd.String("name"), cmd.String("transcript"))
			if err != nil {
				return err
			}
			b, err := session.Report(t, session.ReportOptions{Lang: lang, Format: cmd.String("format"),
				Exercises: cmd.StringSlice("exercise"), Profile: cmd.String("profile")})
			if err != nil {
				return err
			}
			if o := cmd.String("output"); o != "" {
				if err := os.WriteFile(o, b, 0o644); err != nil {
					return fmt.Errorf("report: %w", err)
				}
				fmt.Fprintf(cmd.Root().ErrWriter, "Wrote %s\n", o)
				return nil
			}
			_, err = cmd.Root().Writer.Write(b)
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
			t, src, err := session.FindTranscript(cmd.String("name"), cmd.String("transcript"))
			if err != nil {
				return err
			}
			return submission.Zip(cmd.Root().Writer, cmd.String("output"), t, src, submission.Options{From: cmd.String("from"), Force: cmd.Bool("force")})
		},
	}
}

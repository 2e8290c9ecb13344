package main

import (
	"context"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/grade"
	labrt "github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/all"
	"github.com/pglab/pglab/lab/scenario"
)

func gradeCmd() *cli.Command {
	return &cli.Command{
		Name:      "grade",
		Usage:     "grade a class: boot each submission's own stack, ask its exercise's questions, write feedback and a gradebook (example: pglab grade ./submissions)",
		ArgsUsage: "PATH...",
		Description: `Each PATH is a submission (a directory with a compose file, or a zip) or a
folder of them. Each is linted, booted as it is on the docker runtime,
asked its exercise's questions (the operations test's, or the HA lab's),
scored by the exercise's rubric (scenarios/rubric-*.yaml, or --rubric) and
removed. OUT/NAME/feedback.LANG.html|md is the student's feedback;
OUT/gradebook.csv and gradebook.html the class's. A submission whose files
did not change since it was graded is skipped (--regrade NAME grades it
again). Ctrl-C removes the labs it started and keeps what was graded.

Offline classrooms: --image-map postgres:15=pglab/lab-postgres:17 builds on
a local image where theirs cannot be pulled; --reference-image runs their
configs on pglab's own image when their Dockerfile needs the network.`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "grade `N` submissions at once (default: what the machine's memory and cores allow)"},
			&cli.StringFlag{Name: "out", Value: "pglab-grades", Usage: "`DIR` for the gradebook and each submission's feedback"},
			&cli.StringFlag{Name: "lang", Usage: "feedback `LANG`uage: es, ru or en (default: each exercise's own: es for the operations test, ru for the HA lab)"},
			&cli.StringSliceFlag{Name: "only", Usage: "grade only submission `NAME` (repeatable)"},
			&cli.StringSliceFlag{Name: "regrade", Usage: "grade submission `NAME` again even if its files did not change (repeatable)"},
			&cli.StringSliceFlag{Name: "image-map", Usage: "`FROM=TO`: build or run on local image TO where FROM cannot be pulled (repeatable; FROM may be repo, repo:tag or a pattern such as haproxy:*)"},
			&cli.StringFlag{Name: "reference-image", Usage: "run the PostgreSQL nodes on `IMAGE` with the submission's configs instead of building its Dockerfile (its Dockerfile tasks are then graded by lint)"},
			&cli.StringSliceFlag{Name: "rubric", Usage: "grade with rubric `FILE` (a copy of scenarios/rubric-ops.yaml or rubric-lab.yaml, edited)"},
			&cli.StringFlag{Name: "prefix", Value: "grade", Usage: "lab names are `PREFIX`-NAME"},
			&cli.StringFlag{Name: "format", Usage: "also write junit.xml (one test case per question): junit"},
			&cli.FloatFlag{Name: "pass", Usage: "exit 1 when a graded submission scores below `PERCENT`"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() == 0 {
				return usageError("grade: name the submissions, e.g. `pglab grade ./submissions`")
			}
			// Every flag is checked before anything is unpacked or booted:
			// a mistake costs one line and leaves nothing running.
			if cmd.IsSet("jobs") && cmd.Int("jobs") < 1 {
				return usageError("-j %d: grade at least 1 submission at a time (leave -j out for what this machine allows)", cmd.Int("jobs"))
			}
			pass := -1.0
			if cmd.IsSet("pass") {
				if pass = cmd.Float("pass"); pass < 0 || pass > 100 {
					return usageError("--pass %g: give a percentage from 0 to 100 (e.g. --pass 70)", pass)
				}
			}
			if l := cmd.String("lang"); l != "" {
				if err := scenario.CheckLang(l); err != nil {
					return err
				}
			}
			if f := cmd.String("format"); f != "" && f != "junit" {
				return usageError("--format %q: the only format is junit", f)
			}
			subs, err := grade.Find(cmd.Args().Slice())
			if err != nil {
				return usageError("grade: %v", err)
			}
			imap, err := labrt.ParseImageMap(cmd.StringSlice("image-map"))
			if err != nil {
				return usageError("%v", err)
			}
			rubrics, err := grade.Rubrics(pglab.Scenarios, cmd.StringSlice("rubric"))
			if err != nil {
				return usageError("%v", err)
			}
			if err := grade.CheckOut(cmd.String("out")); err != nil {
				return err
			}
			rt, err := grade.RuntimeFor(all.Runtimes)
			if err != nil {
				return err
			}
			self, err := os.Executable()
			if err != nil {
				return err
			}
			return grade.Class(ctx, subs, grade.Options{
				Out: cmd.String("out"), Jobs: int(cmd.Int("jobs")), Lang: cmd.String("lang"), Only: cmd.StringSlice("only"), Regrade: cmd.StringSlice("regrade"),
				Rubrics: rubrics, ImageMap: imap, ReferenceImage: cmd.String("reference-image"), Prefix: cmd.String("prefix"),
				Pglab: self, Version: version, Runtime: rt, Scenarios: pglab.Scenarios, Progress: cmd.Root().Writer,
			}, cmd.String("format") == "junit", pass, cmd.Root().Writer)
		},
	}
}

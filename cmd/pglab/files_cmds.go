package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/command"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/progress"
)

func initCmd() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write the corrected exercise files into DIR (example: pglab init ./answer)",
		ArgsUsage: "DIR",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "overwrite files that already exist"},
			profileFlag(),
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usageError("init: give one directory, e.g. `pglab init ./answer`")
			}
			profile, err := exercise.ProfileByName(cmd.String("profile"))
			if err != nil {
				return usageError("init: %v", err)
			}
			dir := cmd.Args().First()
			written, err := profile.Init(dir, cmd.Bool("force"))
			if err != nil {
				return err
			}
			for _, f := range written {
				fmt.Fprintln(cmd.Root().Writer, filepath.Join(dir, f))
			}
			fmt.Fprintf(cmd.Root().Writer, "\nNext: cd %s && docker-compose build && docker-compose up\n(.env holds this lab's generated passwords, mode 0600)\n", dir)
			return nil
		},
	}
}

func filesCmd() *cli.Command {
	return &cli.Command{
		Name:      "files",
		Usage:     "list the embedded exercise files, or print one (example: pglab files postgres1-conf/patroni.yml)",
		ArgsUsage: "[FILE]",
		Flags:     []cli.Flag{profileFlag()},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			w := cmd.Root().Writer
			profile, err := exercise.ProfileByName(cmd.String("profile"))
			if err != nil {
				return usageError("files: %v", err)
			}
			if cmd.NArg() == 1 {
				b, err := profile.Read(cmd.Args().First())
				if err != nil {
					return usageError("%v", err)
				}
				_, err = w.Write(b)
				return err
			}
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			for _, f := range profile.Files {
				fmt.Fprintf(tw, "%s\t%s\n", f.Path, f.About)
			}
			return tw.Flush()
		},
	}
}

func lintCmd() *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "check an exercise directory for the planted bugs (example: pglab lint ./their-answer)",
		ArgsUsage: "DIR",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usageError("lint: give one directory, e.g. `pglab lint ./their-answer`")
			}
			dir := cmd.Args().First()
			if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
				return usageError("lint: %s does not exist", dir)
			}
			findings, err := lint.Dir(dir)
			if err != nil {
				return err
			}
			for _, f := range findings {
				fmt.Fprintf(cmd.Root().Writer, "%s/%s\n", filepath.Clean(dir), f)
			}
			// Notes say what lint could not check; only problems fail.
			problems, notes := len(lint.Problems(findings)), len(findings)-len(lint.Problems(findings))
			if problems > 0 {
				return command.Exit(1, fmt.Errorf("lint: %s in %s", progress.Count(problems, "problem", "problems"), dir))
			}
			if notes > 0 {
				fmt.Fprintf(cmd.Root().Writer, "%s: no problems found (%s on what lint could not check)\n", dir, progress.Count(notes, "note", "notes"))
				return nil
			}
			fmt.Fprintf(cmd.Root().Writer, "%s: no problems found\n", dir)
			return nil
		},
	}
}

// profileFlag selects the exercise: the operations test (etcd) or the HA lab (zookeeper).
func profileFlag() cli.Flag {
	var names []string
	for _, p := range exercise.Profiles {
		names = append(names, p.Name+" ("+p.About+")")
	}
	return &cli.StringFlag{
		Name:    "profile",
		Value:   exercise.DefaultProfile,
		Usage:   "exercise `PROFILE`: " + strings.Join(names, "; "),
		Sources: cli.EnvVars("PGLAB_PROFILE"),
	}
}

package main

import (
	"context"
	"path/filepath"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/all"
	"github.com/pglab/pglab/lab/session"
)

func upCmd() *cli.Command {
	return &cli.Command{
		Name:  "up",
		Usage: "boot the lab: 3 etcd members, 2 Patroni/PostgreSQL nodes, HAProxy (example: pglab up -d)",
		Description: `Boots the exercise's stack on this host and waits until it is ready: a
leader, a streaming replica and HAProxy routing to the leader. In the
foreground Ctrl-C tears everything down; with -d the lab keeps running
until ` + "`pglab down`" + `.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "detach", Aliases: []string{"d"}, Usage: "leave the lab running in the background"},
			runtimeFlag("`RUNTIME` the lab runs on: embedded (host processes) or docker (the exercise's containers; pglab images build makes their images where none can be pulled)"),
			profileFlag(),
			&cli.StringFlag{Name: "pg-bin", Usage: "PostgreSQL bin `DIR` (default: the newest under /usr/lib/postgresql)"},
			&cli.StringFlag{Name: "user", Usage: "unprivileged `USER` that runs PostgreSQL when pglab is root (default: postgres)"},
			timingFlag("Patroni/HAProxy `TIMING`: fast (ttl 20, loop_wait 2, retry_timeout 4) or exercise (the exercise files' ttl 30, loop_wait 10, retry_timeout 10)"),
			&cli.BoolFlag{Name: "retain", Usage: "if the start fails, keep the lab directory (logs, data) for inspection"},
			&cli.IntFlag{Name: "port", HideDefault: true, Usage: "HAProxy's PostgreSQL `PORT` on 127.0.0.1 (default: any free port)"},
			&cli.StringFlag{Name: "from", Usage: "docker runtime: boot the exercise `DIR` (a candidate's answer) instead of the embedded files; pglab lint's findings are shown first"},
			uiFlag, listenFlag,
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			rt, err := all.Runtimes.Get(cmd.String("runtime"))
			if err != nil {
				return usageError("%v", err)
			}
			o := runtime.Options{
				Name: cmd.String("name"), Profile: cmd.String("profile"), PGBin: cmd.String("pg-bin"), User: cmd.String("user"),
				Timing: cmd.String("timing"), HAProxyPort: int(cmd.Int("port")), Retain: cmd.Bool("retain"),
			}
			if from := cmd.String("from"); from != "" {
				if o.From, err = filepath.Abs(from); err != nil {
					return err
				}
			}
			if err := o.Check(rt); err != nil {
				return usageError("%v", err)
			}
			w := cmd.Root().Writer
			if o.From != "" {
				if err := session.LintFirst(w, cmd.String("from"), o.From); err != nil {
					return err
				}
			}
			if _, err := maybeUI(ctx, cmd); err != nil {
				return err
			}
			return session.Up(ctx, rt, o, cmd.Bool("detach"), cmd.Bool("ui"), w)
		},
	}
}

func statusCmd() *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "show the lab's nodes: role, state, timeline, lag, address (example: pglab status --json)",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			l, err := session.Connect(all.Runtimes, cmd.String("name"))
			if err != nil {
				return err
			}
			defer l.Close()
			return session.PrintStatus(ctx, cmd.Root().Writer, l, cmd.Bool("json"))
		},
	}
}

func faultCmd(a runtime.Action, usage, example string) *cli.Command {
	return &cli.Command{
		Name:      string(a),
		Usage:     usage + " (example: " + example + ")",
		ArgsUsage: "NODE",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usageError("%s: name one node, e.g. `%s`", a, example)
			}
			l, err := session.Connect(all.Runtimes, cmd.String("name"))
			if err != nil {
				return err
			}
			defer l.Close()
			return session.Fault(ctx, cmd.Root().Writer, l, a, cmd.Args().First())
		},
	}
}

func downCmd() *cli.Command {
	return &cli.Command{
		Name:  "down",
		Usage: "stop the lab and remove it (example: pglab down --keep-data)",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "keep-data", Usage: "keep the lab directory (data, logs) for inspection"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			return session.Down(ctx, all.Runtimes, cmd.Root().Writer, cmd.String("name"), cmd.Bool("keep-data"))
		},
	}
}

// runtimeFlag is --runtime, defaulting to the first runtime.
func runtimeFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "runtime", Value: all.Runtimes[0].Name(), Usage: usage}
}

// timingFlag is --timing, the Patroni/HAProxy timing of a lab booted here.
func timingFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "timing", Value: all.DefaultTiming, Usage: usage}
}

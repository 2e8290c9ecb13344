package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/all"
	"github.com/pglab/pglab/lab/scenario"
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
				if err := lintFirst(w, cmd.String("from"), o.From); err != nil {
					return err
				}
			}
			if _, err := maybeUI(ctx, cmd); err != nil {
				return err
			}
			if cmd.Bool("detach") {
				l, err := rt.Up(ctx, o, w)
				if err != nil {
					return err
				}
				defer l.Close()
				printReady(ctx, w, l)
				fmt.Fprintf(w, "The lab runs in the background: `%s` removes it.\n", labdir.Hint(o.Name, "down"))
				if cmd.Bool("ui") {
					fmt.Fprintln(w, "Serving the live page until Ctrl-C (the lab keeps running).")
					<-ctx.Done()
				}
				return nil
			}
			return rt.Host(ctx, o, w, func(l runtime.Lab) {
				printReady(ctx, w, l)
				fmt.Fprintln(w, "Press Ctrl-C to stop the lab and remove it.")
			})
		},
	}
}

// lintFirst shows what is wrong with a candidate's files before the stack
// shows it; the lab boots anyway, as docker-compose up would.
func lintFirst(w io.Writer, from, abs string) error {
	findings, err := lint.Dir(abs)
	if err != nil {
		return usageError("up --from %s: %v", from, err)
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

func printReady(ctx context.Context, w io.Writer, l runtime.Lab) {
	st := l.State()
	fmt.Fprintf(w, "\nLab %s is ready (%s runtime, %s).\n", st.Name, st.Runtime, st.Dir)
	if err := printStatus(ctx, w, l, false); err != nil {
		fmt.Fprintln(w, err)
	}
	fmt.Fprintf(w, "\nTry: %s -c 'select inet_server_port(), pg_is_in_recovery()'\n", labdir.Hint(st.Name, "psql", "--via", "haproxy"))
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
			return printStatus(ctx, cmd.Root().Writer, l, cmd.Bool("json"))
		},
	}
}

func printStatus(ctx context.Context, w io.Writer, l runtime.Lab, asJSON bool) error {
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
			node := cmd.Args().First()
			if err := runtime.CheckNode(l, node); err != nil {
				return err
			}
			start := time.Now()
			verified, err := l.Do(ctx, node, a)
			if err != nil {
				return fmt.Errorf("%s %s: %w", a, node, err)
			}
			fmt.Fprintf(cmd.Root().Writer, "%s %s: done in %.1fs", a, node, time.Since(start).Seconds())
			if !verified.IsZero() { // a fault, seen in effect: the figures count from there
				fmt.Fprintf(cmd.Root().Writer, ", %s", scenario.VerifiedLine(verified))
			}
			fmt.Fprintln(cmd.Root().Writer)
			return nil
		},
	}
}

func downCmd() *cli.Command {
	return &cli.Command{
		Name:  "down",
		Usage: "stop the lab and remove it (example: pglab down --keep-data)",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "keep-data", Usage: "keep the lab directory (data, logs) for inspection"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			name := cmd.String("name")
			keep := cmd.Bool("keep-data")
			start := time.Now()
			st, err := session.Remove(ctx, all.Runtimes, name, keep)
			if errors.Is(err, labdir.ErrNoLab) {
				// Nothing to do is no failure, as with kind and docker compose.
				fmt.Fprintf(cmd.Root().Writer, "No lab %s here: nothing to remove.\n", name)
				return nil
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.Root().Writer, "Lab %s removed in %.1fs%s\n", name, time.Since(start).Seconds(),
				map[bool]string{true: " (data kept in " + st.Dir + ")", false: ""}[keep])
			return nil
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

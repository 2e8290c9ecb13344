package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/runtime/docker"
	"github.com/pglab/pglab/lab/runtime/embedded"
	"github.com/pglab/pglab/lab/scenario"
)

// readyMark ends a detached supervisor's progress stream on success.
const readyMark = "\x00READY"

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
			&cli.StringFlag{Name: "runtime", Value: embedded.Name, Usage: "where the lab runs: embedded (host processes) or docker (the exercise's containers; `pglab images build` makes their images where none can be pulled)"},
			profileFlag(),
			&cli.StringFlag{Name: "pg-bin", Usage: "PostgreSQL bin `DIR` (default: the newest under /usr/lib/postgresql)"},
			&cli.StringFlag{Name: "user", Usage: "unprivileged `USER` that runs PostgreSQL when pglab is root (default: postgres)"},
			&cli.StringFlag{Name: "timing", Value: embedded.DefaultTiming, Usage: "Patroni/HAProxy timing: fast (ttl 20, loop_wait 2, retry_timeout 4) or exercise (the exercise files' ttl 30, loop_wait 10, retry_timeout 10)"},
			&cli.BoolFlag{Name: "retain", Usage: "if the start fails, keep the lab directory (logs, data) for inspection"},
			&cli.IntFlag{Name: "port", Usage: "HAProxy's PostgreSQL `PORT` on 127.0.0.1 (default: any free port)"},
			&cli.StringFlag{Name: "from", Usage: "docker runtime: boot the exercise `DIR` (a candidate's answer) instead of the embedded files; `pglab lint` findings are shown first"},
			&cli.IntFlag{Name: "progress-fd", Hidden: true, Usage: "internal: detached supervisor's progress pipe"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			rt := cmd.String("runtime")
			if err := checkRuntime(rt); err != nil {
				return err
			}
			if rt == docker.Name {
				return upDocker(ctx, cmd)
			}
			if cmd.String("from") != "" {
				return usageError("up --from: booting someone else's files needs their containers: add --runtime docker")
			}
			o := embedded.Options{
				Name: cmd.String("name"), Profile: cmd.String("profile"), PGBin: cmd.String("pg-bin"), User: cmd.String("user"),
				Timing: cmd.String("timing"), HAProxyPort: int(cmd.Int("port")), Retain: cmd.Bool("retain"),
			}
			if fd := cmd.Int("progress-fd"); fd != 0 {
				// Inherited without close-on-exec: keep Patroni and HAProxy
				// from inheriting it too, or the parent never sees EOF.
				syscall.CloseOnExec(int(fd))
				return supervise(ctx, o, os.NewFile(uintptr(fd), "progress"))
			}
			if cmd.Bool("detach") {
				return upDetached(ctx, cmd)
			}
			return upForeground(ctx, cmd, o)
		},
	}
}

// upForeground hosts the lab in this process until Ctrl-C or `pglab down`.
func upForeground(ctx context.Context, cmd *cli.Command, o embedded.Options) error {
	w := cmd.Root().Writer
	l, err := embedded.Start(ctx, o, progress.New(w))
	if err != nil {
		return err
	}
	printReady(ctx, w, l.State)
	fmt.Fprintln(w, "Press Ctrl-C to stop the lab and remove it.")
	keep := false
	select {
	case <-ctx.Done():
	case keep = <-l.DownRequested():
	}
	st := progress.New(w)
	st.Start("Stopping lab %s", o.Name)
	l.Shutdown(keep)
	st.End(nil)
	return nil
}

// supervise is the detached lab's host process: it reports progress on the
// pipe, closes it once ready, and serves until `pglab down` or SIGTERM.
func supervise(ctx context.Context, o embedded.Options, pipe *os.File) error {
	out := &dropWriter{w: pipe}
	l, err := embedded.Start(ctx, o, progress.New(out))
	if err != nil {
		fmt.Fprintf(out, "error: %v\n", err)
		pipe.Close()
		return err
	}
	fmt.Fprintln(out, readyMark)
	pipe.Close()
	keep := false
	select {
	case <-ctx.Done():
	case keep = <-l.DownRequested():
	}
	l.Shutdown(keep)
	return nil
}

// dropWriter stops writing after the first error: the reader may be gone.
type dropWriter struct {
	w      io.Writer
	broken bool
}

func (d *dropWriter) Write(p []byte) (int, error) {
	if !d.broken {
		if _, err := d.w.Write(p); err != nil {
			d.broken = true
		}
	}
	return len(p), nil
}

// upDetached starts a supervisor process in its own session and relays its
// progress until it is ready or fails.
func upDetached(ctx context.Context, cmd *cli.Command) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	args := []string{"--name", cmd.String("name"), "up", "--progress-fd", "3",
		"--timing", cmd.String("timing"), "--port", fmt.Sprint(cmd.Int("port")), "--profile", cmd.String("profile")}
	if cmd.Bool("retain") {
		args = append(args, "--retain")
	}
	for _, f := range []string{"pg-bin", "user"} {
		if v := cmd.String(f); v != "" {
			args = append(args, "--"+f, v)
		}
	}
	child := exec.Command(self, args...)
	child.ExtraFiles = []*os.File{w}
	child.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := child.Start(); err != nil {
		return fmt.Errorf("start lab process: %w", err)
	}
	w.Close()
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	// Ctrl-C while starting: the child is in its own session, so pass it on.
	started := make(chan struct{})
	defer close(started)
	go func() {
		select {
		case <-ctx.Done():
			_ = child.Process.Signal(syscall.SIGTERM)
		case <-started:
		}
	}()
	out := cmd.Root().Writer
	sc := bufio.NewScanner(r)
	ready := false
	var lastErr string
	for !ready && sc.Scan() {
		line := sc.Text()
		switch {
		case line == readyMark:
			ready = true
			r.Close()
		case strings.HasPrefix(line, "error: "):
			lastErr = strings.TrimPrefix(line, "error: ")
		default:
			fmt.Fprintln(out, line)
		}
	}
	if !ready {
		<-exited
		if lastErr == "" {
			lastErr = "the lab process exited during start"
		}
		return errors.New(lastErr)
	}
	st, err := labdir.Load(cmd.String("name"))
	if err != nil {
		return err
	}
	printReady(ctx, out, st)
	fmt.Fprintf(out, "The lab runs in the background (pid %d): `pglab down` stops it.\n", st.PID)
	return nil
}

func printReady(ctx context.Context, w io.Writer, st *labdir.State) {
	fmt.Fprintf(w, "\nLab %s is ready (%s runtime, %s).\n", st.Name, st.Runtime, st.Dir)
	if err := printStatus(ctx, w, st.Name, false); err != nil {
		fmt.Fprintln(w, err)
	}
	fmt.Fprintf(w, "\nTry: pglab psql --via haproxy -c 'select inet_server_port(), pg_is_in_recovery()'\n")
}

func statusCmd() *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "show the lab's nodes: role, state, timeline, lag, address (example: pglab status --json)",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			return printStatus(ctx, cmd.Root().Writer, cmd.String("name"), cmd.Bool("json"))
		},
	}
}

func faultCmd(name, usage, example string) *cli.Command {
	return &cli.Command{
		Name:      name,
		Usage:     usage + " (example: " + example + ")",
		ArgsUsage: "NODE",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usageError("%s: name one node, e.g. `%s`", name, example)
			}
			c, _, err := connect(cmd.String("name"))
			if err != nil {
				return err
			}
			node := cmd.Args().First()
			start := time.Now()
			verified, err := c.Do(ctx, node, embedded.Action(name))
			if err != nil {
				return fmt.Errorf("%s %s: %w", name, node, err)
			}
			fmt.Fprintf(cmd.Root().Writer, "%s %s: done in %.1fs", name, node, time.Since(start).Seconds())
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
			st, err := downLab(ctx, name, keep)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.Root().Writer, "Lab %s removed in %.1fs%s\n", name, time.Since(start).Seconds(),
				map[bool]string{true: " (data kept in " + st.Dir + ")", false: ""}[keep])
			return nil
		},
	}
}

// upDocker boots the exercise's containers. The lab lives in the engine, so
// -d returns once it is ready; in the foreground Ctrl-C removes it, as for
// the embedded runtime.
func upDocker(ctx context.Context, cmd *cli.Command) error {
	p, err := exercise.ProfileByName(cmd.String("profile"))
	if err != nil {
		return usageError("up: %v", err)
	}
	w := cmd.Root().Writer
	o := docker.Options{Name: cmd.String("name"), HAProxyPort: int(cmd.Int("port")), Retain: cmd.Bool("retain"), Profile: p.Name}
	if from := cmd.String("from"); from != "" {
		abs, err := filepath.Abs(from)
		if err != nil {
			return err
		}
		o.From = abs
		// The teacher sees what is wrong with the files before the stack
		// shows it; the lab boots anyway, as docker-compose up would.
		findings, err := lint.Dir(abs)
		if err != nil {
			return usageError("up --from %s: %v", from, err)
		}
		if len(findings) == 0 {
			fmt.Fprintf(w, "pglab lint %s: no problems found.\n", from)
		} else {
			fmt.Fprintf(w, "pglab lint %s: %d problem(s); booting it anyway:\n", from, len(findings))
			for _, f := range findings {
				fmt.Fprintf(w, "  %s\n", f)
			}
		}
	}
	c, err := docker.Start(ctx, o, progress.New(w))
	if err != nil {
		return err
	}
	defer c.Close()
	printReady(ctx, w, c.State)
	if cmd.Bool("detach") {
		fmt.Fprintf(w, "The lab runs in the engine: `pglab --name %s down` removes it.\n", o.Name)
		return nil
	}
	fmt.Fprintln(w, "Press Ctrl-C to stop the lab and remove it.")
	<-ctx.Done()
	st := progress.New(w)
	st.Start("Removing lab %s", o.Name)
	// ctx is done: removal gets a context of its own.
	err = c.Down(context.WithoutCancel(ctx), false)
	st.End(err)
	return err
}

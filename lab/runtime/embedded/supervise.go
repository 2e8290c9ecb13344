package embedded

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"

	"github.com/pglab/pglab/lab/progress"
)

// A detached lab is hosted by a supervisor: this binary run again in a
// session of its own, with the lab's options in SuperviseEnv (JSON) and a
// pipe on file descriptor 3. The supervisor writes its progress lines on
// the pipe, "error: ..." when the start fails, and readyMark once the lab
// is ready; then it closes the pipe and serves until `pglab down` or
// SIGTERM. The parent relays the lines and returns once it reads either.
//
// So a program that boots embedded labs detached must start with
//
//	if all.Supervised() { err = all.Supervise(ctx) ... }
//
// as cmd/pglab's main does (lab/runtime/all).

// SuperviseEnv holds the lab's options in a supervisor's environment.
const SuperviseEnv = "PGLAB_SUPERVISE"

// readyMark ends a supervisor's progress stream on success.
const readyMark = "\x00READY"

// Detach starts a supervisor for the lab o describes and relays its
// progress to out until the lab is ready or its start failed. Ctrl-C (ctx
// ending) while it starts is passed on as SIGTERM: the supervisor then
// removes what it started.
func Detach(ctx context.Context, o Options, out io.Writer) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	opts, err := json.Marshal(o)
	if err != nil {
		return err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	defer r.Close()
	child := exec.Command(self)
	child.Env = append(os.Environ(), SuperviseEnv+"="+string(opts))
	child.ExtraFiles = []*os.File{w}
	child.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := child.Start(); err != nil {
		w.Close()
		return fmt.Errorf("start lab process: %w", err)
	}
	w.Close()
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	started := make(chan struct{})
	defer close(started)
	go func() {
		select {
		case <-ctx.Done():
			_ = child.Process.Signal(syscall.SIGTERM)
		case <-started:
		}
	}()
	ready, lastErr := relay(r, out)
	if ready {
		return nil
	}
	<-exited
	if lastErr == "" {
		lastErr = "the lab process exited during start"
	}
	return errors.New(lastErr)
}

// relay copies a supervisor's progress lines to out until readyMark or
// the end of the stream; it returns whether the lab became ready and the
// last error the supervisor reported.
func relay(r io.Reader, out io.Writer) (ready bool, lastErr string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == readyMark:
			return true, ""
		case strings.HasPrefix(line, "error: "):
			lastErr = strings.TrimPrefix(line, "error: ")
		default:
			fmt.Fprintln(out, line)
		}
	}
	return false, lastErr
}

// Supervised says whether this process was started as a lab's supervisor.
func Supervised() bool { return os.Getenv(SuperviseEnv) != "" }

// Supervise is the supervisor's side of Detach: it boots the lab,
// reports on the pipe, and serves until `pglab down` or ctx ends.
func Supervise(ctx context.Context) error {
	var o Options
	if err := json.Unmarshal([]byte(os.Getenv(SuperviseEnv)), &o); err != nil {
		return fmt.Errorf("%s: %w", SuperviseEnv, err)
	}
	// Patroni, HAProxy and PostgreSQL must not inherit the variable (nor
	// the pipe: the parent would never see its end).
	os.Unsetenv(SuperviseEnv)
	syscall.CloseOnExec(3)
	pipe := os.NewFile(3, "progress")
	return supervise(ctx, o, pipe)
}

func supervise(ctx context.Context, o Options, pipe io.WriteCloser) error {
	out := &dropWriter{w: pipe}
	l, err := Start(ctx, o, progress.New(out))
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

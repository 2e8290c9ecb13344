package runtime

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Command is a program to run, and how it is shown.
type Command struct {
	Argv []string
	// Env is added to the environment; only the names are recorded, since
	// that is where passwords go (PGPASSWORD), never on the command line.
	Env []string
	// Display is the command as a person would type it on this runtime.
	Display string
	// Shell runs Display with sh -c instead of Argv (pipelines).
	Shell bool
	// Dir is the working directory, for commands shown relative to it
	// (docker-compose in the lab's directory); "" is pglab's own.
	Dir string
	// Call, when set, runs the step in this process instead of Argv: a
	// runtime with no programs to run (the test double) does its steps
	// as Go calls. It returns the output and the exit code.
	Call func(ctx context.Context) (out string, exit int)
}

// EnvNames lists the names of the command's environment additions.
func (c Command) EnvNames() []string {
	var out []string
	for _, e := range c.Env {
		name, _, _ := strings.Cut(e, "=")
		out = append(out, name)
	}
	return out
}

// Quote renders argv as a person would type it in a POSIX shell: words
// that need it in single quotes.
func Quote(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = quoteWord(a)
	}
	return strings.Join(out, " ")
}

func quoteWord(s string) string {
	if s == "" {
		return "''"
	}
	safe := true
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./:=,@%+", c)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	// SQL with string literals reads better in double quotes, when nothing
	// in it is special there.
	if strings.Contains(s, "'") && !strings.ContainsAny(s, "\"$`\\!") {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Run runs the command's program (Argv, or Display with sh -c when Shell)
// with its Env and Dir, and returns its combined output and exit code; -1
// with pglab's word on what went wrong when it did not exit by itself.
func (c Command) Run(ctx context.Context) (string, int) {
	argv := c.Argv
	if c.Shell {
		argv = []string{"sh", "-c", c.Display}
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), c.Env...)
	cmd.Dir = c.Dir
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	// A child that outlives the program must not keep the step waiting.
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	out := buf.String()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return out, 0
	case ctx.Err() != nil:
		return out, -1
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return out, ee.ExitCode()
	default:
		return out + fmt.Sprintf("[pglab: %v]", err), -1
	}
}

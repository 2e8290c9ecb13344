// Package command is what every pglab command shares on the command line:
// which exit code an error means, the one line it prints, and the manners
// of kind and docker compose with a mistyped command or flag — one line
// with "did you mean", exit code 2, never a page of help.
//
// Exit codes: 0 success, 1 a failure (the lab, the host, a check that did
// not pass), 2 a usage error (the invocation is wrong: an unknown command,
// flag, node, runtime or option), 130 interrupted (Ctrl-C). A command pglab
// runs for the user (exec) passes its own code on.
package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/session"
)

// Exit codes.
const (
	OK          = 0
	Failed      = 1
	Misused     = 2
	Interrupted = 130 // 128 + SIGINT, as shells report it
)

// coded is an error with the exit code it means.
type coded struct {
	code int
	err  error
}

func (e coded) Error() string { return e.err.Error() }
func (e coded) Unwrap() error { return e.err }
func (e coded) ExitCode() int { return e.code }

// Usage is a wrong invocation: exit code 2.
func Usage(format string, args ...any) error {
	return coded{Misused, fmt.Errorf(format, args...)}
}

// Exit is err with an explicit exit code.
func Exit(code int, err error) error { return coded{code, err} }

// Passthrough is the exit code of a program pglab ran for the user (exec),
// which has said all there is to say itself: no line is printed.
type Passthrough int

func (p Passthrough) Error() string { return fmt.Sprintf("exit status %d", int(p)) }

// usageKinds are the errors the library returns for a wrong invocation,
// wherever they come from: the caller gave something that is not there.
var usageKinds = []error{runtime.ErrOption, runtime.ErrUnknownNode, runtime.ErrNoExec, session.ErrBadArgs, session.ErrNoTranscript}

// Code is the exit code err means; interrupted says the command's context
// ended by a signal.
func Code(err error, interrupted bool) int {
	if err == nil {
		return OK
	}
	var p Passthrough
	if errors.As(err, &p) {
		return int(p)
	}
	// coded, and any error that knows its code — except a program's
	// exit status met along the way (a failed patronictl is pglab's
	// failure, not a usage error because it exited 2).
	var c cli.ExitCoder
	if errors.As(err, &c) {
		if _, program := c.(*exec.ExitError); !program {
			return c.ExitCode()
		}
	}
	for _, k := range usageKinds {
		if errors.Is(err, k) {
			return Misused
		}
	}
	if interrupted {
		return Interrupted
	}
	return Failed
}

// Report prints err as one line on w (none for a Passthrough) and returns
// the exit code it means.
func Report(w io.Writer, err error, interrupted bool) int {
	if err == nil {
		return OK
	}
	var p Passthrough
	// A bare "context canceled" after Ctrl-C says nothing the command
	// has not said ("Interrupted: no result saved").
	quiet := errors.As(err, &p) || (interrupted && err == context.Canceled)
	if !quiet {
		fmt.Fprintln(w, "pglab:", err)
	}
	return Code(err, interrupted)
}

// Run runs the command tree root with args after making it strict: an
// unknown command or flag, a flag without its value, is one usage error
// (with a suggestion when one is close), not the help page. A command
// with subcommands and no action of its own prints its help when called
// bare.
func Run(ctx context.Context, root *cli.Command, args []string) error {
	var notFound error // `pglab help bogus`: urfave/cli's hook cannot return it
	var strict func(c *cli.Command)
	strict = func(c *cli.Command) {
		c.OnUsageError = func(ctx context.Context, c *cli.Command, err error, _ bool) error {
			return flagError(c, err)
		}
		if len(c.Commands) > 0 {
			c.CommandNotFound = func(ctx context.Context, c *cli.Command, name string) {
				notFound = unknownCommand(c, name)
			}
			if c.Action == nil {
				c.Action = func(ctx context.Context, c *cli.Command) error {
					if c.NArg() > 0 {
						return unknownCommand(c, c.Args().First())
					}
					if c.Root() == c {
						return cli.ShowRootCommandHelp(c)
					}
					return cli.ShowSubcommandHelp(c)
				}
			}
		}
		for _, sub := range c.Commands {
			strict(sub)
		}
	}
	strict(root)
	// Errors come back here to be reported once, not printed and exited
	// on inside urfave/cli.
	root.ExitErrHandler = func(context.Context, *cli.Command, error) {}
	err := root.Run(ctx, args)
	if err == nil && notFound != nil {
		return notFound
	}
	return err
}

// unknownCommand is `pglab statu`: one line, the closest command if one is
// close enough.
func unknownCommand(c *cli.Command, name string) error {
	var names []string
	for _, sub := range c.VisibleCommands() {
		names = append(names, sub.Names()...)
	}
	return Usage("%sunknown command %q%s; see '%s --help'", where(c), name, didYouMean(name, names, ""), c.FullName())
}

// where is "status: " for a subcommand's errors, "" for pglab's own (the
// line already begins with "pglab: ").
func where(c *cli.Command) string {
	if c.Root() == c {
		return ""
	}
	return strings.TrimPrefix(c.FullName(), c.Root().Name+" ") + ": "
}

// flagError turns urfave/cli's flag parsing errors into one line saying
// which flag, and the closest flag of the command when one is close.
func flagError(c *cli.Command, err error) error {
	msg := err.Error()
	help := fmt.Sprintf("; see '%s --help'", c.FullName())
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		name := strings.TrimLeft(strings.TrimPrefix(msg, "flag provided but not defined: "), "-")
		return Usage("%sunknown flag %s%s%s", where(c), dashes(name), didYouMean(name, flagNames(c), "-"), help)
	case strings.HasPrefix(msg, "flag needs an argument: "):
		name := strings.TrimLeft(strings.TrimPrefix(msg, "flag needs an argument: "), "-")
		return Usage("%sflag %s needs a value%s", where(c), dashes(name), help)
	}
	// invalid value "x" for flag -cycles: strconv.ParseInt: ...: the Go
	// parser's words add nothing.
	if i := strings.Index(msg, ": strconv."); i > 0 {
		msg = msg[:i]
	}
	return Usage("%s%s%s", where(c), strings.Replace(msg, "flag -", "flag --", 1), help)
}

// flagNames are the flags c accepts: its own and those of the commands
// above it (--name works after any command).
func flagNames(c *cli.Command) []string {
	var names []string
	for _, x := range c.Lineage() {
		for _, f := range x.VisibleFlags() {
			names = append(names, f.Names()...)
		}
	}
	return names
}

func dashes(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// didYouMean is " (did you mean X?)" for the closest of names to typed —
// at most two edits away, or one starting with what was typed — else "".
// flag says the names are flags, shown with their dashes.
func didYouMean(typed string, names []string, flag string) string {
	best, bestD := "", 3
	for _, n := range names {
		d := levenshtein.ComputeDistance(strings.ToLower(typed), strings.ToLower(n))
		if len(typed) >= 2 && strings.HasPrefix(n, typed) && d > 1 {
			d = 2
		}
		// Short names are too close to everything: "ps" is 2 edits from "up".
		if d < bestD && (d <= len(typed)/2 || strings.HasPrefix(n, typed)) {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	if flag != "" {
		return fmt.Sprintf(" (did you mean %s?)", dashes(best))
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/session"
)

// Usage errors exit 2 wherever they come from, failures 1, Ctrl-C 130,
// and a program run for the user passes its own code on, silently.
func TestCodeOfEachKindOfError(t *testing.T) {
	for _, c := range []struct {
		name        string
		err         error
		interrupted bool
		want        int
	}{
		{"nil", nil, false, OK},
		{"plain failure", errors.New("boot failed"), false, Failed},
		{"usage", Usage("give one node"), false, Misused},
		{"refused option, wrapped", fmt.Errorf("boot lab x: %w", runtime.Refuse(runtime.ErrOption, "--timing %q", "bogus")), false, Misused},
		{"unknown node", fmt.Errorf("stop x: %w", runtime.ErrUnknownNode), false, Misused},
		{"bad scenario", runtime.Refuse(session.ErrBadArgs, "no scenario nope"), false, Misused},
		{"explicit code", Exit(1, errors.New("lint: 3 problems")), false, Failed},
		{"interrupted", context.Canceled, true, Interrupted},
		{"usage beats interrupt", Usage("x"), true, Misused},
		{"passthrough", fmt.Errorf("exec: %w", Passthrough(7)), false, 7},
		{"a program's exit status is a failure", fmt.Errorf("patronictl: %w", exitStatus(t, 2)), false, Failed},
	} {
		if got := Code(c.err, c.interrupted); got != c.want {
			t.Errorf("%s: Code = %d, want %d", c.name, got, c.want)
		}
	}
	var w bytes.Buffer
	if code := Report(&w, Passthrough(3), false); code != 3 || w.Len() != 0 {
		t.Errorf("passthrough printed %q, code %d", w.String(), code)
	}
	if code := Report(&w, errors.New("no lab"), false); code != 1 || w.String() != "pglab: no lab\n" {
		t.Errorf("failure printed %q, code %d", w.String(), code)
	}
	w.Reset()
	if code := Report(&w, context.Canceled, true); code != Interrupted || w.Len() != 0 {
		t.Errorf("Ctrl-C printed %q, code %d", w.String(), code)
	}
}

// exitStatus is a real program's *exec.ExitError with code.
func exitStatus(t *testing.T, code int) error {
	err := exec.Command("sh", "-c", fmt.Sprintf("exit %d", code)).Run()
	if err == nil {
		t.Fatal("sh exited 0")
	}
	return err
}

func tree(out *bytes.Buffer) *cli.Command {
	noop := func(context.Context, *cli.Command) error { return nil }
	return &cli.Command{
		Name:   "pglab",
		Writer: out, ErrWriter: out,
		Flags: []cli.Flag{&cli.StringFlag{Name: "name", Aliases: []string{"n"}}},
		Commands: []*cli.Command{
			{Name: "status", Flags: []cli.Flag{&cli.BoolFlag{Name: "json"}}, Action: noop},
			{Name: "up", Action: noop},
			{Name: "bench", Commands: []*cli.Command{{Name: "failover", Action: noop,
				Flags: []cli.Flag{&cli.IntFlag{Name: "cycles"}}}}},
		},
	}
}

// A mistyped command or flag is one line with the closest name, exit 2:
// never the help page.
func TestMistakesAreOneLineWithASuggestion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "unknown flag --bogus; see 'pglab --help'"},
		{[]string{"statu"}, `unknown command "statu" (did you mean "status"?); see 'pglab --help'`},
		{[]string{"help", "statu"}, `unknown command "statu" (did you mean "status"?); see 'pglab --help'`},
		{[]string{"ps"}, `unknown command "ps"; see 'pglab --help'`},
		{[]string{"status", "--jsn"}, "status: unknown flag --jsn (did you mean --json?); see 'pglab status --help'"},
		{[]string{"status", "--nam", "x"}, "status: unknown flag --nam (did you mean --name?)"},
		{[]string{"bench", "failover", "--cycles", "x"}, `bench failover: invalid value "x" for flag --cycles; see 'pglab bench failover --help'`},
		{[]string{"bench", "falover"}, `bench: unknown command "falover" (did you mean "failover"?)`},
		{[]string{"--name"}, "flag --name needs a value"},
	} {
		var out bytes.Buffer
		err := Run(context.Background(), tree(&out), append([]string{"pglab"}, c.args...))
		if Code(err, false) != Misused || !strings.Contains(fmt.Sprint(err), c.want) {
			t.Errorf("pglab %s: code %d, %v; want %q", strings.Join(c.args, " "), Code(err, false), err, c.want)
		}
		if out.Len() != 0 {
			t.Errorf("pglab %s printed besides the error:\n%s", strings.Join(c.args, " "), out.String())
		}
	}
}

// Bare pglab and a bare group print their help and succeed; flags of the
// commands above work after a subcommand.
func TestBareCommandsShowHelp(t *testing.T) {
	for _, args := range [][]string{{"pglab"}, {"pglab", "bench"}, {"pglab", "status", "--name", "x", "--json"}} {
		var out bytes.Buffer
		if err := Run(context.Background(), tree(&out), args); err != nil {
			t.Errorf("%v: %v", args, err)
		}
		if len(args) < 3 && !strings.Contains(out.String(), "USAGE") {
			t.Errorf("%v: no help:\n%s", args, out.String())
		}
	}
}

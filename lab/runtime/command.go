package runtime

import (
	"context"
	"strings"
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

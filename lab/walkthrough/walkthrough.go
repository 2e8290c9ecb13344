// Package walkthrough runs a scenario as a lesson: why each step, the
// command, its output, what to look for, in the reader's language.
package walkthrough

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/scenario"
)

// walkLabels are the walkthrough's own words.
var labels = map[string]map[string]string{
	"wait":   {"es": "esperar como mucho %s hasta que: %s", "ru": "ждать не более %s, пока: %s", "en": "wait at most %s until: %s"},
	"prompt": {"es": "[Intro: ejecutar · q: salir]", "ru": "[Enter: выполнить · q: выход]", "en": "[Enter: run · q: quit]"},
}

// ErrQuit ends a walkthrough when the user types q.
var ErrQuit = errors.New("walkthrough stopped")

// Walker prints a scenario as a lesson around the engine's steps: before
// each, what it does and why, and the command, then it waits for Enter (q
// quits); after it, the output and what to look for.
type Walker struct {
	out  io.Writer
	in   *bufio.Reader
	lang string
	auto bool   // do not wait for Enter
	last string // scenario whose introduction was printed
}

// New walks through in lang, printing to out and reading Enter from in;
// auto runs straight through.
func New(out io.Writer, in io.Reader, lang string, auto bool) *Walker {
	return &Walker{out: out, in: bufio.NewReader(in), lang: lang, auto: auto}
}

// Hooks are the walker's places in a scenario run.
func (w *Walker) Hooks() scenario.Hooks { return scenario.Hooks{Before: w.before, After: w.after} }

func (w *Walker) before(sc *scenario.ScenarioRun, st *scenario.StepRun) error {
	if w.last != sc.Name {
		w.last = sc.Name
		fmt.Fprintf(w.out, "\n══ %s ══\n", sc.Title.In(w.lang))
		if a := sc.About.In(w.lang); a != "" {
			fmt.Fprintf(w.out, "%s\n", wrap(a, 78, ""))
		}
	}
	fmt.Fprintf(w.out, "\n── %s %d/%d · %s ──\n", sc.Name, st.N, st.Of, st.Title.In(w.lang))
	if why := st.Why.In(w.lang); why != "" {
		fmt.Fprintf(w.out, "%s\n", wrap(why, 78, ""))
	}
	if st.Kind == scenario.KindWait {
		fmt.Fprintf(w.out, "\n  ⏱ "+labels["wait"][w.lang]+"\n", time.Duration(float64(st.Timeout)*float64(time.Second)), st.Condition)
	} else {
		fmt.Fprintf(w.out, "\n  $ %s\n", st.Command)
	}
	if w.auto {
		return nil
	}
	fmt.Fprint(w.out, "  "+labels["prompt"][w.lang]+" ")
	line, err := w.in.ReadString('\n')
	if err == io.EOF {
		w.auto = true // no one to press Enter: go on alone
		fmt.Fprintln(w.out)
		return nil
	}
	if strings.TrimSpace(line) == "q" {
		return ErrQuit
	}
	return nil
}

func (w *Walker) after(sc *scenario.ScenarioRun, st *scenario.StepRun) {
	if strings.HasSuffix(st.Problem, ErrQuit.Error()) {
		return
	}
	if st.Output != "" {
		fmt.Fprintf(w.out, "%s\n", indentLines(strings.TrimRight(st.Output, "\n"), "  │ "))
	}
	mark := "✓"
	if st.Verdict != scenario.Pass {
		mark = "✗"
	}
	fmt.Fprintf(w.out, "  %s %s", mark, st.Duration)
	if st.Exit != nil {
		fmt.Fprintf(w.out, " · exit %d", *st.Exit)
	}
	fmt.Fprintln(w.out)
	if st.Problem != "" {
		fmt.Fprintf(w.out, "  ✗ %s\n", st.Problem)
	}
	if look := st.Look.In(w.lang); look != "" {
		fmt.Fprintf(w.out, "  👀 %s\n", wrap(look, 74, "     "))
	}
}

func indentLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// wrap breaks text into lines of at most width runes.
func wrap(s string, width int, prefix string) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
			lines = append(lines, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"+prefix)
}

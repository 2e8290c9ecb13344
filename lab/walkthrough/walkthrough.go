// Package walkthrough runs a scenario as a lesson: why each step, the
// command, its output, what to look for, in the reader's language.
package walkthrough

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/scenario"
)

// ErrQuit ends a walkthrough when the user types q.
var ErrQuit = errors.New("walkthrough stopped")

// Live lines of a long wait: the first after liveAfter, then one every
// liveEvery on a terminal (rewritten in place), every logEvery elsewhere.
const (
	liveAfter = 2 * time.Second
	liveEvery = time.Second
	logEvery  = 5 * time.Second
)

// Walker prints a scenario as a lesson around the engine's steps: before
// each, what it does and why, and the command, then it waits for Enter (q
// quits); after it, the output and what to look for.
type Walker struct {
	out   io.Writer
	in    io.Reader
	lines chan string // Enter presses, read once the first prompt shows
	lang  string
	auto  bool   // do not wait for Enter
	last  string // scenario whose introduction was printed
	tty   bool

	live     bool      // a live line is on screen, to be cleared
	lastLive time.Time // when the last live line was printed
}

// New walks through in lang, printing to out and reading Enter from in;
// auto runs straight through.
func New(out io.Writer, in io.Reader, lang string, auto bool) *Walker {
	w := &Walker{out: out, in: in, lang: lang, auto: auto}
	if f, ok := out.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			w.tty = true
		}
	}
	return w
}

// Hooks are the walker's places in a scenario run. When ctx ends (Ctrl-C)
// a prompt gives up at once and the run stops.
func (w *Walker) Hooks(ctx context.Context) scenario.Hooks {
	return scenario.Hooks{
		Before:  func(sc *scenario.ScenarioRun, st *scenario.StepRun) error { return w.before(ctx, sc, st) },
		After:   func(sc *scenario.ScenarioRun, st *scenario.StepRun) { w.after(ctx, sc, st) },
		Waiting: w.waiting,
	}
}

func (w *Walker) before(ctx context.Context, sc *scenario.ScenarioRun, st *scenario.StepRun) error {
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
		fmt.Fprintf(w.out, "\n  ⏱ %s\n", report.Console("wait", w.lang, time.Duration(float64(st.Timeout)*float64(time.Second)), w.condition(st)))
	} else {
		fmt.Fprintf(w.out, "\n  $ %s\n", st.Command)
	}
	w.lastLive = time.Time{}
	if w.auto {
		return ctx.Err()
	}
	fmt.Fprint(w.out, "  "+report.Console("prompt", w.lang)+" ")
	if w.lines == nil {
		w.lines = make(chan string)
		go w.read()
	}
	select {
	case line, ok := <-w.lines:
		if !ok {
			w.auto = true // no one to press Enter: go on alone
			fmt.Fprintln(w.out)
			return nil
		}
		if strings.TrimSpace(line) == "q" {
			return ErrQuit
		}
		return nil
	case <-ctx.Done():
		// Ctrl-C at the prompt: no Enter needed to leave.
		fmt.Fprintln(w.out)
		return ctx.Err()
	}
}

// read delivers the reader's lines until its input ends. It runs apart
// so that a prompt can give up on it when Ctrl-C comes first.
func (w *Walker) read() {
	r := bufio.NewReader(w.in)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			close(w.lines)
			return
		}
		w.lines <- line
	}
}

func (w *Walker) condition(st *scenario.StepRun) string {
	return report.Condition(st.Condition, w.lang).Plain()
}

// waiting shows a wait that takes a while: seconds so far, what it waits
// for and what it saw last, so that the screen moves during the ~20 s
// after a kill.
func (w *Walker) waiting(st *scenario.StepRun, waited time.Duration, seen string) {
	every := logEvery
	if w.tty {
		every = liveEvery
	}
	if waited < liveAfter || time.Since(w.lastLive) < every {
		return
	}
	w.lastLive = time.Now()
	if i := strings.IndexByte(seen, '\n'); i >= 0 {
		seen = seen[:i]
	}
	line := report.Console("waiting", w.lang, fmt.Sprintf("%.0fs", waited.Seconds()), w.condition(st), seen)
	if !w.tty {
		fmt.Fprintf(w.out, "  %s\n", line)
		return
	}
	if r := []rune(line); len(r) > 118 {
		line = string(r[:117]) + "…"
	}
	fmt.Fprintf(w.out, "\r\x1b[K  %s", line)
	w.live = true
}

func (w *Walker) after(ctx context.Context, sc *scenario.ScenarioRun, st *scenario.StepRun) {
	if w.live {
		fmt.Fprint(w.out, "\r\x1b[K")
		w.live = false
	}
	if ctx.Err() != nil || strings.HasSuffix(st.Problem, ErrQuit.Error()) {
		return // stopped: the step did not really run
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
		fmt.Fprintf(w.out, "  ✗ %s\n", report.Problem(st.Problem, w.lang).Plain())
	}
	if look := st.Look.In(w.lang); look != "" {
		fmt.Fprintf(w.out, "  👀 %s\n", wrap(look, 74, "     "))
	}
}

// Recap closes the lesson: each scenario with its verdict and what its
// steps showed, in the lesson's language.
func (w *Walker) Recap(t *scenario.Transcript) {
	fmt.Fprintf(w.out, "\n══ %s ══\n", report.Console("recap", w.lang))
	for _, sc := range t.Scenarios {
		if sc.Verdict == scenario.NotRun {
			continue
		}
		ran, failed := 0, 0
		for _, st := range sc.Steps {
			if st.Verdict == scenario.NotRun {
				continue
			}
			ran++
			if st.Verdict == scenario.Fail {
				failed++
			}
		}
		mark := "✓"
		if sc.Verdict != scenario.Pass {
			mark = "✗"
		}
		fmt.Fprintf(w.out, "%s %s · %s\n", mark, sc.Title.In(w.lang), report.Count("steps_run", w.lang, ran))
		for _, st := range sc.Steps {
			switch {
			case st.Verdict == scenario.Fail:
				fmt.Fprintf(w.out, "  ✗ %s\n", wrap(report.Console("recap_fail", w.lang, st.N, st.Title.In(w.lang)), 74, "    "))
			case st.Verdict == scenario.Pass && st.Look.In(w.lang) != "":
				fmt.Fprintf(w.out, "  • %s (%s)\n    %s\n", wrap(st.Title.In(w.lang), 74, "    "), st.Duration, wrap(st.Look.In(w.lang), 74, "    "))
			}
		}
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

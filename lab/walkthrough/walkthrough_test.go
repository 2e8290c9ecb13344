package walkthrough

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/scenario"
)

func step(n int) *scenario.StepRun {
	return &scenario.StepRun{N: n, Of: 2, Kind: scenario.KindKill, Command: "pglab kill postgres1",
		Title: scenario.Text{"en": "Kill the primary", "es": "Matar el primario"},
		Why:   scenario.Text{"en": "Patroni must notice."},
		Look:  scenario.Text{"en": "the replica takes over"}}
}

// A step is introduced with its why and command, waits for Enter, and is
// followed by its output and what to look for.
func TestWalkerIntroducesWaitsAndPointsOut(t *testing.T) {
	var out bytes.Buffer
	w := New(&out, strings.NewReader("\n"), "en", false)
	sc := &scenario.ScenarioRun{Name: "failover", Title: scenario.Text{"en": "Failover"}, About: scenario.Text{"en": "Kill it."}}
	st := step(1)
	if err := w.Hooks(context.Background()).Before(sc, st); err != nil {
		t.Fatal(err)
	}
	st.Output, st.Verdict = "kill postgres1: done", scenario.Pass
	w.Hooks(context.Background()).After(sc, st)
	got := out.String()
	for _, want := range []string{"══ Failover ══", "Kill it.", "── failover 1/2 · Kill the primary ──", "Patroni must notice.",
		"$ pglab kill postgres1", "[Enter: run · q: quit]", "  │ kill postgres1: done", "✓", "👀 the replica takes over"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// q stops the walk; no one at the keyboard (EOF) runs straight through.
func TestWalkerQuitsOnQAndGoesOnAloneAtEOF(t *testing.T) {
	sc := &scenario.ScenarioRun{Name: "failover", Title: scenario.Text{"en": "Failover"}}
	w := New(&bytes.Buffer{}, strings.NewReader("q\n"), "en", false)
	if err := w.Hooks(context.Background()).Before(sc, step(1)); !errors.Is(err, ErrQuit) {
		t.Fatalf("q: %v", err)
	}
	var out bytes.Buffer
	w = New(&out, strings.NewReader(""), "es", false)
	for n := 1; n <= 2; n++ {
		if err := w.Hooks(context.Background()).Before(sc, step(n)); err != nil {
			t.Fatal(err)
		}
	}
	if c := strings.Count(out.String(), "[Intro: ejecutar · q: salir]"); c != 1 {
		t.Errorf("asked %d times after EOF, want once:\n%s", c, out.String())
	}
}

func TestWrapBreaksAtWidth(t *testing.T) {
	got := wrap("one two three four five", 9, "> ")
	if got != "one two\n> three\n> four five" {
		t.Errorf("wrap: %q", got)
	}
}

// Ctrl-C at an "Enter: run" prompt leaves at once, with no Enter pressed:
// the prompt returns the context's error.
func TestCtrlCAtThePromptLeavesAtOnce(t *testing.T) {
	in, _ := io.Pipe() // a keyboard no one types on
	var out bytes.Buffer
	w := New(&out, in, "ru", false)
	ctx, cancel := context.WithCancel(context.Background())
	sc := &scenario.ScenarioRun{Name: "failover", Title: scenario.Text{"en": "Failover"}}
	done := make(chan error, 1)
	go func() { done <- w.Hooks(ctx).Before(sc, step(1)) }()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the prompt returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the prompt still waits 5s after Ctrl-C")
	}
	// The interrupted step prints nothing after it: it did not run.
	n := out.Len()
	st := step(1)
	st.Problem, st.Verdict = "context canceled", scenario.Fail
	w.Hooks(ctx).After(sc, st)
	if out.Len() != n {
		t.Errorf("after Ctrl-C the step printed %q", out.String()[n:])
	}
}

// A long wait shows a line with the seconds so far, the condition in the
// lesson's language and what was seen last; short waits show none.
func TestLongWaitShowsALiveLine(t *testing.T) {
	var out bytes.Buffer
	w := New(&out, strings.NewReader(""), "es", true)
	st := &scenario.StepRun{Kind: scenario.KindWait, Condition: "leader is not postgres1"}
	w.waiting(st, time.Second, "postgres1=leader/stopped")
	if out.Len() != 0 {
		t.Errorf("a 1s wait printed %q", out.String())
	}
	w.waiting(st, 12*time.Second, "postgres1=leader/stopped\nmore")
	w.waiting(st, 12*time.Second+100*time.Millisecond, "again") // too soon after the last one
	want := "  ⏳ 12s esperando: hay un líder y no es postgres1 · visto: postgres1=leader/stopped\n"
	if out.String() != want {
		t.Errorf("live line %q, want %q", out.String(), want)
	}
}

// The lesson ends with a recap in its language: each scenario's verdict,
// what each step showed, where it failed.
func TestRecapInTheLessonsLanguage(t *testing.T) {
	var out bytes.Buffer
	w := New(&out, strings.NewReader(""), "ru", true)
	w.Recap(&scenario.Transcript{Scenarios: []scenario.ScenarioRun{{
		Name: "failover", Title: scenario.Text{"ru": "Отказ лидера"}, Verdict: scenario.Fail,
		Steps: []scenario.StepRun{
			{N: 1, Verdict: scenario.Pass, Duration: 12.3, Title: scenario.Text{"ru": "Убить лидера"}, Look: scenario.Text{"ru": "реплика стала лидером"}},
			{N: 2, Verdict: scenario.Fail, Title: scenario.Text{"ru": "Записать"}},
			{N: 3, Verdict: scenario.NotRun, Title: scenario.Text{"ru": "Вернуть"}},
		}}}})
	for _, want := range []string{"══ Итоги ══", "✗ Отказ лидера · выполнено 2 шага", "• Убить лидера (12.3s)\n    реплика стала лидером", "✗ ошибка на шаге 2: Записать"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("recap lacks %q:\n%s", want, out.String())
		}
	}
}

package walkthrough

import (
	"bytes"
	"errors"
	"strings"
	"testing"

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
	if err := w.Hooks().Before(sc, st); err != nil {
		t.Fatal(err)
	}
	st.Output, st.Verdict = "kill postgres1: done", scenario.Pass
	w.Hooks().After(sc, st)
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
	if err := w.Hooks().Before(sc, step(1)); !errors.Is(err, ErrQuit) {
		t.Fatalf("q: %v", err)
	}
	var out bytes.Buffer
	w = New(&out, strings.NewReader(""), "es", false)
	for n := 1; n <= 2; n++ {
		if err := w.Hooks().Before(sc, step(n)); err != nil {
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

package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/scenario"
)

// A measured failover shows as a figures table in Markdown and as an
// inline SVG timeline (nothing fetched) in HTML.
func TestFailoverFiguresAndTimeline(t *testing.T) {
	tr := transcript(t)
	rto := 2.5
	tr.Scenarios[0].Steps = append(tr.Scenarios[0].Steps, scenario.StepRun{N: 9, Kind: scenario.KindLoad, Verdict: scenario.Pass,
		Failover: &measure.Result{Fault: "stop", OldLeader: "postgres1", NewLeader: "postgres2", RTO: &rto, BinMS: 100,
			Acks: []int{10, 10, 0, 0, 7}, Errs: []int{0, 1, 2, 0, 0}, Events: []measure.Event{{Name: "fault", At: 0.1}, {Name: "balancer", At: 0.4}}}})
	var md, html bytes.Buffer
	if err := Render(&md, tr, Options{Lang: "en", Format: "md"}); err != nil {
		t.Fatal(err)
	}
	if err := Render(&html, tr, Options{Lang: "en", Format: "html"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| write RTO (last acknowledged write before the gap → first after) | 2.50 s |") {
		t.Errorf("markdown has no figures table:\n%s", md.String())
	}
	h := html.String()
	if !strings.Contains(h, "<svg") || !strings.Contains(h, "fault 0.10s") || strings.Contains(h, "href=\"http") {
		t.Error("html has no inline timeline with the fault marked")
	}
}

// The figures and the chart's caption are in the report's language.
func TestFailoverFiguresAreTranslated(t *testing.T) {
	rto := 2.5
	r := &measure.Result{Fault: "kill", RTO: &rto, BinMS: 100, Acks: []int{3}, Errs: []int{0}}
	for lang, want := range map[string]string{"es": "RTO de escritura", "ru": "RTO записи", "en": "write RTO"} {
		rows := figureRows(r, lang)
		if !strings.HasPrefix(rows[2][0], want) || rows[2][1] != "2.50 s" {
			t.Errorf("%s: RTO row = %q", lang, rows[2])
		}
		if svg := string(TimelineSVG(r, lang)); lang == "ru" && !strings.Contains(svg, "подтверждённые записи за каждые 100 мс") {
			t.Errorf("ru: the chart's caption is not Russian:\n%s", svg)
		}
	}
}

// An impossible figure is a measurement error, shown in red in HTML and
// as a warning in Markdown, never as a result.
func TestMeasurementErrorsAreFlagged(t *testing.T) {
	tr := transcript(t)
	tr.Scenarios[0].Steps = append(tr.Scenarios[0].Steps, scenario.StepRun{N: 9, Kind: scenario.KindLoad, Verdict: scenario.Pass,
		Failover: &measure.Result{Fault: "partition", OldLeader: "postgres1", NewLeader: "postgres2", BinMS: 100, Acks: []int{1}, Errs: []int{0},
			Errors: []string{"lease left at the fault 23.05 s is above ttl 20 s"}}})
	var md, html bytes.Buffer
	if err := Render(&md, tr, Options{Lang: "en", Format: "md"}); err != nil {
		t.Fatal(err)
	}
	if err := Render(&html, tr, Options{Lang: "en", Format: "html"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "> **Measurement error (not a result; left out of the medians):** lease left at the fault 23.05 s") {
		t.Errorf("markdown does not flag the measurement error:\n%s", md.String())
	}
	if !strings.Contains(html.String(), `<p class="problem"><strong>Measurement error (not a result; left out of the medians):</strong> lease left at the fault 23.05 s`) {
		t.Error("html does not flag the measurement error in red (class problem)")
	}
}

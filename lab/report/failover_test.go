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
	if !strings.Contains(md.String(), "| write RTO (last acknowledged write before the gap → first after) | 2.50s |") {
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
		if !strings.HasPrefix(rows[2].Label, want) || rows[2].Value.Plain() != map[string]string{"es": "2,50 s", "ru": "2,50 с", "en": "2.50s"}[lang] {
			t.Errorf("%s: RTO row = %q", lang, rows[2].Label+" | "+rows[2].Value.Plain())
		}
		if svg := string(TimelineSVG(r, lang)); lang == "ru" && !strings.Contains(svg, "подтверждённые записи за каждые 100 мс") {
			t.Errorf("ru: the chart's caption is not Russian:\n%s", svg)
		}
	}
}

// The bound's terms are translated, the settings kept as code.
func TestBoundRuleIsTranslated(t *testing.T) {
	rule := "lease left 18.9s (ttl − time since the last refresh) + loop_wait 2s + promotion 0.0s + inter×rise 0.2s + status request to the old leader 2s"
	for lang, want := range map[string]string{
		"es": "lo que le quedaba a la clave, 18,9 s (`ttl` − tiempo desde la última renovación) + `loop_wait` 2 s + promoción 0,0 s + `inter×rise` 0,2 s + consulta de estado al antiguo líder, 2 s",
		"ru": "остаток срока ключа 18,9 с (`ttl` − время с последнего продления) + `loop_wait` 2 с + повышение 0,0 с + `inter×rise` 0,2 с + запрос состояния к старому лидеру 2 с",
	} {
		if got := BoundRule(rule, lang).Markdown(); got != want {
			t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
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
	if !strings.Contains(md.String(), "> **Measurement error (not a result; left out of the medians):** lease left at the fault 23.05s is above `ttl` 20s") {
		t.Errorf("markdown does not flag the measurement error:\n%s", md.String())
	}
	if !strings.Contains(html.String(), `<p class="problem"><strong>Measurement error (not a result; left out of the medians):</strong> lease left at the fault 23.05s is above <code>ttl</code> 20s`) {
		t.Error("html does not flag the measurement error in red (class problem)")
	}
	var es bytes.Buffer
	if err := Render(&es, tr, Options{Lang: "es", Format: "md"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(es.String(), "a la clave le quedaban 23,05 s en el momento del fallo, más que su `ttl` de 20 s") {
		t.Errorf("the measurement error is not in Spanish:\n%s", es.String())
	}
}

package report

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/scenario"
)

// FailoverView is one measured failover: its figures as a table and, for
// HTML, its timeline as an inline SVG (no script, nothing fetched).
type FailoverView struct {
	Scenario string
	Title    string
	Rows     []Row
	Notes    []Phrase
	Errors   []Phrase // impossible figures: the run is a measurement error (red)
	Result   *measure.Result
}

// Row is one figure: its name and its value, in the report's language.
type Row struct {
	Label string
	Value Phrase
}

func failoverViews(t *scenario.Transcript, lang string) []FailoverView {
	var out []FailoverView
	for _, sc := range t.Scenarios {
		for _, st := range sc.Steps {
			if st.Failover == nil {
				continue
			}
			r := st.Failover
			fv := FailoverView{Scenario: sc.Name, Title: sc.Title.In(lang), Rows: figureRows(r, lang), Result: r}
			for _, n := range r.Notes {
				fv.Notes = append(fv.Notes, Note(n, lang))
			}
			for _, e := range r.Errors {
				fv.Errors = append(fv.Errors, MeasurementError(e, lang))
			}
			out = append(out, fv)
		}
	}
	return out
}

// figureRows lays out a failover's figures in lang; node names, the fault
// (a pglab command) and the bound's rule (a formula) stay as measured.
func figureRows(r *measure.Result, lang string) []Row {
	l := func(key string) string { return label(key, lang) }
	opt := func(v *float64) string {
		if v == nil {
			return l("f_not_seen")
		}
		return seconds(lang, *v, 2)
	}
	yes := func(b bool) string {
		if b {
			return l("f_yes")
		}
		return l("f_no")
	}
	text := func(s string) Phrase { return Phrase{prose(s)} }
	rows := []Row{
		{l("f_fault"), Phrase{code(r.Fault)}},
		{l("f_leader"), sentence("%1 → %2", code(orDash(r.OldLeader)), code(orDash(r.NewLeader)))},
		{l("f_rto"), text(opt(r.RTO))},
		{l("f_timeline"), text(fmt.Sprintf("%d → %d", r.OldTimeline, r.NewTimeline))},
		{l("f_leader_key"), text(opt(r.LeaderKey))},
		{l("f_patroni"), text(opt(r.PatroniLeader))},
		{l("f_haproxy"), text(opt(r.BalancerRoute))},
		{l("f_rejoined"), sentence(l("f_rejoin_val"), prose(yes(r.Rejoined)), prose(opt(r.Rejoin)), prose(yes(r.Rewind)))},
		{l("f_lost"), text(fmt.Sprint(r.Lost))},
		{l("f_unacked"), text(fmt.Sprint(r.Unacked))},
		{l("f_writes"), text(fmt.Sprintf("%d / %d / %d", r.Sent, r.Acked, r.InDoubt))},
		{l("f_errors"), text(fmt.Sprintf("%d / %d", r.WriteErrs, r.ConnErrs))},
		{l("f_split_brain"), text(fmt.Sprintf(l("f_of"), r.SplitBrain, r.Samples))},
	}
	if r.Bound != nil {
		rows = append(rows, Row{l("f_bound"), append(Phrase{prose(seconds(lang, *r.Bound, 2) + " = ")}, BoundRule(r.BoundRule, lang)...)})
	}
	return append(rows, Row{l("f_timing"), timingPhrase(r.Timing, lang)})
}

// timingPhrase is the timing in force: settings by their names in the
// files, as code.
func timingPhrase(t measure.Timing, lang string) Phrase {
	ha := fmt.Sprintf("inter %s", t.Inter)
	if t.DownInter != 0 {
		ha += " downinter " + t.DownInter.String()
	}
	ha += fmt.Sprintf(" fall %d rise %d", t.Fall, t.Rise)
	return sentence(label("f_timing_val", lang), code(t.Profile),
		code(fmt.Sprintf("ttl %d, loop_wait %d, retry_timeout %d", t.TTL, t.LoopWait, t.RetryTimeout)), code(ha),
		code(fmt.Sprintf("failsafe_mode: %v, synchronous_mode: %v", t.Failsafe, t.Synchronous)))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// eventColors: the fault red, the DCS and Patroni in blue, HAProxy in
// purple, the node's return in green.
var eventColors = map[string]string{
	"fault": "#b42318", "leader key": "#0b5cad", "patroni": "#2f7fd1", "balancer": "#7a3db8",
	"restore": "#13794a", "rejoin": "#1a9c5c", "last ack": "#8a5a00", "first ack": "#8a5a00",
}

// TimelineSVG draws acknowledged writes per bin as bars, errors as red
// ticks under the axis, and each event as a vertical line with its label
// in rows under the axis (layoutLabels): the picture grows a row whenever
// labels would overlap.
func TimelineSVG(r *measure.Result, lang string) template.HTML {
	const w, left, right, top, plotH = 760.0, 40.0, 10.0, 20.0, 140.0
	const font, rowH = 9.5, 12.0
	n := len(r.Acks)
	if n == 0 {
		return ""
	}
	plotW := w - left - right
	bw := plotW / float64(n)
	maxAck := 1
	for _, a := range r.Acks {
		maxAck = max(maxAck, a)
	}
	secs := float64(n) * float64(r.BinMS) / 1000
	x := func(s float64) float64 { return left + s/secs*plotW }

	texts := make([]string, len(r.Events))
	xs := make([]float64, len(r.Events))
	widths := make([]float64, len(r.Events))
	for i, e := range r.Events {
		texts[i] = eventName(e.Name, lang) + " " + seconds(lang, e.At, 2)
		xs[i] = x(e.At)
		widths[i] = textWidth(texts[i], font)
	}
	boxes := layoutLabels(xs, widths, 2, w-2, 6)
	labelsTop := top + plotH + 28
	h := labelsTop + float64(rows(boxes))*rowH + 6

	var b strings.Builder
	caption := fmt.Sprintf(label("f_chart", lang), r.BinMS)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s">`, w, h, template.HTMLEscapeString(caption))
	fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="%.0f" height="%.0f" fill="#f6f8fa"/>`, left, top, plotW, plotH)
	for i, a := range r.Acks {
		if a == 0 {
			continue
		}
		bh := float64(a) / float64(maxAck) * plotH
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.2f" height="%.1f" fill="#4a9d6e"/>`, left+float64(i)*bw, top+plotH-bh, math.Max(bw-0.2, 0.5), bh)
	}
	for i, e := range r.Errs {
		if e > 0 {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.2f" height="6" fill="#b42318"><title>%s</title></rect>`, left+float64(i)*bw, top+plotH+2, math.Max(bw, 1), count("errors", lang, e))
		}
	}
	// Axis: a tick each second (each 5 s on long runs).
	step := 1.0
	if secs > 30 {
		step = 5
	}
	for s := 0.0; s <= secs; s += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="#8892a0"/><text x="%.1f" y="%.0f" font-size="9" text-anchor="middle" fill="#5b6673">%s</text>`,
			x(s), top+plotH+9, x(s), top+plotH+13, x(s), top+plotH+22, seconds(lang, s, 0))
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="9" fill="#5b6673" text-anchor="end">%d</text><text x="%.0f" y="%.0f" font-size="9" fill="#5b6673" text-anchor="end">0</text>`, left-3, top+8, maxAck, left-3, top+plotH)
	for i, e := range r.Events {
		c := eventColors[e.Name]
		if c == "" {
			c = "#333"
		}
		ex, box := xs[i], boxes[i]
		ly := labelsTop + float64(box.Row)*rowH + font
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="%s" stroke-width="1.5" stroke-dasharray="3,2"/>`, ex, top, ex, top+plotH, c)
		// A short tick under the axis marks where the event is; its label,
		// in the same colour, is in the rows below (no lead crosses them).
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="%s" stroke-width="1.5"/>`, ex, top+plotH+23, ex, labelsTop-2, c)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="%.1f" fill="%s" text-anchor="middle">%s</text>`, box.Left+box.Width/2, ly, font, c, template.HTMLEscapeString(texts[i]))
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="12" font-size="10" fill="#1d232b">%s</text></svg>`, left, template.HTMLEscapeString(fmt.Sprintf(label("f_caption", lang), r.BinMS)))
	return template.HTML(b.String())
}

// textWidth is a generous estimate of a label's width in a sans-serif
// font: wide enough for Cyrillic and digits, so estimated boxes that do
// not overlap leave real glyphs apart too.
func textWidth(s string, fontSize float64) float64 {
	return float64(len([]rune(s)))*fontSize*0.62 + 4
}

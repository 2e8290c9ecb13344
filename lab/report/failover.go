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
	Rows     [][2]string
	Notes    []string
	Errors   []string // impossible figures: the run is a measurement error (red)
	Result   *measure.Result
}

func failoverViews(t *scenario.Transcript, lang string) []FailoverView {
	var out []FailoverView
	for _, sc := range t.Scenarios {
		for _, st := range sc.Steps {
			if st.Failover == nil {
				continue
			}
			r := st.Failover
			out = append(out, FailoverView{Scenario: sc.Name, Title: sc.Title.In(lang), Rows: figureRows(r, lang), Notes: r.Notes, Errors: r.Errors, Result: r})
		}
	}
	return out
}

// figureRows lays out a failover's figures in lang; the values (and the
// bound's rule, a formula) stay as measured.
func figureRows(r *measure.Result, lang string) [][2]string {
	l := func(key string) string { return label(key, lang) }
	opt := func(v *float64) string {
		if v == nil {
			return l("f_not_seen")
		}
		return fmt.Sprintf("%.2f s", *v)
	}
	rows := [][2]string{
		{l("f_fault"), r.Fault},
		{l("f_leader"), fmt.Sprintf("%s → %s", orDash(r.OldLeader), orDash(r.NewLeader))},
		{l("f_rto"), opt(r.RTO)},
		{l("f_timeline"), fmt.Sprintf("%d → %d", r.OldTimeline, r.NewTimeline)},
		{l("f_leader_key"), opt(r.LeaderKey)},
		{l("f_patroni"), opt(r.PatroniLeader)},
		{l("f_haproxy"), opt(r.BalancerRoute)},
		{l("f_rejoined"), fmt.Sprintf("%v, %s, pg_rewind %v", r.Rejoined, opt(r.Rejoin), r.Rewind)},
		{l("f_lost"), fmt.Sprint(r.Lost)},
		{l("f_unacked"), fmt.Sprint(r.Unacked)},
		{l("f_writes"), fmt.Sprintf("%d / %d / %d", r.Sent, r.Acked, r.InDoubt)},
		{l("f_errors"), fmt.Sprintf("%d / %d", r.WriteErrs, r.ConnErrs)},
		{l("f_split_brain"), fmt.Sprintf(l("f_of"), r.SplitBrain, r.Samples)},
	}
	if r.Bound != nil {
		rows = append(rows, [2]string{l("f_bound"), fmt.Sprintf("%.2f s = %s", *r.Bound, r.BoundRule)})
	}
	rows = append(rows, [2]string{l("f_timing"), r.Timing.String()})
	return rows
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
// ticks under the axis, and each event as a labelled vertical line.
func TimelineSVG(r *measure.Result, lang string) template.HTML {
	const w, h, left, right, top, bottom = 760.0, 230.0, 40.0, 10.0, 20.0, 70.0
	n := len(r.Acks)
	if n == 0 {
		return ""
	}
	plotW, plotH := w-left-right, h-top-bottom
	bw := plotW / float64(n)
	maxAck := 1
	for _, a := range r.Acks {
		maxAck = max(maxAck, a)
	}
	secs := float64(n) * float64(r.BinMS) / 1000
	x := func(s float64) float64 { return left + s/secs*plotW }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="acknowledged writes per %d ms">`, w, h, r.BinMS)
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
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.2f" height="6" fill="#b42318"><title>%d error(s)</title></rect>`, left+float64(i)*bw, top+plotH+2, math.Max(bw, 1), e)
		}
	}
	// Axis: a tick each second (each 5 s on long runs).
	step := 1.0
	if secs > 30 {
		step = 5
	}
	for s := 0.0; s <= secs; s += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="#8892a0"/><text x="%.1f" y="%.0f" font-size="9" text-anchor="middle" fill="#5b6673">%.0fs</text>`,
			x(s), top+plotH+9, x(s), top+plotH+13, x(s), top+plotH+22, s)
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="9" fill="#5b6673" text-anchor="end">%d</text><text x="%.0f" y="%.0f" font-size="9" fill="#5b6673" text-anchor="end">0</text>`, left-3, top+8, maxAck, left-3, top+plotH)
	row := 0
	for _, e := range r.Events {
		c := eventColors[e.Name]
		if c == "" {
			c = "#333"
		}
		ex := x(e.At)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="%s" stroke-width="1.5" stroke-dasharray="3,2"/>`, ex, top, ex, top+plotH, c)
		// Labels in three staggered rows below the axis, so close events stay readable.
		ly := top + plotH + 34 + float64(row%3)*11
		row++
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" font-size="9.5" fill="%s" text-anchor="middle">%s %.2fs</text>`, ex, ly, c, template.HTMLEscapeString(e.Name), e.At)
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="12" font-size="10" fill="#1d232b">%s</text></svg>`, left, template.HTMLEscapeString(fmt.Sprintf(label("f_caption", lang), r.BinMS)))
	return template.HTML(b.String())
}

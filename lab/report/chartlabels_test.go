package report

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/pglab/pglab/lab/measure"
)

// checkLayout fails when two labels of a row overlap or one leaves [minX, maxX].
func checkLayout(t *testing.T, name string, boxes []labelBox, minX, maxX, gap float64) {
	t.Helper()
	for i, a := range boxes {
		if a.Left < minX-1e-9 || a.Right() > maxX+1e-9 {
			t.Errorf("%s: label %d spans %.1f..%.1f, outside %.0f..%.0f", name, i, a.Left, a.Right(), minX, maxX)
		}
		for j, b := range boxes[i+1:] {
			if a.Row == b.Row && a.Left < b.Right()+gap && b.Left < a.Right()+gap {
				t.Errorf("%s: labels %d (%.1f..%.1f) and %d (%.1f..%.1f) overlap in row %d", name, i, a.Left, a.Right(), i+1+j, b.Left, b.Right(), a.Row)
			}
		}
	}
}

func TestLabelsNeverOverlapNorLeaveThePicture(t *testing.T) {
	const minX, maxX, gap = 2.0, 758.0, 6.0
	w := func(n int, width float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = width
		}
		return out
	}
	cases := []struct {
		name     string
		xs       []float64
		widths   []float64
		wantRows int
	}{
		{"spread", []float64{60, 200, 340, 480, 620}, w(5, 100), 1},
		{"bunched", []float64{400, 400.5, 401, 402, 402, 403, 404, 404.5}, w(8, 120), 8},
		{"two close", []float64{300, 310}, w(2, 90), 2}, // "leader key 23.60s" / "first ack 24.09s"
		{"at the left edge", []float64{0, 1, 2}, w(3, 110), 3},
		{"at the right edge", []float64{758, 757, 740}, w(3, 140), 3},
		{"wider than the picture", []float64{380}, w(1, 900), 1},
		{"bunched and spread", []float64{50, 51, 52, 400, 700, 701}, w(6, 130), 3},
	}
	for _, c := range cases {
		boxes := layoutLabels(c.xs, c.widths, minX, maxX, gap)
		if c.name == "wider than the picture" {
			if boxes[0].Left != minX {
				t.Errorf("%s: starts at %.1f, want %.0f", c.name, boxes[0].Left, minX)
			}
			continue
		}
		checkLayout(t, c.name, boxes, minX, maxX, gap)
		if got := rows(boxes); got != c.wantRows {
			t.Errorf("%s: %d rows, want %d", c.name, got, c.wantRows)
		}
	}
	// Any spacing: every pattern of 1..12 events at random-ish positions.
	for n := 1; n <= 12; n++ {
		for seed := 0; seed < 50; seed++ {
			xs := make([]float64, n)
			widths := make([]float64, n)
			for i := range xs {
				xs[i] = float64((seed*7919+i*104729)%761) - 1
				widths[i] = 60 + float64((seed+i*31)%90)
			}
			checkLayout(t, fmt.Sprintf("%d events, pattern %d", n, seed), layoutLabels(xs, widths, minX, maxX, gap), minX, maxX, gap)
		}
	}
}

// The chart grows a row for labels that would overlap, and every label
// stays inside the picture, in each language.
func TestTimelineLabelsInsideThePicture(t *testing.T) {
	acks := make([]int, 300) // 30 s in 100 ms bins
	for i := range acks {
		acks[i] = 10
	}
	bunched := []measure.Event{{Name: "fault", At: 5}, {Name: "leader key", At: 23.60}, {Name: "first ack", At: 24.09},
		{Name: "last ack", At: 4.99}, {Name: "patroni", At: 23.7}, {Name: "balancer", At: 24.0}, {Name: "restore", At: 29.9}, {Name: "rejoin", At: 30}}
	textRE := regexp.MustCompile(`<text x="([\d.]+)" y="[\d.]+" font-size="9.5"[^>]*>([^<]*)</text>`)
	viewRE := regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	heights := map[int]int{}
	for _, events := range [][]measure.Event{bunched[:1], bunched} {
		for _, lang := range []string{"es", "ru", "en"} {
			svg := string(TimelineSVG(&measure.Result{BinMS: 100, Acks: acks, Errs: make([]int, 300), Events: events}, lang))
			vb := viewRE.FindStringSubmatch(svg)
			width, _ := strconv.ParseFloat(vb[1], 64)
			height, _ := strconv.Atoi(vb[2])
			heights[len(events)] = height
			labels := textRE.FindAllStringSubmatch(svg, -1)
			if len(labels) != len(events) {
				t.Fatalf("%s: %d labels for %d events", lang, len(labels), len(events))
			}
			for _, l := range labels {
				cx, _ := strconv.ParseFloat(l[1], 64)
				half := textWidth(l[2], 9.5) / 2
				if cx-half < 0 || cx+half > width {
					t.Errorf("%s: label %q spans %.0f..%.0f, the picture 0..%.0f", lang, l[2], cx-half, cx+half, width)
				}
			}
		}
	}
	if heights[len(bunched)] <= heights[1] {
		t.Errorf("bunched events: the chart is %d high, no taller than with one event (%d)", heights[len(bunched)], heights[1])
	}
}

package report

import "sort"

// labelBox is where a chart label goes: its left edge, width and row
// (0 is the row nearest the axis).
type labelBox struct {
	Left, Width float64
	Row         int
}

// Right is the box's right edge.
func (b labelBox) Right() float64 { return b.Left + b.Width }

// layoutLabels places labels of the given widths under the points at x:
// each centred on its point but moved inside [minX, maxX], and put in the
// first row where it clears the labels already there by gap. Rows are
// added as needed, so however the events bunch up no two labels overlap
// and none leaves the picture (a label wider than the picture starts at
// minX). The result is in the order of xs.
func layoutLabels(xs, widths []float64, minX, maxX, gap float64) []labelBox {
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return xs[order[a]] < xs[order[b]] })
	boxes := make([]labelBox, len(xs))
	var rowRight []float64 // the right edge of the last label in each row
	for _, i := range order {
		left := xs[i] - widths[i]/2
		left = min(left, maxX-widths[i])
		left = max(left, minX)
		row := 0
		for row < len(rowRight) && rowRight[row]+gap > left {
			row++
		}
		if row == len(rowRight) {
			rowRight = append(rowRight, 0)
		}
		rowRight[row] = left + widths[i]
		boxes[i] = labelBox{Left: left, Width: widths[i], Row: row}
	}
	return boxes
}

// rows is how many rows the boxes use.
func rows(boxes []labelBox) int {
	n := 0
	for _, b := range boxes {
		n = max(n, b.Row+1)
	}
	return n
}

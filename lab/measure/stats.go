package measure

import (
	"math"
	"sort"
)

// Stats are the order statistics of one figure over repeated runs.
type Stats struct {
	N                     int
	Min, Median, P95, Max float64
}

// Summarize computes min, median, p95 (nearest rank) and max; N = 0 when
// there are no values.
func Summarize(xs []float64) Stats {
	if len(xs) == 0 {
		return Stats{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	rank := int(math.Ceil(0.95*float64(n))) - 1
	return Stats{N: n, Min: s[0], Median: med, P95: s[rank], Max: s[n-1]}
}

// Row is one figure over repeated runs.
type Row struct {
	Figure string
	Stats  Stats
	Unit   string // "s" or ""
}

// Table summarizes the figures of repeated runs of one fault; a run with
// a measurement error is left out.
func Table(all []Result) []Row {
	var rs []Result
	for _, r := range all {
		if r.Valid() {
			rs = append(rs, r)
		}
	}
	pick := func(name string, f func(Result) *float64) Row {
		var xs []float64
		for _, r := range rs {
			if v := f(r); v != nil {
				xs = append(xs, *v)
			}
		}
		return Row{Figure: name, Stats: Summarize(xs), Unit: "s"}
	}
	count := func(name string, f func(Result) int) Row {
		var xs []float64
		for _, r := range rs {
			xs = append(xs, float64(f(r)))
		}
		return Row{Figure: name, Stats: Summarize(xs)}
	}
	return []Row{
		pick("write RTO", func(r Result) *float64 { return r.RTO }),
		pick("theoretical bound", func(r Result) *float64 { return r.Bound }),
		pick("leader key changed", func(r Result) *float64 { return r.LeaderKey }),
		pick("Patroni reports new primary", func(r Result) *float64 { return r.PatroniLeader }),
		pick("HAProxy routes to it", func(r Result) *float64 { return r.BalancerRoute }),
		pick("old primary rejoined", func(r Result) *float64 { return r.Rejoin }),
		pick("lease left at the fault", func(r Result) *float64 { return r.LeaseLeft }),
		count("acknowledged writes lost", func(r Result) int { return r.Lost }),
		count("rows present, never acknowledged", func(r Result) int { return r.Unacked }),
		count("split-brain rounds", func(r Result) int { return r.SplitBrain }),
		count("writes acknowledged", func(r Result) int { return r.Acked }),
	}
}

package measure

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/load"
)

// Mark is a moment a scenario names while the load runs: "fault" (with
// the fault's kind) when the fault is injected, "restore" when the failed
// node is started again.
type Mark struct {
	Name string    `json:"name"`
	Kind string    `json:"kind,omitempty"` // of a fault: stop, kill, freeze, partition, switchover, etcd-member, etcd-quorum
	At   time.Time `json:"at"`
	// Verified is when the runtime saw the fault in effect; zero when it
	// could not say (the figures then count from At).
	Verified time.Time `json:"verified,omitzero"`
}

// from is the moment the figures count from: when the fault was seen in
// effect, or else when it was asked for. A graceful stop is the exception:
// it is a handover that runs while the command does (Patroni demotes,
// releases the leader key, the replica promotes, then the node is gone),
// so it counts from the request and its verification only confirms that
// it landed; counted from the node being gone, its key change came out
// 0.09 s "after the fault" and its bound below its own write RTO.
func (m Mark) from() time.Time {
	if !m.Verified.IsZero() && !m.handover() {
		return m.Verified
	}
	return m.At
}

// handover says the fault hands the leadership over while it is applied.
func (m Mark) handover() bool { return m.Kind == "stop" }

// Input is everything recorded during one measured run.
type Input struct {
	Start, End   time.Time
	Marks        []Mark
	Writes       []load.Write
	Errors       []load.Error
	Samples      []Sample
	Present      map[int64]bool // sequence numbers found on the new primary
	ReadBackFrom string         // node the rows were read back from
	ReadBackErr  string
	RewindBefore map[string]int // "running pg_rewind" lines per node's log
	RewindAfter  map[string]int
	Timing       Timing
}

// Result is the figures of one run. Durations are seconds; a nil one was
// not observed (the event did not happen, or not while sampled).
type Result struct {
	Run       string    `json:"run,omitempty"`
	Fault     string    `json:"fault,omitempty"`
	Timing    Timing    `json:"timing"`
	Start     time.Time `json:"start"`
	Duration  float64   `json:"duration_s"`
	OldLeader string    `json:"old_leader,omitempty"`
	NewLeader string    `json:"new_leader,omitempty"`

	Sent      int `json:"sent"`
	Acked     int `json:"acked"`
	WriteErrs int `json:"write_errors"`
	ConnErrs  int `json:"connect_errors"`

	// Seconds since the fault (rejoin: since the restore, or the fault).
	RTO           *float64 `json:"write_rto_s,omitempty"`
	LeaderKey     *float64 `json:"leader_key_s,omitempty"`
	PatroniLeader *float64 `json:"patroni_leader_s,omitempty"`
	BalancerRoute *float64 `json:"balancer_route_s,omitempty"`
	Rejoin        *float64 `json:"rejoin_s,omitempty"`
	LeaseLeft     *float64 `json:"lease_left_s,omitempty"` // the old leader key's lease at the fault
	Rewind        bool     `json:"pg_rewind"`
	Rejoined      bool     `json:"rejoined"`
	OldTimeline   int      `json:"old_timeline,omitempty"`
	NewTimeline   int      `json:"new_timeline,omitempty"`

	Lost         int       `json:"lost"` // acknowledged, not on the new primary
	LostSeqs     []int64   `json:"lost_seqs,omitempty"`
	Unacked      int       `json:"unacked_present"` // on the new primary, never acknowledged
	InDoubt      int       `json:"in_doubt"`        // sent, not acknowledged
	ReadBack     string    `json:"read_back,omitempty"`
	SplitBrain   int       `json:"split_brain"` // rounds in which two nodes accepted writes
	SplitBrainAt []float64 `json:"split_brain_at_s,omitempty"`
	Samples      int       `json:"samples"`

	// Bound is the theoretical write RTO from Patroni's and HAProxy's
	// timing rules for this fault, and how it was made up.
	Bound     *float64 `json:"bound_s,omitempty"`
	BoundRule string   `json:"bound_rule,omitempty"`

	// The chart: acknowledged writes and errors per bin since Start, and
	// the moments (seconds since Start) of the events.
	BinMS      int         `json:"bin_ms"`
	Acks       []int       `json:"acks"`
	Errs       []int       `json:"errors"`
	Events     []Event     `json:"events"`
	ErrorKinds []ErrorKind `json:"error_kinds,omitempty"`
	Notes      []string    `json:"notes,omitempty"`
	// Errors are impossible figures (errors.go): the cycle is a
	// measurement error, not a result.
	Errors []string `json:"measurement_errors,omitempty"`
}

// Event is a moment on the chart.
type Event struct {
	Name string  `json:"name"` // fault, leader key, patroni, balancer, restore, rejoin
	At   float64 `json:"at_s"`
}

// ErrorKind is one kind of error the writer saw: how often, first and last.
type ErrorKind struct {
	Op    string  `json:"op"`
	Msg   string  `json:"msg"`
	Count int     `json:"count"`
	First float64 `json:"first_s"`
	Last  float64 `json:"last_s"`
}

// BinWidth is the chart's resolution.
const BinWidth = 100 * time.Millisecond

func secs(d time.Duration) *float64 {
	s := d.Seconds()
	return &s
}

// Compute derives the figures from a run's records.
func Compute(in Input) Result {
	r := Result{Start: in.Start, Duration: in.End.Sub(in.Start).Seconds(), Timing: in.Timing, Samples: len(in.Samples), BinMS: int(BinWidth / time.Millisecond)}
	fault, hasFault := findMark(in.Marks, "fault", time.Time{})
	var restore Mark
	hasRestore := false
	if hasFault {
		r.Fault = fault.Kind
		restore, hasRestore = findMark(in.Marks, "restore", fault.At)
	}
	since := func(t time.Time) float64 { return t.Sub(in.Start).Seconds() }

	// The writes.
	var acked []load.Write
	for _, w := range in.Writes {
		r.Sent++
		if w.OK() {
			acked = append(acked, w)
		} else {
			r.InDoubt++
		}
	}
	r.Acked = len(acked)
	sort.Slice(acked, func(i, j int) bool { return acked[i].Acked.Before(acked[j].Acked) })
	for _, e := range in.Errors {
		if e.Op == "connect" {
			r.ConnErrs++
		} else {
			r.WriteErrs++
		}
	}
	r.ErrorKinds = errorKinds(in.Errors, in.Start)

	after := in.Start
	if hasFault {
		after = fault.from()
	}
	if gap, from, to, ok := WriteRTO(acked, after); ok {
		r.RTO = secs(gap)
		r.OldTimeline, r.NewTimeline = from.Timeline, to.Timeline
		r.Events = append(r.Events, Event{"last ack", since(from.Acked)}, Event{"first ack", since(to.Acked)})
	} else if hasFault {
		r.Notes = append(r.Notes, "no write was acknowledged after the fault: the writes never resumed while measured")
	}

	// Who led before the fault, and what changed after it.
	if hasFault {
		r.Events = append(r.Events, Event{"fault", since(fault.from())})
		before := samplesBefore(in.Samples, fault.from())
		r.OldLeader = leaderOf(before)
		after := samplesAfter(in.Samples, fault.from())
		for _, s := range after {
			d := s.At.Sub(fault.from())
			if r.LeaderKey == nil && s.DCSLeader != "" && s.DCSLeader != r.OldLeader {
				r.LeaderKey, r.NewLeader = secs(d), s.DCSLeader
				r.Events = append(r.Events, Event{"leader key", since(s.At)})
			}
			if r.PatroniLeader == nil {
				for n, p := range s.Primary {
					if p && n != r.OldLeader && (r.NewLeader == "" || n == r.NewLeader) {
						r.PatroniLeader = secs(d)
						r.NewLeader = n
						r.Events = append(r.Events, Event{"patroni", since(s.At)})
						break
					}
				}
			}
			if r.BalancerRoute == nil && r.NewLeader != "" && routesOnlyTo(s.Balancer, r.NewLeader) {
				r.BalancerRoute = secs(d)
				r.Events = append(r.Events, Event{"balancer", since(s.At)})
			}
		}
		if r.NewLeader == "" {
			r.Notes = append(r.Notes, fmt.Sprintf("the leader did not change: %s kept the leader key", orUnknown(r.OldLeader)))
		}
		if expiry, ok := leaseExpiry(heldLease(before, after, r.OldLeader, r.LeaderKey != nil && leaseExpires(r.Fault)), r.OldLeader, time.Duration(in.Timing.TTL)*time.Second); ok {
			r.LeaseLeft = secs(expiry.Sub(fault.from()))
		}
	}

	// The old primary rejoining as a streaming replica.
	if hasFault && r.OldLeader != "" && r.NewLeader != "" {
		from := fault.from()
		if hasRestore {
			from = restore.from()
			r.Events = append(r.Events, Event{"restore", since(restore.from())})
		}
		for _, s := range samplesAfter(in.Samples, from) {
			if streamsFrom(s, r.OldLeader, r.NewLeader) {
				r.Rejoin, r.Rejoined = secs(s.At.Sub(from)), true
				r.Events = append(r.Events, Event{"rejoin", since(s.At)})
				break
			}
		}
		r.Rewind = in.RewindAfter[r.OldLeader] > in.RewindBefore[r.OldLeader]
	}

	// What the client was told against what the new primary holds.
	r.ReadBack = in.ReadBackFrom
	if in.ReadBackErr != "" {
		r.Notes = append(r.Notes, "read back failed: "+in.ReadBackErr)
	} else if in.Present != nil {
		r.LostSeqs, r.Unacked = Reconcile(in.Writes, in.Present)
		r.Lost = len(r.LostSeqs)
		if len(r.LostSeqs) > 20 {
			r.LostSeqs = r.LostSeqs[:20]
		}
	}

	for _, at := range SplitBrain(in.Samples) {
		r.SplitBrain++
		if len(r.SplitBrainAt) < 20 {
			r.SplitBrainAt = append(r.SplitBrainAt, since(at))
		}
	}
	// Say which kind: two Patroni /primary (HAProxy could route to both)
	// or two writable PostgreSQL servers (a direct client could write to both).
	for _, s := range in.Samples {
		if p, w := trueKeys(s.Primary), trueKeys(s.Writable); len(p) >= 2 || len(w) >= 2 {
			if len(r.Notes) < 10 {
				r.Notes = append(r.Notes, fmt.Sprintf("split brain at %.2f s: Patroni /primary 200 on %v, pg_is_in_recovery() = false on %v", since(s.At), p, w))
			}
		}
	}
	r.Acks, r.Errs = Bins(in.Start, in.End, acked, in.Errors)
	if hasFault {
		checkImpossible(&r, in, fault, restore, hasRestore)
	}
	r.Bound, r.BoundRule = Bound(r)
	sort.SliceStable(r.Events, func(i, j int) bool { return r.Events[i].At < r.Events[j].At })
	return r
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

func findMark(ms []Mark, name string, after time.Time) (Mark, bool) {
	for _, m := range ms {
		if m.Name == name && !m.At.Before(after) {
			return m, true
		}
	}
	return Mark{}, false
}

func samplesBefore(ss []Sample, t time.Time) []Sample {
	var out []Sample
	for _, s := range ss {
		if s.At.Before(t) {
			out = append(out, s)
		}
	}
	return out
}

func samplesAfter(ss []Sample, t time.Time) []Sample {
	var out []Sample
	for _, s := range ss {
		if !s.At.Before(t) {
			out = append(out, s)
		}
	}
	return out
}

// leaseExpires says whether a fault leaves the leader key to expire: the
// leader can no longer refresh it, and nobody deletes it.
func leaseExpires(fault string) bool {
	switch fault {
	case "kill", "freeze", "partition":
		return true
	}
	return false
}

// heldLease gives the samples that read the old leader's lease at the
// fault. When the key expired and passed to another member, that is the
// last lease the old leader refreshed, and the samples after the fault
// read it until it ended: up to ttl more readings, and the only ones when
// the leader refreshed between the last round and the fault. Otherwise
// (a stop or switchover, a DCS fault) the leader went on refreshing
// after the fault, and only the samples before it read the lease it held
// then.
func heldLease(before, after []Sample, leader string, expired bool) []Sample {
	if !expired || len(before) == 0 {
		return before
	}
	held := slices.Clone(before)
	for _, s := range after {
		if s.DCSLeader != leader || s.LeaseLeft <= 0 { // etcd reads 0 in the last second
			break
		}
		held = append(held, s)
	}
	return held
}

// leaseExpiry estimates when the leader's lease expired (or would have),
// from the samples that read it (heldLease), newest last. etcd reports a
// lease's time to live in whole seconds, truncated, and computes it at some
// moment between the round's start (At) and its answer (DCSAt), so one
// sample with k seconds left only says the lease ends in [At+k, DCSAt+k+1):
// taken alone it puts the bound up to a second early. Every sample since the leader's last
// refresh names the same end, so intersecting their intervals, newest
// first, narrows it. A refresh moved the end later, so an older sample
// whose interval no longer overlaps read the previous lease, and ends the
// walk. Patroni grants the lease for ttl (granted) at each refresh, which
// bounds the end from both sides: a sample that read the current lease
// was answered after the refresh (end ≤ DCSAt + ttl), one that read the
// previous lease was asked before it (end > At + ttl). The estimate is the
// middle of what is left: within a sampling period of the truth.
func leaseExpiry(ss []Sample, leader string, granted time.Duration) (time.Time, bool) {
	var lo, hi time.Time
	for i := len(ss) - 1; i >= 0; i-- {
		s := ss[i]
		if s.LeaseLeft <= 0 || s.DCSLeader != leader {
			break
		}
		answered := s.DCSAt
		if answered.Before(s.At) { // not recorded
			answered = s.At
		}
		l := s.At.Add(s.LeaseLeft)
		h := answered.Add(s.LeaseLeft + time.Second)
		if granted > 0 && answered.Add(granted).Before(h) {
			h = answered.Add(granted)
		}
		if lo.IsZero() {
			lo, hi = l, h
			continue
		}
		if !l.Before(hi) || !h.After(lo) {
			if after := s.At.Add(granted); granted > 0 && after.After(lo) && after.Before(hi) {
				lo = after
			}
			break
		}
		if l.After(lo) {
			lo = l
		}
		if h.Before(hi) {
			hi = h
		}
	}
	if lo.IsZero() {
		return time.Time{}, false
	}
	return lo.Add(hi.Sub(lo) / 2), true
}

// leaderOf is the leader in the latest samples: the DCS leader key, else
// the node whose Patroni answered /primary.
func leaderOf(ss []Sample) string {
	for i := len(ss) - 1; i >= 0; i-- {
		if ss[i].DCSLeader != "" {
			return ss[i].DCSLeader
		}
		for n, p := range ss[i].Primary {
			if p {
				return n
			}
		}
	}
	return ""
}

// routesOnlyTo: the balancer has node UP and every other server not UP.
// "UP 1/2" is still routed (going down); "DOWN 1/2" is not (going up).
func routesOnlyTo(b map[string]string, node string) bool {
	if b == nil || !strings.HasPrefix(b[node], "UP") {
		return false
	}
	for n, st := range b {
		if n != node && strings.HasPrefix(st, "UP") {
			return false
		}
	}
	return true
}

// streamsFrom: replica's own Patroni says it runs as a replica, and the
// leader streams WAL to it.
func streamsFrom(s Sample, replica, leader string) bool {
	if s.Detail == nil {
		return false
	}
	r, l := s.Detail[replica], s.Detail[leader]
	if r.Role == "" || r.Role == "master" || r.Role == "primary" || r.Role == "leader" {
		return false
	}
	if r.State != "running" && r.State != "streaming" {
		return false
	}
	for _, n := range l.Streaming {
		if n == replica {
			return true
		}
	}
	return false
}

// WriteRTO is the longest stretch without an acknowledged write that ends
// after t: from the last write acknowledged before it to the first
// acknowledged after it. acked must be sorted by acknowledgement time.
// ok is false when no write was acknowledged after t.
func WriteRTO(acked []load.Write, t time.Time) (gap time.Duration, from, to load.Write, ok bool) {
	for i := 1; i < len(acked); i++ {
		if !acked[i].Acked.After(t) {
			continue
		}
		if d := acked[i].Acked.Sub(acked[i-1].Acked); !ok || d > gap {
			gap, from, to, ok = d, acked[i-1], acked[i], true
		}
	}
	return gap, from, to, ok
}

// Reconcile compares what the client was told with what the server holds:
// the acknowledged writes missing there (lost), and how many rows are
// there that were never acknowledged.
func Reconcile(writes []load.Write, present map[int64]bool) (lost []int64, unacked int) {
	for _, w := range writes {
		switch {
		case w.OK() && !present[w.Seq]:
			lost = append(lost, w.Seq)
		case !w.OK() && present[w.Seq]:
			unacked++
		}
	}
	return lost, unacked
}

// SplitBrain lists the rounds in which two or more nodes accepted writes:
// two Patroni REST APIs answered /primary with 200, or two PostgreSQL
// servers answered pg_is_in_recovery() = false.
func SplitBrain(ss []Sample) []time.Time {
	var out []time.Time
	for _, s := range ss {
		if count(s.Primary) >= 2 || count(s.Writable) >= 2 {
			out = append(out, s.At)
		}
	}
	return out
}

// trueKeys lists the keys whose value is true, sorted.
func trueKeys(m map[string]bool) []string {
	var out []string
	for k, v := range m {
		if v {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func count(m map[string]bool) int {
	n := 0
	for _, v := range m {
		if v {
			n++
		}
	}
	return n
}

// Bins counts acknowledged writes and errors per BinWidth since start.
func Bins(start, end time.Time, acked []load.Write, errs []load.Error) (acks, errors []int) {
	n := int(end.Sub(start)/BinWidth) + 1
	if n < 1 || n > 100000 {
		return nil, nil
	}
	acks, errors = make([]int, n), make([]int, n)
	idx := func(t time.Time) int {
		i := int(t.Sub(start) / BinWidth)
		if i < 0 {
			return 0
		}
		if i >= n {
			return n - 1
		}
		return i
	}
	for _, w := range acked {
		acks[idx(w.Acked)]++
	}
	for _, e := range errs {
		errors[idx(e.At)]++
	}
	return acks, errors
}

// errorKinds groups the writer's errors by operation and message, so a
// transcript keeps every error's time range without every error.
func errorKinds(errs []load.Error, start time.Time) []ErrorKind {
	idx := map[string]int{}
	var out []ErrorKind
	for _, e := range errs {
		msg := e.Msg
		if len(msg) > 160 {
			msg = msg[:160] + "…"
		}
		key := e.Op + "\x00" + msg
		at := e.At.Sub(start).Seconds()
		i, ok := idx[key]
		if !ok {
			idx[key] = len(out)
			out = append(out, ErrorKind{Op: e.Op, Msg: msg, First: at})
			i = len(out) - 1
		}
		out[i].Count++
		out[i].Last = at
	}
	return out
}

// patroniStatusTimeout is how long Patroni waits for another member's
// REST API before it decides it is the healthiest node (fetch_node_status,
// timeout=2 in Patroni 3.0 and 4.0).
const patroniStatusTimeout = 2.0

// Bound is the write RTO Patroni's and HAProxy's timing rules allow for
// the run's fault, with how it is made up. Promotion is taken from the
// run itself (it is PostgreSQL's work, not a timing setting): the time
// from the leader key changing hands to the new primary's /primary
// answering 200. Detection is HAProxy's inter × rise.
func Bound(r Result) (*float64, string) {
	t := r.Timing
	if t.Inter == 0 || r.PatroniLeader == nil {
		return nil, ""
	}
	// The new primary was a DOWN server: checked every downinter, if set.
	every := t.Inter
	if t.DownInter != 0 {
		every = t.DownInter
	}
	detect := every.Seconds() * float64(t.Rise)
	switch {
	case r.Fault == "stop" || r.Fault == "switchover":
		// The leader releases its key on the way down: the replica's watch
		// wakes it at once, so promotion starts with the fault.
		b := *r.PatroniLeader + detect
		return &b, fmt.Sprintf("promotion %.1fs (fault → new /primary 200) + inter×rise %.1fs", *r.PatroniLeader, detect)
	case leaseExpires(r.Fault):
		left, how := float64(t.TTL), fmt.Sprintf("ttl %ds", t.TTL)
		if r.LeaseLeft != nil {
			left, how = *r.LeaseLeft, fmt.Sprintf("lease left %.1fs (ttl − time since the last refresh)", *r.LeaseLeft)
		}
		promote := 0.0
		if r.LeaderKey != nil && *r.PatroniLeader > *r.LeaderKey {
			promote = *r.PatroniLeader - *r.LeaderKey
		}
		b := left + float64(t.LoopWait) + promote + detect
		rule := fmt.Sprintf("%s + loop_wait %ds + promotion %.1fs + inter×rise %.1fs", how, t.LoopWait, promote, detect)
		if r.Fault != "kill" {
			// A killed node's REST port refuses at once; a cut-off or frozen
			// one neither answers nor refuses, and the replica's "am I the
			// healthiest" request to it waits out Patroni's timeout.
			b += patroniStatusTimeout
			rule += fmt.Sprintf(" + status request to the old leader %.0fs", patroniStatusTimeout)
		}
		return &b, rule
	}
	return nil, ""
}

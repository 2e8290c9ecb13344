package measure

import "fmt"

// Some figures cannot happen, and when one is computed the measurement is
// wrong, not the cluster: a lease is never granted for more than ttl, so
// more than ttl left at the fault means the fault was not in effect when
// it was recorded (issue 20: a partition that leaked); the leader key
// cannot change because of a fault before the fault is in effect; no
// duration since the fault is negative; a node that is down cannot stream
// before it is started again. Such a figure is taken out of the result
// (never shown as one), the cycle carries the error, and the bench leaves
// the cycle out of its medians (Table).

// leaseSlack is how far above ttl the estimate of the lease left may come
// out from samples alone (leaseExpiry: etcd truncates to whole seconds and
// answers some milliseconds after it is asked).
const leaseSlack = 0.1

// checkImpossible records the measurement errors of r and clears the
// figures they make meaningless.
func checkImpossible(r *Result, in Input, fault, restore Mark, hasRestore bool) {
	ttl := float64(in.Timing.TTL)
	if r.LeaseLeft != nil && ttl > 0 && *r.LeaseLeft > ttl+leaseSlack {
		r.Errors = append(r.Errors, fmt.Sprintf("lease left at the fault %.2f s is above ttl %.0f s: the lease was refreshed after the fault's moment, so the fault did not hold from then", *r.LeaseLeft, ttl))
		r.LeaseLeft = nil
	}
	// Between asking for the fault and seeing it in effect (a graceful
	// stop hands the key over in that window: that is the stop).
	if !fault.Verified.IsZero() && !fault.handover() {
		before := leaderOf(samplesBefore(in.Samples, fault.At))
		for _, s := range samplesAfter(in.Samples, fault.At) {
			if !s.At.Before(fault.Verified) {
				break
			}
			if before != "" && s.DCSLeader != "" && s.DCSLeader != before {
				r.Errors = append(r.Errors, fmt.Sprintf("the leader key changed to %s %.2f s before the fault was in effect", s.DCSLeader, fault.Verified.Sub(s.At).Seconds()))
				break
			}
		}
	}
	for _, f := range []struct {
		name string
		v    **float64
	}{
		{"write RTO", &r.RTO}, {"leader key changed", &r.LeaderKey}, {"Patroni reports new primary", &r.PatroniLeader},
		{"HAProxy routes to it", &r.BalancerRoute}, {"old primary rejoined", &r.Rejoin}, {"lease left at the fault", &r.LeaseLeft},
	} {
		if *f.v != nil && **f.v < 0 {
			r.Errors = append(r.Errors, fmt.Sprintf("%s %.2f s: negative", f.name, **f.v))
			*f.v = nil
		}
	}
	if hasRestore && r.OldLeader != "" && r.NewLeader != "" {
		for _, s := range samplesAfter(in.Samples, fault.from()) {
			if !s.At.Before(restore.At) {
				break
			}
			if streamsFrom(s, r.OldLeader, r.NewLeader) {
				r.Errors = append(r.Errors, fmt.Sprintf("%s streamed from %s %.2f s before it was restored", r.OldLeader, r.NewLeader, restore.At.Sub(s.At).Seconds()))
				r.Rejoin, r.Rejoined = nil, false
				break
			}
		}
	}
}

// Valid says whether a result has no measurement error: only those count
// in the medians.
func (r Result) Valid() bool { return len(r.Errors) == 0 }

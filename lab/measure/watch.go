package measure

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pglab/pglab/lab/patroni"
)

// endpointsEvery: how often a watcher re-asks the lab's addresses.
const endpointsEvery = 5 * time.Second

// WatchOptions configure Watch.
type WatchOptions struct {
	// OnSample is given every sample, on the sampler's goroutine: it must
	// not block.
	OnSample func(Sample)
	// Every is asked after each round how long until the next one; nil or
	// 0 is SampleEvery. A watcher slows down while nothing happens.
	Every func() time.Duration
}

func (o *WatchOptions) every() time.Duration {
	if o.Every == nil {
		return SampleEvery
	}
	if d := o.Every(); d > 0 {
		return d
	}
	return SampleEvery
}

// Watch runs bench's sampler on t until ctx ends, handing each sample to
// o.OnSample instead of keeping it: the live view of a lab (pglab ui).
// Its detail rounds also carry each replica's lag. It returns when ctx
// ends and the last round is done.
func Watch(ctx context.Context, t Target, o WatchOptions) {
	s := &sampler{t: t, ep: t.MeasureEndpoints(), done: make(chan struct{}), conns: map[string]*pgx.Conn{}, watch: &o}
	s.loop(ctx)
}

// lag asks one Patroni REST API that answers for the cluster (/cluster)
// and records each member's lag in the sample's detail.
func (s *sampler) lag(ctx context.Context, mu *sync.Mutex, smp *Sample) {
	for _, n := range s.ep.Nodes {
		if n.REST == "" {
			continue
		}
		c, err := patroni.GetCluster(ctx, n.REST)
		if err != nil {
			continue
		}
		mu.Lock()
		for _, m := range c.Members {
			node := s.ep.NodeOf(m.Name)
			v := smp.Detail[node]
			switch lag := m.Lag.(type) {
			case float64:
				v.Lag = int64(lag)
			case nil:
				continue // the leader: no lag
			default:
				v.Lag = -1 // "unknown"
			}
			smp.Detail[node] = v
		}
		mu.Unlock()
		return
	}
}

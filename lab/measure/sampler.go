package measure

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pglab/pglab/lab/load"
	"github.com/pglab/pglab/lab/patroni"
)

// Sampling: every round asks everything at once, so that "two nodes
// accepted writes" means two answers of the same round.
const (
	SampleEvery = 100 * time.Millisecond
	// probeTimeout bounds one question: a frozen node answers nothing,
	// and must not hold the round up.
	probeTimeout = 400 * time.Millisecond
	// detailEvery: Patroni's own view of each node (role, state,
	// replication) every 5th round, to spare Patroni's REST server on two cores.
	detailEvery = 5
)

// Sample is one round of questions.
type Sample struct {
	At        time.Time           `json:"at"`
	DCSLeader string              `json:"dcs_leader,omitempty"`
	DCSError  bool                `json:"dcs_error,omitempty"`
	LeaseLeft time.Duration       `json:"lease_left_ns,omitempty"`
	DCSAt     time.Time           `json:"dcs_at,omitzero"`    // when the DCS answered: its reading was taken between At and DCSAt
	Primary   map[string]bool     `json:"primary,omitempty"`  // Patroni /primary answered 200
	Writable  map[string]bool     `json:"writable,omitempty"` // pg_is_in_recovery() = false
	Balancer  map[string]string   `json:"balancer,omitempty"`
	Detail    map[string]NodeView `json:"detail,omitempty"` // only in detail rounds
}

// NodeView is what a node's Patroni says of itself.
type NodeView struct {
	Role      string   `json:"role"`
	State     string   `json:"state"`
	Timeline  int      `json:"timeline,omitempty"`
	Streaming []string `json:"streaming,omitempty"` // replicas it streams to, when it leads
	// Lag is the replica's lag in bytes as /cluster reports it, -1 when
	// Patroni says unknown; asked only by a watcher (Watch), not by bench.
	Lag int64 `json:"lag,omitempty"`
}

// sampler asks the target every SampleEvery until stopped.
type sampler struct {
	t      Target
	ep     Endpoints
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	samples []Sample
	conns   map[string]*pgx.Conn // only the loop goroutine's probes touch these, one per node

	// A watcher's sampler (Watch) hands each sample on instead of keeping
	// it, paces itself, re-asks the endpoints and asks for the lag too.
	watch *WatchOptions
}

func startSampler(ctx context.Context, t Target, max time.Duration) *sampler {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), max)
	s := &sampler{t: t, ep: t.MeasureEndpoints(), cancel: cancel, done: make(chan struct{}), conns: map[string]*pgx.Conn{}}
	go s.loop(ctx)
	return s
}

func (s *sampler) loop(ctx context.Context) {
	defer close(s.done)
	defer func() {
		for _, c := range s.conns {
			c.Close(context.Background())
		}
	}()
	tick := time.NewTicker(SampleEvery)
	defer tick.Stop()
	every := SampleEvery
	refreshed := time.Now()
	for round := 0; ; round++ {
		smp := s.round(ctx, round%detailEvery == 0)
		if ctx.Err() != nil {
			return
		}
		if s.watch == nil {
			s.mu.Lock()
			s.samples = append(s.samples, smp)
			s.mu.Unlock()
		} else {
			s.watch.OnSample(smp)
			if next := s.watch.every(); next != every {
				every = next
				tick.Reset(every)
			}
			if time.Since(refreshed) > endpointsEvery {
				// A node restarted on another address (a container)
				// or one down when the watch began is found again.
				s.ep, refreshed = s.t.MeasureEndpoints(), time.Now()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// round asks every question concurrently and waits for all answers.
func (s *sampler) round(ctx context.Context, detail bool) Sample {
	smp := Sample{At: time.Now(), Primary: map[string]bool{}, Writable: map[string]bool{}}
	if detail {
		smp.Detail = map[string]NodeView{}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	ask := func(f func(ctx context.Context)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(ctx, probeTimeout)
			defer cancel()
			f(ctx)
		}()
	}
	ask(func(ctx context.Context) {
		leader, left, err := s.t.DCSLeader(ctx)
		answered := time.Now()
		if leader != "" {
			leader = s.ep.NodeOf(leader)
		}
		mu.Lock()
		smp.DCSLeader, smp.LeaseLeft, smp.DCSError, smp.DCSAt = leader, left, err != nil, answered
		mu.Unlock()
	})
	ask(func(ctx context.Context) {
		b, err := s.t.Balancer(ctx)
		if err == nil {
			mu.Lock()
			smp.Balancer = b
			mu.Unlock()
		}
	})
	// The probes put back the connections that still work.
	conns := s.conns
	s.conns = map[string]*pgx.Conn{}
	if detail && s.watch != nil {
		ask(func(ctx context.Context) { s.lag(ctx, &mu, &smp) })
	}
	for _, n := range s.ep.Nodes {
		ask(func(ctx context.Context) {
			p := patroni.IsPrimary(ctx, n.REST)
			mu.Lock()
			smp.Primary[n.Name] = p
			mu.Unlock()
		})
		conn := conns[n.Name]
		ask(func(ctx context.Context) {
			w, c := s.writable(ctx, n, conn)
			mu.Lock()
			smp.Writable[n.Name] = w
			if c != nil {
				s.conns[n.Name] = c
			}
			mu.Unlock()
		})
		if detail {
			ask(func(ctx context.Context) {
				st, err := patroni.GetNode(ctx, n.REST)
				if err != nil {
					return
				}
				v := NodeView{Role: st.Role, State: st.State, Timeline: st.Timeline}
				for _, r := range st.Replication {
					if r.State == "streaming" {
						v.Streaming = append(v.Streaming, s.ep.NodeOf(r.ApplicationName))
					}
				}
				mu.Lock()
				v.Lag = smp.Detail[n.Name].Lag // the lag question may have answered first
				smp.Detail[n.Name] = v
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	return smp
}

// writable asks PostgreSQL itself whether it is out of recovery, on a
// connection kept across rounds (a new one each time would cost more
// than the question); a broken one is dropped and redialled next round.
func (s *sampler) writable(ctx context.Context, n Node, c *pgx.Conn) (bool, *pgx.Conn) {
	if c == nil || c.IsClosed() {
		cfg, err := pgx.ParseConfig(load.ConnString(n.Postgres, s.ep.User, s.ep.Password, s.ep.Database, time.Second))
		if err != nil {
			return false, nil
		}
		cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
		if c, err = pgx.ConnectConfig(ctx, cfg); err != nil {
			return false, nil
		}
	}
	var inRecovery bool
	if err := c.QueryRow(ctx, "select pg_is_in_recovery()").Scan(&inRecovery); err != nil {
		c.Close(context.Background())
		return false, nil
	}
	return !inRecovery, c
}

// Round asks t every question of one sampling round, Patroni's detail
// included, as the sampler does every SampleEvery.
func Round(ctx context.Context, t Target) Sample {
	s := &sampler{t: t, ep: t.MeasureEndpoints(), conns: map[string]*pgx.Conn{}}
	smp := s.round(ctx, true)
	for _, c := range s.conns {
		c.Close(context.Background())
	}
	return smp
}

func (s *sampler) stop() []Sample {
	s.cancel()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sample(nil), s.samples...)
}

// latest is the last sample so far, if any.
func (s *sampler) latest() (Sample, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.samples) == 0 {
		return Sample{}, false
	}
	return s.samples[len(s.samples)-1], true
}

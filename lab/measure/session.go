package measure

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pglab/pglab/lab/load"
	"github.com/pglab/pglab/lab/wait"
)

// Options configure a measured run.
type Options struct {
	Run  string        // tag of the writer's rows
	Rate int           // writes per second (load.DefaultRate)
	Max  time.Duration // the writer and sampler stop by themselves after this long
}

// Session is a measurement in progress: the writer and the sampler run
// until End.
type Session struct {
	t       Target
	ep      Endpoints
	lo      load.Options
	start   time.Time
	writer  *load.Writer
	sampler *sampler
	timing  Timing
	rewinds map[string]int

	mu    sync.Mutex
	marks []Mark
}

// rewindLine is what Patroni logs when it runs pg_rewind.
var rewindLine = []byte("running pg_rewind from")

func (s *Session) rewindCounts() map[string]int {
	out := map[string]int{}
	for _, n := range s.ep.Nodes {
		if b, err := s.t.NodeLog(n.Name); err == nil {
			out[n.Name] = bytes.Count(b, rewindLine)
		}
	}
	return out
}

// Begin creates the writer's table, starts sampling and, once the first
// write is acknowledged, returns: a fault injected after Begin always
// hits a lab under load.
func Begin(ctx context.Context, t Target, o Options) (*Session, error) {
	ep := t.MeasureEndpoints()
	if o.Max <= 0 || o.Max > load.MaxDuration {
		o.Max = load.MaxDuration
	}
	s := &Session{t: t, ep: ep, lo: load.Options{
		Addr: ep.Balancer, User: ep.User, Password: ep.Password, Database: ep.Database,
		Run: o.Run, Rate: o.Rate, Max: o.Max,
	}}
	if err := load.Prepare(ctx, s.lo, 30*time.Second); err != nil {
		return nil, err
	}
	tm, err := t.Timing(ctx)
	if err != nil {
		return nil, fmt.Errorf("measure: timing: %w", err)
	}
	s.timing = tm
	s.rewinds = s.rewindCounts()
	s.start = time.Now()
	s.sampler = startSampler(ctx, t, o.Max)
	if s.writer, err = load.Start(ctx, s.lo); err != nil {
		s.sampler.stop()
		return nil, err
	}
	err = wait.Until(ctx, "the first acknowledged write through "+ep.Balancer, 30*time.Second, func(context.Context) (bool, string) {
		n := s.writer.Acked()
		_, sampled := s.sampler.latest()
		return n > 0 && sampled, fmt.Sprintf("%d acknowledged, sampled: %v", n, sampled)
	})
	if err != nil {
		s.writer.Stop()
		s.sampler.stop()
		return nil, err
	}
	return s, nil
}

// Mark records a moment: "fault" (kind: what fault) or "restore".
func (s *Session) Mark(name, kind string) {
	s.mu.Lock()
	s.marks = append(s.marks, Mark{Name: name, Kind: kind, At: time.Now()})
	s.mu.Unlock()
}

// Verify records when the last mark's fault was seen in effect.
func (s *Session) Verify(at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.marks); n > 0 {
		s.marks[n-1].Verified = at
	}
}

// End stops the writer and the sampler, reads every row back from the
// node that leads now, and computes the figures.
func (s *Session) End(ctx context.Context) Result {
	writes, errs := s.writer.Stop()
	samples := s.sampler.stop()
	// One last full round now: what the scenario's last wait saw (the old
	// primary streaming again) may have come after the sampler's last
	// detail round.
	last := s.sampler.round(ctx, true)
	samples = append(samples, last)
	for _, c := range s.sampler.conns {
		c.Close(context.Background())
	}
	end := time.Now()
	in := Input{
		Start: s.start, End: end, Writes: writes, Errors: errs, Samples: samples,
		RewindBefore: s.rewinds, RewindAfter: s.rewindCounts(), Timing: s.timing,
	}
	s.mu.Lock()
	in.Marks = append([]Mark(nil), s.marks...)
	s.mu.Unlock()

	leader := leaderOf(samples)
	if l, _, err := s.t.DCSLeader(ctx); err == nil && l != "" {
		leader = s.ep.NodeOf(l)
	}
	if n, ok := s.ep.Node(leader); ok {
		in.ReadBackFrom = leader
		present, err := load.ReadBack(ctx, s.lo, n.Postgres)
		if err != nil {
			in.ReadBackErr = err.Error()
		} else {
			in.Present = present
		}
	} else {
		in.ReadBackErr = "no leader to read the rows back from"
	}
	r := Compute(in)
	r.Run = s.lo.Run
	return r
}

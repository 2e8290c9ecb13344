package ui

import (
	"context"
	"net"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pglab/pglab/lab/load"
	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/target"
	"github.com/pglab/pglab/lab/topology"
)

// Pacing of a watcher's sampler: bench's 100 ms while something happens
// (an action, a load, a change of leader or route in the last busyFor),
// slower while the lab sits still, so that an idle page costs little.
const (
	idleEvery = 500 * time.Millisecond
	busyFor   = 30 * time.Second
	// labEvery: how often a watcher looks whether its lab is still there,
	// or back.
	labEvery = 2 * time.Second
	dcsEvery = time.Second
)

// LabEvent says whether the lab is there: "up" (with what it is) or
// "gone" (and why), sent when that changes.
type LabEvent struct {
	State   string   `json:"state"` // up, gone
	Lab     string   `json:"lab"`
	Runtime string   `json:"runtime,omitempty"`
	Profile string   `json:"profile,omitempty"`
	Nodes   []string `json:"nodes,omitempty"` // the PostgreSQL nodes, the targets of actions
	Error   string   `json:"error,omitempty"`
}

// LoadPoint is one second of the page's writer.
type LoadPoint struct {
	At     int64 `json:"at"` // ms since the epoch
	Acked  int   `json:"acked"`
	Failed int   `json:"failed"`
	On     bool  `json:"on"`
	Rate   int   `json:"rate"`
}

// watcher samples one lab for the pages that watch it, and carries out
// their actions on it.
type watcher struct {
	s    *Server
	name string
	hub  *hub

	cancel context.CancelFunc
	done   chan struct{}

	mu        sync.Mutex
	lab       *target.Lab // nil while the lab is gone
	busyUntil time.Time
	dcsUp     map[string]bool
	leader    string // as the last sample saw it
	routes    string // the UP servers, as the last sample saw them
	writer    *load.Writer
	loadDone  chan struct{}
}

func (w *watcher) start(ctx context.Context) {
	ctx, w.cancel = context.WithCancel(ctx)
	w.done = make(chan struct{})
	go func() {
		defer close(w.done)
		w.run(ctx)
	}()
}

func (w *watcher) stop() {
	w.cancel()
	<-w.done
}

// run connects to the lab, watches it while it is there, and waits for it
// to come back when it goes, until ctx ends.
func (w *watcher) run(ctx context.Context) {
	gone := ""
	for ctx.Err() == nil {
		l, err := w.s.o.Labs.Open(w.name)
		if err != nil {
			if msg := err.Error(); msg != gone {
				gone = msg
				w.hub.publish("lab", LabEvent{State: "gone", Lab: w.name, Error: msg})
			}
			select {
			case <-ctx.Done():
			case <-time.After(labEvery):
			}
			continue
		}
		gone = ""
		t := target.New(l, w.s.o.Pglab)
		w.watch(ctx, t)
		w.loadOff()
		w.mu.Lock()
		w.lab = nil
		w.mu.Unlock()
		t.Close()
	}
}

// watch samples t until its lab goes or ctx ends.
func (w *watcher) watch(ctx context.Context, t *target.Lab) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	l := t.Runtime()
	topo := l.Topology()
	st := l.State()
	ev := LabEvent{State: "up", Lab: w.name, Runtime: st.Runtime, Profile: st.Profile}
	for _, n := range topo.Of(topology.Postgres) {
		ev.Nodes = append(ev.Nodes, n.Name)
	}
	w.mu.Lock()
	w.lab, w.busyUntil = t, time.Now().Add(busyFor)
	w.mu.Unlock()
	w.hub.publish("lab", ev)

	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(2)
	go func() { // is the lab still there?
		defer wg.Done()
		defer cancel()
		tick := time.NewTicker(labEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if !slices.Contains(w.s.o.Labs.List(), w.name) {
				return
			}
			if cur, err := w.s.o.Labs.State(w.name); err == nil && !cur.Created.Equal(st.Created) {
				return // another lab under the same name: connect to it
			}
		}
	}()
	go func() { // which DCS members answer
		defer wg.Done()
		_, dcs := topo.DCS()
		port := topology.PortEtcdClient
		if k, _ := topo.DCS(); k == topology.ZooKeeper {
			port = topology.PortZooKeeper
		}
		tick := time.NewTicker(dcsEvery)
		defer tick.Stop()
		for {
			up := map[string]bool{}
			for _, n := range dcs {
				up[n.Name] = answers(ctx, l.Addr(ctx, n.Name, port))
			}
			w.mu.Lock()
			w.dcsUp = up
			w.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	var mem seen
	measure.Watch(ctx, t, measure.WatchOptions{
		OnSample: func(smp measure.Sample) {
			w.mu.Lock()
			up := w.dcsUp
			w.mu.Unlock()
			v := viewOf(topo, smp, up, &mem)
			v.Lab, v.Runtime, v.Profile = w.name, st.Runtime, st.Profile
			w.noteChange(v)
			w.hub.publish("view", v)
		},
		Every: w.every,
	})
}

func nowMS() int64 { return time.Now().UnixMilli() }

// answers says whether a TCP port accepts a connection now.
func answers(ctx context.Context, addr string) bool {
	if addr == "" {
		return false
	}
	d := net.Dialer{Timeout: 300 * time.Millisecond}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// noteChange keeps the sampler fast for a while after the leader or the
// balancer's routes changed.
func (w *watcher) noteChange(v View) {
	var up []string
	for _, s := range v.Balancer.Servers {
		if s.Up {
			up = append(up, s.Name)
		}
	}
	routes := strings.Join(up, ",")
	w.mu.Lock()
	defer w.mu.Unlock()
	if v.DCS.Leader != w.leader || routes != w.routes || !settled(v) {
		w.busyUntil = time.Now().Add(busyFor)
	}
	w.leader, w.routes = v.DCS.Leader, routes
}

// settled says a lab is at rest: every node answers, one leads and holds
// the leader key, HAProxy sends to it alone. Anything else may be a
// failover under way (a lease running out) and is watched closely.
func settled(v View) bool {
	for _, m := range v.DCS.Members {
		if !m.Up {
			return false
		}
	}
	primaries := 0
	for _, n := range v.Nodes {
		if !n.Reachable {
			return false
		}
		if n.Primary {
			primaries++
			if n.Name != v.DCS.Leader {
				return false
			}
		}
	}
	if primaries != 1 || v.Balancer.Error {
		return false
	}
	for _, s := range v.Balancer.Servers {
		if s.Up != (s.Node == v.DCS.Leader) || s.Status != "UP" && s.Status != "DOWN" {
			return false
		}
	}
	return true
}

func (w *watcher) busy() {
	w.mu.Lock()
	w.busyUntil = time.Now().Add(busyFor)
	w.mu.Unlock()
}

func (w *watcher) every() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.writer != nil || time.Now().Before(w.busyUntil) {
		return measure.SampleEvery
	}
	return idleEvery
}

// current is the lab, nil while it is gone.
func (w *watcher) current() *target.Lab {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lab
}

func (w *watcher) currentLeader() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.leader
}

package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pglab/pglab/lab/load"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/target"
	"github.com/pglab/pglab/lab/topology"
)

// ActionEvent is an action from a page, as every page shows it: once when
// it starts (the moment a fault is marked on the chart) and once when it
// is done.
type ActionEvent struct {
	ID      int64   `json:"id"`
	At      int64   `json:"at"` // ms since the epoch, when it started
	Action  string  `json:"action"`
	Node    string  `json:"node,omitempty"`
	Command string  `json:"command"` // what a person types to do the same
	State   string  `json:"state"`   // running, done, failed
	Error   string  `json:"error,omitempty"`
	Seconds float64 `json:"seconds,omitempty"`
}

// Actions a page can ask for, besides runtime's faults.
const (
	Switchover = "switchover"
	LoadOn     = "load-on"
	LoadOff    = "load-off"
)

// faults are the runtime actions a page may ask for.
var faults = []runtime.Action{runtime.Stop, runtime.Kill, runtime.Start, runtime.Pause, runtime.Resume, runtime.Partition, runtime.Heal}

// LoadRate is the page's writer's rate: enough for a chart, light on two
// cores.
const LoadRate = 50

var actionIDs atomic.Int64

// errBadAction is a request no action matches.
var errBadAction = errors.New("bad action")

// act checks and starts an action; it returns the event that announces
// it, and the action goes on in the background.
func (w *watcher) act(action, node string) (ActionEvent, error) {
	t := w.current()
	if t == nil {
		return ActionEvent{}, fmt.Errorf("lab %s is gone", w.name)
	}
	l := t.Runtime()
	ev := ActionEvent{ID: actionIDs.Add(1), At: time.Now().UnixMilli(), Action: action, Node: node, State: "running"}
	pglab := w.s.o.Pglab + " --name " + runtime.Quote([]string{w.name})
	var do func(ctx context.Context) error
	switch {
	case isFault(action):
		if _, ok := l.Topology().Node(node); !ok {
			return ActionEvent{}, fmt.Errorf("%w: no node %q in lab %s", errBadAction, node, w.name)
		}
		ev.Command = pglab + " " + action + " " + runtime.Quote([]string{node})
		do = func(ctx context.Context) error { _, err := l.Do(ctx, node, runtime.Action(action)); return err }
	case action == Switchover:
		leader := w.currentLeader()
		if leader == "" {
			return ActionEvent{}, fmt.Errorf("switchover: no leader now")
		}
		cand := ""
		for _, n := range l.Topology().Of(topology.Postgres) {
			if n.Name != leader {
				cand = n.Name
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		addr := l.Addr(ctx, leader, topology.PortPatroni)
		if addr == "" || cand == "" {
			return ActionEvent{}, fmt.Errorf("switchover: %s's REST API cannot be reached", leader)
		}
		body, _ := json.Marshal(map[string]string{"leader": l.Member(ctx, leader), "candidate": l.Member(ctx, cand)})
		ev.Node = cand
		ev.Command = "curl -s -X POST http://" + addr + "/switchover -d " + runtime.Quote([]string{string(body)})
		do = func(ctx context.Context) error { return switchover(ctx, addr, body) }
	case action == LoadOn:
		ev.Command = fmt.Sprintf("%s psql --via haproxy -c %s  # ×%d/s", pglab,
			runtime.Quote([]string{"insert into " + load.Table + " (run, seq, sent_at, …) values (…)"}), LoadRate)
		do = func(ctx context.Context) error { return w.loadOn(ctx, t) }
	case action == LoadOff:
		ev.Command = "^C  # " + pglab + " psql --via haproxy -c 'insert into " + load.Table + " …'"
		do = func(context.Context) error { w.loadOff(); return nil }
	default:
		return ActionEvent{}, fmt.Errorf("%w %q: choose %s", errBadAction, action, actionNames())
	}
	w.busy()
	w.hub.publish("action", ev)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		start := time.Now()
		err := do(ctx)
		done := ev
		done.State, done.Seconds = "done", time.Since(start).Round(100*time.Millisecond).Seconds()
		if err != nil {
			done.State, done.Error = "failed", err.Error()
		}
		w.busy()
		w.hub.publish("action", done)
	}()
	return ev, nil
}

func isFault(a string) bool {
	for _, f := range faults {
		if string(f) == a {
			return true
		}
	}
	return false
}

func actionNames() string {
	var out []string
	for _, f := range faults {
		out = append(out, string(f))
	}
	return strings.Join(append(out, Switchover, LoadOn, LoadOff), ", ")
}

// switchover asks the leader's Patroni to hand over to the candidate, as
// patronictl switchover does.
func switchover(ctx context.Context, addr string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/switchover", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("switchover: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("switchover: Patroni answered %s: %s", resp.Status, strings.TrimSpace(string(msg)))
	}
	return nil
}

// loadOn starts the page's writer through the balancer (bench's writer
// at LoadRate) and publishes its acknowledged writes and failures each
// second, until loadOff or the writer's own limit.
func (w *watcher) loadOn(ctx context.Context, t *target.Lab) error {
	w.mu.Lock()
	running := w.writer != nil
	w.mu.Unlock()
	if running {
		return nil
	}
	ep := t.MeasureEndpoints()
	o := load.Options{Addr: ep.Balancer, User: ep.User, Password: ep.Password, Database: ep.Database,
		Run: "ui-" + time.Now().UTC().Format("20060102T150405.000"), Rate: LoadRate}
	if err := load.Prepare(ctx, o, 30*time.Second); err != nil {
		return err
	}
	wr, err := load.Start(context.Background(), o)
	if err != nil {
		return err
	}
	done := make(chan struct{})
	w.mu.Lock()
	w.writer, w.loadDone = wr, done
	w.mu.Unlock()
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		started := time.Now()
		pa, pf := 0, 0
		for {
			select {
			case <-done:
				w.hub.publish("load", LoadPoint{At: time.Now().UnixMilli(), Rate: LoadRate})
				return
			case <-tick.C:
			}
			a, f := wr.Counts()
			w.hub.publish("load", LoadPoint{At: time.Now().UnixMilli(), Acked: a - pa, Failed: f - pf, On: true, Rate: LoadRate})
			pa, pf = a, f
			if time.Since(started) > load.MaxDuration {
				go w.loadOff() // the writer stopped by itself
			}
		}
	}()
	return nil
}

// loadOff stops the page's writer, if one runs.
func (w *watcher) loadOff() {
	w.mu.Lock()
	wr, done := w.writer, w.loadDone
	w.writer, w.loadDone = nil, nil
	w.mu.Unlock()
	if wr == nil {
		return
	}
	wr.Stop()
	close(done)
}

package scenario

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/wait"
)

// RecoverTimeout bounds the wait for a healthy cluster after a failed
// scenario's faults were undone.
var RecoverTimeout = 3 * time.Minute

// kindPartition marks a node cut off by `pglab partition` (a run step).
const kindPartition Kind = "partition"

// track notes what a step did to a node, so that a failed scenario's
// faults can be undone.
func (e *engine) track(k Kind, node string, cmd Command) {
	if k.IsFault() || k == KindRun && slices.ContainsFunc(cmd.Argv, func(a string) bool { return a == "partition" || a == "heal" }) {
		e.stale = "" // the lab was acted on: waits get their full time again
	}
	if e.faulted == nil {
		return
	}
	switch k {
	case KindStop, KindKill, KindPause:
		e.faulted[node] = k
	case KindStart, KindResume:
		delete(e.faulted, node)
	case KindRun:
		for i, a := range cmd.Argv {
			if i+1 < len(cmd.Argv) && (a == "partition" || a == "heal") {
				if a == "partition" {
					e.faulted[cmd.Argv[i+1]] = kindPartition
				} else {
					delete(e.faulted, cmd.Argv[i+1])
				}
			}
		}
	}
}

// recover undoes the faults a failed scenario left (starts what it
// stopped or killed, resumes what it paused, heals what it cut off) and
// waits for the cluster to have a leader and every replica streaming, so
// that the next scenario asks its own question of a healthy lab. It says
// what it did and saw, for the transcript.
func (e *engine) recover(ctx context.Context) string {
	var did []string
	for _, node := range slices.Sorted(func(yield func(string) bool) {
		for n := range e.faulted {
			if !yield(n) {
				return
			}
		}
	}) {
		var cmd Command
		var err error
		switch e.faulted[node] {
		case KindPause:
			cmd, err = e.rt.Fault(KindResume, node)
		case kindPartition:
			cmd, err = e.rt.Tool("pglab", "", []string{"heal", node})
		default:
			cmd, err = e.rt.Fault(KindStart, node)
		}
		if err != nil {
			did = append(did, fmt.Sprintf("%s: %v", node, err))
			continue
		}
		out, code := execute(ctx, cmd, 2*time.Minute)
		line := e.redact(cmd.Display)
		if code != 0 {
			line += fmt.Sprintf(" (exit %d: %s)", code, strings.TrimSpace(lastLines(e.redact(out), 2)))
		}
		did = append(did, line)
	}
	e.faulted = map[string]Kind{}
	if len(did) == 0 {
		// Nothing to bring back: the next scenario waits for what it needs.
		return "no fault to undo"
	}
	e.stale = ""
	replicas := -1
	for _, n := range e.rt.Nodes() {
		if n.Kind == NodePostgres {
			replicas++
		}
	}
	e.o.Progress.Start("Bringing the lab back before the next question")
	werr := wait.Until(ctx, fmt.Sprintf("a leader and %d streaming replica(s)", replicas), RecoverTimeout, func(ctx context.Context) (bool, string) {
		o, err := e.rt.Observe(ctx)
		if err != nil {
			return false, err.Error()
		}
		return o.Leader() != "" && len(o.StreamingReplicas()) >= replicas, o.String()
	})
	e.o.Progress.End(werr)
	s := "undid: " + strings.Join(did, "; ")
	if werr != nil {
		return s + "; the cluster did not recover: " + e.redact(werr.Error())
	}
	return s + "; the cluster has a leader and its replicas stream again"
}

// StaleWait bounds a wait, in a run that goes on after failures (GoOn),
// while the cluster is as it was when an earlier wait timed out and
// nothing was done to it since: a stack that never elects a leader is
// not waited on for minutes by every question in turn.
var StaleWait = 20 * time.Second

// staleTimeout is a wait's timeout: StaleWait when the cluster's gist is
// the one an earlier wait timed out on, else the step's own.
func (e *engine) staleTimeout(ctx context.Context, timeout time.Duration) time.Duration {
	if !e.o.GoOn || e.stale == "" || timeout <= StaleWait {
		return timeout
	}
	o, err := e.rt.Observe(ctx)
	if err != nil || gist(o) != e.stale {
		return timeout
	}
	return StaleWait
}

// gist is what the cluster conditions look at: the leader, the streaming
// replicas and what the balancer routes to.
func gist(o Observation) string {
	var up []string
	for n, st := range o.Balancer {
		if strings.HasPrefix(st, "UP") {
			up = append(up, n)
		}
	}
	slices.Sort(up)
	streaming := slices.Clone(o.StreamingReplicas())
	slices.Sort(streaming)
	return fmt.Sprintf("leader=%s streaming=%v routed=%v", o.Leader(), streaming, up)
}

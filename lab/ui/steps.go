package ui

import (
	"strings"

	"github.com/pglab/pglab/lab/scenario"
)

// StepEvent is a walkthrough's or scenario's current step.
type StepEvent struct {
	Scenario string `json:"scenario"` // its title
	N        int    `json:"n"`
	Of       int    `json:"of"`
	Title    string `json:"title"`
	Command  string `json:"command,omitempty"`
	Wait     string `json:"wait,omitempty"` // the condition a wait step waits for
	State    string `json:"state"`          // running, pass, fail...
	Output   string `json:"output,omitempty"`
	Problem  string `json:"problem,omitempty"`
	Fault    bool   `json:"fault,omitempty"` // it stops, kills, pauses or partitions a node: marked on the chart
	At       int64  `json:"at"`
}

// stepOutput: the end of a step's output a page shows.
const stepOutput = 4000

// Hooks show a scenario run's steps on the pages watching lab, around
// inner (the walkthrough's own hooks, or none).
func (s *Server) Hooks(lab string, inner scenario.Hooks) scenario.Hooks {
	h := s.hub(lab)
	ev := func(sc *scenario.ScenarioRun, st *scenario.StepRun) StepEvent {
		e := StepEvent{Scenario: sc.Title.In(s.o.Lang), N: st.N, Of: st.Of, Title: st.Title.In(s.o.Lang),
			Command: st.Command, At: st.Started.UnixMilli()}
		if st.Kind == scenario.KindWait {
			e.Command, e.Wait = "", st.Condition
		}
		switch st.Kind {
		case scenario.KindStop, scenario.KindKill, scenario.KindPause:
			e.Fault = true
		}
		return e
	}
	return scenario.Hooks{
		Before: func(sc *scenario.ScenarioRun, st *scenario.StepRun) error {
			if inner.Before != nil {
				if err := inner.Before(sc, st); err != nil {
					return err
				}
			}
			e := ev(sc, st)
			e.State = "running"
			if e.At <= 0 {
				e.At = nowMS()
			}
			h.publish("step", e)
			return nil
		},
		After: func(sc *scenario.ScenarioRun, st *scenario.StepRun) {
			if inner.After != nil {
				inner.After(sc, st)
			}
			e := ev(sc, st)
			e.State, e.Problem, e.Fault = st.Verdict, st.Problem, false
			out := strings.TrimRight(st.Output, "\n")
			if len(out) > stepOutput {
				out = "…" + out[len(out)-stepOutput:]
			}
			e.Output = out
			h.publish("step", e)
		},
	}
}

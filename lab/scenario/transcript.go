package scenario

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/provenance"
)

// TranscriptFormat is the version of the transcript's JSON layout.
const TranscriptFormat = 1

// Verdicts of a step or scenario.
const (
	Pass   = "pass"
	Fail   = "fail"
	NotRun = "not run"
)

// Transcript is everything a run did and saw, secrets already redacted:
// the report is written from it alone.
type Transcript struct {
	Format   int       `json:"format"`
	Lab      string    `json:"lab"`
	Runtime  string    `json:"runtime"`
	Profile  string    `json:"profile,omitempty"` // the exercise stack the lab runs: etcd or zookeeper
	Pglab    string    `json:"pglab_version,omitempty"`
	RunID    string    `json:"run_id"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Versions []Version `json:"versions"`
	// Source is the exercise files the run used: where from, each one's
	// digest, and whether the runtime ran them as they are.
	Source    *provenance.Manifest `json:"source,omitempty"`
	Passed    bool                 `json:"passed"`
	Failure   string               `json:"failure,omitempty"` // the failed step: what was expected and seen
	Exercises []Exercise           `json:"exercises"`
	Scenarios []ScenarioRun        `json:"scenarios"`
}

// ScenarioRun is one scenario's part of a transcript.
type ScenarioRun struct {
	Name    string            `json:"name"`
	File    string            `json:"file"`
	Title   Text              `json:"title"`
	About   Text              `json:"about,omitempty"`
	Verdict string            `json:"verdict"`
	Vars    map[string]string `json:"vars"` // the captured variables' final values
	Steps   []StepRun         `json:"steps"`
	// Recovery says how the lab was brought back after this scenario
	// failed, when the run went on (Options.GoOn).
	Recovery string `json:"recovery,omitempty"`
}

// StepRun is one step as it ran.
type StepRun struct {
	N         int               `json:"n"`  // 1-based, setup steps first
	Of        int               `json:"of"` // steps in the scenario
	Line      int               `json:"line"`
	Setup     bool              `json:"setup,omitempty"`
	Kind      Kind              `json:"kind"`
	Title     Text              `json:"title"`
	Why       Text              `json:"why,omitempty"`
	Look      Text              `json:"look,omitempty"`
	Answers   []string          `json:"answers,omitempty"`
	Node      string            `json:"node,omitempty"`
	Command   string            `json:"command,omitempty"` // as a person types it on this runtime
	Env       []string          `json:"env,omitempty"`     // names of variables set for it (their values are secrets)
	Condition string            `json:"condition,omitempty"`
	Timeout   Seconds           `json:"timeout_s,omitempty"`
	Expected  []string          `json:"expected,omitempty"`
	Output    string            `json:"output"`
	Exit      *int              `json:"exit,omitempty"` // nil for waits and steps not run
	Attempts  int               `json:"attempts,omitempty"`
	Started   time.Time         `json:"started"`
	Duration  Seconds           `json:"duration_s"`
	Verdict   string            `json:"verdict"`
	Problem   string            `json:"problem,omitempty"`
	Captured  map[string]string `json:"captured,omitempty"`
	Mark      string            `json:"mark,omitempty"`
	// Verified is when the marked fault was seen in effect (the runtime's
	// check, independent of Patroni); zero when its command does not say.
	Verified time.Time `json:"verified,omitzero"`
	// Failover holds the figures a load stop step measured.
	Failover *measure.Result `json:"failover,omitempty"`
}

// Seconds is a duration recorded as seconds.
type Seconds float64

// Of converts a duration.
func Of(d time.Duration) Seconds {
	return Seconds(float64(d.Round(time.Millisecond)) / float64(time.Second))
}

func (s Seconds) String() string { return fmt.Sprintf("%.1fs", float64(s)) }

// Save writes the transcript as indented JSON, creating the directory.
func (t *Transcript) Save(path string) error {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save transcript: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("save transcript: %w", err)
	}
	return nil
}

// LoadTranscript reads a transcript file.
func LoadTranscript(path string) (*Transcript, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("transcript: %w", err)
	}
	var t Transcript
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("transcript %s: %w", path, err)
	}
	if t.Format != TranscriptFormat {
		return nil, fmt.Errorf("transcript %s: format %d, this pglab reads %d (run the scenario again)", path, t.Format, TranscriptFormat)
	}
	return &t, nil
}

// Steps answering a question, in run order, with their scenario.
func (t *Transcript) StepsAnswering(id string) []AnsweringStep {
	var out []AnsweringStep
	for i := range t.Scenarios {
		sc := &t.Scenarios[i]
		for j := range sc.Steps {
			if contains(sc.Steps[j].Answers, id) {
				out = append(out, AnsweringStep{sc, &sc.Steps[j]})
			}
		}
	}
	return out
}

// AnsweringStep is a step with the scenario it belongs to.
type AnsweringStep struct {
	Scenario *ScenarioRun
	Step     *StepRun
}

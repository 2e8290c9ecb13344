package grade

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/scenario"
)

// A submission's status in the gradebook.
const (
	Graded    = "graded"     // booted and asked every question
	NotGraded = "not graded" // a reason of this machine, not the candidate's (an image that cannot be pulled)
	NoBoot    = "no boot"    // their stack did not come up: every question that needs it fails
	Broken    = "unreadable" // not an answer pglab can read (no compose file, bad zip)
)

// Question verdicts.
const (
	Pass        = "pass"
	Fail        = "fail"
	NotAsked    = "not graded"
	ByLintPass  = "pass (lint)"
	ByLintFail  = "fail (lint)"
	verdictNone = ""
)

// Result is one submission's grade, as saved in OUT/NAME/result.json.
type Result struct {
	Name     string `json:"name"`
	Exercise string `json:"exercise"` // ops or lab
	Variant  bool   `json:"variant,omitempty"`
	Status   string `json:"status"`
	Why      string `json:"why,omitempty"` // for every status but graded: what was seen, as recorded
	// Reason is why, as a key the feedback words in the student's
	// language (Reason*), with its values.
	Reason     string    `json:"reason,omitempty"`
	ReasonArgs []string  `json:"reason_args,omitempty"`
	Score      float64   `json:"score"`
	Max        float64   `json:"max"`
	Lang       string    `json:"lang"`
	Hash       string    `json:"hash"` // of the submission's files: unchanged ones are not graded again
	GradedAt   time.Time `json:"graded_at"`
	Took       float64   `json:"took_s"`
	Lab        string    `json:"lab"` // the lab it ran as (removed)

	Questions     []QuestionResult      `json:"questions"`
	Lint          []lint.Finding        `json:"lint"`
	Substitutions []labdir.Substitution `json:"substitutions,omitempty"`
	Readings      []labdir.Reading      `json:"readings,omitempty"`
	Rubric        string                `json:"rubric"`
}

// QuestionResult is one question's verdict with its evidence.
type QuestionResult struct {
	ID      string        `json:"id"`
	Title   scenario.Text `json:"title"`
	Weight  float64       `json:"weight"`
	Verdict string        `json:"verdict"`
	Advice  scenario.Text `json:"advice,omitempty"` // the rubric's pass or fail text
	// Why a question was not graded, or failed before any step of it
	// ran: a key the feedback words (Unreachable, ComposeV1, NoStepRan,
	// StepsNotRun, CannotAsk, SeeStatus) with its values.
	Why      string     `json:"why,omitempty"`
	WhyArgs  []string   `json:"why_args,omitempty"`
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Evidence is a failed check: the command that ran, its real output, and
// what was expected.
type Evidence struct {
	Scenario string        `json:"scenario"`
	Step     int           `json:"step"`
	Title    scenario.Text `json:"title"`
	Command  string        `json:"command,omitempty"`
	Output   string        `json:"output,omitempty"`
	Expected []string      `json:"expected,omitempty"`
	// Condition is what a wait waited for (the cluster as last seen is
	// in Output).
	Condition string `json:"condition,omitempty"`
	Problem   string `json:"problem,omitempty"`
	Verdict   string `json:"verdict"`
}

// Unreachable is a question's why when its check needed an image or a
// package this machine cannot fetch, ComposeV1 when this machine's
// docker-compose (v1) refused a file Compose v2 reads; the feedback says
// them in words.
const (
	Unreachable = "unreachable"
	ComposeV1   = "compose-v1"
	NoStepRan   = "no-step-ran"   // args: the scenarios
	StepsNotRun = "steps-not-run" // args: the scenarios
	CannotAsk   = "cannot-ask"    // args: the scenario, what loading it said
	SeeStatus   = "see-status"    // the submission's reason (it did not boot, or could not be graded)
	NoPostgis3  = "no-postgis3"   // graded by lint alone, the Dockerfile shows no PostGIS 3; args: the Dockerfile
)

// A submission's reasons, when it is not graded.
const (
	ReasonMemory      = "memory"      // args: MiB available, MiB a lab needs
	ReasonUnavailable = "unavailable" // Why: the boot's error
	ReasonNoBoot      = "no-boot"     // Why: the boot's error
	ReasonUnreadable  = "unreadable"  // Why: the unpacking's or lint's error
)

// composeV1Refusal is docker-compose v1 refusing a compose file.
var composeV1Refusal = regexp.MustCompile(`The Compose file '[^']*' is invalid because`)

// Percent is the score as a percentage of the maximum.
func (r *Result) Percent() float64 {
	if r.Max == 0 {
		return 0
	}
	return 100 * r.Score / r.Max
}

// Save writes the result as JSON.
func (r *Result) Save(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// LoadResult reads a saved result.
func LoadResult(path string) (*Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}

// score grades a transcript by the rubric. unloadable are the rubric's
// scenarios that could not be asked of this stack, with why (a node the
// exercise needs that it lacks). byLint grades the Dockerfile questions
// by lint alone (their image was not built). Questions whose scenarios
// did not run at all get NotAsked with why.
func score(r *Rubric, t *scenario.Transcript, unloadable map[string]string, findings []lint.Finding, lay lint.Layout, byLint bool) ([]QuestionResult, float64) {
	runs := map[string]*scenario.ScenarioRun{}
	if t != nil {
		for i := range t.Scenarios {
			runs[t.Scenarios[i].Name] = &t.Scenarios[i]
		}
	}
	var total float64
	var out []QuestionResult
	for _, q := range r.Questions {
		qr := QuestionResult{ID: q.ID, Title: q.Title, Weight: q.Weight}
		if byLint && q.lint != nil {
			qr.Verdict = ByLintPass
			for _, f := range findings {
				if f.File == lay.Dockerfile && q.lint.MatchString(f.Problem) {
					qr.Verdict = ByLintFail
					qr.Evidence = append(qr.Evidence, Evidence{Problem: f.String(), Verdict: Fail})
				}
			}
			if qr.Verdict == ByLintPass && q.LintNeeds == NeedsPostgis3 && lay.Postgis3 == "" {
				// No finding is no evidence: lint asks a variant of the
				// exercise for no PostGIS, so the point needs the
				// Dockerfile to show it installs PostGIS 3.
				where := lay.Dockerfile
				if where == "" {
					where = lay.ComposeFile // its nodes run an image named there
				}
				qr.Verdict, qr.Why, qr.WhyArgs = ByLintFail, NoPostgis3, []string{where}
			}
		} else {
			qr.Verdict, qr.Why, qr.WhyArgs, qr.Evidence = judge(q, runs, unloadable)
		}
		switch qr.Verdict {
		case Pass, ByLintPass:
			total += q.Weight
			qr.Advice = q.Pass
		case Fail, ByLintFail:
			qr.Advice = q.Fail
		}
		out = append(out, qr)
	}
	return out, total
}

// judge is one question's verdict from the steps that answer it.
func judge(q Question, runs map[string]*scenario.ScenarioRun, unloadable map[string]string) (verdict, why string, args []string, ev []Evidence) {
	var steps []scenario.StepRun
	var names []string
	for _, name := range q.Scenarios {
		if msg, ok := unloadable[name]; ok {
			// The stack lacks what the exercise asks for: the candidate's.
			return Fail, CannotAsk, []string{name, msg}, nil
		}
		sr := runs[name]
		if sr == nil {
			continue
		}
		names = append(names, name)
		last, answering := len(sr.Steps)-1, false // the last step that answers q
		for i, st := range sr.Steps {
			if slices.Contains(st.Answers, q.ID) {
				last, answering = i, true
			}
		}
		for _, st := range sr.Steps[:last+1] {
			// The setup and the steps that answer no question are premises
			// of the steps after them: a failure there fails the question
			// too. A failed step of another question is not: the run went
			// on past it (scenario.Options.GoOn), and the steps of this one
			// that needed it were not run, which fails this one anyway.
			premise := st.Setup || len(st.Answers) == 0
			if !answering || slices.Contains(st.Answers, q.ID) || (st.Verdict == scenario.Fail && premise) {
				steps = append(steps, st)
				if st.Verdict != scenario.Pass {
					e := Evidence{Scenario: name, Step: st.N, Title: st.Title, Command: st.Command,
						Output: tail(st.Output, 40), Expected: st.Expected, Problem: st.Problem, Verdict: st.Verdict}
					if st.Condition != "" && len(e.Expected) == 0 {
						// A wait: what it waited for, and the cluster as last seen.
						e.Condition = st.Condition
					}
					ev = append(ev, e)
				}
			}
		}
	}
	if len(steps) == 0 {
		return NotAsked, NoStepRan, []string{strings.Join(q.Scenarios, ", ")}, nil
	}
	for _, e := range ev {
		if e.Verdict == scenario.Fail && composeV1Refusal.MatchString(e.Output) {
			// The lab booted from this file through compose-go, Compose v2's
			// loader: the host's docker-compose v1 refusing it is this
			// machine's tool, not the answer.
			return NotAsked, ComposeV1, nil, onlyFailed(ev)
		}
		if e.Verdict == scenario.Fail && runtime.Unreachable(e.Output+e.Problem) {
			// The check needed what this machine cannot fetch.
			return NotAsked, Unreachable, nil, onlyFailed(ev)
		}
	}
	for _, e := range ev {
		if e.Verdict == scenario.Fail {
			return Fail, "", nil, onlyFailed(ev)
		}
	}
	if len(ev) > 0 {
		return Fail, StepsNotRun, []string{strings.Join(names, ", ")}, ev
	}
	return Pass, "", nil, nil
}

// onlyFailed keeps the failed checks (not the steps not run after them).
func onlyFailed(ev []Evidence) []Evidence {
	var out []Evidence
	for _, e := range ev {
		if e.Verdict == scenario.Fail {
			out = append(out, e)
		}
	}
	return out
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

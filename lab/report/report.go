// Package report writes the submission document from a scenario
// transcript: for each question of an exercise, in the exercise's own
// wording, the commands that were run, their real output, what they show
// and the verdict. Markdown for the zip, self-contained HTML for reading.
package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/scenario"
)

// Options choose the report's language, format and exercises.
type Options struct {
	Lang   string // es, ru or en
	Format string // md or html
	// Exercises are the exercise ids to report on; none picks by language:
	// the Spanish report is the operations test's, the Russian one the HA
	// lab's, the English one both.
	Exercises []string
}

// Formats are the output formats.
var Formats = []string{"md", "html"}

// DefaultExercises is what a report in lang covers by default: the
// exercise of the stack the run was on (the HA lab's, for its profile),
// else those written in lang (all of them in English).
func DefaultExercises(t *scenario.Transcript, lang string) []string {
	if p, err := exercise.ProfileByName(t.Profile); err == nil && !p.ReportByLanguage {
		return []string{p.Exercise}
	}
	var out []string
	for _, e := range t.Exercises {
		if lang == "en" || e.Lang == lang {
			out = append(out, e.ID)
		}
	}
	return out
}

// Render writes the report.
func Render(w io.Writer, t *scenario.Transcript, o Options) error {
	m, err := Build(t, o)
	if err != nil {
		return err
	}
	switch o.Format {
	case "", "md":
		return renderMarkdown(w, m)
	case "html":
		return renderHTML(w, m)
	}
	return fmt.Errorf("report format %q: choose md or html", o.Format)
}

// Model is the report, laid out and translated, ready to render.
type Model struct {
	Lang      string
	Title     string
	Lab       string
	Runtime   string
	RunFlags  string // what `run scenario all` needs to boot a lab like this one: " --profile zookeeper --runtime docker"
	RunID     string
	Pglab     string
	Started   string
	Took      string
	Versions  []scenario.Version
	Passed    bool
	Failure   string
	Steps     int // steps that ran
	Failed    int
	Exercises []ExerciseView
	Other     []StepView // steps that answer no question (preparation)
	Failovers []FailoverView
}

// ExerciseView is one exercise's section.
type ExerciseView struct {
	ID        string
	Title     string
	Questions []QuestionView
}

// QuestionView is one question with the steps answering it.
type QuestionView struct {
	ID          string
	Label       string
	Text        string // in the exercise's own language
	TextLang    string
	Translation string // in the report's language, when it differs
	Verdict     string // pass, fail, not run, not covered
	NotCovered  string
	Scenarios   []string
	About       []string // what the answering scenarios show, in the report's language
	Steps       []StepView
}

// StepView is one step as the report shows it.
type StepView struct {
	Scenario  string
	N         int
	Title     string
	Why       string
	Look      string
	Command   string
	Env       []string
	Condition string
	Timeout   string
	Output    string
	Exit      string
	Attempts  int
	Started   string
	Duration  string
	Verdict   string
	Problem   string
	Expected  []string
	IsWait    bool
}

// L is a label in the report's language.
func (m *Model) L(key string) string { return label(key, m.Lang) }

// Verdicts a question can have besides a step's.
const (
	NotCovered = "not covered"
	NotInRun   = "not in this run"
)

// Build lays the report out from the transcript.
func Build(t *scenario.Transcript, o Options) (*Model, error) {
	lang := o.Lang
	if lang == "" {
		lang = "en"
	}
	if !contains(scenario.Languages, lang) {
		return nil, fmt.Errorf("report language %q: choose es, ru or en", lang)
	}
	ids := o.Exercises
	if len(ids) == 0 {
		ids = DefaultExercises(t, lang)
	}
	m := &Model{
		Lang: lang, Lab: t.Lab, Runtime: t.Runtime, RunFlags: runFlags(t), RunID: t.RunID, Pglab: t.Pglab,
		Started:  t.Started.UTC().Format("2006-01-02 15:04:05 UTC"),
		Took:     t.Finished.Sub(t.Started).Round(100 * time.Millisecond).String(),
		Versions: t.Versions, Passed: t.Passed, Failure: t.Failure,
	}
	for _, sc := range t.Scenarios {
		for _, st := range sc.Steps {
			if st.Verdict != scenario.NotRun {
				m.Steps++
			}
			if st.Verdict == scenario.Fail {
				m.Failed++
			}
		}
	}
	var titles []string
	for _, id := range ids {
		var ex *scenario.Exercise
		for i := range t.Exercises {
			if t.Exercises[i].ID == id {
				ex = &t.Exercises[i]
			}
		}
		if ex == nil {
			return nil, fmt.Errorf("the transcript has no exercise %q", id)
		}
		ev := ExerciseView{ID: ex.ID, Title: ex.Title.In(lang)}
		titles = append(titles, ev.Title)
		for _, q := range ex.Questions {
			ev.Questions = append(ev.Questions, question(t, ex, q, lang))
		}
		m.Exercises = append(m.Exercises, ev)
	}
	m.Failovers = failoverViews(t, lang)
	if len(titles) == 0 && len(m.Failovers) > 0 {
		titles = append(titles, m.L("failovers"))
	}
	m.Title = m.L("title") + " — " + strings.Join(titles, " · ")
	for _, sc := range t.Scenarios {
		for _, st := range sc.Steps {
			if len(st.Answers) == 0 && st.Verdict != scenario.NotRun {
				m.Other = append(m.Other, stepView(&sc, &st, lang))
			}
		}
	}
	return m, nil
}

func question(t *scenario.Transcript, ex *scenario.Exercise, q scenario.Question, lang string) QuestionView {
	qv := QuestionView{ID: q.ID, Label: q.Label.In(lang), Text: q.Text.In(ex.Lang), TextLang: ex.Lang}
	if lang != ex.Lang {
		qv.Translation = q.Text.In(lang)
	}
	steps := t.StepsAnswering(q.ID)
	ran, failed := 0, false
	for _, as := range steps {
		if as.Step.Verdict == scenario.NotRun {
			continue
		}
		ran++
		failed = failed || as.Step.Verdict == scenario.Fail
		qv.Steps = append(qv.Steps, stepView(as.Scenario, as.Step, lang))
		if !contains(qv.Scenarios, as.Scenario.Name) {
			qv.Scenarios = append(qv.Scenarios, as.Scenario.Name)
			if a := as.Scenario.About.In(lang); a != "" {
				qv.About = append(qv.About, a)
			}
		}
	}
	switch {
	case failed:
		qv.Verdict = scenario.Fail
	case ran > 0 && ran == len(steps):
		qv.Verdict = scenario.Pass
	case ran > 0 || len(steps) > 0:
		qv.Verdict = scenario.NotRun // the run stopped before finishing it
	case q.NotCovered != nil:
		qv.Verdict, qv.NotCovered = NotCovered, q.NotCovered.In(lang)
	default:
		qv.Verdict = NotInRun
	}
	return qv
}

func stepView(sc *scenario.ScenarioRun, st *scenario.StepRun, lang string) StepView {
	v := StepView{
		Scenario: sc.Name, N: st.N, Title: st.Title.In(lang), Why: st.Why.In(lang), Look: st.Look.In(lang),
		Command: st.Command, Env: st.Env, Condition: st.Condition, Output: st.Output,
		Attempts: st.Attempts, Duration: st.Duration.String(), Verdict: st.Verdict, Problem: st.Problem,
		Expected: st.Expected, IsWait: st.Kind == scenario.KindWait || st.Kind == scenario.KindLoad,
		Started: st.Started.UTC().Format("15:04:05"),
	}
	if st.Exit != nil {
		v.Exit = fmt.Sprint(*st.Exit)
	}
	if st.Timeout > 0 {
		v.Timeout = time.Duration(float64(st.Timeout) * float64(time.Second)).String()
	}
	return v
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Mark is the symbol of a verdict.
func Mark(verdict string) string {
	switch verdict {
	case scenario.Pass:
		return "✅"
	case scenario.Fail:
		return "❌"
	case NotCovered:
		return "➖"
	}
	return "⏸"
}

// runFlags are the flags that boot a lab of the transcript's profile and
// runtime, the defaults left out.
func runFlags(t *scenario.Transcript) string {
	var b strings.Builder
	if t.Profile != "" && t.Profile != exercise.DefaultProfile {
		b.WriteString(" --profile " + t.Profile)
	}
	if t.Runtime != "" && t.Runtime != "embedded" {
		b.WriteString(" --runtime " + t.Runtime)
	}
	return b.String()
}

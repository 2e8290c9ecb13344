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
	// Preface are lines the document opens with, before anything else:
	// the submission's coverage warning and how to start its files.
	Preface []Phrase
}

// Formats are the output formats.
var Formats = []string{"md", "html"}

// DefaultExercises is what a report in lang covers by default: the
// exercise of the stack the run was on (the HA lab's, for its profile),
// else those written in lang (all of them in English).
func DefaultExercises(t *scenario.Transcript, lang string) []string {
	if !answersAny(t) {
		return nil // a bench: its measured failovers, no exercise's questions
	}
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

func answersAny(t *scenario.Transcript) bool {
	for _, sc := range t.Scenarios {
		for _, st := range sc.Steps {
			if len(st.Answers) > 0 {
				return true
			}
		}
	}
	return false
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
	Lang       string
	Title      string
	Lab        string
	Runtime    string
	RunFlags   string // what `run scenario all` needs to boot a lab like this one: " --profile zookeeper --runtime docker"
	RunID      string
	Pglab      string
	Started    string
	Took       string
	Versions   []VersionView
	Preface    []Phrase
	Source     Phrase   // which exercise files the run used, with their digest
	Deviations []Phrase // where what ran differs from what the exercise fixes
	Passed     bool
	Failure    Phrase
	Steps      int // steps that ran
	Failed     int
	Exercises  []ExerciseView
	Other      []StepView // steps that answer no question (preparation)
	Failovers  []FailoverView
}

// VersionView is one row of the version table.
type VersionView struct {
	Component string
	Version   Phrase
}

// ExerciseView is one exercise's section.
type ExerciseView struct {
	ID        string
	Title     string
	Questions []QuestionView
	// OtherStack is set when the run was on another exercise's stack: the
	// profile this exercise needs, and what the run was on.
	OtherStack *OtherStack
	RunFlags   string // what `run scenario all` needs for this exercise's stack
}

// OtherStack says that a run was on another exercise's stack.
type OtherStack struct {
	Need, Ran string // profile names
	Flags     string // " --profile zookeeper"
}

// QuestionView is one question with the steps answering it.
type QuestionView struct {
	ID          string
	Label       string
	Text        string // in the exercise's own language
	TextLang    string
	Translation string // in the report's language, when it differs
	Verdict     string // pass, fail, not run, not covered, not in this run
	NotCovered  string
	NotInRun    Phrase // why the run did not answer it, and what would
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
	Condition Phrase
	Timeout   string
	Output    string
	Exit      string
	Attempts  int
	Started   string
	Duration  string
	Verdict   string
	Problem   Phrase
	Expected  Phrase
	IsWait    bool
}

// Summary says how many steps ran and failed.
func (m *Model) Summary() string {
	return count("steps_run", m.Lang, m.Steps) + ", " + count("steps_failed", m.Lang, m.Failed)
}

// OtherStackNotice is what the top of the report says of an exercise the
// run did not answer because it was on another exercise's stack.
func (ev ExerciseView) OtherStackNotice(lang string) Phrase {
	if ev.OtherStack == nil {
		return nil
	}
	return sentence(label("other_stack", lang), code(ev.OtherStack.Ran), code(ev.OtherStack.Need), code("pglab run scenario all"+ev.OtherStack.Flags))
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
		Lang: lang, Lab: t.Lab, Runtime: t.Runtime, RunFlags: runFlags(t.Profile, t.Runtime), RunID: t.RunID, Pglab: t.Pglab,
		Started: t.Started.UTC().Format("2006-01-02 15:04:05 UTC"),
		Took:    duration(lang, t.Finished.Sub(t.Started).Round(100*time.Millisecond).Seconds()),
		Passed:  t.Passed,
		Preface: o.Preface, Source: SourceLine(t.Source, lang), Deviations: Deviations(t, lang),
	}
	if t.Source != nil && t.Source.From != "" {
		m.RunFlags += " --from " + t.Source.From // the same files, to reproduce it
	}
	if t.Failure != "" {
		m.Failure = failure(t.Failure, lang)
	}
	for _, v := range t.Versions {
		c, p := VersionRow(v.Component, v.Version, lang)
		m.Versions = append(m.Versions, VersionView{c, p})
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
	ownStack := len(ids) == 0  // a bench: no exercise, the run's own figures
	shown := map[string]bool{} // the questions this report answers from the run
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
		ev := ExerciseView{ID: ex.ID, Title: ex.Title.In(lang), RunFlags: m.RunFlags}
		if need, ok := profileOf(ex.ID); ok && need != profileName(t.Profile) {
			ev.OtherStack = &OtherStack{Need: need, Ran: profileName(t.Profile), Flags: runFlags(need, t.Runtime)}
			ev.RunFlags = ev.OtherStack.Flags
		} else {
			ownStack = true
			for _, q := range ex.Questions {
				shown[q.ID] = true
			}
		}
		titles = append(titles, ev.Title)
		for _, q := range ex.Questions {
			ev.Questions = append(ev.Questions, question(t, ex, q, lang, ev))
		}
		m.Exercises = append(m.Exercises, ev)
	}
	// The failovers and preparation steps ran on the run's stack: a report
	// only of another exercise's stack leaves them out.
	if ownStack {
		m.Failovers = failoverViews(t, lang)
	}
	if len(titles) == 0 && len(m.Failovers) > 0 {
		titles = append(titles, m.L("failovers"))
	}
	m.Title = m.L("title") + " — " + strings.Join(titles, " · ")
	for _, sc := range t.Scenarios {
		for _, st := range sc.Steps {
			// A step that answers only another exercise's questions ran on
			// this stack all the same (the Compose experiments on the
			// operations test's files): it is shown, as a step of its own.
			if ownStack && !answersShown(st.Answers, shown) && st.Verdict != scenario.NotRun {
				m.Other = append(m.Other, stepView(&sc, &st, lang))
			}
		}
	}
	return m, nil
}

// profileOf is the profile whose stack answers an exercise.
func profileOf(exercise string) (string, bool) {
	for _, p := range exerciseProfiles() {
		if p.Exercise == exercise {
			return p.Name, true
		}
	}
	return "", false
}

func exerciseProfiles() []exercise.Profile { return exercise.Profiles }

// profileName is a transcript's profile, the default when it names none.
func profileName(p string) string {
	if p == "" {
		return exercise.DefaultProfile
	}
	return p
}

func question(t *scenario.Transcript, ex *scenario.Exercise, q scenario.Question, lang string, ev ExerciseView) QuestionView {
	qv := QuestionView{ID: q.ID, Label: q.Label.In(lang), Text: q.Text.In(ex.Lang), TextLang: ex.Lang}
	if lang != ex.Lang {
		qv.Translation = q.Text.In(lang)
	}
	notInRun := func() {
		qv.Verdict = NotInRun
		qv.NotInRun = sentence(label("v_notinrun_why", lang), code("pglab run scenario all"+ev.RunFlags))
	}
	if ev.OtherStack != nil {
		// What ran on the other stack answers its own exercise, not this one.
		notInRun()
		return qv
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
		notInRun()
	}
	return qv
}

func stepView(sc *scenario.ScenarioRun, st *scenario.StepRun, lang string) StepView {
	v := StepView{
		Scenario: sc.Name, N: st.N, Title: st.Title.In(lang), Why: st.Why.In(lang), Look: st.Look.In(lang),
		Command: st.Command, Env: st.Env, Output: st.Output,
		Attempts: st.Attempts, Duration: seconds(lang, float64(st.Duration), 1), Verdict: st.Verdict,
		IsWait:  st.Kind == scenario.KindWait || st.Kind == scenario.KindLoad,
		Started: st.Started.UTC().Format("15:04:05"),
	}
	if st.Condition != "" {
		v.Condition = Condition(st.Condition, lang)
	}
	if st.Problem != "" {
		v.Problem = failure(st.Problem, lang)
	}
	var exp []Phrase
	for _, e := range st.Expected {
		exp = append(exp, Expectation(e, lang))
	}
	v.Expected = join(exp, "; ")
	if st.Exit != nil {
		v.Exit = fmt.Sprint(*st.Exit)
	}
	if st.Timeout > 0 {
		v.Timeout = duration(lang, float64(st.Timeout))
	}
	return v
}

// failure is a failed step's problem: a check's sentences when the engine
// wrote them, else the error as recorded (a program's own words).
func failure(s, lang string) Phrase {
	if p := Problem(s, lang); !(len(p) == 1 && p[0].Code) {
		return p
	}
	return Phrase{code(s)}
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

// runFlags are the flags that boot a lab of a profile and runtime, the
// defaults left out.
func runFlags(profile, runtime string) string {
	var b strings.Builder
	if profile != "" && profile != exercise.DefaultProfile {
		b.WriteString(" --profile " + profile)
	}
	if runtime != "" && runtime != "embedded" {
		b.WriteString(" --runtime " + runtime)
	}
	return b.String()
}

// answersShown tells whether a step answers one of the questions shown.
func answersShown(answers []string, shown map[string]bool) bool {
	for _, a := range answers {
		if shown[a] {
			return true
		}
	}
	return false
}

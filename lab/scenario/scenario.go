// Package scenario runs the exercises' checks as data: a scenario file lists
// steps from a small vocabulary (run a tool on a node, SQL on a node or
// through the balancer, stop/kill/start a node, wait for a condition,
// expectations and captured variables), and the engine runs them against
// any runtime that implements Runtime, recording a transcript from which
// the report is written. The engine does not know which runtime ran.
package scenario

import (
	"regexp"
	"slices"
	"time"

	"github.com/pglab/pglab/lab/runtime"
)

// Languages are the languages every text of a scenario is written in.
var Languages = []string{"es", "ru", "en"}

// Text is one text in every language, keyed by language code.
type Text map[string]string

// In returns the text in lang, falling back to English.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t["en"]
}

// Kind is what a step does.
type Kind string

// The step kinds: exactly one of these keys names a step's action.
const (
	KindRun   Kind = "run"   // a tool on a node: etcdctl, patronictl, pglab, grep-log, balancer-stats
	KindSQL   Kind = "sql"   // one SQL statement through the real psql, on a node or the balancer
	KindStop  Kind = "stop"  // graceful stop of a node
	KindKill  Kind = "kill"  // hard kill of a node, like a container dying
	KindStart Kind = "start" // start a stopped node again
	KindWait  Kind = "wait"  // until a condition on the cluster holds, with a deadline
	// A frozen node (SIGSTOP, like docker pause): how the embedded
	// runtime cuts a node off; resume lets it run on.
	KindPause  Kind = "pause"
	KindResume Kind = "resume"
	// KindLoad starts ("start") or stops ("stop") the measured writer;
	// stop reads the rows back and records the failover's figures.
	KindLoad Kind = "load"
)

var kinds = []Kind{KindRun, KindSQL, KindStop, KindKill, KindStart, KindWait, KindPause, KindResume, KindLoad}

// IsFault says whether a kind acts on a node's processes.
func (k Kind) IsFault() bool {
	return k == KindStop || k == KindKill || k == KindStart || k == KindPause || k == KindResume
}

// Tools are the programs a run step may name. The runtime decides how each
// is invoked on a node (a host path here, `docker-compose exec` there):
//
//   - processes: the node's processes with their users (ps);
//   - tcp HOST:PORT: whether a TCP connection opens, from the node named by
//     `on`, or from the host when there is none;
//   - compose ARGS: docker-compose itself, in the lab's directory;
//   - scratch ARGS: docker-compose in a scratch copy of the exercise (a
//     separate project and image, so the experiment leaves the lab alone),
//     and `scratch edit FILE` appends a line to one of its files;
//   - published balancer|nodes: what answers behind each port the compose
//     file publishes on HAProxy (on the PostgreSQL nodes), asked at the
//     container's own address.
var Tools = []string{"etcdctl", "patronictl", "pglab", "grep-log", "balancer-stats", "processes", "tcp", "compose", "scratch", "published"}

// Step is one action of a scenario.
type Step struct {
	Line  int    // where the step starts in its file
	Kind  Kind   //
	Arg   string // the action's value: a command line, SQL, a node or a condition (templated)
	On    string // node the step acts on (run, sql); templated; "" = the runtime's choice
	Title Text
	Why   Text // what it does and why (before the step)
	Look  Text // what to look for in its output (after the step)

	Answers []string // question ids this step helps answer
	Expect  *Expect
	Within  time.Duration // run/sql: repeat until the expectations hold, up to this long
	Timeout time.Duration // run/sql/faults: per command; wait: the deadline
	Capture []Capture     // variables set from this step's result, in file order
	// During: a wait's condition must then keep holding this long (an
	// observation window, e.g. a primary that stays writable).
	During time.Duration
	// Mark names the moment the step starts, for the measured writer:
	// "fault KIND" or "restore".
	Mark string

	cond *condition // parsed Arg of a wait step
	// uses names the variables its action and expectations use, as the
	// loader read them: a step after a failed one that was to capture
	// one of them is not run.
	uses []string
}

// Expect is what a run or sql step must show. The zero value expects exit
// code 0.
type Expect struct {
	Exit     *int              // default 0
	Output   []string          // regexes the combined output must match (templated)
	NoOutput []string          // regexes it must not match (templated)
	Count    []CountExpect     // a regex must match exactly N times
	Value    *string           // sql: the first column of the first row (templated)
	Columns  map[string]string // sql: columns of the first row (templated values)
	Rows     *int              // sql: number of rows
	// load stop: the most acknowledged writes lost and split-brain
	// rounds allowed, and whether the old primary must have rejoined.
	Lost       *int
	SplitBrain *int
	Rejoined   *bool
}

// CountExpect says how many times a regex occurs in the output.
type CountExpect struct {
	Regex string
	N     int
}

// Capture sets a variable from a step's result.
type Capture struct {
	Var    string
	Source string // leader, replica, value, output, or "column NAME"
}

// Scenario is one scenario file, or a composite (all) that includes others.
type Scenario struct {
	Name    string
	File    string
	Title   Text
	About   Text
	Include []string // a composite's scenarios, in order
	// Profiles are the exercise profiles the scenario is written for
	// (etcd, zookeeper); empty means any.
	Profiles []string
	// Runtimes are the runtimes it can run on (docker, for the questions
	// about containers); empty means any.
	Runtimes []string
	Setup    []*Step
	Steps    []*Step

	includeLine int
}

// Answers lists the question ids the scenario's steps answer, first seen first.
func (s *Scenario) Answers() []string {
	seen := map[string]bool{}
	var out []string
	for _, st := range s.Steps {
		for _, a := range st.Answers {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// Exercise is one of the two exercises whose questions the scenarios answer.
type Exercise struct {
	ID        string     `json:"id"`
	Lang      string     `json:"lang"` // the exercise's own language: its questions are quoted in it
	Title     Text       `json:"title"`
	Questions []Question `json:"questions"`
}

// Question is one question (or task) of an exercise, in its own wording.
type Question struct {
	ID         string `json:"id"`
	Label      Text   `json:"label"`                 // "1.", "Часть 2, п. 3"
	Text       Text   `json:"text"`                  // the exercise's own wording in its language, translations in the others
	NotCovered Text   `json:"not_covered,omitempty"` // why no scenario answers it, when none does
}

// Catalog is every exercise, for the report and for validating answers.
type Catalog struct {
	Exercises []Exercise `json:"exercises"`
}

// Question finds a question by id.
func (c *Catalog) Question(id string) (Question, Exercise, bool) {
	for _, e := range c.Exercises {
		for _, q := range e.Questions {
			if q.ID == id {
				return q, e, true
			}
		}
	}
	return Question{}, Exercise{}, false
}

var varNameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// CheckLang refuses a language there are no texts in: a usage error.
func CheckLang(lang string) error {
	if slices.Contains(Languages, lang) {
		return nil
	}
	return runtime.Refuse(runtime.ErrOption, "--lang %q: choose es, ru or en", lang)
}

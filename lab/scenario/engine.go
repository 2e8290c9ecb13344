package scenario

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/provenance"
	"github.com/pglab/pglab/lab/wait"
)

// DefaultCommandTimeout bounds one command of a step without a timeout.
const DefaultCommandTimeout = 60 * time.Second

// Hooks let a caller (the walkthrough) stand between steps.
type Hooks struct {
	// Before is called with the step's command resolved, before it runs;
	// an error stops the run.
	Before func(sc *ScenarioRun, st *StepRun) error
	// After is called once the step has run and its verdict is known.
	After func(sc *ScenarioRun, st *StepRun)
	// Waiting is called at each check of a wait step that does not hold
	// yet: how long it has waited and what it saw.
	Waiting func(st *StepRun, waited time.Duration, seen string)
}

// Options configure a run.
type Options struct {
	Catalog  *Catalog
	Progress *progress.Status // nil prints nothing
	Hooks    Hooks
	RunID    string // unique per run, so rows of a rerun on a kept lab differ; default: from the clock
	Pglab    string // pglab's version, for the report
	Lang     string // language of progress lines; default en
	Profile  string // the lab's exercise profile, recorded for the report
	Rate     int    // the measured writer's writes per second; 0: DefaultRate
	// Source is the exercise files the lab runs, recorded for the report
	// and the submission.
	Source *provenance.Manifest
	// GoOn runs every scenario even after one failed: the failed one's
	// faults are undone (nodes started, resumed, healed) and the cluster
	// awaited healthy first, so one failure costs one scenario (a grader's
	// run; a student's run stops where it failed, to be looked at).
	GoOn bool
}

// ErrFailed is wrapped when a step's expectation did not hold.
var ErrFailed = errors.New("scenario failed")

// Run runs the scenarios in order against rt and returns the transcript,
// also when a step fails: the run stops there (later steps are recorded
// as not run) and the error says which step, what was expected and seen.
func Run(ctx context.Context, rt Runtime, scs []*Scenario, o Options) (*Transcript, error) {
	if o.RunID == "" {
		o.RunID = time.Now().UTC().Format("r20060102t150405")
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	if o.Progress == nil {
		o.Progress = progress.Discard()
	}
	e := &engine{rt: rt, o: o, nodes: rt.Nodes(), secrets: rt.Secrets()}
	t := &Transcript{
		Format: TranscriptFormat, Lab: rt.Lab(), Runtime: rt.Name(), Profile: o.Profile, Pglab: o.Pglab, RunID: o.RunID,
		Started: time.Now().UTC(), Versions: rt.Versions(ctx), Passed: true, Source: o.Source,
	}
	if o.Catalog != nil {
		t.Exercises = o.Catalog.Exercises
	}
	var failure error
	for _, sc := range scs {
		sr := ScenarioRun{Name: sc.Name, File: sc.File, Title: sc.Title, About: sc.About, Verdict: NotRun, Vars: map[string]string{}}
		switch {
		case failure == nil || (o.GoOn && ctx.Err() == nil):
			e.faulted = map[string]Kind{}
			err := e.scenario(ctx, sc, &sr)
			if err != nil && o.GoOn && ctx.Err() == nil {
				sr.Recovery = e.recover(ctx)
			}
			if failure == nil {
				failure = err
			}
		default:
			sr.Steps = notRun(sc)
		}
		t.Scenarios = append(t.Scenarios, sr)
	}
	t.Finished = time.Now().UTC()
	if failure != nil {
		t.Passed = false
		t.Failure = e.redact(failure.Error())
		return t, &FailedError{Msg: t.Failure, cause: failure}
	}
	return t, nil
}

// terminalCodes are the colour and cursor sequences a program writes for
// a terminal (docker-compose's build output has them): no part of what it
// said, and noise in a report.
var terminalCodes = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]`)

// FailedError is a run that stopped at a failed step. Its message is
// redacted; it matches ErrFailed and the step's own error.
type FailedError struct {
	Msg   string
	cause error
}

func (e *FailedError) Error() string   { return "scenario failed: " + e.Msg }
func (e *FailedError) Unwrap() []error { return []error{ErrFailed, e.cause} }

func notRun(sc *Scenario) []StepRun {
	var out []StepRun
	for i, st := range append(append([]*Step{}, sc.Setup...), sc.Steps...) {
		out = append(out, StepRun{N: i + 1, Of: len(sc.Setup) + len(sc.Steps), Line: st.Line, Setup: i < len(sc.Setup), Kind: st.Kind,
			Title: st.Title, Why: st.Why, Look: st.Look, Answers: st.Answers, Verdict: NotRun})
	}
	return out
}

type engine struct {
	rt      Runtime
	o       Options
	nodes   []Node
	secrets []string
	load    *measure.Session // the measured writer, between load start and stop
	// faulted are the nodes the running scenario left stopped, killed,
	// paused or partitioned, with what was done: what GoOn undoes.
	faulted map[string]Kind
	// stale is the cluster's gist when a wait last timed out with GoOn,
	// "" once anything was done to the lab since (staleWait).
	stale string
}

func (e *engine) scenario(ctx context.Context, sc *Scenario, sr *ScenarioRun) error {
	vars := map[string]string{"lab": e.rt.Lab(), "run": e.o.RunID, "runtime": e.rt.Name(), "sync_state": e.rt.SyncState(), "dcs": dcsName(e.rt.Nodes())}
	// A scenario that fails mid-measurement must not leave its writer running.
	defer func() {
		if e.load != nil {
			e.load.End(context.WithoutCancel(ctx))
			e.load = nil
		}
	}()
	all := append(append([]*Step{}, sc.Setup...), sc.Steps...)
	var goingOn goingOn // after a failed step, in a run that goes on
	for i, st := range all {
		run := StepRun{N: i + 1, Of: len(all), Line: st.Line, Setup: i < len(sc.Setup), Kind: st.Kind,
			Title: st.Title, Why: st.Why, Look: st.Look, Answers: st.Answers, Verdict: NotRun}
		if why := goingOn.skip(st); why != "" {
			run.Problem = why
			sr.Steps = append(sr.Steps, run)
			continue
		}
		// The title as the reader sees it: {{sync_state}} filled in.
		e.o.Progress.Start("%s %d/%d: %s", sc.Name, i+1, len(all), e.text(st.Title, vars).In(e.o.Lang))
		err := e.step(ctx, sr, st, &run, vars)
		e.o.Progress.End(err)
		if err != nil {
			e.o.Progress.Info("%s", e.redact(err.Error()))
			if run.Output != "" && run.Kind != KindWait {
				e.o.Progress.Info("output:\n%s", indent(lastLines(run.Output, 15)))
			}
		}
		sr.Steps = append(sr.Steps, run)
		if e.o.Hooks.After != nil {
			e.o.Hooks.After(sr, &sr.Steps[len(sr.Steps)-1])
		}
		if err != nil {
			err = fmt.Errorf("%s step %d (%s:%d, %q): %w", sc.Name, i+1, sc.File, st.Line, st.Title.In("en"), err)
			// A grader's run goes on past a step that answers questions:
			// the steps of the questions still open run, so a failure
			// costs its own questions only. A setup step, or one that
			// answers none, is a premise of every step after it.
			if e.o.GoOn && ctx.Err() == nil && !run.Setup && len(st.Answers) > 0 {
				goingOn.failed(i+1, st, err)
				continue
			}
			sr.Verdict = Fail
			for _, rest := range notRun(sc)[i+1:] {
				sr.Steps = append(sr.Steps, rest)
			}
			return cmp.Or(goingOn.first, err)
		}
	}
	if goingOn.first != nil {
		sr.Verdict = Fail
		return goingOn.first
	}
	sr.Verdict = Pass
	return nil
}

// goingOn is what failed so far in a scenario that goes on after a failed
// step (Options.GoOn): which questions are already lost, and which
// variables the failed steps were to capture.
type goingOn struct {
	first error
	lost  map[string]int // question id: the step that failed it
	vars  map[string]int // variable: the failed step that was to capture it
}

func (g *goingOn) failed(n int, st *Step, err error) {
	if g.first == nil {
		g.first, g.lost, g.vars = err, map[string]int{}, map[string]int{}
	}
	for _, q := range st.Answers {
		if _, ok := g.lost[q]; !ok {
			g.lost[q] = n
		}
	}
	for _, c := range st.Capture {
		g.vars[c.Var] = n
	}
}

// skip says why st is not run after a failure, "" to run it: every
// question it answers is already lost, or it needs a value a failed step
// was to find.
func (g *goingOn) skip(st *Step) string {
	if g.first == nil {
		return ""
	}
	for _, v := range st.uses {
		if n, ok := g.vars[v]; ok {
			return fmt.Sprintf("not run: it needs %s, which step %d was to find and did not", v, n)
		}
	}
	if len(st.Answers) == 0 {
		return ""
	}
	at := 0
	for _, q := range st.Answers {
		n, ok := g.lost[q]
		if !ok {
			return ""
		}
		at = max(at, n)
	}
	return fmt.Sprintf("not run: what it answers (%s) already failed at step %d", strings.Join(st.Answers, ", "), at)
}

// before calls the Before hook (the walkthrough's prompt): the time spent
// there is no part of the step, whose clock starts again once it returns.
func (e *engine) before(sr *ScenarioRun, run *StepRun) error {
	if e.o.Hooks.Before == nil {
		return nil
	}
	if err := e.o.Hooks.Before(sr, run); err != nil {
		return err
	}
	run.Started = time.Now().UTC()
	return nil
}

// step runs one step, filling run; the error says what failed.
func (e *engine) step(ctx context.Context, sr *ScenarioRun, st *Step, run *StepRun, vars map[string]string) (err error) {
	run.Started = time.Now().UTC()
	defer func() {
		run.Duration = Of(time.Since(run.Started))
		run.Verdict = Pass
		if err != nil {
			run.Verdict = Fail
			run.Problem = e.redact(err.Error())
		}
		for k, v := range run.Captured {
			sr.Vars[k] = v
		}
		run.Title, run.Why, run.Look = e.text(st.Title, vars), e.text(st.Why, vars), e.text(st.Look, vars)
		run.Output = e.redact(run.Output)
		run.Command = e.redact(run.Command)
		run.Condition = e.redact(run.Condition)
	}()
	// Nodes are asked again each step: a restarted container may have
	// another address.
	e.nodes = e.rt.Nodes()
	run.Title, run.Why, run.Look = e.text(st.Title, vars), e.text(st.Why, vars), e.text(st.Look, vars)
	x := func(s string) (string, error) { return expand(s, vars, e.nodes) }
	on, err := x(st.On)
	if err != nil {
		return err
	}
	run.Node = on
	timeout := st.Timeout
	if timeout == 0 {
		timeout = DefaultCommandTimeout
	}

	if st.Kind == KindWait {
		node, err := x(st.cond.node)
		if err != nil {
			return err
		}
		run.Condition = strings.Join(strings.Fields(normalizeTemplates(st.Arg)), " ")
		if run.Condition, err = x(run.Condition); err != nil {
			return err
		}
		// "a {{sync_state}} replica" filled with async.
		run.Condition = strings.Replace(run.Condition, "a async ", "an async ", 1)
		run.Node = node
		run.Timeout = Of(st.Timeout)
		if err := e.before(sr, run); err != nil {
			return err
		}
		timeout := e.staleTimeout(ctx, st.Timeout)
		e.o.Progress.Info("waiting ≤ %s until %s", timeout, run.Condition)
		var last Observation
		check := func(ctx context.Context) (bool, string) {
			run.Attempts++
			o, err := e.rt.Observe(ctx)
			seen := ""
			if err != nil {
				seen = err.Error()
			} else {
				seen = o.String()
				if ctx.Err() == nil {
					// One the deadline cut short saw nothing: keep the last whole one.
					last = o
				}
			}
			ok := err == nil && st.cond.holds(o, node)
			if e.o.Hooks.Waiting != nil && !ok {
				e.o.Hooks.Waiting(run, time.Since(run.Started), e.redact(seen))
			}
			return ok, seen
		}
		werr := wait.Until(ctx, run.Condition, timeout, check)
		if werr == nil && st.During > 0 {
			e.o.Progress.Info("then watching for %s that it keeps holding", st.During)
			werr = holdFor(ctx, run.Condition, st.During, check)
		}
		run.Output = last.Lines()
		if werr != nil {
			if e.o.GoOn && ctx.Err() == nil {
				e.stale = gist(last)
			}
			if timeout < st.Timeout {
				werr = fmt.Errorf("%w (waited %s, not %s: the cluster is as it was when an earlier wait timed out, and nothing was done to it since)", werr, timeout, st.Timeout)
			}
			return werr
		}
		return e.capture(ctx, st, run, vars, &last, "")
	}
	if st.Kind == KindLoad {
		return e.loadStep(ctx, sr, st, run, vars)
	}

	cmd, err := e.command(st, on, x)
	if err != nil {
		return err
	}
	run.Command = e.redact(cmd.Display)
	run.Env = cmd.EnvNames()
	if st.Kind.IsFault() {
		run.Node, _ = x(st.Arg)
	}
	exp, err := e.expectations(st.Expect, st.Kind, x)
	if err != nil {
		return err
	}
	for _, c := range exp {
		run.Expected = append(run.Expected, c.what)
	}
	if err := e.before(sr, run); err != nil {
		return err
	}
	e.o.Progress.Info("$ %s", run.Command)
	e.mark(st, run)
	e.track(st.Kind, run.Node, cmd)

	once := func(ctx context.Context) []string {
		run.Attempts++
		out, code := execute(ctx, cmd, timeout)
		run.Output, run.Exit = out, &code
		return failures(exp, out, code)
	}
	if st.Within == 0 {
		if fs := once(ctx); len(fs) > 0 {
			return errors.New(expectedSeen(fs, run.Output))
		}
	} else {
		var fs []string
		e.o.Progress.Info("retrying ≤ %s until it shows what is expected", st.Within)
		werr := wait.Until(ctx, "`"+cmd.Display+"` to show "+strings.Join(run.Expected, ", "), st.Within, func(ctx context.Context) (bool, string) {
			fs = once(ctx)
			return len(fs) == 0, strings.Join(fs, "; ")
		})
		if werr != nil {
			if len(fs) > 0 {
				return fmt.Errorf("%v\n%s", werr, expectedSeen(fs, run.Output))
			}
			return werr
		}
	}
	e.markVerified(run)
	return e.capture(ctx, st, run, vars, nil, run.Output)
}

func (e *engine) command(st *Step, on string, x func(string) (string, error)) (Command, error) {
	switch st.Kind {
	case KindRun:
		words, err := SplitWords(st.Arg)
		if err != nil {
			return Command{}, err
		}
		for i := range words {
			if words[i], err = x(words[i]); err != nil {
				return Command{}, err
			}
		}
		return e.rt.Tool(words[0], on, words[1:])
	case KindSQL:
		sql, err := x(st.Arg)
		if err != nil {
			return Command{}, err
		}
		return e.rt.SQL(on, sql)
	default:
		node, err := x(st.Arg)
		if err != nil {
			return Command{}, err
		}
		return e.rt.Fault(st.Kind, node)
	}
}

// capture sets the step's variables. obs is the observation a wait ended
// on; other steps observe the cluster after running when they need to.
func (e *engine) capture(ctx context.Context, st *Step, run *StepRun, vars map[string]string, obs *Observation, out string) error {
	if len(st.Capture) == 0 {
		return nil
	}
	table, hasTable := ParseTable(out)
	run.Captured = map[string]string{}
	for _, c := range st.Capture {
		var v string
		switch c.Source {
		case "leader", "replica":
			if obs == nil {
				o, err := e.rt.Observe(ctx)
				if err != nil {
					return fmt.Errorf("capture %s: %w", c.Var, err)
				}
				obs = &o
			}
			if c.Source == "leader" {
				v = obs.Leader()
			} else {
				v = obs.Replica()
			}
			if v == "" {
				return fmt.Errorf("capture %s: no %s now; seen: %s", c.Var, c.Source, obs)
			}
		case "output":
			v = strings.TrimSpace(out)
		case "value":
			if !hasTable || len(table.Rows) == 0 {
				return fmt.Errorf("capture %s: no rows in the output", c.Var)
			}
			v = table.Rows[0][0]
		default:
			col := strings.TrimSpace(strings.TrimPrefix(c.Source, "column "))
			var ok bool
			if v, ok = table.Column(col); !ok {
				return fmt.Errorf("capture %s: no column %q in the first row (columns: %s)", c.Var, col, strings.Join(table.Columns, ", "))
			}
		}
		vars[c.Var] = v
		run.Captured[c.Var] = v
	}
	return nil
}

// check is one expectation, resolved: what it says, and its test.
type check struct {
	what string
	fail func(out string, exit int) string // "" when it holds
}

func (e *engine) expectations(ex *Expect, k Kind, x func(string) (string, error)) ([]check, error) {
	if ex == nil {
		ex = &Expect{}
	}
	var cs []check
	want := 0
	if ex.Exit != nil {
		want = *ex.Exit
	}
	cs = append(cs, check{fmt.Sprintf("exit code %d", want), func(_ string, exit int) string {
		if exit != want {
			return fmt.Sprintf("exit code %d, expected %d", exit, want)
		}
		return ""
	}})
	compile := func(s string) (*regexp.Regexp, error) {
		v, err := x(s)
		if err != nil {
			return nil, err
		}
		return regexp.Compile(v)
	}
	for _, s := range ex.Output {
		re, err := compile(s)
		if err != nil {
			return nil, err
		}
		cs = append(cs, check{fmt.Sprintf("output matches /%s/", re), func(out string, _ int) string {
			if !re.MatchString(out) {
				return fmt.Sprintf("output does not match /%s/", re)
			}
			return ""
		}})
	}
	for _, s := range ex.NoOutput {
		re, err := compile(s)
		if err != nil {
			return nil, err
		}
		cs = append(cs, check{fmt.Sprintf("output does not match /%s/", re), func(out string, _ int) string {
			if re.MatchString(out) {
				return fmt.Sprintf("output matches /%s/, and must not", re)
			}
			return ""
		}})
	}
	for _, c := range ex.Count {
		re, err := compile(c.Regex)
		if err != nil {
			return nil, err
		}
		n := c.N
		cs = append(cs, check{fmt.Sprintf("/%s/ appears %d times", re, n), func(out string, _ int) string {
			if got := len(re.FindAllStringIndex(out, -1)); got != n {
				return fmt.Sprintf("/%s/ appears %d times, expected %d", re, got, n)
			}
			return ""
		}})
	}
	if k != KindSQL {
		return cs, nil
	}
	noTable := "no result rows in psql's output"
	if ex.Rows != nil {
		n := *ex.Rows
		cs = append(cs, check{fmt.Sprintf("%d row(s)", n), func(out string, _ int) string {
			t, ok := ParseTable(out)
			if !ok {
				return noTable
			}
			if len(t.Rows) != n {
				return fmt.Sprintf("%d row(s), expected %d", len(t.Rows), n)
			}
			return ""
		}})
	}
	if ex.Value != nil {
		want, err := x(*ex.Value)
		if err != nil {
			return nil, err
		}
		cs = append(cs, check{fmt.Sprintf("value %s", want), func(out string, _ int) string {
			t, ok := ParseTable(out)
			if !ok || len(t.Rows) == 0 {
				return noTable
			}
			if got := t.Rows[0][0]; got != want {
				return fmt.Sprintf("value %q, expected %q", got, want)
			}
			return ""
		}})
	}
	for _, col := range sortedKeys(ex.Columns) {
		want, err := x(ex.Columns[col])
		if err != nil {
			return nil, err
		}
		cs = append(cs, check{fmt.Sprintf("%s = %s", col, want), func(out string, _ int) string {
			t, ok := ParseTable(out)
			if !ok || len(t.Rows) == 0 {
				return noTable
			}
			got, ok := t.Column(col)
			if !ok {
				return fmt.Sprintf("no column %q (columns: %s)", col, strings.Join(t.Columns, ", "))
			}
			if got != want {
				return fmt.Sprintf("%s = %q, expected %q", col, got, want)
			}
			return ""
		}})
	}
	return cs, nil
}

func failures(cs []check, out string, exit int) []string {
	var fs []string
	for _, c := range cs {
		if f := c.fail(out, exit); f != "" {
			fs = append(fs, f)
		}
	}
	return fs
}

// expectedSeen says what failed, with the end of what was seen.
func expectedSeen(fs []string, out string) string {
	s := strings.Join(fs, "; ")
	if tail := strings.TrimSpace(lastLines(out, 3)); tail != "" {
		s += "; output ends with: " + strings.ReplaceAll(tail, "\n", " ⏎ ")
	}
	return s
}

// execute runs a command with a deadline; stdout and stderr interleaved as
// a terminal shows them. exit is -1 when the program could not run.
func execute(ctx context.Context, c Command, timeout time.Duration) (string, int) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var out string
	var code int
	if c.Call != nil {
		out, code = c.Call(ctx)
	} else {
		out, code = c.Run(ctx)
	}
	out = terminalCodes.ReplaceAllString(out, "")
	if c.Call == nil && ctx.Err() == context.DeadlineExceeded {
		return out + fmt.Sprintf("\n[pglab: killed after %s]", timeout), -1
	}
	return out, code
}

// text expands a text's variables; a text naming a variable the step
// could not set (it failed first) is kept as written.
func (e *engine) text(t Text, vars map[string]string) Text {
	if t == nil {
		return nil
	}
	out := Text{}
	for l, s := range t {
		v, err := expand(s, vars, e.nodes)
		if err != nil {
			// A value not captured yet (the run stopped before): a reader
			// sees "?", never a raw {{new_leader}}.
			v, _ = expand(s, withUnknown(s, vars), e.nodes)
		}
		out[l] = e.redact(v)
	}
	return out
}

// withUnknown is vars plus "?" for each variable s names that has no value.
func withUnknown(s string, vars map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range vars {
		out[k] = v
	}
	for _, m := range tmplRE.FindAllString(s, -1) {
		name, _, attr := strings.Cut(strings.TrimSpace(m[2:len(m)-2]), ".")
		if _, ok := out[name]; !ok && !attr { // name.attr names a node
			out[name] = "?"
		}
	}
	return out
}

// redact replaces every secret with ********.
func (e *engine) redact(s string) string { return Redact(s, e.secrets) }

// Redact replaces each secret in s with ********, as a whole token only:
// a password that is also a word ("postgres") must not eat the inside of
// another one ("postgres10" stays as it is), so a secret is replaced only
// where neither neighbour is a letter, digit or underscore.
func Redact(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) < 4 || publicNames[sec] {
			continue
		}
		var b strings.Builder
		from := 0
		for {
			i := strings.Index(s[from:], sec)
			if i < 0 {
				break
			}
			i += from
			end := i + len(sec)
			glued := i > 0 && wordByte(s[i-1]) && wordByte(sec[0]) ||
				end < len(s) && wordByte(s[end]) && wordByte(sec[len(sec)-1])
			b.WriteString(s[from:i])
			if glued {
				b.WriteString(sec)
			} else {
				b.WriteString("********")
			}
			from = end
		}
		b.WriteString(s[from:])
		s = b.String()
	}
	return s
}

// publicNames are passwords that are also the names every command shows
// (the user and database postgres, the image postgres:15): hiding them
// would hide those names and protect nothing.
var publicNames = map[string]bool{"postgres": true}

func wordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func indent(s string) string {
	return "  | " + strings.ReplaceAll(s, "\n", "\n  | ")
}

// dcsName names the store Patroni keeps its state in, for texts that say
// where the leader key lives: "ZooKeeper" in the HA lab, else "etcd".
func dcsName(nodes []Node) string {
	for _, n := range nodes {
		if n.Kind == NodeZooKeeper {
			return "ZooKeeper"
		}
	}
	return "etcd"
}

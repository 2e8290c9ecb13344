package scenario

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/measure"
)

// fakeRuntime stands in for a lab: its commands are small shell scripts
// (really run by the engine), its observations a scripted sequence.
type fakeRuntime struct {
	mu      sync.Mutex
	obs     []Observation // Observe returns them in turn, the last one forever
	scripts map[string]string
	faults  []string
	secret  string
}

func (f *fakeRuntime) Name() string { return "fake" }
func (f *fakeRuntime) Lab() string  { return "t" }
func (f *fakeRuntime) Nodes() []Node {
	return []Node{{Name: "postgres1", Kind: NodePostgres, Port: 5001}, {Name: "postgres2", Kind: NodePostgres, Port: 5002}, {Name: "haproxy", Kind: NodeBalancer}, {Name: "etcd1", Kind: NodeEtcd}}
}
func (f *fakeRuntime) script(key, display string) (Command, error) {
	s, ok := f.scripts[key]
	if !ok {
		return Command{}, fmt.Errorf("no script for %q", key)
	}
	return Command{Argv: []string{"sh", "-c", s}, Display: display, Env: []string{"PGPASSWORD=" + f.secret}}, nil
}
func (f *fakeRuntime) Tool(tool, node string, args []string) (Command, error) {
	return f.script(tool+" "+strings.Join(args, " "), tool+" "+Quote(args))
}
func (f *fakeRuntime) SQL(node, sql string) (Command, error) {
	return f.script(node+": "+sql, "psql -p "+node+" -c "+Quote([]string{sql}))
}
func (f *fakeRuntime) Fault(k Kind, node string) (Command, error) {
	f.mu.Lock()
	f.faults = append(f.faults, string(k)+" "+node)
	f.mu.Unlock()
	return Command{Argv: []string{"true"}, Display: "pglab " + string(k) + " " + node}, nil
}
func (f *fakeRuntime) Observe(ctx context.Context) (Observation, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o := f.obs[0]
	if len(f.obs) > 1 {
		f.obs = f.obs[1:]
	}
	return o, nil
}
func (f *fakeRuntime) Versions(ctx context.Context) []Version {
	return []Version{{Component: "PostgreSQL", Version: "15"}}
}
func (f *fakeRuntime) Secrets() []string { return []string{f.secret} }
func (f *fakeRuntime) SyncState() string { return "async" }

// The measurement's part: these tests run no load step (lab/target's
// tests do, on a fake lab).
func (f *fakeRuntime) MeasureEndpoints() measure.Endpoints { return measure.Endpoints{} }
func (f *fakeRuntime) DCSLeader(context.Context) (string, time.Duration, error) {
	return "", 0, errors.New("no DCS")
}
func (f *fakeRuntime) Balancer(context.Context) (map[string]string, error) {
	return nil, errors.New("no balancer")
}
func (f *fakeRuntime) NodeLog(string) ([]byte, error) { return nil, errors.New("no log") }
func (f *fakeRuntime) Timing(context.Context) (measure.Timing, error) {
	return measure.Timing{}, errors.New("no timing")
}

func obs(leader, replica string, streaming bool, balancer map[string]string) Observation {
	o := Observation{Balancer: balancer}
	if leader != "" {
		o.Members = append(o.Members, Member{Name: leader, Role: "leader", State: "running"})
	}
	if replica != "" {
		o.Members = append(o.Members, Member{Name: replica, Role: "replica", State: "running"})
		if streaming {
			o.Streaming = []string{replica}
		}
	}
	return o
}

func parse(t *testing.T, body string) *Scenario {
	t.Helper()
	cat, err := ParseCatalog("exercises.yaml", []byte(catalogYAML))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("test.yaml", []byte(body), LoadOptions{Catalog: cat, Nodes: (&fakeRuntime{}).Nodes()})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

const psqlPort5002 = `printf ' port | pg_is_in_recovery \n------+-------------------\n 5002 | f\n(1 row)\n\n'`

func TestRunFailoverLikeScenario(t *testing.T) {
	sc := parse(t, `title: {es: a, ru: b, en: c}
setup:
  - title: {es: a, ru: b, en: c}
    wait: a replica streams
    timeout: 5s
    capture: {old: leader, replica: replica}
steps:
  - title: {es: a, ru: b, en: c}
    kill: '{{old}}'
    answers: [ops.1]
  - title: {es: a, ru: b, en: c}
    wait: leader is not {{old}}
    timeout: 5s
    capture: {new: leader}
    look: {es: "nuevo {{new}}", ru: "новый {{new}}", en: "new {{new}}"}
  - title: {es: a, ru: b, en: c}
    sql: select inet_server_port() as port, pg_is_in_recovery()
    on: haproxy
    answers: [ops.1]
    expect:
      columns: {port: '{{new.port}}', pg_is_in_recovery: f}
    capture: {port: column port}
  - title: {es: a, ru: b, en: c}
    run: patronictl list
    on: '{{new}}'
    expect:
      output: '{{new}} .*Leader'
      no_output: '{{old}} .*Leader'
`)
	rt := &fakeRuntime{
		secret: "s3cr3t-password",
		obs: []Observation{
			obs("postgres1", "postgres2", false, nil), // not streaming yet
			obs("postgres1", "postgres2", true, nil),  // setup holds
			obs("postgres1", "", false, nil),          // key not expired yet
			obs("postgres2", "", false, nil),          // promoted
		},
		scripts: map[string]string{
			"haproxy: select inet_server_port() as port, pg_is_in_recovery()": psqlPort5002,
			"patronictl list": "echo 'postgres2 | Leader | running'; echo 'password s3cr3t-password'",
		},
	}
	tr, err := Run(context.Background(), rt, []*Scenario{sc}, Options{RunID: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Passed || len(tr.Scenarios) != 1 || tr.Scenarios[0].Verdict != Pass {
		t.Fatalf("not passed: %+v", tr)
	}
	got := tr.Scenarios[0]
	if got.Vars["old"] != "postgres1" || got.Vars["new"] != "postgres2" || got.Vars["replica"] != "postgres2" || got.Vars["port"] != "5002" {
		t.Errorf("vars: %v", got.Vars)
	}
	if strings.Join(rt.faults, ",") != "kill postgres1" {
		t.Errorf("faults: %v", rt.faults)
	}
	if s := got.Steps[2]; s.Condition != "leader is not postgres1" || s.Attempts != 2 || s.Look["en"] != "new postgres2" {
		t.Errorf("wait step: condition %q, attempts %d, look %q", s.Condition, s.Attempts, s.Look["en"])
	}
	last := got.Steps[4]
	if strings.Contains(last.Output, rt.secret) || !strings.Contains(last.Output, "password ********") {
		t.Errorf("secret not redacted: %q", last.Output)
	}
	if strings.Join(last.Env, ",") != "PGPASSWORD" {
		t.Errorf("env names: %v", last.Env)
	}
	if last.Command != "patronictl list" || last.Exit == nil || *last.Exit != 0 {
		t.Errorf("command %q exit %v", last.Command, last.Exit)
	}
	if n := len(tr.StepsAnswering("ops.1")); n != 2 {
		t.Errorf("%d steps answer ops.1, want 2", n)
	}
	// The transcript survives a round trip.
	p := filepath.Join(t.TempDir(), "t.json")
	if err := tr.Save(p); err != nil {
		t.Fatal(err)
	}
	back, err := LoadTranscript(p)
	if err != nil || back.Scenarios[0].Steps[3].Output != got.Steps[3].Output {
		t.Fatalf("round trip: %v", err)
	}
	raw, _ := os.ReadFile(p)
	if strings.Contains(string(raw), rt.secret) {
		t.Error("the saved transcript holds the secret")
	}
}

func TestRunStopsAtFailedExpectation(t *testing.T) {
	sc := parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: c}
    sql: select pg_is_in_recovery()
    on: postgres1
    expect: {value: t}
  - title: {es: a, ru: b, en: c}
    stop: postgres1
`)
	other := parse(t, "title: {es: a, ru: b, en: c}\nsteps:\n  - title: {es: a, ru: b, en: c}\n    stop: etcd1\n")
	other.Name = "other"
	rt := &fakeRuntime{obs: []Observation{{}}, scripts: map[string]string{
		"postgres1: select pg_is_in_recovery()": `printf ' pg_is_in_recovery \n-------------------\n f\n(1 row)\n'`,
	}}
	tr, err := Run(context.Background(), rt, []*Scenario{sc, other}, Options{})
	if !errors.Is(err, ErrFailed) {
		t.Fatalf("err = %v, want ErrFailed", err)
	}
	for _, want := range []string{"test step 1", "test.yaml:3", `value "f", expected "t"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if tr.Passed || tr.Failure == "" {
		t.Error("transcript says passed")
	}
	steps := tr.Scenarios[0].Steps
	if steps[0].Verdict != Fail || steps[1].Verdict != NotRun || tr.Scenarios[1].Verdict != NotRun {
		t.Errorf("verdicts: %s %s, next scenario %s", steps[0].Verdict, steps[1].Verdict, tr.Scenarios[1].Verdict)
	}
	if len(rt.faults) != 0 {
		t.Errorf("ran steps after the failure: %v", rt.faults)
	}
}

func TestWaitTimesOutSayingWhatItSaw(t *testing.T) {
	sc := parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: c}
    wait: leader is postgres2
    timeout: 300ms
`)
	rt := &fakeRuntime{obs: []Observation{obs("postgres1", "postgres2", true, map[string]string{"postgres1": "UP", "postgres2": "DOWN"})}}
	start := time.Now()
	_, err := Run(context.Background(), rt, []*Scenario{sc}, Options{})
	if err == nil {
		t.Fatal("wait held")
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	for _, want := range []string{"timed out after 300ms waiting for leader is postgres2", "postgres1=leader/running", "balancer: postgres1=UP postgres2=DOWN"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestWithinRetriesUntilExpected(t *testing.T) {
	counter := filepath.Join(t.TempDir(), "n")
	sc := parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: c}
    run: pglab status
    within: 20s
    expect:
      count: {'row': 1}
`)
	// Fails twice (exit 1, no row), then shows the row.
	script := fmt.Sprintf(`n=$(cat %[1]s 2>/dev/null || echo 0); n=$((n+1)); echo $n > %[1]s; if [ $n -lt 3 ]; then echo nothing; exit 1; fi; echo row`, counter)
	rt := &fakeRuntime{obs: []Observation{{}}, scripts: map[string]string{"pglab status": script}}
	tr, err := Run(context.Background(), rt, []*Scenario{sc}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := tr.Scenarios[0].Steps[0]
	if st.Attempts != 3 || strings.TrimSpace(st.Output) != "row" {
		t.Errorf("attempts %d, output %q", st.Attempts, st.Output)
	}
}

func TestConditions(t *testing.T) {
	up := map[string]string{"postgres1": "UP", "postgres2": "DOWN"}
	cases := []struct {
		cond string
		node string
		o    Observation
		want bool
	}{
		{"leader exists", "", obs("postgres1", "", false, nil), true},
		{"leader exists", "", Observation{Members: []Member{{Name: "postgres1", Role: "leader", State: "stopped"}}}, false},
		{"leader is postgres1", "postgres1", obs("postgres1", "", false, nil), true},
		{"leader is not postgres1", "postgres1", obs("postgres1", "", false, nil), false},
		{"leader is not postgres1", "postgres1", Observation{}, false},
		{"balancer routes to leader", "", obs("postgres1", "postgres2", true, up), true},
		{"balancer routes to leader", "", obs("postgres2", "postgres1", true, up), false},
		{"balancer routes to leader", "", obs("postgres1", "", false, map[string]string{"postgres1": "UP", "postgres2": "UP 1/3"}), false},
		{"balancer routes to leader", "", obs("postgres1", "", false, nil), false},
		{"postgres2 streams", "postgres2", obs("postgres1", "postgres2", true, nil), true},
		{"postgres2 streams", "postgres2", obs("postgres1", "postgres2", false, nil), false},
		// The walsender streams but the node's Patroni still says stopped.
		{"postgres2 streams", "postgres2", Observation{Members: []Member{{Name: "postgres1", Role: "leader", State: "running"}, {Name: "postgres2", Role: "replica", State: "stopped"}}, Streaming: []string{"postgres2"}}, false},
		{"a replica streams", "", obs("postgres1", "postgres2", true, nil), true},
		// In synchronous_mode the replica streams a loop before Patroni makes it sync_standby.
		{"a sync replica streams", "sync", obs("postgres1", "postgres2", true, nil), false},
		{"a sync replica streams", "sync", Observation{Members: []Member{{Name: "postgres1", Role: "leader", State: "running"}, {Name: "postgres2", Role: "sync_standby", State: "streaming"}}, Streaming: []string{"postgres2"}}, true},
		{"an async replica streams", "async", obs("postgres1", "postgres2", true, nil), true},
		{"balancer routes nowhere", "", obs("postgres1", "", false, map[string]string{"postgres1": "DOWN", "postgres2": "MAINT (resolution)"}), true},
		{"balancer routes nowhere", "", obs("postgres1", "", false, map[string]string{"postgres1": "UP 2/3", "postgres2": "DOWN"}), false},
		{"balancer routes nowhere", "", obs("postgres1", "", false, nil), false},
	}
	for _, c := range cases {
		cond, err := parseCondition(c.cond)
		if err != nil {
			t.Fatal(err)
		}
		if got := cond.holds(c.o, c.node); got != c.want {
			t.Errorf("%q on %s: %v, want %v", c.cond, c.o, got, c.want)
		}
	}
}

func TestParseTable(t *testing.T) {
	out := ` id |          note           | pg_is_in_recovery 
----+-------------------------+-------------------
  7 | written a | b           | t
  8 | x                       | t
(2 rows)

INSERT 0 1
`
	tb, ok := ParseTable(out)
	if !ok || len(tb.Rows) != 2 || strings.Join(tb.Columns, ",") != "id,note,pg_is_in_recovery" {
		t.Fatalf("%+v", tb)
	}
	if v, _ := tb.Column("pg_is_in_recovery"); v != "t" {
		t.Errorf("pg_is_in_recovery = %q", v)
	}
	if _, ok := ParseTable("ERROR:  cannot execute INSERT in a read-only transaction\n"); ok {
		t.Error("an error parsed as a table")
	}
}

// The time a walkthrough's reader spends at a prompt is no part of a
// step: a wait that holds after a few checks is recorded as short even
// when the reader paused a second before it; while it waits, the hook
// hears what it saw; a title shows {{sync_state}} filled in and a value
// never captured as "?", not as a raw template.
func TestHooksExcludePromptTimeAndHearWaits(t *testing.T) {
	sc := parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: "an {{sync_state}} replica"}
    look: {es: a, ru: b, en: "new leader {{new_leader}}"}
    wait: leader is postgres2
    timeout: 10s
    capture: {new_leader: leader}
`)
	rt := &fakeRuntime{obs: []Observation{
		obs("postgres1", "postgres2", true, nil), obs("postgres1", "postgres2", true, nil),
		obs("postgres2", "postgres1", true, nil)}}
	const pause = time.Second
	var heard []string
	tr, err := Run(context.Background(), rt, []*Scenario{sc}, Options{Hooks: Hooks{
		Before:  func(*ScenarioRun, *StepRun) error { time.Sleep(pause); return nil }, // the reader at the prompt
		Waiting: func(_ *StepRun, _ time.Duration, seen string) { heard = append(heard, seen) },
	}})
	if err != nil {
		t.Fatal(err)
	}
	st := tr.Scenarios[0].Steps[0]
	if d := time.Duration(st.Duration); d >= pause {
		t.Errorf("the step took %s: the pause at the prompt (%s) was counted", d, pause)
	}
	if len(heard) != 2 || !strings.Contains(heard[0], "postgres1=leader") {
		t.Errorf("Waiting heard %q, want the two observations before postgres2 led", heard)
	}
	if got := st.Title.In("en"); got != "an async replica" {
		t.Errorf("title %q", got)
	}
	if got := st.Look.In("en"); got != "new leader postgres2" {
		t.Errorf("look %q", got)
	}
	// Interrupted before the capture (Ctrl-C during the wait).
	e := &engine{rt: rt, nodes: rt.Nodes()}
	if got := e.text(Text{"en": "new leader {{new_leader}} on {{postgres1.member}}"}, map[string]string{}).In("en"); got != "new leader ? on postgres1" {
		t.Errorf("look before the capture: %q", got)
	}
}

func TestRedactWholeTokens(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"secret10 and secret", "secret10 and ********"},
		{"PGPASSWORD=secret psql -U secret", "PGPASSWORD=******** psql -U ********"},
		{"user=secret_admin", "user=secret_admin"},
		{"s3cr3t-pw!", "s3cr3t-pw!"},
	} {
		if got := Redact(c.in, []string{"secret"}); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Redact("pw=Xy9-kk.2 end", []string{"Xy9-kk.2"}); got != "pw=******** end" {
		t.Errorf("a secret with punctuation: %q", got)
	}
	// The password postgres is also the user, the database and the image:
	// hiding it would hide them and protect nothing.
	if got := Redact("FROM postgres:15; psql -U postgres -d postgres", []string{"postgres"}); got != "FROM postgres:15; psql -U postgres -d postgres" {
		t.Errorf("the public name postgres: %q", got)
	}
}

// A grader's run: the first scenario kills a node and fails before
// starting it again; the node is started, the cluster awaited, and the
// second scenario still runs and passes.
func TestGoOnUndoesTheFailedScenariosFault(t *testing.T) {
	broken := parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: c}
    kill: postgres1
    answers: [ops.1]
  - title: {es: a, ru: b, en: c}
    run: etcdctl check
    answers: [ops.1]
  - title: {es: a, ru: b, en: c}
    start: postgres1
    answers: [ops.1]
`)
	fine := parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: c}
    run: etcdctl ok
    answers: [ops.1]
`)
	f := &fakeRuntime{secret: "pw-12345", scripts: map[string]string{"etcdctl check": "exit 3", "etcdctl ok": "echo fine"},
		obs: []Observation{obs("postgres2", "postgres1", true, nil)}}
	tr, err := Run(context.Background(), f, []*Scenario{broken, fine}, Options{GoOn: true})
	if err == nil {
		t.Fatal("the run passed; its first scenario fails")
	}
	if got := []string{tr.Scenarios[0].Verdict, tr.Scenarios[1].Verdict}; got[0] != Fail || got[1] != Pass {
		t.Fatalf("verdicts %v, want fail then pass", got)
	}
	if want := []string{"kill postgres1", "start postgres1"}; strings.Join(f.faults, ",") != strings.Join(want, ",") {
		t.Errorf("faults %v, want %v: the killed node started again", f.faults, want)
	}
	if r := tr.Scenarios[0].Recovery; !strings.Contains(r, "pglab start postgres1") || !strings.Contains(r, "replicas stream again") {
		t.Errorf("recovery %q", r)
	}
	// Without GoOn, the run stops at the failure, as a student's does.
	f.faults = nil
	tr, _ = Run(context.Background(), f, []*Scenario{broken, fine}, Options{})
	if tr.Scenarios[1].Verdict != NotRun || len(f.faults) != 1 {
		t.Errorf("without GoOn: second scenario %s, faults %v", tr.Scenarios[1].Verdict, f.faults)
	}
}

// A stack that never replicates: the first wait for a streaming replica
// takes its full time, the next ones (nothing done to the lab since, the
// cluster unchanged) only StaleWait.
func TestGoOnDoesNotWaitTwiceOnAStuckCluster(t *testing.T) {
	defer func(d time.Duration) { StaleWait = d }(StaleWait)
	StaleWait = 50 * time.Millisecond
	waits := func() *Scenario {
		return parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: c}
    wait: a replica streams
    timeout: 2s
    answers: [ops.1]
`)
	}
	f := &fakeRuntime{obs: []Observation{obs("postgres1", "postgres2", false, nil)}}
	start := time.Now()
	tr, err := Run(context.Background(), f, []*Scenario{waits(), waits(), waits()}, Options{GoOn: true})
	if err == nil {
		t.Fatal("the waits held on a cluster that never streams")
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %s: the second and third waits should stop after StaleWait", took)
	}
	if p := tr.Scenarios[2].Steps[0].Problem; !strings.Contains(p, "nothing was done to it since") {
		t.Errorf("the shortened wait does not say why: %q", p)
	}
}

// A grader's run goes on inside a scenario: a failed step of one question
// does not cost the next one, whose steps still run; a step that needs
// what a failed step was to capture, or whose questions are all lost
// already, is not run and says why.
func TestGoOnRunsTheStepsOfQuestionsStillOpen(t *testing.T) {
	sc := parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: c}
    run: etcdctl check
    answers: [ops.3]
  - title: {es: a, ru: b, en: c}
    run: etcdctl again
    answers: [ops.3]
  - title: {es: a, ru: b, en: c}
    run: patronictl list
    answers: [ops.2, ops.3]
  - title: {es: a, ru: b, en: c}
    wait: leader is not postgres1
    timeout: 100ms
    answers: [ops.2]
    capture: {new_leader: leader}
  - title: {es: a, ru: b, en: c}
    run: etcdctl get {{new_leader}}
    answers: [ops.1]
`)
	f := &fakeRuntime{scripts: map[string]string{"etcdctl check": "exit 1", "etcdctl again": "echo x", "patronictl list": "echo leader"},
		obs: []Observation{obs("postgres1", "postgres2", true, nil)}}
	tr, err := Run(context.Background(), f, []*Scenario{sc}, Options{GoOn: true})
	if err == nil || !strings.Contains(err.Error(), "step 1") {
		t.Fatalf("err %v, want the first failure (step 1)", err)
	}
	var got []string
	for _, st := range tr.Scenarios[0].Steps {
		got = append(got, st.Verdict)
	}
	if want := []string{Fail, NotRun, Pass, Fail, NotRun}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("verdicts %v, want %v", got, want)
	}
	steps := tr.Scenarios[0].Steps
	if p := steps[1].Problem; p != "not run: what it answers (ops.3) already failed at step 1" {
		t.Errorf("step 2's problem %q", p)
	}
	if p := steps[4].Problem; p != "not run: it needs new_leader, which step 4 was to find and did not" {
		t.Errorf("step 5's problem %q", p)
	}
	if tr.Scenarios[0].Verdict != Fail {
		t.Errorf("scenario verdict %s", tr.Scenarios[0].Verdict)
	}
	// A student's run stops at the first failure.
	tr, _ = Run(context.Background(), f, []*Scenario{sc}, Options{})
	if v := tr.Scenarios[0].Steps[2].Verdict; v != NotRun {
		t.Errorf("without GoOn, step 3 %s", v)
	}
}

// A program's terminal colours are not part of what it said: a step's
// recorded output has none.
func TestOutputWithoutTerminalCodes(t *testing.T) {
	sc := parse(t, `title: {es: a, ru: b, en: c}
steps:
  - title: {es: a, ru: b, en: c}
    run: etcdctl colour
    answers: [ops.1]
    expect:
      output: '(?m)^Build failed$'
`)
	f := &fakeRuntime{scripts: map[string]string{"etcdctl colour": `printf '\033[91mE: broken\n\033[0mBuild failed\n'`}}
	tr, err := Run(context.Background(), f, []*Scenario{sc}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if out := tr.Scenarios[0].Steps[0].Output; out != "E: broken\nBuild failed\n" {
		t.Errorf("output %q", out)
	}
}

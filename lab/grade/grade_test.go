package grade

import (
	"archive/zip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/scenario"
)

func rubrics(t *testing.T) map[string]*Rubric {
	t.Helper()
	rs, err := Rubrics(pglab.Scenarios, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// The embedded rubrics name only scenarios that exist for their exercise,
// and every question is answered by some step of them.
func TestEmbeddedRubricsLoad(t *testing.T) {
	for ex, rub := range rubrics(t) {
		p := exercise.Etcd
		if ex == "lab" {
			p = exercise.ZooKeeper
		}
		own, err := runtime.LabTopology(p)
		if err != nil {
			t.Fatal(err)
		}
		_, scs, unloadable, err := LoadScenarios(pglab.Scenarios, rub, p.Name, "docker", own, Renames{})
		if err != nil || len(unloadable) > 0 {
			t.Fatalf("%s: %v %v", ex, err, unloadable)
		}
		if len(scs) != len(rub.ScenarioNames()) {
			t.Errorf("%s: loaded %d scenarios of %v", ex, len(scs), rub.ScenarioNames())
		}
	}
}

// Renaming the exercise's nodes to a submission's: whole names only.
func TestRenamesApply(t *testing.T) {
	r := Renames{Nodes: map[string]string{"postgres1": "pg-a", "postgres2": "pg-b", "haproxy": "lb", "etcd1": "etcd"},
		Files: map[string]string{"postgres1-conf/patroni.yml": "patroni/a.yml"}}
	in := "run: scratch edit postgres1-conf/patroni.yml\non: haproxy\nsql: 'written through haproxy.'\nrun: tcp haproxy:5432\nkill: postgres2\nfile haproxy.cfg, postgres10, etcd1\n"
	want := "run: scratch edit patroni/a.yml\non: lb\nsql: 'written through lb.'\nrun: tcp lb:5432\nkill: pg-b\nfile haproxy.cfg, postgres10, etcd\n"
	if got := r.Apply(in); got != want {
		t.Errorf("Apply:\n%s\nwant:\n%s", got, want)
	}
	// A swap stays a swap.
	sw := Renames{Nodes: map[string]string{"postgres1": "postgres2", "postgres2": "postgres1"}}
	if got := sw.Apply("kill: postgres1; start: postgres2"); got != "kill: postgres2; start: postgres1" {
		t.Errorf("swap: %q", got)
	}
}

func run(name string, verdicts ...string) scenario.ScenarioRun {
	sr := scenario.ScenarioRun{Name: name}
	for i, v := range verdicts {
		answers, verdict, _ := strings.Cut(v, ":")
		st := scenario.StepRun{N: i + 1, Verdict: verdict, Title: scenario.Text{"en": "step"}, Command: "cmd " + answers, Output: "out", Expected: []string{"exit code 0"}}
		if answers != "" {
			st.Answers = strings.Split(answers, "+")
		}
		sr.Steps = append(sr.Steps, st)
	}
	return sr
}

// One failed step costs the questions it answers (and those after it in
// its scenario), not the ones answered before it.
func TestScoreByTheStepsThatAnswer(t *testing.T) {
	rub := rubrics(t)["lab"]
	tr := &scenario.Transcript{Scenarios: []scenario.ScenarioRun{
		run("zookeeper", "lab.1.4:pass"),
		run("replication", ":pass", "lab.1.4+lab.3.3:pass", "lab.2.2:pass", "lab.2.3:fail", "lab.2.4:not run"),
		run("balancer", "lab.3.3:pass", "lab.3.4:pass"),
		run("failover", "lab.task:pass"),
		run("ports", "lab.q1:pass"),
	}}
	qs, total := score(rub, tr, map[string]string{"rebuild": "this stack cannot be asked rebuild: no node"}, nil, lint.Layout{}, false)
	got := map[string]string{}
	for _, q := range qs {
		got[q.ID] = q.Verdict
	}
	want := map[string]string{"lab.1.4": Pass, "lab.2.2": Pass, "lab.2.3": Fail, "lab.2.4": Fail, "lab.3.3": Pass, "lab.3.4": Pass, "lab.task": Pass, "lab.q1": Pass, "lab.q2": Fail}
	for id, v := range want {
		if got[id] != v {
			t.Errorf("%s: %s, want %s", id, got[id], v)
		}
	}
	if total != rub.Max()-3 {
		t.Errorf("score %g of %g, want %g (2.3, 2.4 and q2 lost)", total, rub.Max(), rub.Max()-3)
	}
	for _, q := range qs {
		if q.ID == "lab.2.3" && (len(q.Evidence) != 1 || q.Evidence[0].Command != "cmd lab.2.3") {
			t.Errorf("lab.2.3's evidence: %+v", q.Evidence)
		}
	}
}

// The failover scenario of a stack whose HAProxy listens on another port:
// the run went on past the failed HAProxy steps (GoOn), and the promotion
// and rejoin steps after them passed. One mistake costs question 5 only;
// a failed step that answers no question still fails every question after.
func TestFailedStepOfAnotherQuestionIsNoPremise(t *testing.T) {
	rub := rubrics(t)["ops"]
	verdicts := func(tr *scenario.Transcript) map[string]string {
		qs, _ := score(rub, tr, nil, nil, lint.Layout{}, false)
		got := map[string]string{}
		for _, q := range qs {
			got[q.ID] = q.Verdict
		}
		return got
	}
	got := verdicts(&scenario.Transcript{Scenarios: []scenario.ScenarioRun{
		run("failover", ":pass", "ops.4:pass", "ops.5:fail", "ops.5:not run", "ops.4:pass", "ops.4:pass"),
	}})
	if got["ops.4"] != Pass || got["ops.5"] != Fail {
		t.Errorf("ops.4 %s, ops.5 %s; want pass, fail", got["ops.4"], got["ops.5"])
	}
	got = verdicts(&scenario.Transcript{Scenarios: []scenario.ScenarioRun{
		run("failover", ":pass", "ops.4:pass", ":fail", "ops.5:not run", "ops.4:not run"),
	}})
	if got["ops.4"] != Fail || got["ops.5"] != Fail {
		t.Errorf("after a premise failed: ops.4 %s, ops.5 %s; want fail, fail", got["ops.4"], got["ops.5"])
	}
}

// With the reference image, the Dockerfile tasks are graded by lint.
func TestScoreByLint(t *testing.T) {
	rub := rubrics(t)["ops"]
	findings := []lint.Finding{{File: "Dockerfile", Line: 9, Problem: "Patroni runs as root: PostgreSQL refuses to start as root"}}
	qs, _ := score(rub, &scenario.Transcript{}, nil, findings, lint.Layout{Dockerfile: "Dockerfile"}, true)
	for _, q := range qs {
		switch q.ID {
		case "dockerfile.nonroot":
			if q.Verdict != ByLintFail || len(q.Evidence) != 1 {
				t.Errorf("nonroot: %s %v", q.Verdict, q.Evidence)
			}
		case "dockerfile.postgis":
			// No finding, and no evidence of PostGIS 3 either.
			if q.Verdict != ByLintFail || q.Why != NoPostgis3 || len(q.WhyArgs) != 1 || q.WhyArgs[0] != "Dockerfile" {
				t.Errorf("postgis without evidence: %s %s %v", q.Verdict, q.Why, q.WhyArgs)
			}
		}
	}
	// No Dockerfile (their nodes run a published image): the compose file
	// names what was looked at.
	qs, _ = score(rub, &scenario.Transcript{}, nil, nil, lint.Layout{ComposeFile: "docker-compose.yaml"}, true)
	for _, q := range qs {
		if q.ID == "dockerfile.postgis" && (q.Verdict != ByLintFail || len(q.WhyArgs) != 1 || q.WhyArgs[0] != "docker-compose.yaml") {
			t.Errorf("postgis, no Dockerfile: %s %v", q.Verdict, q.WhyArgs)
		}
	}
	// With the package installed (lint's layout says where), it passes.
	qs, _ = score(rub, &scenario.Transcript{}, nil, findings, lint.Layout{Dockerfile: "Dockerfile", Postgis3: "Dockerfile:4: postgresql-12-postgis-3"}, true)
	for _, q := range qs {
		if q.ID == "dockerfile.postgis" && q.Verdict != ByLintPass {
			t.Errorf("postgis with evidence: %s %s", q.Verdict, q.Why)
		}
	}
}

func sample() *Result {
	return &Result{Name: "alice", Exercise: "ops", Status: Graded, Score: 6, Max: 7, Lang: "es", Hash: "h", GradedAt: time.Date(2026, 11, 29, 4, 0, 0, 0, time.UTC),
		Questions: []QuestionResult{
			{ID: "ops.1", Title: scenario.Text{"es": "1. etcd", "ru": "1. etcd", "en": "1. etcd"}, Weight: 1, Verdict: Pass},
			{ID: "ops.3", Title: scenario.Text{"es": "3. balanceador", "ru": "3. балансировщик", "en": "3. balancer"}, Weight: 1, Verdict: Fail,
				Advice:   scenario.Text{"es": "Revisa el chequeo", "ru": "Проверьте", "en": "Check"},
				Evidence: []Evidence{{Scenario: "balancer", Step: 3, Title: scenario.Text{"es": "paso"}, Command: "psql -h 127.0.0.1 -p 40001 -c 'select 1'", Output: "ERROR: <boom>", Expected: []string{"exit code 0"}, Verdict: Fail}}},
		},
		Lint:          []lint.Finding{{File: "haproxy/haproxy.cfg", Line: 12, Problem: "checks /health", Fix: "check /primary"}},
		Substitutions: []labdir.Substitution{{Kind: labdir.SubstImage, Service: "etcd1", From: "quay.io/coreos/etcd:v3.5.17", To: "pglab/etcd:3.5"}},
	}
}

// The feedback says the score, each question's verdict, the failed
// check's command, output and expectation, the lint finding at its line
// and every substitution; the gradebook links it.
func TestFeedbackAndGradebook(t *testing.T) {
	out := t.TempDir()
	r := sample()
	dir := filepath.Join(out, r.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeFeedback(dir, r); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{FeedbackName("es", "md"), FeedbackName("es", "html")} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, want := range []string{"Puntuación", "6 / 7", "no superada", "superada", "select 1", "código de salida 0", "haproxy/haproxy.cfg:12", "pglab/etcd:3.5", "Revisa el chequeo"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %q", f, want)
			}
		}
		if strings.Contains(s, "Score") || strings.Contains(s, "Failed checks") {
			t.Errorf("%s: English in the Spanish feedback", f)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, FeedbackName("es", "html"))); strings.Contains(string(b), "<boom>") {
		t.Error("the output is not escaped in HTML")
	}
	if err := WriteGradebook(out, []*Result{r}, "en"); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, GradebookCSV))
	if !strings.HasPrefix(string(csv), "name,exercise,score,max,percent,ops.1,ops.3,lint_findings,status") || !strings.Contains(string(csv), "alice,ops,6,7,86,1,0,1,graded") {
		t.Errorf("gradebook.csv:\n%s", csv)
	}
	html, _ := os.ReadFile(filepath.Join(out, GradebookHTML))
	if !strings.Contains(string(html), `href="alice/feedback.es.html"`) || !strings.Contains(string(html), "<script>") {
		t.Errorf("gradebook.html does not link the feedback or cannot sort")
	}
	if err := WriteJUnit(out, []*Result{r}); err != nil {
		t.Fatal(err)
	}
	ju, _ := os.ReadFile(filepath.Join(out, JUnitFile))
	if !strings.Contains(string(ju), `tests="2" failures="1"`) || !strings.Contains(string(ju), "<failure") {
		t.Errorf("junit.xml:\n%s", ju)
	}
}

// Submissions: a folder of directories and zips, a zip holding one top
// folder, names made safe, unchanged files hash the same.
func TestFindAndUnpack(t *testing.T) {
	class := t.TempDir()
	a := filepath.Join(class, "Alice Smith")
	if _, err := exercise.Etcd.Init(a, false); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(class, "bob.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	w, _ := zw.Create("bob-answer/docker-compose.yml")
	w.Write([]byte("services: {}\n"))
	zw.Close()
	zf.Close()
	subs, err := Find([]string{class})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 2 || subs[0].Name != "alice-smith" || subs[1].Name != "bob" || !subs[1].Zip {
		t.Fatalf("submissions %+v", subs)
	}
	root, err := subs[1].Unpack(filepath.Join(t.TempDir(), "files"))
	if err != nil || filepath.Base(root) != "bob-answer" {
		t.Errorf("unpacked to %s, %v: want the zip's top folder", root, err)
	}
	h1, _ := subs[0].Hash()
	h2, _ := subs[0].Hash()
	os.WriteFile(filepath.Join(a, "haproxy", "haproxy.cfg"), []byte("changed"), 0o644)
	h3, _ := subs[0].Hash()
	if h1 != h2 || h1 == h3 {
		t.Errorf("hashes %s %s %s: same files same hash, a change another", h1, h2, h3)
	}
	if _, err := Find([]string{filepath.Join(class, "nothing")}); err == nil {
		t.Error("a missing path found")
	}
}

// A check that failed because this machine cannot fetch an image is not
// graded, and does not count in the maximum.
func TestUnreachableIsNotGraded(t *testing.T) {
	rub := rubrics(t)["lab"]
	tr := &scenario.Transcript{Scenarios: []scenario.ScenarioRun{{Name: "rebuild", Steps: []scenario.StepRun{{N: 1, Answers: []string{"lab.q2"}, Verdict: scenario.Fail,
		Output: "Step 1/7 : FROM postgres:15\nGet \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host\n"}}}}}
	qs, _ := score(rub, tr, nil, nil, lint.Layout{}, false)
	for _, q := range qs {
		if q.ID == "lab.q2" && q.Verdict != NotAsked {
			t.Errorf("lab.q2: %s, want not graded", q.Verdict)
		}
	}
}

// docker-compose v1 refusing a file the lab booted from (compose-go,
// Compose v2's loader) is this machine's tool: not graded.
func TestComposeV1RefusalIsNotGraded(t *testing.T) {
	rub := rubrics(t)["lab"]
	tr := &scenario.Transcript{Scenarios: []scenario.ScenarioRun{{Name: "ports", Steps: []scenario.StepRun{{N: 1, Answers: []string{"lab.q1"}, Verdict: scenario.Fail,
		Output: "The Compose file './docker-compose.yml' is invalid because:\nservices.pg-master.restart contains an invalid type, it should be a string\n"}}}}}
	qs, _ := score(rub, tr, nil, nil, lint.Layout{}, false)
	for _, q := range qs {
		if q.ID == "lab.q1" && (q.Verdict != NotAsked || q.Why != ComposeV1) {
			t.Errorf("lab.q1: %s %q, want not graded for compose v1", q.Verdict, q.Why)
		}
	}
}

// One failure costs one question: the steps that make the etcd question,
// and everything before them (their premises), ask etcd alone, so a
// stack whose etcd is healthy and whose Patroni fails keeps ops.1.
func TestEtcdQuestionHasOnlyEtcdPremises(t *testing.T) {
	rub := rubrics(t)["ops"]
	own, err := runtime.LabTopology(exercise.Etcd)
	if err != nil {
		t.Fatal(err)
	}
	_, scs, _, err := LoadScenarios(pglab.Scenarios, rub, exercise.Etcd.Name, "docker", own, Renames{})
	if err != nil {
		t.Fatal(err)
	}
	var q Question
	for _, x := range rub.Questions {
		if x.ID == "ops.1" {
			q = x
		}
	}
	for _, sc := range scs {
		if !slices.Contains(q.Scenarios, sc.Name) {
			continue
		}
		last := -1
		for i, st := range sc.Steps {
			if slices.Contains(st.Answers, q.ID) {
				last = i
			}
		}
		etcdOnly := func(st *scenario.Step) bool {
			switch st.Kind {
			case scenario.KindRun:
				return strings.HasPrefix(st.Arg, "etcdctl ") && strings.HasPrefix(st.On, "etcd")
			case scenario.KindStop, scenario.KindStart, scenario.KindKill:
				return strings.HasPrefix(st.Arg, "etcd")
			}
			return false
		}
		for _, st := range append(sc.Setup, sc.Steps[:last+1]...) {
			if !etcdOnly(st) {
				t.Errorf("%s:%d (%s %s on %q) is a premise of %s but asks something other than etcd", sc.Name, st.Line, st.Kind, st.Arg, st.On, q.ID)
			}
		}
	}
}

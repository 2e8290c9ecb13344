package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/scenario"
)

func catalog(t *testing.T) *scenario.Catalog {
	t.Helper()
	set, err := scenario.LoadFS(pglab.Scenarios, "scenarios", scenario.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return set.Catalog
}

func intp(n int) *int { return &n }

// transcript is a small run: ops.1 answered by a passing command, ops.4 by
// a wait, the lab's 2.4 by a failing step, ops.2 by a step never run.
func transcript(t *testing.T) *scenario.Transcript {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	txt := func(s string) scenario.Text { return scenario.Text{"es": s + " (es)", "ru": s + " (ru)", "en": s} }
	return &scenario.Transcript{
		Format: scenario.TranscriptFormat, Lab: "t1", Runtime: "embedded", RunID: "r1", Pglab: "dev",
		Started: start, Finished: start.Add(42 * time.Second),
		Versions:  []scenario.Version{{Component: "PostgreSQL", Version: "postgres (PostgreSQL) 15.18"}, {Component: "HAProxy", Version: "HAProxy version 2.6.12 | x"}},
		Passed:    false,
		Failure:   "replication step 2: exit code 0, expected 1",
		Exercises: catalog(t).Exercises,
		Scenarios: []scenario.ScenarioRun{
			{Name: "etcd", Title: txt("etcd"), Verdict: scenario.Pass, Steps: []scenario.StepRun{
				{N: 1, Setup: true, Kind: scenario.KindWait, Title: txt("wait first"), Condition: "leader exists", Output: "patroni: postgres1=leader/running", Verdict: scenario.Pass, Duration: 0.1, Attempts: 1},
				{N: 2, Kind: scenario.KindRun, Title: txt("list members"), Why: txt("why `member list`"), Look: txt("three rows"), Answers: []string{"ops.1"},
					Command: "etcdctl --endpoints=http://127.0.0.1:1 member list -w table", Output: "| started | etcd1 |\n```\n<b>not html</b>\n", Exit: intp(0), Verdict: scenario.Pass, Duration: 0.2, Expected: []string{"exit code 0"}},
				{N: 3, Kind: scenario.KindWait, Title: txt("wait leader"), Answers: []string{"ops.4"}, Condition: "leader is not postgres1", Timeout: 120, Output: "patroni: postgres2=leader/running", Verdict: scenario.Pass, Duration: 27.3, Attempts: 250},
			}},
			{Name: "replication", Title: txt("replication"), Verdict: scenario.Fail, Steps: []scenario.StepRun{
				{N: 1, Kind: scenario.KindSQL, Title: txt("write on replica"), Answers: []string{"lab.2.4"}, Command: "psql -h 127.0.0.1 -p 5002 -c 'insert'", Env: []string{"PGPASSWORD"},
					Output: "INSERT 0 1\n", Exit: intp(0), Verdict: scenario.Fail, Problem: "exit code 0, expected 1", Duration: 0.1},
				{N: 2, Kind: scenario.KindSQL, Title: txt("never"), Answers: []string{"ops.2"}, Verdict: scenario.NotRun},
			}},
		},
	}
}

func render(t *testing.T, tr *scenario.Transcript, lang, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, tr, Options{Lang: lang, Format: format}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMarkdownQuotesTheExerciseAndShowsWhatRan(t *testing.T) {
	tr := transcript(t)
	md := render(t, tr, "es", "md")
	for _, want := range []string{
		// the operations test's own wording
		"### 1. ¿Qué has hecho para comprobar que el cluster etcd está levantado, y que los tres nodos se ven entre sí?",
		"$ etcdctl --endpoints=http://127.0.0.1:1 member list -w table\n| started | etcd1 |",
		"````console", // the output holds ``` so the fence is longer
		"**Qué mirar:** three rows (es)",
		"⏱ Espera (como mucho 2 min) a que se cumpla: hay un líder y no es `postgres1` — se cumplió a los 27,3 s (250 comprobaciones).",
		"· Se esperaba: código de salida 0",
		"| HAProxy | `HAProxy version 2.6.12 \\| x` |",
		"**❌ Una comprobación falló**",
		"⏸ no incluida en esta ejecución", // ops.3: no scenario of this run answers it
		"Ningún escenario de esta ejecución la responde; la responde `pglab run scenario all`.",
		"⏸ no se llegó a ejecutar", // ops.2: its step never ran
		"## Preparación y otros pasos",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Spanish report lacks %q", want)
		}
	}
	if strings.Contains(md, "Часть 2") {
		t.Error("the Spanish report shows the Russian lab")
	}
	tr.Profile = "zookeeper" // the lab's own stack
	ru := render(t, tr, "ru", "md")
	for _, want := range []string{
		"### Часть 2, п. 4 В подключении pg-slave пробуем провести какую-нибудь операцию на редактирование.",
		"**❌ не пройдено**",
		"**Проблема:** код возврата 0, ожидался 1",
		"_с `PGPASSWORD` в окружении_",
		"➖ не покрыто этими сценариями",
	} {
		if !strings.Contains(ru, want) {
			t.Errorf("Russian report lacks %q", want)
		}
	}
	tr.Profile = ""
	en := render(t, tr, "en", "md")
	for _, want := range []string{"## Operations test (Spanish) — Documentation", "## High-availability lab (Russian) — tasks",
		"> Translation: What did you do to check that the etcd cluster is up"} {
		if !strings.Contains(en, want) {
			t.Errorf("English report lacks %q", want)
		}
	}
}

func TestHTMLIsSelfContainedAndEscaped(t *testing.T) {
	h := render(t, transcript(t), "en", "html")
	for _, bad := range []string{"<link", "<script", "src=", "@import", "url(", "<b>not html</b>"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML report contains %q", bad)
		}
	}
	for _, want := range []string{"<!DOCTYPE html>", "<style>", "&lt;b&gt;not html&lt;/b&gt;", "$ etcdctl --endpoints=http://127.0.0.1:1 member list -w table",
		`1. <span lang="es">¿Qué has hecho`, "<code>member list</code>", `id="q-ops-1"`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}

func TestUnknownLanguageAndExercise(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, transcript(t), Options{Lang: "fr"}); err == nil {
		t.Error("French accepted")
	}
	if err := Render(&b, transcript(t), Options{Lang: "en", Exercises: []string{"nope"}}); err == nil {
		t.Error("unknown exercise accepted")
	}
}

// A run on the HA lab's stack reports on the lab, in any language; one on
// the operations test's stack (or of unknown profile) chooses by language.
func TestDefaultExercisesFollowTheStack(t *testing.T) {
	tr := transcript(t)
	for _, c := range []struct {
		profile, lang string
		want          string
	}{
		{"zookeeper", "es", "lab"}, {"zookeeper", "en", "lab"}, {"zookeeper", "ru", "lab"},
		{"etcd", "es", "ops"}, {"etcd", "ru", "lab"}, {"etcd", "en", "ops lab"},
		{"", "es", "ops"},
	} {
		tr.Profile = c.profile
		if got := strings.Join(DefaultExercises(tr, c.lang), " "); got != c.want {
			t.Errorf("profile %q, lang %s: exercises %q, want %q", c.profile, c.lang, got, c.want)
		}
	}
}

// A report on an exercise from a run on the other exercise's stack says
// so at the top and answers none of its items from that run.
func TestReportOfTheOtherStack(t *testing.T) {
	tr := transcript(t)
	tr.Profile = "etcd"
	for _, format := range Formats {
		ru := render(t, tr, "ru", format)
		for _, want := range []string{"стенде профиля", "pglab run scenario all --profile zookeeper", "нет в этом запуске"} {
			if !strings.Contains(ru, want) {
				t.Errorf("%s: the Russian report of an etcd run lacks %q", format, want)
			}
		}
		for _, bad := range []string{"❌ не пройдено", "✅ проверено", "postgres1", "etcdctl"} {
			if strings.Contains(ru, bad) {
				t.Errorf("%s: the Russian report of an etcd run shows %q, from the other stack", format, bad)
			}
		}
	}
}

// A bench answers no question: its report in any language is its measured
// failovers, not another exercise's list of unanswered items.
func TestBenchReportsItsFailovers(t *testing.T) {
	tr := transcript(t)
	for i := range tr.Scenarios {
		for j := range tr.Scenarios[i].Steps {
			tr.Scenarios[i].Steps[j].Answers = nil
		}
	}
	for _, lang := range []string{"es", "ru", "en"} {
		if ex := DefaultExercises(tr, lang); len(ex) != 0 {
			t.Errorf("%s: a bench reports on exercises %v", lang, ex)
		}
	}
}

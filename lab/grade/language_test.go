package grade

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/scenario"
)

// A result with every sentence pglab itself words in a feedback: each
// kind of substitution, each reason a submission or a question was not
// graded, a failed check's expectations, a wait's condition and the
// engine's problem sentences. Outputs, commands and lint findings are the
// programs' own words and stay as they were.
func wordy(lang string) []*Result {
	ev := []Evidence{
		{Scenario: "published", Step: 1, Title: scenario.Text{"es": "Puertos", "ru": "Порты", "en": "Ports"}, Command: "timeout 5 bash -c 'exec 3<>/dev/tcp/172.21.0.7/5000 && echo open'",
			Output: "bash: connect: Connection refused\nexit 1", Expected: []string{"exit code 0", `output does not match /(?m)^exit \d+$/`},
			Problem: `output matches /(?m)^exit \d+$/, and must not; output ends with: exit 1`, Verdict: Fail},
		{Scenario: "replication", Step: 0, Title: scenario.Text{"es": "Esperar", "ru": "Ждать", "en": "Wait"}, Condition: "a replica streams", Output: "postgres1 leader",
			Problem: "timed out after 2m0s waiting for a replica streams; last seen: patroni: pg-master=leader/running/tl1; balancer: pg-master=UP (waited 20s, not 2m0s: the cluster is as it was when an earlier wait timed out, and nothing was done to it since)", Verdict: Fail},
		{Scenario: "failover", Step: 9, Title: scenario.Text{"es": "Fila", "ru": "Строка", "en": "Row"}, Problem: "not run: it needs new_leader, which step 4 was to find and did not", Verdict: scenario.NotRun},
		{Scenario: "failover", Step: 10, Title: scenario.Text{"es": "Fila", "ru": "Строка", "en": "Row"}, Problem: "not run: what it answers (ops.5, lab.task) already failed at step 8", Verdict: scenario.NotRun},
		{Scenario: "rebuild", Step: 2, Title: scenario.Text{"es": "Construir", "ru": "Собрать", "en": "Build"}, Problem: "some program's own words", Verdict: Fail},
	}
	q := func(id, verdict, why string, args ...string) QuestionResult {
		return QuestionResult{ID: id, Title: scenario.Text{"es": "Pregunta", "ru": "Вопрос", "en": "Question"}, Weight: 1, Verdict: verdict, Why: why, WhyArgs: args}
	}
	graded := &Result{Name: "alice", Exercise: "lab", Variant: true, Status: Graded, Score: 1, Max: 6, Lang: lang,
		Questions: []QuestionResult{
			q("lab.1.4", Pass, ""),
			{ID: "lab.3.4", Title: scenario.Text{"es": "Pregunta", "ru": "Вопрос", "en": "Question"}, Weight: 1, Verdict: Fail, Evidence: ev},
			q("lab.q2", NotAsked, Unreachable),
			q("lab.q1", NotAsked, ComposeV1),
			q("lab.2.2", NotAsked, NoStepRan, "replication, published-nodes"),
			q("lab.2.3", Fail, StepsNotRun, "replication"),
			q("lab.task", Fail, CannotAsk, "failover", "failover.yaml:12: unknown node pg-slave"),
		},
		Lint: []lint.Finding{{File: "haproxy.cfg", Line: 12, Problem: "checks /health", Fix: "check /primary"}},
		Substitutions: []labdir.Substitution{
			{Kind: labdir.SubstImage, Service: "zoo", From: "zookeeper:3.8", To: "pglab/zookeeper:3.9"},
			{Kind: labdir.SubstBuild, Service: "pg-master", From: "Dockerfile", Changes: []string{"postgres:15 → pglab/lab-postgres:17"}},
			{Kind: labdir.SubstReference, Service: "pg-slave", To: "pglab/lab-postgres:17", Mounts: []string{"postgres1.yml:/postgres1.yml"}},
			{Kind: labdir.SubstBinDir, Service: "pg-slave", To: "/usr/lib/postgresql/17/bin"},
			{Kind: labdir.SubstUser, Service: "pg-slave", To: "patroni"},
			{Kind: labdir.SubstExtended, Service: "pg-slave", To: "pglab/lab-postgres:17", Changes: []string{"gettext-base"}},
			{Kind: labdir.SubstExtended, Service: "pg-master", To: "pglab/lab-postgres:17"},
			{Kind: labdir.SubstNoPackages, Service: "pg-slave", To: "pglab/lab-postgres:17", Changes: []string{"gosu"}, Text: "E: Unable to fetch"},
			{Kind: labdir.SubstShim, Service: "pg-slave", Changes: []string{"/usr/local/bin/patroni"}},
			{Kind: labdir.SubstReplicas, Service: "pooler", From: "3", To: "1"},
		},
		Readings: []labdir.Reading{{Service: "pg-master", Command: "/usr/bin/python3 /usr/bin/patroni /etc/patroni/patroni.yml", Config: "/etc/patroni/patroni.yml",
			Read: []string{labdir.ReadPath, labdir.ReadMember, labdir.ReadSuperuser, labdir.ReadSuperuserPassword, labdir.ReadReplicationPassword, labdir.ReadRESTPort}}},
	}
	var out []*Result
	for _, st := range []struct{ status, reason string }{{NotGraded, ReasonMemory}, {NotGraded, ReasonUnavailable}, {NoBoot, ReasonNoBoot}, {Broken, ReasonUnreadable}} {
		out = append(out, &Result{Name: "bob", Exercise: "ops", Status: st.status, Lang: lang, Reason: st.reason, ReasonArgs: []string{"700", "768"},
			Why: "the error as recorded", Questions: []QuestionResult{q("ops.1", NotAsked, SeeStatus)}})
	}
	return append(out, graded)
}

var (
	// Code and what programs said: commands, outputs, paths, findings.
	dropRE = regexp.MustCompile(`(?s)<style>.*?</style>|<pre[^>]*>.*?</pre>|<code>.*?</code>|<title>.*?</title>`)
	tagRE  = regexp.MustCompile(`<[^>]+>`)
	wordRE = regexp.MustCompile(`[\p{L}][\p{L}\p{N}_'’.-]*[\p{L}\p{N}]|\p{L}`)
	// Names and terms both languages write as in English.
	// The submissions' names (alice, bob) are theirs.
	allowed = strings.Fields(`api rest pglab postgresql postgres patroni haproxy etcd zookeeper docker compose docker-compose v1 v2 lint mib dockerfile zip stack wal streaming alice bob`)
	// Words the English feedback shares with Spanish ("test de operación" is the exercise's own name).
	spanishToo = strings.Fields(`a no de en la es con un final total error base test`)
)

func readerWords(page string) []string {
	text := html.UnescapeString(tagRE.ReplaceAllString(dropRE.ReplaceAllString(page, " "), " "))
	var out []string
	for _, w := range wordRE.FindAllString(text, -1) {
		out = append(out, strings.ToLower(strings.Trim(w, ".-'’")))
	}
	return out
}

// The feedback a student reads is in their language: every sentence of
// pglab's own, the substitutions and the reasons included. English is
// left only in commands, outputs and the lint findings (code).
func TestFeedbackSpeaksTheStudentsLanguage(t *testing.T) {
	// The HTML, and the Markdown with its code blocks and spans dropped.
	mdCode := regexp.MustCompile("(?s)```.*?```|`[^`]*`")
	render := func(r *Result) string {
		dir := t.TempDir()
		if err := writeFeedback(dir, r); err != nil {
			t.Fatal(err)
		}
		h, err := os.ReadFile(filepath.Join(dir, FeedbackName(r.Lang, "html")))
		if err != nil {
			t.Fatal(err)
		}
		md, err := os.ReadFile(filepath.Join(dir, FeedbackName(r.Lang, "md")))
		if err != nil {
			t.Fatal(err)
		}
		return string(h) + "\n" + html.EscapeString(mdCode.ReplaceAllString(string(md), " "))
	}
	en := map[string]bool{}
	for _, r := range wordy("en") {
		for _, w := range readerWords(render(r)) {
			en[w] = true
		}
	}
	for _, lang := range []string{"es", "ru"} {
		for _, r := range wordy(lang) {
			var bad []string
			for _, w := range readerWords(render(r)) {
				// compose-файл: Russian writes the program's name before its word.
				if slices.Contains(allowed, w) || strings.HasPrefix(w, "compose-") || strings.ContainsAny(w, "_0123456789") || slices.Contains(bad, w) {
					continue
				}
				latin := strings.IndexFunc(w, func(c rune) bool { return unicode.Is(unicode.Latin, c) }) >= 0
				if (lang == "ru" && latin) || (lang == "es" && en[w] && !slices.Contains(spanishToo, w)) {
					bad = append(bad, w)
				}
			}
			if len(bad) > 0 {
				t.Errorf("%s feedback of a %s result (%s): English outside code: %s", lang, r.Status, r.Reason, strings.Join(bad, ", "))
			}
		}
	}
}

// A result.json an earlier pglab wrote, its substitutions as English
// sentences, still loads: it is shown as recorded, not graded again.
func TestEarlierResultLoads(t *testing.T) {
	p := filepath.Join(t.TempDir(), resultFile)
	old := map[string]any{"name": "carol", "exercise": "ops", "status": "graded", "substitutions": []string{"etcd1: image a → b"}}
	b, _ := json.Marshal(old)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := LoadResult(p)
	if err != nil || len(r.Substitutions) != 1 || r.Substitutions[0].String() != "etcd1: image a → b" {
		t.Fatalf("LoadResult = %+v, %v", r, err)
	}
}

// The engine's sentences are recognised and said again (a sentence the
// catalogue does not know would be shown as recorded, as code, where the
// test above cannot see it); a program's own words stay as recorded.
func TestFeedbackRecognisesTheEnginesSentences(t *testing.T) {
	for _, r := range wordy("ru") {
		for _, q := range view(r, "").Questions {
			for _, e := range q.Evidence {
				if own := e.Problem == "some program's own words"; own != (e.ProblemRaw != "") {
					t.Errorf("%s: problem %q shown as recorded: %v, want %v", q.ID, e.Problem, e.ProblemRaw != "", own)
				}
			}
		}
	}
}

package report

import (
	"bytes"
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/pglab/pglab/lab/scenario"
)

// The reports rendered from real, recorded runs (testdata/transcripts:
// both profiles on both runtimes, and a bench) must read as Spanish and
// Russian: a reader sees English only in commands, their output and
// proper names. The Markdown of each is kept as a golden file a native
// speaker can review in a diff; `go test ./lab/report -run Golden -update`
// rewrites them after a deliberate change.

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// allowed are the words a Spanish or Russian reader may see in English:
// proper names of programs and projects, and the few terms both languages
// write as in English (a column's or a state's name, SQL).
var allowed = words(`
pglab postgresql postgres patroni patronictl haproxy etcd etcdctl zookeeper zoo docker compose
engine api rest wal sql psql raft debian linux cpu postgis nftables kazoo initdb sigkill sigstop sigcont
pg_rewind pg_is_in_recovery pg_stat_replication inet_server_port inet_server_addr
primary leader replica standby sync async streaming running started stopped up down maint
timeline ttl loop_wait retry_timeout hot commit split brain rto tl lag mb role state
dcs json yaml http https tcp ip ms utc host cluster test s log logs
pg-master pg-slave dockerfile csv dns root zip
`)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

type fixture struct {
	name string
	t    *scenario.Transcript
}

func fixtures(t *testing.T) []fixture {
	t.Helper()
	paths, err := filepath.Glob("testdata/transcripts/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no recorded transcripts in testdata/transcripts (%v)", err)
	}
	var out []fixture
	for _, p := range paths {
		tr, err := scenario.LoadTranscript(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fixture{strings.TrimSuffix(filepath.Base(p), ".json"), tr})
	}
	return out
}

// reportKind is one report a reader can ask for: a language and the
// exercises (none: the default for the run).
type reportKind struct {
	lang      string
	exercises []string
}

func (k reportKind) String() string {
	if len(k.exercises) == 0 {
		return k.lang
	}
	return k.lang + "-" + strings.Join(k.exercises, "-")
}

// kinds: each language's default report, and each exercise on its own
// (one of them is the other stack's, for every run).
var kinds = []reportKind{
	{lang: "es"}, {lang: "ru"},
	{lang: "es", exercises: []string{"ops"}}, {lang: "es", exercises: []string{"lab"}},
	{lang: "ru", exercises: []string{"ops"}}, {lang: "ru", exercises: []string{"lab"}},
}

func renderKind(t *testing.T, tr *scenario.Transcript, k reportKind, lang, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, tr, Options{Lang: lang, Format: format, Exercises: k.exercises}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var (
	// Code, and what the texts quote «like this»: commands, outputs, log lines.
	dropRE = regexp.MustCompile(`(?s)<style>.*?</style>|<pre[^>]*>.*?</pre>|<code>.*?</code>|«[^»]*»`)
	// The exercises' own wording, quoted in their language.
	foreignRE = regexp.MustCompile(`(?s)<span lang="[a-z]+">.*?</span>`)
	tagRE     = regexp.MustCompile(`<[^>]+>`)
	// Version numbers: 3.x, 15.18-0+deb12u1.
	versionRE = regexp.MustCompile(`\d+(\.[\w+-]+)+`)
	wordRE    = regexp.MustCompile(`[\p{L}][\p{L}\p{N}_'’.-]*[\p{L}\p{N}]|\p{L}`)
)

// readerText is what a reader reads of an HTML report: no commands,
// outputs or other code.
func readerText(h string) string {
	h = dropRE.ReplaceAllString(h, " ")
	h = foreignRE.ReplaceAllString(h, " ")
	return versionRE.ReplaceAllString(html.UnescapeString(tagRE.ReplaceAllString(h, " ")), " ")
}

// english is the vocabulary of the English report: what an untranslated
// sentence would bring into another language's.
func english(text string) map[string]bool {
	m := map[string]bool{}
	for _, w := range wordRE.FindAllString(text, -1) {
		m[strings.ToLower(w)] = true
	}
	return m
}

func latin(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// foreignWords are the words of text a reader of lang should not see.
func foreignWords(text, lang string, en map[string]bool) []string {
	seen := map[string]bool{}
	var bad []string
	for _, w := range wordRE.FindAllString(text, -1) {
		lw := strings.ToLower(strings.Trim(w, ".-'’"))
		if allowed[lw] || strings.ContainsAny(lw, "_0123456789") || seen[lw] {
			continue
		}
		// In Russian any Latin word is English (or a name, allowed above);
		// in Spanish, a word of the English report that is not Spanish too.
		if (lang == "ru" && latin(lw)) || (lang == "es" && en[lw] && !spanishToo[lw]) {
			seen[lw] = true
			bad = append(bad, w)
		}
	}
	sort.Strings(bad)
	return bad
}

// spanishToo are words the English report has that are Spanish as well.
var spanishToo = words(`a no de en la es con un final total error has real variable roles`)

func TestReportsSpeakTheReadersLanguage(t *testing.T) {
	for _, f := range fixtures(t) {
		for _, k := range kinds {
			en := english(readerText(renderKind(t, f.t, k, "en", "html")))
			page := renderKind(t, f.t, k, k.lang, "html")
			text := readerText(page)
			if os.Getenv("PGLAB_REPORT_DUMP") != "" {
				os.WriteFile(filepath.Join(os.Getenv("PGLAB_REPORT_DUMP"), f.name+"."+k.String()+".txt"), []byte(text), 0o644)
			}
			if bad := foreignWords(text, k.lang, en); len(bad) > 0 {
				t.Errorf("%s, %s report: English outside commands and outputs: %s", f.name, k, strings.Join(bad, ", "))
			}
		}
	}
}

// A report says its plurals as the language does.
func TestReportsCountInTheReadersLanguage(t *testing.T) {
	// Go's \b knows ASCII letters only: the Russian words end at a non-letter.
	bad := regexp.MustCompile(`\(s\)|\b1 (comprobaciones|filas|intentos|veces|errores)\b|\b1 (проверок|проверки|строк|строки|попыток|попытки)(\P{L}|$)|\b[5-9] (проверки|строки|попытки)(\P{L}|$)|\b[2-4] (проверок|строк|попыток)(\P{L}|$)`)
	for _, f := range fixtures(t) {
		for _, k := range kinds {
			for _, format := range Formats {
				if m := bad.FindString(renderKind(t, f.t, k, k.lang, format)); m != "" {
					t.Errorf("%s, %s %s report: %q", f.name, k, format, m)
				}
			}
		}
	}
}

func TestGoldenReports(t *testing.T) {
	for _, f := range fixtures(t) {
		for _, k := range []reportKind{{lang: "es"}, {lang: "ru"}} {
			got := renderKind(t, f.t, k, k.lang, "md")
			path := filepath.Join("testdata", "golden", f.name+"."+k.String()+".md")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./lab/report -run Golden -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the report rendered now; review the change and rerun with -update", path)
			}
		}
	}
}

// Each exercise's report speaks of its own stack only: the operations
// test's (etcd, postgres1/postgres2) or the HA lab's (ZooKeeper,
// pg-master/pg-slave).
func TestReportsSpeakOfTheirOwnExercise(t *testing.T) {
	other := map[string]*regexp.Regexp{
		"etcd": regexp.MustCompile(`(?i)zookeeper|pg-master|pg-slave|laboratorio ruso|лабораторн`),
		// postgres1.yml is the lab's own file (pg-slave's Patroni config).
		"zookeeper": regexp.MustCompile(`(?i)etcd|postgres[12]([^.\w]|\.\s|$)|испанск|test de operación`),
	}
	for _, f := range fixtures(t) {
		if len(DefaultExercises(f.t, "es")) == 0 {
			continue // a bench: no exercise
		}
		for _, lang := range []string{"es", "ru"} {
			ex := DefaultExercises(f.t, lang)
			if profile, _ := profileOf(ex[0]); profile != profileName(f.t.Profile) {
				continue // the other stack's exercise: not answered (TestReportOfTheOtherStack)
			}
			// What the report says, not what the host's programs printed
			// (on the embedded runtime ps shows every lab's processes).
			text := readerText(renderKind(t, f.t, reportKind{lang: lang}, lang, "html"))
			if m := other[profileName(f.t.Profile)].FindString(text); m != "" {
				t.Errorf("%s, %s report of its own exercise mentions %q, of the other exercise", f.name, lang, m)
			}
		}
	}
}

package scenario

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/topology"
)

// labNodes are the nodes of the embedded compose file, as the CLI passes them.
func labNodes(t *testing.T) []Node {
	t.Helper()
	compose, err := pglab.Files.ReadFile("docker-compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	topo, err := topology.FromCompose(context.Background(), "docker-compose.yaml", compose)
	if err != nil {
		t.Fatal(err)
	}
	var out []Node
	for _, n := range topo.Nodes {
		out = append(out, Node{Name: n.Name, Kind: string(n.Kind)})
	}
	return out
}

func TestEmbeddedScenariosLoad(t *testing.T) {
	set, err := LoadFS(pglab.Scenarios, "scenarios", LoadOptions{Nodes: labNodes(t), Profile: "etcd"})
	if err != nil {
		t.Fatalf("embedded scenarios do not load:\n%v", err)
	}
	for _, want := range []string{"etcd", "replication", "balancer", "failover", "all"} {
		if set.Scenarios[want] == nil {
			t.Errorf("scenario %s is missing (have %v)", want, set.Names())
		}
	}
	// all: every scenario with steps, in the order of the first operations
	// test question each answers.
	leaves, err := set.Resolve([]string{"all"})
	if err != nil {
		t.Fatal(err)
	}
	var ops []Question
	for _, e := range set.Catalog.Exercises {
		if e.ID == "ops" {
			ops = e.Questions
		}
	}
	first := func(sc *Scenario) int {
		for i, q := range ops {
			if contains(sc.Answers(), q.ID) {
				return i
			}
		}
		return len(ops)
	}
	var got []string
	for i, sc := range leaves {
		got = append(got, sc.Name)
		if i > 0 && first(leaves[i-1]) > first(sc) {
			t.Errorf("all runs %s before %s, against the questions' order", leaves[i-1].Name, sc.Name)
		}
	}
	for name, sc := range set.Scenarios {
		// The measured failovers (load steps) answer no question: they are
		// run by `pglab bench`, not by all.
		if len(sc.Include) == 0 && len(sc.Answers()) > 0 && !contains(got, name) {
			t.Errorf("all does not include %s", name)
		}
	}
	// Every question is answered on some runtime; where a runtime cannot
	// answer it (the Compose questions on the embedded one), the catalog
	// says why, and a question every runtime answers needs no such note.
	answeredOn := map[string][]string{}
	for _, rt := range []string{"embedded", "docker"} {
		set, err := LoadFS(pglab.Scenarios, "scenarios", LoadOptions{Nodes: labNodes(t), Runtime: rt})
		if err != nil {
			t.Fatal(err)
		}
		for _, composite := range []string{"all", "lab"} {
			leaves, err := set.Resolve([]string{composite})
			if err != nil {
				t.Fatal(err)
			}
			for _, sc := range leaves {
				for _, id := range sc.Answers() {
					if !contains(answeredOn[id], rt) {
						answeredOn[id] = append(answeredOn[id], rt)
					}
				}
			}
		}
	}
	for _, e := range set.Catalog.Exercises {
		for _, q := range e.Questions {
			n := len(answeredOn[q.ID])
			switch {
			case n == 0:
				t.Errorf("question %s is answered on no runtime", q.ID)
			case n == 1 && q.NotCovered == nil:
				t.Errorf("question %s is answered on %v only, and the catalog does not say why not elsewhere", q.ID, answeredOn[q.ID])
			case n == 2 && q.NotCovered != nil:
				t.Errorf("question %s is answered on every runtime, yet has not_covered", q.ID)
			}
		}
	}
}

const catalogYAML = `exercises:
  - id: ops
    lang: es
    title: {es: t, ru: t, en: t}
    questions:
      - id: ops.1
        label: {es: "1.", ru: "1.", en: "1."}
        text: {es: q, ru: q, en: q}
      - id: ops.2
        label: {es: "2.", ru: "2.", en: "2."}
        text: {es: q, ru: q, en: q}
      - id: ops.3
        label: {es: "3.", ru: "3.", en: "3."}
        text: {es: q, ru: q, en: q}
`

func TestBrokenScenarioFiles(t *testing.T) {
	const head = "title: {es: a, ru: b, en: c}\nsteps:\n"
	cases := []struct {
		name, body, want string
	}{
		{"unknown step", head + "  - title: {es: a, ru: b, en: c}\n    frobnicate: etcd1\n",
			"bad.yaml:4: steps 1: unknown field \"frobnicate\""},
		{"no action", head + "  - title: {es: a, ru: b, en: c}\n",
			"bad.yaml:3: steps 1: no action"},
		{"two actions", head + "  - title: {es: a, ru: b, en: c}\n    stop: etcd1\n    kill: etcd2\n",
			"bad.yaml:5: steps 1: both stop and kill"},
		{"missing title", head + "  - stop: etcd1\n",
			"bad.yaml:3: steps 1 (stop): missing field \"title\""},
		{"missing language", head + "  - title: {es: a, en: c}\n    stop: etcd1\n",
			"bad.yaml:3: steps 1 (stop) title: missing ru text"},
		{"missing timeout", head + "  - title: {es: a, ru: b, en: c}\n    wait: leader exists\n",
			"bad.yaml:3: steps 1 (wait): missing field \"timeout\""},
		{"bad duration", head + "  - title: {es: a, ru: b, en: c}\n    wait: leader exists\n    timeout: 90\n",
			"bad.yaml:5: steps 1 (wait) timeout: bad duration \"90\""},
		{"bad duration unit", head + "  - title: {es: a, ru: b, en: c}\n    sql: select 1\n    on: haproxy\n    within: 3 parsecs\n",
			"bad.yaml:6: steps 1 (sql) within: bad duration \"3 parsecs\""},
		{"unknown variable", head + "  - title: {es: a, ru: b, en: c}\n    kill: '{{leader}}'\n",
			"bad.yaml:4: unknown variable {{leader}}"},
		{"variable used before capture", head +
			"  - title: {es: a, ru: b, en: c}\n    kill: '{{leader}}'\n" +
			"  - title: {es: a, ru: b, en: c}\n    wait: leader exists\n    timeout: 1m\n    capture: {leader: leader}\n",
			"bad.yaml:4: unknown variable {{leader}}"},
		{"unknown condition", head + "  - title: {es: a, ru: b, en: c}\n    wait: leader is sleepy today\n    timeout: 1m\n",
			"bad.yaml:4: steps 1 (wait): unknown condition"},
		{"unknown tool", head + "  - title: {es: a, ru: b, en: c}\n    run: rm -rf /\n",
			"bad.yaml:4: steps 1 (run): unknown tool \"rm\""},
		{"unknown node", head + "  - title: {es: a, ru: b, en: c}\n    stop: postgres9\n",
			"bad.yaml:4: steps 1 (stop): unknown node \"postgres9\""},
		{"sql on etcd", head + "  - title: {es: a, ru: b, en: c}\n    sql: select 1\n    on: etcd1\n",
			"bad.yaml:4: steps 1 (sql) on: etcd1 is a etcd node"},
		{"sql without on", head + "  - title: {es: a, ru: b, en: c}\n    sql: select 1\n",
			"bad.yaml:3: steps 1 (sql): missing field \"on\""},
		{"bad regex", head + "  - title: {es: a, ru: b, en: c}\n    run: pglab status\n    expect: {output: 'a(b'}\n",
			"bad.yaml:5: steps 1 (run) expect: bad regex"},
		{"value on run", head + "  - title: {es: a, ru: b, en: c}\n    run: pglab status\n    expect:\n      value: x\n",
			"bad.yaml:6: steps 1 (run) expect: value: only sql steps"},
		{"unknown question", head + "  - title: {es: a, ru: b, en: c}\n    stop: etcd1\n    answers: [ops.9]\n",
			"bad.yaml:5: steps 1 (stop): answers: unknown question \"ops.9\""},
		{"bad capture source", head + "  - title: {es: a, ru: b, en: c}\n    stop: etcd1\n    capture: {x: the moon}\n",
			"bad.yaml:5: steps 1 (stop) capture x: unknown source \"the moon\""},
		{"unbalanced template", head + "  - title: {es: a, ru: b, en: c}\n    sql: select '{{run'\n    on: haproxy\n",
			"bad.yaml:4: unbalanced {{ }}"},
		{"missing steps", "title: {es: a, ru: b, en: c}\n",
			"bad.yaml:1: scenario: missing field \"steps\""},
		{"yaml syntax", head + "  - title: [unclosed\n",
			"bad.yaml:"},
		{"unterminated quote", head + "  - title: {es: a, ru: b, en: c}\n    run: \"patronictl list 'x\"\n",
			"bad.yaml:4: steps 1 (run): unterminated ' quote"},
	}
	cat, err := ParseCatalog("exercises.yaml", []byte(catalogYAML))
	if err != nil {
		t.Fatal(err)
	}
	opts := LoadOptions{Nodes: labNodes(t), Catalog: cat}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(c.body), opts)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("accepted, or not a LoadError: %v", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got:\n%v\nwant a line containing: %s", err, c.want)
			}
			for _, p := range le.Problems {
				if p.Line < 1 {
					t.Errorf("problem without a line: %v", p)
				}
			}
		})
	}
}

// A broken file among good ones stops LoadFS before anything runs, naming
// the file and line; its neighbours are not reported.
func TestLoadFSReportsFileAndLine(t *testing.T) {
	good, _ := pglab.Scenarios.ReadFile("scenarios/etcd.yaml")
	fsys := fstest.MapFS{
		"sc/exercises.yaml": {Data: []byte(catalogYAML)},
		"sc/broken.yaml":    {Data: []byte("title: {es: a, ru: b, en: c}\nsteps:\n  - title: {es: a, ru: b, en: c}\n    wait: leader exists\n    timeout: soon\n")},
		"sc/all.yaml":       {Data: []byte("title: {es: a, ru: b, en: c}\ninclude: [broken, nothing]\n")},
		"sc/etcd.yaml":      {Data: good},
	}
	_, err := LoadFS(fsys, "sc", LoadOptions{Nodes: labNodes(t)})
	if err == nil {
		t.Fatal("broken set accepted")
	}
	msg := err.Error()
	for _, want := range []string{
		"sc/broken.yaml:5: steps 1 (wait) timeout: bad duration \"soon\"",
		"sc/all.yaml:2: include: unknown scenario \"nothing\"",
		// the embedded etcd scenario answers ops questions this catalog lacks
		"sc/etcd.yaml:",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
}

func TestSplitWordsAndQuote(t *testing.T) {
	words, err := SplitWords(`grep-log -E 'promoted self|acquired' "a \"b\"" c\ d`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"grep-log", "-E", "promoted self|acquired", `a "b"`, "c d"}
	if strings.Join(words, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("got %q, want %q", words, want)
	}
	for _, c := range []struct {
		argv []string
		want string
	}{
		{[]string{"psql", "-c", "select 'x'", "-p", "5432"}, `psql -c "select 'x'" -p 5432`},
		{[]string{"echo", "it's $HOME"}, `echo 'it'\''s $HOME'`},
		{[]string{"a b", ""}, `'a b' ''`},
	} {
		if got := Quote(c.argv); got != c.want {
			t.Errorf("Quote(%q) = %s, want %s", c.argv, got, c.want)
		}
	}
}

// The example in docs/scenarios.md is a scenario that loads.
func TestDocsExampleLoads(t *testing.T) {
	doc, err := os.ReadFile("../../docs/scenarios.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no yaml example in docs/scenarios.md")
	}
	set, err := LoadFS(pglab.Scenarios, "scenarios", LoadOptions{Nodes: labNodes(t)})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("docs/scenarios.md", []byte(example), LoadOptions{Nodes: labNodes(t), Catalog: set.Catalog})
	if err != nil {
		t.Fatalf("the documented example does not load:\n%v", err)
	}
	if len(sc.Setup) != 1 || len(sc.Steps) != 3 {
		t.Errorf("example: %d setup steps, %d steps", len(sc.Setup), len(sc.Steps))
	}
}

// A lab of another profile gets only the scenarios written for it, or for
// any profile: the etcd scenarios name etcd1..3, which the HA lab lacks.
func TestScenariosForProfile(t *testing.T) {
	lab := []Node{{Name: "zoo", Kind: "zookeeper"}, {Name: "pg-master", Kind: NodePostgres}, {Name: "pg-slave", Kind: NodePostgres}, {Name: "haproxy", Kind: NodeBalancer}}
	set, err := LoadFS(pglab.Scenarios, "scenarios", LoadOptions{Nodes: lab, Profile: "zookeeper"})
	if err != nil {
		t.Fatalf("the HA lab's scenarios do not load against its nodes:\n%v", err)
	}
	for _, want := range []string{"replication", "balancer", "failover"} {
		if set.Scenarios[want] == nil {
			t.Errorf("%s should apply to any profile (have %v)", want, set.Names())
		}
	}
	for _, gone := range []string{"etcd", "postgis", "etcd-member-loss"} {
		if set.Scenarios[gone] != nil {
			t.Errorf("%s is written for etcd, yet loaded for the zookeeper profile", gone)
		}
	}
	// rebuild is the lab's own variant, on its own files.
	if sc := set.Scenarios["rebuild"]; sc == nil || !strings.HasSuffix(sc.File, "rebuild.zookeeper.yaml") {
		t.Errorf("rebuild for the zookeeper profile = %v, want the variant in rebuild.zookeeper.yaml", sc)
	}
	// all is every scenario of the lab too, part 1 first.
	if leaves, err := set.Resolve([]string{"all"}); err != nil || len(leaves) == 0 || leaves[0].Name != "zookeeper" {
		t.Errorf("all for the zookeeper profile = %v, %v; want part 1 (zookeeper) first", leaves, err)
	}
	// lab runs every scenario of this profile that answers a question, in the lab's order.
	leaves, err := set.Resolve([]string{"lab"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sc := range leaves {
		got = append(got, sc.Name)
	}
	for name, sc := range set.Scenarios {
		if len(sc.Include) == 0 && len(sc.Answers()) > 0 && !contains(got, name) {
			t.Errorf("lab does not include %s", name)
		}
	}
	if len(got) == 0 || got[0] != "zookeeper" {
		t.Errorf("lab runs %v, want part 1 (zookeeper) first", got)
	}
	// Without a profile everything loads, and a file's profiles are kept.
	all, err := LoadFS(pglab.Scenarios, "scenarios", LoadOptions{Nodes: labNodes(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got := all.Scenarios["etcd"].Profiles; len(got) != 1 || got[0] != "etcd" {
		t.Errorf("etcd.yaml profiles = %v", got)
	}
	// Both rebuild variants fit no profile in particular: the second keeps its file's name.
	if all.Scenarios["rebuild"] == nil || all.Scenarios["rebuild.zookeeper"] == nil {
		t.Errorf("without a profile, want rebuild and rebuild.zookeeper (have %v)", all.Names())
	}
	// Named on the embedded runtime, the lab's rebuild asks for docker, not another profile.
	emb, err := LoadFS(pglab.Scenarios, "scenarios", LoadOptions{Nodes: lab, Profile: "zookeeper", Runtime: "embedded"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := emb.Resolve([]string{"rebuild"}); err == nil || !strings.Contains(err.Error(), "--runtime docker") {
		t.Errorf("rebuild on an embedded HA lab: err = %v, want it to ask for --runtime docker", err)
	}
	// all on that lab says what it leaves out and why.
	var skipped []string
	for _, s := range emb.Skipped([]string{"all"}) {
		skipped = append(skipped, s.Name+": "+s.For)
	}
	want := "etcd: the etcd profile (--profile etcd); published: the docker runtime (--runtime docker); postgis: the etcd profile (--profile etcd); ports: the docker runtime (--runtime docker); rebuild: the docker runtime (--runtime docker); published-nodes: the docker runtime (--runtime docker)"
	if got := strings.Join(skipped, "; "); got != want {
		t.Errorf("all skips %q, want %q", got, want)
	}
}

package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Problem is one defect of a scenario file, at a line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// LoadError lists every problem found in scenario files, one per line.
type LoadError struct{ Problems []Problem }

func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// LoadOptions say what a scenario file is checked against.
type LoadOptions struct {
	// Nodes are the lab's nodes (from the compose file): node names in
	// steps must be among them. Nil skips the check.
	Nodes []Node
	// Catalog holds the questions steps may answer. Nil skips the check.
	Catalog *Catalog
	// Profile is the lab's exercise profile (etcd, zookeeper): scenarios
	// written for other profiles are left out of the set. "" keeps all.
	Profile string
	// Runtime is the lab's runtime (embedded, docker): scenarios written
	// for other runtimes (`runtimes:`) are left out of the set. "" keeps all.
	Runtime string
}

// CatalogFile is the file, beside the scenarios, that lists the exercises.
const CatalogFile = "exercises.yaml"

// RubricPrefix begins the names of the grading rubrics kept beside the
// scenarios (rubric-ops.yaml): data of `pglab grade`, not scenarios.
const RubricPrefix = "rubric-"

// Set is every scenario of a directory, and the exercises they answer.
type Set struct {
	Catalog   *Catalog
	Scenarios map[string]*Scenario
	opts      LoadOptions
	// elsewhere are the scenarios written for another profile or runtime,
	// with what they need: composites leave them out here.
	elsewhere map[string]string
}

// LoadFS reads dir/exercises.yaml and every other dir/*.yaml of fsys as a
// scenario named after its file. Every problem of every file is reported.
func LoadFS(fsys fs.FS, dir string, opts LoadOptions) (*Set, error) {
	data, err := fs.ReadFile(fsys, path.Join(dir, CatalogFile))
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	cat, err := ParseCatalog(path.Join(dir, CatalogFile), data)
	if err != nil {
		return nil, err
	}
	opts.Catalog = cat
	set := &Set{Catalog: cat, Scenarios: map[string]*Scenario{}, opts: opts, elsewhere: map[string]string{}}
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var problems []Problem
	broken := map[string]bool{}
	for _, file := range names {
		if path.Base(file) == CatalogFile || strings.HasPrefix(path.Base(file), RubricPrefix) {
			continue
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		if need, profileFits := forLab(data, opts.Profile, opts.Runtime); need != "" {
			// Of two variants that do not fit, name the one for this
			// profile: it needs only another runtime.
			if _, seen := set.elsewhere[scenarioName(file)]; !seen || profileFits {
				set.elsewhere[scenarioName(file)] = need
			}
			continue
		}
		sc, err := Parse(file, data, opts)
		var le *LoadError
		if errors.As(err, &le) {
			problems = append(problems, le.Problems...)
			broken[scenarioName(file)] = true
			continue
		}
		if err != nil {
			return nil, err
		}
		if _, clash := set.Scenarios[sc.Name]; clash {
			// Two variants fit (a load for no lab in particular): the
			// second keeps its file's full name.
			sc.Name = strings.TrimSuffix(path.Base(file), path.Ext(file))
		}
		set.Scenarios[sc.Name] = sc
	}
	for _, sc := range set.Scenarios {
		problems = append(problems, set.checkIncludes(sc, broken)...)
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool {
			if problems[i].File != problems[j].File {
				return problems[i].File < problems[j].File
			}
			return problems[i].Line < problems[j].Line
		})
		return nil, &LoadError{problems}
	}
	return set, nil
}

// AddFile loads a scenario file from disk into the set (a user's own
// scenario), named after its file.
func (s *Set) AddFile(file string) (*Scenario, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	sc, err := Parse(file, data, s.opts)
	if err != nil {
		return nil, err
	}
	if ps := s.checkIncludes(sc, nil); len(ps) > 0 {
		return nil, &LoadError{ps}
	}
	s.Scenarios[sc.Name] = sc
	return sc, nil
}

// checkIncludes checks a composite's scenarios exist; those whose files
// were already reported broken are not reported again.
func (s *Set) checkIncludes(sc *Scenario, broken map[string]bool) []Problem {
	var ps []Problem
	for _, inc := range sc.Include {
		sub, ok := s.Scenarios[inc]
		switch {
		case !ok && (broken[inc] || s.elsewhere[inc] != ""):
		case !ok:
			ps = append(ps, Problem{sc.File, sc.includeLine, fmt.Sprintf("include: unknown scenario %q (known: %s)", inc, strings.Join(s.Names(), ", "))})
		case len(sub.Include) > 0:
			ps = append(ps, Problem{sc.File, sc.includeLine, fmt.Sprintf("include: %q is itself a composite; include its scenarios", inc)})
		}
	}
	return ps
}

// Names lists the scenarios, sorted.
func (s *Set) Names() []string {
	var out []string
	for n := range s.Scenarios {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Resolve expands names (composites into their scenarios) into the
// scenarios to run, each once, in order.
func (s *Set) Resolve(names []string) ([]*Scenario, error) {
	var out []*Scenario
	seen := map[string]bool{}
	for _, n := range names {
		sc, ok := s.Scenarios[n]
		if !ok && s.elsewhere[n] != "" {
			return nil, fmt.Errorf("scenario %q is written for %s", n, s.elsewhere[n])
		}
		if !ok {
			return nil, fmt.Errorf("unknown scenario %q (known: %s)", n, strings.Join(s.Names(), ", "))
		}
		leaves := []*Scenario{sc}
		if len(sc.Include) > 0 {
			leaves = nil
			for _, inc := range sc.Include {
				if sub, ok := s.Scenarios[inc]; ok { // else written for another lab
					leaves = append(leaves, sub)
				}
			}
		}
		for _, l := range leaves {
			if !seen[l.Name] {
				seen[l.Name] = true
				out = append(out, l)
			}
		}
	}
	return out, nil
}

// Skip is a scenario a name includes that the lab does not run, and why.
type Skip struct {
	Name string
	For  string // what it is written for: "the zookeeper profile (--profile zookeeper)"
}

// Skipped are the scenarios that names include (all) but that are
// written for another profile or runtime than the set's, so that a
// run can say what it leaves out and why.
func (s *Set) Skipped(names []string) []Skip {
	var out []Skip
	for _, n := range names {
		sc, ok := s.Scenarios[n]
		if !ok {
			continue
		}
		for _, inc := range sc.Include {
			if _, ok := s.Scenarios[inc]; !ok && s.elsewhere[inc] != "" {
				out = append(out, Skip{inc, s.elsewhere[inc]})
			}
		}
	}
	return out
}

// parser walks one file's YAML nodes, collecting problems with their lines.
type parser struct {
	file     string
	opts     LoadOptions
	problems []Problem
	// uses collects the variables the step being read uses in its action
	// and expectations (nil while its texts are checked).
	uses *[]string
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) {
	line := 1
	if n != nil && n.Line > 0 {
		line = n.Line
	}
	p.problems = append(p.problems, Problem{p.file, line, fmt.Sprintf(format, args...)})
}

type field struct{ key, val *yaml.Node }

// fields reads a mapping, reporting duplicate and unknown keys.
func (p *parser) fields(n *yaml.Node, what string, known ...string) map[string]field {
	out := map[string]field{}
	if n.Kind != yaml.MappingNode {
		p.errf(n, "%s: want a mapping, got %s", what, describe(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := out[k.Value]; dup {
			p.errf(k, "%s: duplicate field %q", what, k.Value)
			continue
		}
		if len(known) > 0 && !contains(known, k.Value) {
			p.errf(k, "%s: unknown field %q (known: %s)", what, k.Value, strings.Join(known, ", "))
			continue
		}
		out[k.Value] = field{k, v}
	}
	return out
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an alias"
}

func (p *parser) str(f field, what string) (string, bool) {
	if f.val.Kind != yaml.ScalarNode || f.val.Tag == "!!null" || strings.TrimSpace(f.val.Value) == "" {
		p.errf(f.val, "%s: want a non-empty string, got %s", what, describe(f.val))
		return "", false
	}
	return f.val.Value, true
}

func (p *parser) integer(f field, what string) (int, bool) {
	n, err := strconv.Atoi(f.val.Value)
	if f.val.Kind != yaml.ScalarNode || err != nil {
		p.errf(f.val, "%s: want an integer, got %s", what, describe(f.val))
		return 0, false
	}
	return n, true
}

func (p *parser) duration(f field, what string) time.Duration {
	s, ok := p.str(f, what)
	if !ok {
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		p.errf(f.val, "%s: bad duration %q (write it like 90s or 2m)", what, s)
		return 0
	}
	return d
}

func (p *parser) strings(f field, what string) []string {
	if f.val.Kind == yaml.ScalarNode {
		if s, ok := p.str(f, what); ok {
			return []string{s}
		}
		return nil
	}
	if f.val.Kind != yaml.SequenceNode {
		p.errf(f.val, "%s: want a string or a list of strings, got %s", what, describe(f.val))
		return nil
	}
	var out []string
	for _, item := range f.val.Content {
		if s, ok := p.str(field{f.key, item}, what); ok {
			out = append(out, s)
		}
	}
	return out
}

// text reads a text in every language.
func (p *parser) text(f field, what string) Text {
	t := Text{}
	byLang := p.fields(f.val, what, Languages...)
	if f.val.Kind != yaml.MappingNode {
		return t
	}
	for _, l := range Languages {
		lf, ok := byLang[l]
		if !ok {
			p.errf(f.val, "%s: missing %s text", what, l)
			continue
		}
		if s, ok := p.str(lf, what+"."+l); ok {
			t[l] = strings.TrimSpace(s)
		}
	}
	return t
}

var yamlLineRE = regexp.MustCompile(`line (\d+):?`)

func (p *parser) document(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 1
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		msg := yamlLineRE.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: "), "")
		p.problems = append(p.problems, Problem{p.file, line, strings.TrimLeft(msg, ": ")})
		return nil
	}
	if len(doc.Content) == 0 {
		p.errf(nil, "empty file")
		return nil
	}
	return doc.Content[0]
}

func (p *parser) err() error {
	if len(p.problems) == 0 {
		return nil
	}
	sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].Line < p.problems[j].Line })
	return &LoadError{p.problems}
}

// ParseCatalog reads exercises.yaml.
func ParseCatalog(file string, data []byte) (*Catalog, error) {
	p := &parser{file: file}
	root := p.document(data)
	if root == nil {
		return nil, p.err()
	}
	cat := &Catalog{}
	top := p.fields(root, "exercises file", "exercises")
	exs, ok := top["exercises"]
	if !ok || exs.val.Kind != yaml.SequenceNode {
		p.errf(root, "exercises: want a list of exercises")
		return nil, p.err()
	}
	ids := map[string]bool{}
	for _, en := range exs.val.Content {
		f := p.fields(en, "exercise", "id", "lang", "title", "questions")
		var e Exercise
		if v, ok := f["id"]; ok {
			e.ID, _ = p.str(v, "exercise id")
		} else {
			p.errf(en, "exercise: missing field \"id\"")
		}
		if v, ok := f["lang"]; ok {
			e.Lang, _ = p.str(v, "lang")
			if e.Lang != "" && !contains(Languages, e.Lang) {
				p.errf(v.val, "lang: %q is not one of %s", e.Lang, strings.Join(Languages, ", "))
			}
		} else {
			p.errf(en, "exercise %s: missing field \"lang\"", e.ID)
		}
		if v, ok := f["title"]; ok {
			e.Title = p.text(v, "title")
		} else {
			p.errf(en, "exercise %s: missing field \"title\"", e.ID)
		}
		qs, ok := f["questions"]
		if !ok || qs.val.Kind != yaml.SequenceNode {
			p.errf(en, "exercise %s: questions: want a list", e.ID)
			continue
		}
		for _, qn := range qs.val.Content {
			qf := p.fields(qn, "question", "id", "label", "text", "not_covered")
			var q Question
			if v, ok := qf["id"]; ok {
				q.ID, _ = p.str(v, "question id")
				if ids[q.ID] {
					p.errf(v.val, "question id %q is used twice", q.ID)
				}
				ids[q.ID] = true
			} else {
				p.errf(qn, "question: missing field \"id\"")
			}
			for key, dst := range map[string]*Text{"label": &q.Label, "text": &q.Text, "not_covered": &q.NotCovered} {
				if v, ok := qf[key]; ok {
					*dst = p.text(v, "question "+q.ID+" "+key)
				} else if key != "not_covered" {
					p.errf(qn, "question %s: missing field %q", q.ID, key)
				}
			}
			e.Questions = append(e.Questions, q)
		}
		cat.Exercises = append(cat.Exercises, e)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return cat, nil
}

var stepFields = []string{"run", "sql", "stop", "kill", "start", "wait", "pause", "resume", "load", "on", "title", "why", "look", "answers", "expect", "within", "timeout", "during", "mark", "capture"}

// Parse reads one scenario file, named after the file. Every problem is
// reported with its line; nothing is run.
func Parse(file string, data []byte, opts LoadOptions) (*Scenario, error) {
	p := &parser{file: file, opts: opts}
	root := p.document(data)
	if root == nil {
		return nil, p.err()
	}
	sc := &Scenario{Name: scenarioName(file), File: file}
	f := p.fields(root, "scenario", "title", "about", "profiles", "runtimes", "include", "setup", "steps")
	if v, ok := f["profiles"]; ok {
		sc.Profiles = p.strings(v, "profiles")
	}
	if v, ok := f["runtimes"]; ok {
		sc.Runtimes = p.strings(v, "runtimes")
	}
	if v, ok := f["title"]; ok {
		sc.Title = p.text(v, "title")
	} else {
		p.errf(root, "scenario: missing field \"title\"")
	}
	if v, ok := f["about"]; ok {
		sc.About = p.text(v, "about")
	}
	if v, ok := f["include"]; ok {
		sc.Include = p.strings(v, "include")
		sc.includeLine = v.key.Line
		if _, has := f["steps"]; has {
			p.errf(v.key, "a scenario has either include or steps, not both")
		}
		return sc, p.err()
	}
	vars := map[string]bool{}
	for _, b := range Builtins {
		vars[b] = true
	}
	if v, ok := f["setup"]; ok {
		sc.Setup = p.steps(v, "setup", vars)
	}
	v, ok := f["steps"]
	if !ok {
		p.errf(root, "scenario: missing field \"steps\" (or include)")
		return nil, p.err()
	}
	sc.Steps = p.steps(v, "steps", vars)
	if len(sc.Steps) == 0 && v.val.Kind == yaml.SequenceNode {
		p.errf(v.key, "steps: the list is empty")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return sc, nil
}

// scenarioName is a scenario's name: its file's, without the extension
// and without a variant's suffix. NAME.VARIANT.yaml is another version of
// NAME for another profile or runtime (rebuild.zookeeper.yaml: the rebuild
// experiment on the HA lab's files); its profiles: or runtimes: say where
// it applies, so a lab loads one of them under the one name.
func scenarioName(file string) string {
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	base, _, _ := strings.Cut(name, ".")
	return base
}

func (p *parser) steps(f field, what string, vars map[string]bool) []*Step {
	if f.val.Kind != yaml.SequenceNode {
		p.errf(f.val, "%s: want a list of steps, got %s", what, describe(f.val))
		return nil
	}
	var out []*Step
	for i, n := range f.val.Content {
		if st := p.step(n, fmt.Sprintf("%s %d", what, i+1), vars); st != nil {
			out = append(out, st)
		}
	}
	return out
}

func (p *parser) step(n *yaml.Node, what string, vars map[string]bool) *Step {
	f := p.fields(n, what, stepFields...)
	if n.Kind != yaml.MappingNode {
		return nil
	}
	st := &Step{Line: n.Line}
	p.uses = &st.uses
	defer func() { p.uses = nil }()
	var kindField field
	for _, k := range kinds {
		if v, ok := f[string(k)]; ok {
			if st.Kind != "" {
				p.errf(v.key, "%s: both %s and %s: a step does one thing", what, st.Kind, k)
				continue
			}
			st.Kind, kindField = k, v
		}
	}
	if st.Kind == "" {
		p.errf(n, "%s: no action: give one of %s", what, kindList())
		return nil
	}
	what = fmt.Sprintf("%s (%s)", what, st.Kind)
	st.Arg, _ = p.str(kindField, what)
	p.checkTemplates(kindField.val, st.Arg, vars)

	if v, ok := f["title"]; ok {
		st.Title = p.text(v, what+" title")
	} else {
		p.errf(n, "%s: missing field \"title\"", what)
	}
	if v, ok := f["why"]; ok {
		st.Why = p.text(v, what+" why")
	}
	if v, ok := f["look"]; ok {
		st.Look = p.text(v, what+" look")
	}
	if v, ok := f["on"]; ok {
		if st.Kind != KindRun && st.Kind != KindSQL {
			p.errf(v.key, "%s: on: only run and sql steps act on a node; name the node in %s itself", what, st.Kind)
		}
		st.On, _ = p.str(v, what+" on")
		p.checkTemplates(v.val, st.On, vars)
	} else if st.Kind == KindSQL {
		p.errf(n, "%s: missing field \"on\" (a PostgreSQL node, or the balancer)", what)
	}
	if v, ok := f["answers"]; ok {
		st.Answers = p.strings(v, what+" answers")
		if p.opts.Catalog != nil {
			for _, a := range st.Answers {
				if _, _, ok := p.opts.Catalog.Question(a); !ok {
					p.errf(v.val, "%s: answers: unknown question %q", what, a)
				}
			}
		}
	}
	if v, ok := f["timeout"]; ok {
		st.Timeout = p.duration(v, what+" timeout")
	} else if st.Kind == KindWait {
		p.errf(n, "%s: missing field \"timeout\" (every wait has a deadline, e.g. timeout: 90s)", what)
	}
	if v, ok := f["within"]; ok {
		if st.Kind != KindRun && st.Kind != KindSQL {
			p.errf(v.key, "%s: within: only run and sql steps are retried", what)
		}
		st.Within = p.duration(v, what+" within")
	}
	if v, ok := f["during"]; ok {
		if st.Kind != KindWait {
			p.errf(v.key, "%s: during: only a wait's condition is held", what)
		}
		st.During = p.duration(v, what+" during")
	}
	if v, ok := f["mark"]; ok {
		st.Mark, _ = p.str(v, what+" mark")
		words := strings.Fields(st.Mark)
		if len(words) == 0 || !(words[0] == "fault" && len(words) == 2 || words[0] == "restore" && len(words) == 1) {
			p.errf(v.val, "%s: mark: want \"fault KIND\" or \"restore\", got %q", what, st.Mark)
		}
	}
	if v, ok := f["expect"]; ok {
		if st.Kind != KindRun && st.Kind != KindSQL && st.Kind != KindLoad {
			p.errf(v.key, "%s: expect: only run and sql steps have output to check", what)
		}
		st.Expect = p.expect(v, what, st.Kind, vars)
	}
	p.kindSpecific(st, kindField, what)
	if v, ok := f["capture"]; ok {
		st.Capture = p.captures(v, what, st.Kind)
		for _, c := range st.Capture {
			vars[c.Var] = true
		}
	}
	// Texts are expanded after the step ran, so they may name what it
	// captured; one that names a missing value shows "?", so they are no
	// use of it.
	p.uses = nil
	for _, key := range []string{"title", "why", "look"} {
		if v, ok := f[key]; ok && v.val.Kind == yaml.MappingNode {
			for i := 1; i < len(v.val.Content); i += 2 {
				p.checkTemplates(v.val.Content[i], v.val.Content[i].Value, vars)
			}
		}
	}
	return st
}

func kindList() string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// kindSpecific checks the action's value: the tool of a run step, the node
// of a fault, the condition of a wait; and the node kinds they act on.
func (p *parser) kindSpecific(st *Step, f field, what string) {
	if st.Arg == "" {
		return
	}
	switch st.Kind {
	case KindRun:
		words, err := SplitWords(st.Arg)
		if err != nil {
			p.errf(f.val, "%s: %v", what, err)
			return
		}
		tool := words[0]
		if !contains(Tools, tool) {
			p.errf(f.val, "%s: unknown tool %q (known: %s)", what, tool, strings.Join(Tools, ", "))
			return
		}
		switch tool {
		case "etcdctl":
			p.checkNode(f.val, st.On, what+" on", NodeEtcd)
		case "patronictl":
			p.checkNode(f.val, st.On, what+" on", NodePostgres)
		case "grep-log":
			if st.On == "" {
				p.errf(f.val, "%s: grep-log needs on: the node whose log to search", what)
			}
			p.checkNode(f.val, st.On, what+" on")
		default:
			p.checkNode(f.val, st.On, what+" on")
		}
	case KindSQL:
		p.checkNode(f.val, st.On, what+" on", NodePostgres, NodeBalancer)
	case KindStop, KindKill, KindStart:
		p.checkNode(f.val, st.Arg, what)
	case KindPause, KindResume:
		p.checkNode(f.val, st.Arg, what, NodePostgres)
	case KindLoad:
		if st.Arg != "start" && st.Arg != "stop" {
			p.errf(f.val, "%s: want start or stop, got %q", what, st.Arg)
		}
	case KindWait:
		c, err := parseCondition(st.Arg)
		if err != nil {
			p.errf(f.val, "%s: %v", what, err)
			return
		}
		st.cond = c
		switch {
		case c.kind == condReplicaStreamsAs:
			if mode := c.node; mode != "sync" && mode != "async" && !strings.HasPrefix(mode, "{{") {
				p.errf(f.val, "%s: replica mode %q: want sync, async or {{sync_state}}", what, mode)
			}
		case c.node != "":
			p.checkNode(f.val, c.node, what, NodePostgres)
		}
	}
}

// checkNode checks a literal node name against the lab's nodes and kinds;
// a templated one is only known when the step runs.
func (p *parser) checkNode(n *yaml.Node, node, what string, kinds ...string) {
	if node == "" || strings.Contains(node, "{{") || p.opts.Nodes == nil {
		return
	}
	var names []string
	for _, ln := range p.opts.Nodes {
		names = append(names, ln.Name)
		if ln.Name == node {
			if len(kinds) > 0 && !contains(kinds, ln.Kind) {
				p.errf(n, "%s: %s is a %s node; want %s", what, node, ln.Kind, strings.Join(kinds, " or "))
			}
			return
		}
	}
	p.errf(n, "%s: unknown node %q (nodes: %s)", what, node, strings.Join(names, ", "))
}

// checkTemplates reports variables that no earlier step captured.
func (p *parser) checkTemplates(n *yaml.Node, s string, vars map[string]bool) {
	rs, err := refs(s)
	if err != nil {
		p.errf(n, "%v", err)
		return
	}
	for _, r := range rs {
		if p.uses != nil {
			*p.uses = append(*p.uses, r.name)
		}
		if vars[r.name] {
			continue
		}
		if r.attr != "" && p.isNode(r.name) {
			continue
		}
		var known []string
		for v := range vars {
			known = append(known, v)
		}
		sort.Strings(known)
		p.errf(n, "unknown variable {{%s}}: capture it in an earlier step (known here: %s)", r.name, strings.Join(known, ", "))
	}
}

func (p *parser) isNode(name string) bool {
	if p.opts.Nodes == nil {
		return nodeNameRE.MatchString(name)
	}
	for _, n := range p.opts.Nodes {
		if n.Name == name {
			return true
		}
	}
	return false
}

func (p *parser) expect(f field, what string, k Kind, vars map[string]bool) *Expect {
	what += " expect"
	if k == KindLoad {
		return p.loadExpect(f, what)
	}
	ef := p.fields(f.val, what, "exit", "output", "no_output", "count", "value", "columns", "rows")
	e := &Expect{}
	sqlOnly := func(key string) {
		if k != KindSQL {
			p.errf(ef[key].key, "%s: %s: only sql steps return rows", what, key)
		}
	}
	regex := func(v field, s string) {
		p.checkTemplates(v.val, s, vars)
		if _, err := regexp.Compile(placeholder(s)); err != nil {
			p.errf(v.val, "%s: bad regex %q: %v", what, s, err)
		}
	}
	if v, ok := ef["exit"]; ok {
		if n, ok := p.integer(v, what+" exit"); ok {
			e.Exit = &n
		}
	}
	for key, dst := range map[string]*[]string{"output": &e.Output, "no_output": &e.NoOutput} {
		if v, ok := ef[key]; ok {
			*dst = p.strings(v, what+" "+key)
			for _, s := range *dst {
				regex(v, s)
			}
		}
	}
	if v, ok := ef["count"]; ok {
		cf := p.fields(v.val, what+" count")
		keys := make([]string, 0, len(cf))
		for re := range cf {
			keys = append(keys, re)
		}
		sort.Slice(keys, func(i, j int) bool { return cf[keys[i]].key.Line < cf[keys[j]].key.Line })
		for _, re := range keys {
			regex(field{cf[re].key, cf[re].key}, re)
			if n, ok := p.integer(cf[re], what+" count"); ok {
				e.Count = append(e.Count, CountExpect{re, n})
			}
		}
	}
	if v, ok := ef["value"]; ok {
		sqlOnly("value")
		if v.val.Kind != yaml.ScalarNode {
			p.errf(v.val, "%s value: want a scalar, got %s", what, describe(v.val))
		} else {
			s := v.val.Value
			e.Value = &s
			p.checkTemplates(v.val, s, vars)
		}
	}
	if v, ok := ef["columns"]; ok {
		sqlOnly("columns")
		e.Columns = map[string]string{}
		for col, cv := range p.fields(v.val, what+" columns") {
			if cv.val.Kind != yaml.ScalarNode {
				p.errf(cv.val, "%s columns %s: want a scalar", what, col)
				continue
			}
			e.Columns[col] = cv.val.Value
			p.checkTemplates(cv.val, cv.val.Value, vars)
		}
	}
	if v, ok := ef["rows"]; ok {
		sqlOnly("rows")
		if n, ok := p.integer(v, what+" rows"); ok {
			e.Rows = &n
		}
	}
	return e
}

var captureSources = []string{"leader", "replica", "value", "output", "column NAME"}

func (p *parser) captures(f field, what string, k Kind) []Capture {
	what += " capture"
	if f.val.Kind != yaml.MappingNode {
		p.errf(f.val, "%s: want a mapping of variable: source, got %s", what, describe(f.val))
		return nil
	}
	var out []Capture
	p.fields(f.val, what) // duplicates
	for i := 0; i+1 < len(f.val.Content); i += 2 {
		kn, vn := f.val.Content[i], f.val.Content[i+1]
		name := kn.Value
		if !varNameRE.MatchString(name) {
			p.errf(kn, "%s: bad variable name %q (lowercase letters, digits, _)", what, name)
			continue
		}
		if contains(Builtins, name) {
			p.errf(kn, "%s: %q is a built-in variable", what, name)
			continue
		}
		src, ok := p.str(field{kn, vn}, what+" "+name)
		if !ok {
			continue
		}
		col, isCol := strings.CutPrefix(src, "column ")
		switch {
		case src == "leader" || src == "replica" || src == "output":
		case src == "value" || (isCol && strings.TrimSpace(col) != ""):
			if k != KindSQL {
				p.errf(vn, "%s %s: %q comes from a sql step", what, name, src)
			}
		default:
			p.errf(vn, "%s %s: unknown source %q (known: %s)", what, name, src, strings.Join(captureSources, ", "))
			continue
		}
		out = append(out, Capture{Var: name, Source: src})
	}
	return out
}

// loadExpect reads what a load stop step must show: lost, split_brain
// (maxima) and rejoined.
func (p *parser) loadExpect(f field, what string) *Expect {
	ef := p.fields(f.val, what, "lost", "split_brain", "rejoined")
	e := &Expect{}
	for key, dst := range map[string]**int{"lost": &e.Lost, "split_brain": &e.SplitBrain} {
		if v, ok := ef[key]; ok {
			if n, ok := p.integer(v, what+" "+key); ok {
				*dst = &n
			}
		}
	}
	if v, ok := ef["rejoined"]; ok {
		b, err := strconv.ParseBool(v.val.Value)
		if err != nil {
			p.errf(v.val, "%s rejoined: want true or false, got %s", what, describe(v.val))
		} else {
			e.Rejoined = &b
		}
	}
	return e
}

// forLab says what a scenario file needs that a lab of profile on runtime
// lacks ("the docker runtime (--runtime docker)"), or "" when it applies:
// a file without `profiles:` (`runtimes:`) applies to all. A file this
// cannot read applies, so that Parse reports what is wrong with it.
func forLab(data []byte, profile, runtime string) (need string, profileFits bool) {
	var head struct {
		Profiles []string `yaml:"profiles"`
		Runtimes []string `yaml:"runtimes"`
	}
	if yaml.Unmarshal(data, &head) != nil {
		return "", true
	}
	fits := func(want []string, have string) bool { return have == "" || len(want) == 0 || contains(want, have) }
	switch {
	case !fits(head.Profiles, profile):
		return fmt.Sprintf("the %s profile (--profile %s)", strings.Join(head.Profiles, " or "), head.Profiles[0]), false
	case !fits(head.Runtimes, runtime):
		return fmt.Sprintf("the %s runtime (--runtime %s)", strings.Join(head.Runtimes, " or "), head.Runtimes[0]), true
	}
	return "", true
}

// Package lint checks an exercise directory (Dockerfile, docker-compose.yaml,
// postgresN-conf/patroni.yml, haproxy/haproxy.cfg) without running anything:
// it knows the operations test's planted bugs (loopback addresses, the etcd v2
// section, Patroni as root, no PostGIS 3, no HAProxy) and the mistakes people
// make fixing them (ports and host names that don't match across files, pip
// on a PEP 668 image, an HAProxy that sends writes to the replica).
//
// Every problem is a Finding with the file and line of the offending value;
// the error return is only for a directory that can't be linted at all.
package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/sirupsen/logrus"
	"gopkg.in/yaml.v3"
)

// Finding is one problem in an exercise directory, or a note about what
// lint could not check there.
type Finding struct {
	File    string // path relative to the checked dir, slash-separated, e.g. "postgres1-conf/patroni.yml"
	Line    int    // 1-based; 0 when the problem is about a whole file (e.g. missing)
	Problem string // what is wrong (for a note: what lint could not check, and why)
	Fix     string // how to fix it (for a note: how to check it by hand)
	// Note marks a finding whose deciding input is out of lint's sight (a
	// config a script writes at start, a build context outside the answer,
	// an image lint cannot look into): lint says once what it could not
	// check. It is not a problem of the answer.
	Note bool
}

// String renders "file:line: problem — fix" (":line" is left out when Line
// is 0); a note reads "file:line: note: ...".
func (f Finding) String() string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	if f.Note {
		loc += ": note"
	}
	if f.Fix == "" {
		return loc + ": " + f.Problem
	}
	return loc + ": " + f.Problem + " — " + f.Fix
}

// Problems returns the findings that are problems, leaving out the notes.
func Problems(findings []Finding) []Finding {
	var out []Finding
	for _, f := range findings {
		if !f.Note {
			out = append(out, f)
		}
	}
	return out
}

// Dir lints an exercise directory on disk.
func Dir(dir string) ([]Finding, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("lint: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("lint: %s is not a directory", dir)
	}
	findings, err := FS(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("lint %s: %w", dir, err)
	}
	return findings, nil
}

// FS lints an exercise directory held in an fs.FS (same layout), so the
// embedded files can be checked.
func FS(fsys fs.FS) ([]Finding, error) { return run(fsys, nil) }

// run lints fsys; after, when given, sees the linter once every check ran.
func run(fsys fs.FS, after func(*linter)) (findings []Finding, err error) {
	if fsys == nil {
		return nil, errors.New("lint: no file system")
	}
	// compose-go warns on stderr (through logrus) about variables that are
	// not set: lint's output is its findings, so those go nowhere.
	logMu.Lock()
	out := logrus.StandardLogger().Out
	logrus.SetOutput(io.Discard)
	defer func() { logrus.SetOutput(out); logMu.Unlock() }()
	// The answer's compose file sits one directory down (its only one):
	// docker compose runs there, so lint reads the answer from there.
	if sub := answerSubdir(fsys); sub != "" {
		if inner, err := fs.Sub(fsys, sub); err == nil {
			found, err := lintFS(inner, after, true)
			for i := range found {
				found[i].File = path.Join(sub, found[i].File)
			}
			return found, err
		}
	}
	return lintFS(fsys, after, false)
}

// answerSubdir is the one directory that holds the answer's compose files
// when the top holds none ("" otherwise).
func answerSubdir(fsys fs.FS) string {
	l := &linter{fsys: fsys, seen: map[string]bool{}, once: map[string]bool{}}
	for _, n := range composeNames {
		if l.exists(n) {
			return ""
		}
	}
	dirs := map[string]bool{}
	for _, c := range l.composeCandidates() {
		dirs[path.Dir(c)] = true
	}
	for _, n := range composeNames {
		if m, _ := globFS(l, "*/"+n); len(m) > 0 {
			for _, f := range m {
				dirs[path.Dir(f)] = true
			}
		}
	}
	if len(dirs) == 0 {
		// Nothing at the top or one folder down: the compose file kept
		// deeper (a build tool's test fixture, src/main/compose/) is the
		// answer's stack when it is the only one, or the only one that
		// runs Patroni.
		return deepStackDir(l)
	}
	if len(dirs) != 1 || dirs["."] {
		return ""
	}
	for d := range dirs {
		if deeper := patroniStackDir(l, d); deeper != "" {
			return deeper
		}
		return d
	}
	return ""
}

// patroniStackDir: when the one folder with compose files (dir) runs no
// Patroni (a helper stack: metrics, a dashboard that only creates a shared
// network), the one folder further down whose compose file does is the
// answer's stack (dcs/consul/06-x/docker-compose.yml); "" when there is no
// such folder or more than one.
func patroniStackDir(l *linter, dir string) string {
	ms, _ := fs.Glob(l.fsys, path.Join(dir, "*"))
	for _, m := range ms {
		if isYAMLName(m) && l.fileRunsPatroni(m) {
			return "" // the folder's own stack runs Patroni
		}
	}
	_, patroni := composeDirsBelow(l, false)
	return onlyKey(patroni)
}

// composeDirsBelow lists the folders two to four levels down that hold a
// compose file of a name docker compose looks for (all), and those whose
// compose file runs Patroni; folders under a dot-directory are left out
// when skipHidden.
func composeDirsBelow(l *linter, skipHidden bool) (all, patroni map[string]bool) {
	all, patroni = map[string]bool{}, map[string]bool{}
	for _, pat := range []string{"*/*/", "*/*/*/", "*/*/*/*/"} {
		for _, n := range composeNames {
			m, _ := fs.Glob(l.fsys, pat+n)
			for _, f := range m {
				if skipHidden && inHiddenDir(f) {
					continue
				}
				all[path.Dir(f)] = true
				if l.fileRunsPatroni(f) {
					patroni[path.Dir(f)] = true
				}
			}
		}
	}
	return all, patroni
}

// onlyKey is the one key of set, "" when it has none or several.
func onlyKey(set map[string]bool) string {
	if len(set) != 1 {
		return ""
	}
	for k := range set {
		return k
	}
	return ""
}

// deepStackDir is the one folder two to four levels down that holds
// compose files (of the names docker compose looks for), or, among several,
// the one whose compose file runs Patroni; "" when there is none or no
// single one.
func deepStackDir(l *linter) string {
	all, patroni := composeDirsBelow(l, true)
	if d := onlyKey(all); d != "" {
		return d
	}
	return onlyKey(patroni)
}

// lintFS lints an answer whose compose file, if any, is at the top of fsys.
func lintFS(fsys fs.FS, after func(*linter), subdir bool) (findings []Finding, err error) {
	l := &linter{fsys: fsys, seen: map[string]bool{}, once: map[string]bool{}, subdir: subdir}
	defer func() {
		if r := recover(); r != nil {
			// A bug in the linter must not take the caller down: report it.
			l.add("", 0, fmt.Sprintf("internal error while linting: %v", r), "report this as a pglab bug")
			findings, err = l.sorted(), nil
		}
	}()
	if err := l.discover(); err != nil {
		return nil, err
	}
	// Each other variant of the stack (run with -f in the chosen file's
	// place) with two nodes or more, not a Swarm stack, is checked as a
	// stack of its own; what it shares with the chosen one (the same file
	// and line, the same words) is said once.
	var variants []*linter
	for _, alt := range slices.Clone(l.alternatives) {
		v := &linter{fsys: fsys, seen: map[string]bool{}, once: map[string]bool{}, subdir: subdir, forceCompose: alt}
		if err := v.discover(); err != nil || v.compose == nil || len(v.compose.ofKind(kindNode)) < 2 || v.swarmStack() {
			continue // a one-node demo variant, or a Swarm stack (docker stack deploy): not run in the chosen file's place
		}
		variants = append(variants, v)
		l.alternatives = slices.DeleteFunc(l.alternatives, func(a string) bool { return a == alt })
	}
	l.check()
	if after != nil {
		after(l)
	}
	out := l.sorted()
	for _, v := range variants {
		v.check()
		for _, f := range v.sorted() {
			if !slices.ContainsFunc(out, func(g Finding) bool { return g.File == f.File && g.Line == f.Line && g.Problem == f.Problem }) {
				out = append(out, f)
			}
		}
	}
	if len(variants) > 0 {
		l.findings = out
		out = l.sorted()
	}
	return out, nil
}

// logMu serialises the swap of logrus's output while a directory is linted.
var logMu sync.Mutex

// Well-known paths of the exercise.
const (
	patroniDir     = "/etc/patroni"
	haproxyCfgPath = "/usr/local/etc/haproxy/haproxy.cfg"
	haproxyCfgDir  = "/usr/local/etc/haproxy"
	zkPort         = "2181"
)

// rules are what differs between the exercises pglab knows: the operations
// test (etcd, PostgreSQL 12, PostGIS 3), the HA lab (ZooKeeper, PostgreSQL
// 15, no PostGIS), and a close variant of either (Patroni + etcd or ZooKeeper
// + HAProxy under other names), which is held to Patroni's rules only.
type rules struct {
	exercise string
	strict   bool // the exercise's own requirements apply (versions, ports, members)
	pgMajor  string
	pgFixed  bool // the exercise's text forbids another major (the operations test: "no modifiques la versión de PostgreSQL, que es la 12"); the lab's only starts from postgres:15
	postgis  bool
	dcs      string // etcd, zookeeper, or another DCS Patroni supports (a variant's)
}

var (
	opsRules    = rules{exercise: "the operations test", strict: true, pgMajor: "12", pgFixed: true, postgis: true, dcs: "etcd"}
	labRules    = rules{exercise: "the HA lab", strict: true, pgMajor: "15", postgis: false, dcs: "zookeeper"}
	etcdVariant = rules{exercise: "this Patroni + etcd stack", dcs: "etcd"}
	zkVariant   = rules{exercise: "this Patroni + ZooKeeper stack", dcs: "zookeeper"}
)

// detectRules decides the exercise first, from the shape of the files: the
// operations test has postgres1/postgres2 (or postgresN-conf/) on etcd, the
// HA lab pg-master/pg-slave (or postgres0.yml/postgres1.yml) on ZooKeeper.
func (l *linter) detectRules() {
	zk := false
	shapeOps, shapeLab := l.isDir("postgres1-conf") || l.isDir("postgres2-conf"), l.exists("postgres0.yml") && l.exists("postgres1.yml")
	if l.compose != nil {
		zk = len(l.compose.ofKind(kindZooKeeper)) > 0
		for _, s := range l.compose.services {
			switch {
			case (s.name == "postgres1" || s.name == "postgres2") && l.compose.byName["etcd1"] != nil && s.build != nil && (opsDockerfile(s.build) || l.buildsOpsImage(s.build)):
				// (the exercise builds its nodes from its Dockerfile; a
				// stack of ready-made images under those names, or built
				// from a Dockerfile of another name, is a variant)
				shapeOps = true
			case s.name == "pg-master" || s.name == "pg-slave" || slices.Contains(s.names, "postgres_entrypoint"):
				shapeLab = true
			}
		}
	}
	other := "" // a DCS other than etcd and ZooKeeper that every node names
	for _, n := range l.nodes {
		if n.conf != nil && n.conf.root != nil {
			if k, _ := get(n.conf.root, "zookeeper"); k != nil {
				zk = true
			}
		}
		if d := otherDCS(n); d != "" {
			other = d
		}
	}
	if other == "" {
		// Templates a start script fills in still name their DCS section.
		for _, n := range l.templates {
			if n.conf != nil && n.conf.root != nil {
				if d := otherDCS(n); d != "" {
					other = d
				}
			}
		}
	}
	if other == "" && l.compose != nil {
		// A node configured by PATRONI_* variables alone (Patroni's docker
		// image with PATRONI_CONSUL_HOST) names its DCS there.
		for _, s := range l.compose.services {
			if s.kind == kindNode && !slices.ContainsFunc(l.nodes, func(n *nodeConf) bool { return n.svc == s }) {
				if d := otherDCS(&nodeConf{svc: s}); d != "" {
					other = d
				}
			}
		}
	}
	if zk && l.compose != nil && len(l.compose.ofKind(kindEtcd)) > 0 && l.nodesNameEtcdOnly() {
		// The ZooKeeper of the stack is another program's (Kafka's): the
		// DCS is the one the Patroni configs name, and the stack runs it.
		zk = false
	}
	bare := l.compose == nil && !l.splitStack() // the exercise's files with no compose file yet
	switch {
	case other != "" && !zk && !shapeOps && !shapeLab:
		l.rules = rules{exercise: "this Patroni + " + other + " stack", dcs: other}
	case zk && (shapeLab || bare):
		l.rules = labRules
	case zk:
		l.rules = zkVariant
	case shapeOps || bare:
		l.rules = opsRules
	default:
		l.rules = etcdVariant
	}
}

// nodesNameEtcdOnly: some node has a Patroni config, and every node's config
// has an etcd or etcd3 section and no zookeeper section.
func (l *linter) nodesNameEtcdOnly() bool {
	seen := false
	for _, n := range l.nodes {
		if n.conf == nil || n.conf.root == nil {
			continue
		}
		k1, _ := get(n.conf.root, "etcd")
		k2, _ := get(n.conf.root, "etcd3")
		kz, _ := get(n.conf.root, "zookeeper")
		if (k1 == nil && k2 == nil) || kz != nil {
			return false
		}
		seen = true
	}
	return seen
}

// opsDockerfile: the build uses the exercise's own file, Dockerfile at the
// top of the directory. The service names alone are a weak sign (a stack
// of the same names built from Dockerfile.patroni or patroni/Dockerfile is
// another project's, and the operations test's PostgreSQL 12 and PostGIS
// are not its demands).
func opsDockerfile(b *buildSpec) bool {
	p, ok := b.dockerfilePath()
	return ok && p == "Dockerfile"
}

// buildsOpsImage: the build's Dockerfile, wherever it is
// (docker/Dockerfile), makes the operations test's own image: PostgreSQL
// 12 (FROM postgres:12, or an installed postgresql-12) with PostGIS 3
// (FROM postgis/postgis:12-3.x, or an installed postgresql-12-postgis-3).
// Another project's stack of the same service names builds another major.
func (l *linter) buildsOpsImage(b *buildSpec) bool {
	p, ok := b.dockerfilePath()
	if !ok {
		return false
	}
	data, ok := l.read(p)
	if !ok {
		return false
	}
	d := parseDockerfile(p, data)
	d.analyze(nil, "")
	pg12, postgis := false, false
	for _, st := range d.stages {
		repo, tag := imageRef(st.base)
		switch {
		case !st.baseOK:
		case repo == "postgres" && (tag == "12" || strings.HasPrefix(tag, "12.") || strings.HasPrefix(tag, "12-")):
			pg12 = true
		case repo == "postgis/postgis" && strings.HasPrefix(tag, "12-3"):
			pg12, postgis = true, true
		}
	}
	for _, in := range d.instrs {
		if in.cmd == "RUN" {
			text := runVars(in.text, in.vars)
			pg12 = pg12 || regexp.MustCompile(`(?:^|\s)postgresql-12(?:\s|$|=)`).MatchString(text)
			postgis = postgis || regexp.MustCompile(`(?:^|\s)postgresql-12-postgis-3\b`).MatchString(text)
			// postgis or postgresql-postgis beside PostgreSQL 12: the
			// exercise's PostGIS asked for, with the wrong package
			// (batch 33: es-nerea), which checkDockerfile reports.
			postgis = postgis || regexp.MustCompile(`(?:^|\s)(?:postgresql-)?postgis(?:\s|$|=)`).MatchString(text)
		}
	}
	return pg12 && postgis
}

// otherDCS names the DCS section of a node's config (or its PATRONI_<DCS>_*
// variables) when it is neither etcd nor ZooKeeper and no etcd section is
// there too: consul, kubernetes, raft or exhibitor, which Patroni supports
// as well.
func otherDCS(n *nodeConf) string {
	var root *yaml.Node
	if n.conf != nil {
		root = n.conf.root
	}
	for _, s := range []string{"etcd", "etcd3", "zookeeper"} {
		if k, _ := get(root, s); root != nil && k != nil {
			return ""
		}
		if n.svc != nil {
			for e := range n.svc.env {
				if strings.HasPrefix(e, "PATRONI_"+strings.ToUpper(s)+"_") {
					return "" // etcd or ZooKeeper named in its variables
				}
			}
		}
	}
	for _, s := range []string{"consul", "kubernetes", "raft", "exhibitor"} {
		if k, _ := get(root, s); root != nil && k != nil {
			return s
		}
		if n.svc != nil {
			for e := range n.svc.env {
				if strings.HasPrefix(e, "PATRONI_"+strings.ToUpper(s)+"_") {
					return s
				}
			}
		}
	}
	return ""
}

var composeNames = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

// nodeConf ties a Patroni config file to the compose service that mounts it.
type nodeConf struct {
	file   string   // config path in the exercise dir
	svc    *service // nil when found by the fallback glob
	name   string   // the node's expected host name (service name, or dir name guess)
	conf   *patroniConf
	text   string // a template written inline (a script's here-document)
	offset int    // lines before text in file
	// literal: a template whose text reaches Patroni as written but for
	// its placeholders (envsubst, sed on placeholder tokens, a here-
	// document cat writes): a line with no placeholder is the node's.
	literal bool
}

type linter struct {
	fsys     fs.FS
	findings []Finding
	seen     map[string]bool
	once     map[string]bool // checks that speak once per file, whatever the node
	// startNotes: the one note per compose command line that writes a
	// Patroni config at start, with every service that runs that line.
	startNotes map[string]*startNote
	env        map[string]string // .env

	composeFile    string
	composeOddName bool     // a name docker compose does not look for (needs -f)
	composeGen     *string  // the program that renders the compose file, once looked for
	compose        *compose // nil when missing or unparsable

	dockerfilePath string      // the PostgreSQL nodes' Dockerfile ("" when none)
	dockerfile     *dockerfile // nil when missing
	postgis3       string      // where the Dockerfile installs PostGIS 3 (FILE:LINE: what), "" when it shows none
	buildArgs      map[string]sval
	buildSvcs      []*service // node services built from the Dockerfile
	dfs            map[string]*dockerfile
	looks          map[string]bool // files known to be (or not be) Patroni configs
	noPatroniSaid  map[string]bool // pulled no-Patroni images already reported (pulledNoPatroni)
	seenMissing    bool            // findNodes: the current node's config got a finding
	noConfig       []noConfig      // nodes whose config was not found (one finding per cause)
	envOnly        []*service      // nodes Patroni configures from PATRONI_* variables alone (no config file)
	extMiss        []extMiss       // configs mounted under the other YAML extension than Patroni is given

	nodes     []*nodeConf
	templates []*nodeConf // config templates a start script fills in: keys only

	// The stack split over several compose files (docker compose -f a -f b,
	// or one per subdirectory): the others' services count as hosts, their
	// settings are not checked.
	others     []string
	otherHosts map[string]bool
	foreignIPs map[string][]string // file -> IPs of no compose service (other machines?)
	foreignAt  map[string]int      // file -> first line naming one

	haInstead string   // the main compose file, set aside for another that runs Patroni
	perHost   []string // compose files one per machine, an alternative to the main one (not parts of it)
	// alternatives are top-level compose files under other names, with no
	// default-named one, that define the checked file's services again.
	alternatives []string

	haproxyFile      string
	haproxyTemplate  bool   // the haproxy service's start script fills the file in (sed, envsubst)
	haproxyUnused    string // a loose haproxy.cfg no haproxy service reads (their images bring theirs)
	haproxyNoService bool   // ... because the compose file has no HAProxy service at all
	haproxy          *haproxyCfg

	rules rules

	groups       []*group       // findings of one cause on several lines of a file, said once
	subdir       bool           // the answer's compose directory is below its top (files up there are out of sight)
	forceCompose string         // a variant of the stack checked on its own (its peers already were)
	otherSvcs    []otherService // the services of l.others, read on demand
	texts        *[]answerFile  // the answer's text files, read on first use (textFiles)
}

// group gathers the lines of one file that show the same cause (several
// servers checking the wrong port, several etcd members without
// --initial-cluster): one finding names them all.
type group struct {
	key   string
	file  string
	lines []int
	items []string
	msg   func(items []string) string
	fix   string
	note  bool // flushed as a note
}

// gather adds a line and its item (a server, a member) to the group of its
// cause; flushGroups turns each group into one finding at its first line.
func (l *linter) gather(key, file string, line int, item string, msg func(items []string) string, fix string) {
	for _, g := range l.groups {
		if g.key == key && g.file == file {
			if !slices.Contains(g.lines, line) {
				g.lines = append(g.lines, line)
				g.items = append(g.items, item)
			}
			return
		}
	}
	l.groups = append(l.groups, &group{key: key, file: file, lines: []int{line}, items: []string{item}, msg: msg, fix: fix})
}

// gatherEach is gather for items that may share a line (services merged
// from one anchor): each item is named, each line listed once.
func (l *linter) gatherEach(key, file string, line int, item string, msg func(items []string) string, fix string) {
	for _, g := range l.groups {
		if g.key == key && g.file == file {
			if !slices.Contains(g.items, item) {
				g.items = append(g.items, item)
			}
			if !slices.Contains(g.lines, line) {
				g.lines = append(g.lines, line)
			}
			return
		}
	}
	l.groups = append(l.groups, &group{key: key, file: file, lines: []int{line}, items: []string{item}, msg: msg, fix: fix})
}

// gatherNote is gather for a note: one note per cause, naming every line.
func (l *linter) gatherNote(key, file string, line int, item string, msg func(items []string) string, fix string) {
	l.gather(key, file, line, item, msg, fix)
	for _, g := range l.groups {
		if g.key == key && g.file == file {
			g.note = true
		}
	}
}

func (l *linter) flushGroups() {
	for _, g := range l.groups {
		lines := slices.Clone(g.lines)
		slices.Sort(lines)
		if g.note {
			l.note(g.file, lines[0], g.msg(g.items)+alsoLines(lines), g.fix)
			continue
		}
		l.add(g.file, lines[0], g.msg(g.items)+alsoLines(lines), g.fix)
	}
	l.groups = nil
}

func (l *linter) add(file string, line int, problem, fix string) {
	key := fmt.Sprintf("%s\x00%d\x00%s", file, line, problem)
	if l.seen[key] {
		return
	}
	l.seen[key] = true
	l.findings = append(l.findings, Finding{File: file, Line: line, Problem: problem, Fix: fix})
}

// note records what lint could not check and why: an input that decides it
// is out of sight. Notes are few: one per cause.
func (l *linter) note(file string, line int, what, how string) {
	key := fmt.Sprintf("%s\x00%d\x00note\x00%s", file, line, what)
	if l.seen[key] {
		return
	}
	l.seen[key] = true
	l.findings = append(l.findings, Finding{File: file, Line: line, Problem: what, Fix: how, Note: true})
}

func (l *linter) sorted() []Finding {
	out := slices.Clone(l.findings)
	slices.SortStableFunc(out, func(a, b Finding) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return strings.Compare(a.Problem, b.Problem)
	})
	return out
}

// guard runs one check; a panic in it becomes a finding instead of stopping the rest.
func (l *linter) guard(file string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			l.add(file, 0, fmt.Sprintf("internal error while checking this file: %v", r), "report this as a pglab bug")
		}
	}()
	f()
}

// exists reports whether a regular file is at p.
func (l *linter) exists(p string) bool {
	st, err := fs.Stat(l.fsys, p)
	return err == nil && !st.IsDir()
}

func (l *linter) isDir(p string) bool {
	if p == "." {
		return true
	}
	st, err := fs.Stat(l.fsys, p)
	return err == nil && st.IsDir()
}

// read returns a file's content; ok is false when it is missing or unreadable
// (unreadable files get a finding here, missing ones are the caller's call).
func (l *linter) read(p string) ([]byte, bool) {
	data, err := fs.ReadFile(l.fsys, p)
	if err == nil {
		return data, true
	}
	if !errors.Is(err, fs.ErrNotExist) && !l.isDir(p) { // a directory (mounted at a file's path) is the caller's call
		l.add(p, 0, fmt.Sprintf("cannot read the file: %v", err), "make it a readable regular file")
	}
	return nil, false
}

// discover finds the files of the exercise: compose file, Dockerfile, Patroni
// configs and haproxy.cfg, following the compose file where it can.
func (l *linter) discover() error {
	if _, err := fs.Stat(l.fsys, "."); err != nil {
		return fmt.Errorf("cannot read the exercise directory: %w", err)
	}
	l.env = map[string]string{}
	if data, ok := l.read(".env"); ok {
		if env, err := dotenv.UnmarshalBytesWithLookup(data, nil); err == nil {
			l.env = env
		} else {
			l.add(".env", 0, "docker compose cannot read .env: "+err.Error(), "write KEY=value lines")
		}
	}

	// Compose file: docker compose's own order of preference.
	var found []string
	for _, n := range composeNames {
		if l.exists(n) {
			found = append(found, n)
		}
	}
	cands := l.composeCandidates()
	if l.forceCompose != "" {
		// A variant of the stack checked on its own (docker compose -f
		// FILE): the other files are the chosen variant and its peers.
		found, cands = []string{l.forceCompose}, nil
	}
	if len(found) == 0 {
		// A compose file under another name: docker compose needs -f for it.
		if f := l.composeElsewhere(cands); f != "" {
			found, l.composeOddName = []string{f}, true
		}
	}
	// Per-host alternatives to the main file: files in subfolders that only
	// redefine the main file's services, once one of them is plainly meant
	// to run on its own machine (host network, paths from its own folder).
	alt, anyOwn := map[string]bool{}, false
	for _, c := range cands {
		if len(found) > 0 && !slices.Contains(found, c) {
			if redefines, own := l.perHostAlternative(found[0], c); redefines {
				alt[c], anyOwn = true, anyOwn || own
			}
		}
	}
	elsewhere := l.composeOddName
	var extended map[string]bool
	if len(found) > 0 {
		extended = l.extendsFiles(found[0])
	}
	for _, c := range cands {
		if !slices.Contains(found, c) && !extended[c] {
			if anyOwn && alt[c] {
				l.perHost = append(l.perHost, c)
				continue
			}
			if elsewhere && !strings.Contains(c, "/") && l.sharesService(found[0], c) && !l.halvesOfOneStack(found[0], c) {
				// Another top-level file run with -f that defines the
				// chosen file's services again (a one-node and a
				// three-node variant): an alternative, not a part.
				l.alternatives = append(l.alternatives, c)
				continue
			}
			l.others = append(l.others, c)
		}
	}
	if len(l.alternatives) > 0 {
		l.composeOddName = false // variants of one stack: -f is how they are meant to be used
	}
	if len(l.others) > 0 {
		l.composeOddName = false // several files: -f is how they are meant to be used
		// The HA half of a split stack (docker-compose-ha.yml next to a
		// plain docker-compose.yml): the file that runs Patroni is the one
		// to check, the main one's services count as hosts.
		if len(found) > 0 && !l.fileRunsPatroni(found[0]) {
			for i, o := range l.others {
				if path.Dir(o) == "." && l.fileRunsPatroni(o) {
					l.haInstead = found[0]
					l.others = append(slices.Delete(slices.Clone(l.others), i, i+1), found[0])
					found = []string{o}
					break
				}
			}
		}
		l.readOtherHosts()
	}
	if len(found) > 0 {
		l.composeFile = found[0]
		for _, other := range found[1:] {
			l.add(other, 0, fmt.Sprintf("ignored: docker compose reads %s when both exist", found[0]),
				fmt.Sprintf("keep one compose file (delete %s or merge it into %s)", other, found[0]))
		}
		if data, ok := l.read(l.composeFile); ok {
			l.compose = l.parseCompose(l.composeFile, data)
		}
	}

	// Dockerfiles: each built service's, found as docker compose finds it;
	// then which services are PostgreSQL nodes, from what they run.
	l.dfs = map[string]*dockerfile{}
	l.buildArgs = map[string]sval{}
	if l.compose != nil {
		for _, sv := range l.compose.services {
			l.resolveBuild(sv)
		}
		for _, sv := range l.compose.services {
			// A service without build: that runs the image another service builds.
			for _, o := range l.compose.services {
				if sv.build == nil && o.build != nil && sv.hasImage && o.hasImage && sv.image.s == o.image.s {
					sv.df, sv.dfPath = o.df, o.dfPath
				}
			}
		}
		l.handBuiltImages()
		l.ciBuiltImages()
		for _, sv := range l.compose.services {
			sv.kind = l.classify(sv)
		}
		// A node that runs the image another service builds (image: the
		// same tag, no build: of its own) runs that service's Dockerfile.
		builders := map[string]*service{}
		for _, sv := range l.compose.services {
			if sv.build != nil && sv.hasImage && sv.image.ok && sv.dfPath != "" && builders[sv.image.s] == nil {
				builders[sv.image.s] = sv
			}
		}
		for _, sv := range l.compose.services {
			if b := builders[sv.image.s]; sv.kind == kindNode && sv.build == nil && !sv.handBuilt && sv.hasImage && b != nil && (sv.df == nil || sv.df == b.df) {
				sv.df, sv.dfPath, sv.handBuilt = b.df, b.dfPath, true
			}
		}
		for _, sv := range l.compose.services {
			if sv.kind != kindNode || (sv.build == nil && !sv.handBuilt) {
				continue
			}
			if l.dockerfilePath == "" {
				l.dockerfilePath, l.dockerfile = sv.dfPath, sv.df
				if sv.build != nil {
					l.buildArgs = sv.build.args
				}
			}
			if sv.dfPath == l.dockerfilePath {
				l.buildSvcs = append(l.buildSvcs, sv)
			}
		}
	}
	if l.dockerfilePath == "" && (l.compose == nil || !l.compose.hasNodes()) {
		for _, n := range []string{"Dockerfile", "dockerfile"} {
			if l.exists(n) {
				// The nodes' image only if it is a database image: an
				// application's Dockerfile next to a stack whose nodes
				// run from other files is not.
				if d := l.loadDockerfile(n, nil); d != nil && !d.databaseImage() {
					break
				}
				l.dockerfilePath = n
				break
			}
		}
		if l.dockerfilePath == "" && l.compose == nil && l.splitStack() {
			// Compose files in subdirectories: the Dockerfile next to
			// them that installs Patroni is the nodes' image.
			ds, _ := globFS(l, "*/Dockerfile")
			for _, d := range ds {
				if data, ok := l.read(d); ok && strings.Contains(strings.ToLower(string(data)), "patroni") {
					l.dockerfilePath = d
					break
				}
			}
		}
		if l.dockerfilePath != "" {
			l.dockerfile = l.loadDockerfile(l.dockerfilePath, nil)
		}
	}
	if l.dockerfile != nil {
		l.dockerfile.analyze(l.buildArgs, l.composeFile)
	}

	l.detectRules()
	l.findNodes()
	l.findHAProxy()

	if l.composeFile == "" && l.dockerfile == nil && len(l.nodes) == 0 {
		return errors.New("unknown layout: no exercise files found; expected Dockerfile, docker-compose.yaml and postgresN-conf/patroni.yml")
	}
	return nil
}

// composeCandidates lists the YAML files, at the top of the answer or one
// directory down, whose services: is a mapping of services (a Patroni config
// has no services:), other than the names docker compose looks for at the top.
func (l *linter) composeCandidates() []string {
	out := l.composeFilesIn([]string{"*.yml", "*.yaml", "*/*.yml", "*/*.yaml"})
	if len(out) == 0 && !slices.ContainsFunc(composeNames, l.exists) {
		// A multi-host answer: one folder per role, one compose file per
		// machine below it (etcd/node01/docker-compose.yaml).
		var pats []string
		for _, n := range composeNames {
			pats = append(pats, "*/*/"+n)
		}
		out = l.composeFilesIn(pats)
	}
	return out
}

// composeFilesIn lists the files matching pats that hold compose services.
func (l *linter) composeFilesIn(pats []string) []string {
	var yamls []string
	for _, pat := range pats {
		m, _ := globFS(l, pat)
		yamls = append(yamls, m...)
	}
	slices.Sort(yamls)
	var out []string
	for _, f := range yamls {
		if slices.Contains(composeNames, f) {
			continue
		}
		data, ok := l.read(f)
		if !ok {
			continue
		}
		root, _, err := parseYAML(data)
		if err != nil || !isMap(root) {
			continue
		}
		if _, sv := get(root, "services"); isMap(sv) {
			for _, p := range pairs(sv) {
				_, img := get(p.v, "image")
				_, b := get(p.v, "build")
				if img != nil || b != nil {
					out = append(out, f)
					break
				}
			}
		} else if sv == nil && !strings.Contains(f, "/") && len(legacyV1Services(root)) > 0 {
			// A compose file of the v1 format (services at the top
			// level, every one with image: or build:), run with -f.
			out = append(out, f)
		}
	}
	return out
}

// composeElsewhere picks, among the top-level compose files under other
// names, the one that runs the PostgreSQL nodes: the one that names Patroni
// most often.
func (l *linter) composeElsewhere(cands []string) string {
	best, most := "", -1
	for _, f := range cands {
		if strings.Contains(f, "/") {
			continue // paths in a subdirectory's file are relative to it
		}
		data, _ := l.read(f)
		if n := strings.Count(strings.ToLower(string(data)), "patroni"); n > most {
			best, most = f, n
		}
	}
	return best
}

// readOtherHosts collects the names and fixed addresses of the services of
// the other compose files: hosts the main file's configs may name.
func (l *linter) readOtherHosts() {
	l.otherHosts = map[string]bool{}
	for _, f := range l.others {
		data, _ := l.read(f)
		root, _, err := parseYAML(data)
		if err != nil {
			continue
		}
		_, sv := get(root, "services")
		for _, p := range pairs(sv) {
			l.otherHosts[p.k.Value] = true
			for _, key := range []string{"container_name", "hostname"} {
				if _, v := get(p.v, key); v != nil {
					if s, ok := scalar(v); ok {
						l.otherHosts[s] = true
					}
				}
			}
			if _, nets := get(p.v, "networks"); isMap(nets) {
				for _, np := range pairs(nets) {
					if _, ip := get(np.v, "ipv4_address"); ip != nil {
						if s, ok := scalar(ip); ok {
							l.otherHosts[s] = true
						}
					}
				}
			}
		}
	}
}

// outOfSight reports a host lint cannot judge: a service of another compose
// file, or an IP literal no compose service has, in no /24 a service's fixed
// address is in (another machine, most likely); the latter is noted once
// per file.
func (l *linter) outOfSight(file string, line int, host string) bool {
	if l.otherHosts[host] {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() == nil || ip.IsLoopback() || ip.IsUnspecified() || l.compose == nil || l.compose.lookupHost(host) != nil {
		return false
	}
	prefix := host[:strings.LastIndex(host, ".")+1]
	for _, s := range l.compose.services {
		for _, sip := range s.ips {
			if strings.HasPrefix(sip, prefix) {
				return false // next to the stack's own fixed addresses: a container's
			}
		}
	}
	if l.foreignIPs == nil {
		l.foreignIPs, l.foreignAt = map[string][]string{}, map[string]int{}
	}
	if !slices.Contains(l.foreignIPs[file], host) {
		l.foreignIPs[file] = append(l.foreignIPs[file], host)
	}
	if at, ok := l.foreignAt[file]; !ok || (line > 0 && line < at) {
		l.foreignAt[file] = line
	}
	return true
}

// outOfSightNotes says once per file and once per answer what lint could
// not check: addresses of other machines, compose files it did not read.
func (l *linter) outOfSightNotes() {
	for _, f := range sortedKeys(l.foreignIPs) {
		ips := l.foreignIPs[f]
		l.note(f, l.foreignAt[f], fmt.Sprintf("names %s that no compose service has (%s): lint takes them for other machines (one node per host) and did not check what runs there", map[bool]string{true: "an IP", false: "IPs"}[len(ips) == 1], strings.Join(ips, ", ")),
			"check each machine's own files; if they are container addresses, use service names instead (container addresses change)")
	}
	if len(l.perHost) > 0 {
		l.note(l.composeFile, 0, fmt.Sprintf("%s %s per-host compose %s (%s the services of %s, to run one machine at a time: host network, files from %s own %s), an alternative to %s, not %s of it: lint checked %s as a stack of its own, and in the per-host files only their env_files and images; what runs on each machine (host directories, the other machines' names and addresses) was not checked",
			joinAnd(l.perHost), plural(len(l.perHost), "is a", "are"), plural(len(l.perHost), "file", "files"), plural(len(l.perHost), "it redefines", "they redefine"), l.composeFile,
			plural(len(l.perHost), "its", "their"), plural(len(l.perHost), "folder", "folders"), l.composeFile, plural(len(l.perHost), "a part", "parts"), l.composeFile),
			"check each machine's stack there: cd into its folder and run docker compose -f FILE config")
	}
	if len(l.alternatives) > 0 {
		l.note(l.composeFile, 0, fmt.Sprintf("%s %s the services of %s again (another variant of the stack, run with -f in its place): lint checked %s and, of %s, only %s compose format",
			joinAnd(l.alternatives), plural(len(l.alternatives), "defines", "define"), l.composeFile, l.composeFile, joinAnd(l.alternatives), plural(len(l.alternatives), "its", "their")),
			"check each variant with docker compose -f FILE config")
	}
	switch {
	case len(l.others) > 0 && l.composeFile == "":
		l.note(l.others[0], 0, fmt.Sprintf("the stack is split over compose files in subdirectories (%s): lint checked the Patroni configs, Dockerfiles and haproxy.cfg on their own and counts the files' services as hosts; the compose files' own settings and what joins them (external networks, start order) were not checked", strings.Join(l.others, ", ")),
			"check each with docker compose -f FILE config")
	case len(l.others) > 0 && l.haInstead != "":
		l.note(l.composeFile, 0, fmt.Sprintf("the stack is split over several compose files: %s runs no Patroni node, so lint checked %s as the HA stack and counts the services of %s as hosts; their own settings and what joins the files were not checked", l.haInstead, l.composeFile, strings.Join(l.others, ", ")),
			"check them together with docker compose -f "+strings.Join(append([]string{l.composeFile}, l.others...), " -f ")+" config")
	case len(l.others) > 0:
		l.note(l.composeFile, 0, fmt.Sprintf("the stack is split over several compose files (%s and %s): lint checked %s and counts the others' services as hosts; the others' own settings and what joins the files (external networks, start order) were not checked", l.composeFile, strings.Join(l.others, ", "), l.composeFile),
			"check them together with docker compose -f "+strings.Join(append([]string{l.composeFile}, l.others...), " -f ")+" config")
	}
}

// perHostAlternative: a compose file in a subdirectory that is another way
// to run the main file's stack, one machine at a time, not a part of it:
// the main file runs Patroni, every service the file defines is one the
// main file defines too (patroni1/patroni.yml's patroni1), and it is
// written to be run on its own, from its folder: a service on the host's
// network, or a relative env_file or bind mount found in its folder and
// not beside the main file (with -f, docker compose would resolve it from
// the main file's folder).
func (l *linter) perHostAlternative(main, f string) (redefines, own bool) {
	dir := path.Dir(f)
	if dir == "." || dir == path.Dir(main) || !l.fileRunsPatroni(main) {
		return false, false
	}
	names := func(p string) *yaml.Node {
		data, ok := l.read(p)
		if !ok {
			return nil
		}
		root, _, err := parseYAML(data)
		if err != nil {
			return nil
		}
		_, sv := get(root, "services")
		if !isMap(sv) {
			return nil
		}
		return sv
	}
	mainSvcs, svcs := names(main), names(f)
	if mainSvcs == nil || svcs == nil || len(pairs(svcs)) == 0 {
		return false, false
	}
	seqItems := func(n *yaml.Node) []*yaml.Node {
		if n = resolve(n); n != nil && n.Kind == yaml.SequenceNode {
			return n.Content
		}
		return nil
	}
	for _, p := range pairs(svcs) {
		if k, _ := get(mainSvcs, p.k.Value); k == nil {
			return false, false
		}
		if nm, ok := scalar(get2(p.v, "network_mode")); ok && nm == "host" {
			own = true
		}
		var rel []string
		if ef, ok := scalar(get2(p.v, "env_file")); ok {
			rel = append(rel, ef)
		}
		for _, e := range seqItems(get2(p.v, "env_file")) {
			if s, ok := scalar(e); ok {
				rel = append(rel, s)
			}
		}
		for _, v := range seqItems(get2(p.v, "volumes")) {
			if s, ok := scalar(v); ok && (strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../")) {
				src, _, _ := strings.Cut(s, ":")
				rel = append(rel, src)
			}
		}
		for _, r := range rel {
			if strings.HasPrefix(r, "/") || strings.Contains(r, "$") {
				continue
			}
			inOwn := path.Join(dir, r)
			fromMain := path.Join(path.Dir(main), r)
			if (l.exists(inOwn) || l.isDir(inOwn)) && !l.exists(fromMain) && !l.isDir(fromMain) {
				own = true
			}
		}
	}
	return true, own
}

// splitStack reports a stack spread over several compose files.
func (l *linter) splitStack() bool { return len(l.others) > 0 }

func isYAMLName(p string) bool {
	return strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")
}

// mountSource resolves a mount to a path inside the exercise dir: a bind
// mount's source, or the device of a local volume bound with driver_opts.
func (l *linter) mountSource(m mount) (src string, line int, ok bool) {
	raw, line := m.source, m.line
	if !m.bind {
		if m.device.s == "" {
			return "", 0, false
		}
		raw, line = m.device.s, m.device.line
	}
	p, inside := projectPath(raw)
	if !inside {
		// An absolute path of someone's machine: try its last element here.
		if b := path.Base(raw); b != "" && b != "/" && b != "." && (l.isDir(b) || l.exists(b)) {
			return b, line, true
		}
		return "", line, false
	}
	return p, line, true
}

// projectPath turns a compose path (./x, x, ${PWD}/x) into a clean path inside
// the project; inside is false for absolute or escaping paths.
func projectPath(p string) (string, bool) {
	if p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") {
		return "", false
	}
	c := path.Clean(p)
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", false
	}
	return c, true
}

// haproxyDashF lists the config paths a haproxy service's command or
// entrypoint names with -f (haproxy -f /haproxy_cfg).
func haproxyDashF(h *service) []string {
	var out []string
	words := append(slices.Clone(h.entrypoint), h.command...)
	for i, w := range words {
		if w.s == "-f" && i+1 < len(words) {
			out = append(out, path.Clean(words[i+1].s))
		}
	}
	return out
}

// haproxyConfigInImage: the compose file has haproxy services and each is
// Patroni's demo image run as haproxy, which brings its own config (its
// entrypoint runs confd, which writes /etc/haproxy/haproxy.cfg from the DCS:
// the primary on 5000, the replicas on 5001), with no mount where HAProxy
// reads a config and no -f: a haproxy.cfg of the answer that nothing mounts
// is used by no service (batch 20: radarslan-billing). An image lint knows
// nothing of (an author's runalsh/haproxy) may have the loose file baked in:
// that file stays the config checked.
func (l *linter) haproxyConfigInImage() bool {
	if l.compose == nil {
		return false
	}
	hs := l.compose.ofKind(kindHAProxy)
	if len(hs) == 0 {
		return false
	}
	for _, h := range hs {
		if !l.patroniDemoImage(h) || len(h.command) == 0 || h.command[0].s != "haproxy" {
			return false
		}
		for _, m := range h.mounts {
			t := path.Clean(m.target)
			if strings.Contains(t, "haproxy") || strings.HasSuffix(t, ".cfg") {
				return false
			}
		}
		for _, w := range append(slices.Clone(h.command), h.entrypoint...) {
			if w.s == "-f" || strings.HasSuffix(w.s, ".cfg") {
				return false
			}
		}
	}
	return true
}

// haproxyReadByNothing: the compose file (the only one) has no HAProxy
// service, no service mounts the file c or its folder, and no Dockerfile
// of the answer names it in a COPY or ADD (batch 32: vinh1507-dbaas, the
// demo's haproxy service commented out).
func (l *linter) haproxyReadByNothing(c string) bool {
	if l.compose == nil || l.splitStack() || len(l.compose.ofKind(kindHAProxy)) > 0 || l.externalNetwork() != "" {
		return false // (an external network: HAProxy may run in the other stack)
	}
	for _, s := range l.compose.services {
		for _, m := range s.mounts {
			if src, _, ok := l.mountSource(m); ok && (src == c || src == path.Dir(c) || src == "." || strings.HasPrefix(c, src+"/")) {
				return false
			}
		}
	}
	for _, pat := range []string{"*", "*/*", "*/*/*"} {
		m, _ := globFS(l, pat)
		for _, p := range m {
			if !strings.Contains(strings.ToLower(path.Base(p)), "dockerfile") {
				continue
			}
			data, _ := l.read(p)
			if regexp.MustCompile(`(?im)^\s*(COPY|ADD)\b.*haproxy`).Match(data) {
				return false
			}
		}
	}
	return true
}

// findHAProxy locates haproxy.cfg: the haproxy service's mount, else the usual places.
func (l *linter) findHAProxy() {
	var cands []string
	if l.compose != nil {
		l.choosePGProxy()
		if h := l.compose.haproxy(); h != nil {
			cands = l.haproxyCands(h)
		}
	}
	tied := len(cands) // the files a mount, -f or build context ties to the service
	cands = append(cands, "haproxy/haproxy.cfg", "haproxy.cfg", "haproxy-conf/haproxy.cfg")
	if l.compose == nil && l.splitStack() {
		// Compose files in subfolders: the haproxy.cfg one of them mounts.
		for _, o := range l.otherServices() {
			for _, m := range sortedKeys(o.mounts) {
				if path.Base(m) == "haproxy.cfg" {
					cands = append(cands, m)
				}
			}
		}
	}
	for i, c := range cands {
		if l.exists(c) {
			if i >= tied && l.haproxyReadByNothing(c) {
				// A loose haproxy.cfg, no HAProxy service, and nothing
				// mounts or COPYs it: no container reads this file.
				l.haproxyUnused, l.haproxyNoService = c, true
				break
			}
			if i >= tied && l.haproxyConfigInImage() {
				// A loose haproxy.cfg, and every haproxy service takes its
				// config from its image: no container reads this file.
				l.haproxyUnused = c
				break
			}
			l.haproxyFile = c
			break
		}
	}
	// A start script that rewrites haproxy.cfg (sed s/PLACEHOLDER/.../,
	// envsubst) makes it a template: its server addresses are filled in.
	if l.compose != nil && l.haproxyFile != "" {
		if h := l.compose.haproxy(); h != nil {
			words, _ := l.commandOf(h)
			if sc := l.runScript(h, words); sc != nil && strings.Contains(sc.text, "haproxy.cfg") && rewritesHAProxyCfg(sc.text) {
				l.haproxyTemplate = true
			}
		}
	}
}

// haproxyCands: the config files a mount, -f or build context ties to the
// HAProxy service h, most likely first.
func (l *linter) haproxyCands(h *service) []string {
	var cands []string
	// haproxy -f PATH: the file a mount puts at PATH first.
	for _, p := range haproxyDashF(h) {
		for _, m := range h.mounts {
			src, _, ok := l.mountSource(m)
			switch {
			case !ok:
			case m.target == p:
				cands = append(cands, src)
			case strings.HasPrefix(p, m.target+"/"):
				cands = append(cands, path.Join(src, strings.TrimPrefix(p, m.target+"/")))
			}
		}
	}
	for _, m := range h.mounts {
		src, _, ok := l.mountSource(m)
		if !ok {
			continue
		}
		switch {
		case m.target == haproxyCfgDir || m.target == "/etc/haproxy" || m.target == path.Dir(bitnamiHAProxyCfg):
			cands = append(cands, path.Join(src, "haproxy.cfg"))
		case strings.HasSuffix(m.target, ".cfg") && l.isDir(src):
			// A directory mounted at the config path: the image
			// has no file there, so Docker mounts the directory,
			// and haproxy -f DIR loads the *.cfg files in it.
			if cfgs, _ := fs.Glob(l.fsys, path.Join(src, "*.cfg")); len(cfgs) > 0 {
				cands = append(cands, cfgs[0])
			}
		case strings.HasSuffix(m.target, ".cfg"):
			cands = append(cands, src)
		}
	}
	if h.build != nil {
		if ctx, ok := projectPath(h.build.context); ok {
			cands = append(cands, path.Join(ctx, "haproxy.cfg"))
		}
	}
	return cands
}

// choosePGProxy: with two or more HAProxy services (a Redis proxy beside
// the PostgreSQL one, batch 22: ubaje-consul), the PostgreSQL balancer is the
// one whose config names a Patroni node as a server or checks Patroni's REST
// port 8008; the others are not judged as PostgreSQL's. When none or several
// qualify, the first stays the one checked.
func (l *linter) choosePGProxy() {
	hs := l.compose.ofKind(kindHAProxy)
	if len(hs) < 2 {
		return
	}
	nodes := map[string]bool{}
	for _, n := range l.compose.ofKind(kindNode) {
		nodes[n.name] = true
		for _, a := range n.names {
			nodes[a] = true
		}
	}
	var pg []*service
	for _, h := range hs {
		for _, c := range l.haproxyCands(h) {
			data, err := fs.ReadFile(l.fsys, c)
			if err != nil {
				continue
			}
			if balancesPatroni(string(data), nodes) {
				pg = append(pg, h)
			}
			break
		}
	}
	if len(pg) == 1 {
		l.compose.pgProxy = pg[0]
	}
}

// balancesPatroni: a HAProxy config with a server line naming one of the
// nodes, or a check on port 8008.
func balancesPatroni(text string, nodes map[string]bool) bool {
	for _, ln := range strings.Split(text, "\n") {
		w := strings.Fields(ln)
		if len(w) == 0 || strings.HasPrefix(w[0], "#") {
			continue
		}
		if strings.Contains(ln, "port 8008") {
			return true
		}
		if w[0] == "server" && len(w) >= 3 {
			host, _, _ := strings.Cut(w[2], ":")
			if nodes[host] {
				return true
			}
		}
	}
	return false
}

// rewritesHAProxyCfg: a line of the script (continuations joined) runs sed
// or envsubst on HAProxy's config, named or through a variable the script
// sets to it (CFG=/usr/local/etc/haproxy/haproxy.cfg). A sed on something
// else (an endpoint list) fills nothing in the config.
func rewritesHAProxyCfg(text string) bool {
	text = strings.ReplaceAll(text, "\\\n", " ")
	vars := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*(?:export\s+|readonly\s+|local\s+)?([A-Za-z_][A-Za-z0-9_]*)=\S*haproxy`).FindAllStringSubmatch(text, -1) {
		vars[m[1]] = true
	}
	for _, ln := range strings.Split(text, "\n") {
		if !regexp.MustCompile(`\b(?:sed|envsubst)\b`).MatchString(ln) {
			continue
		}
		if strings.Contains(ln, "haproxy") {
			return true
		}
		for v := range vars {
			if strings.Contains(ln, "$"+v) || strings.Contains(ln, "${"+v) {
				return true
			}
		}
	}
	return false
}

// configMajor: the PostgreSQL major every Patroni config found names in
// its bin_dir (/usr/lib/postgresql/15/bin), "" when none or several: the
// version the answer was written for (batch 32: henrypeters-aframp).
func (l *linter) configMajor() string {
	major := ""
	for _, n := range l.nodes {
		data, ok := l.read(n.file)
		if !ok {
			continue
		}
		for _, m := range binDirMajorRe.FindAllStringSubmatch(string(data), -1) {
			if major != "" && major != m[1] {
				return ""
			}
			major = m[1]
		}
	}
	return major
}

var binDirMajorRe = regexp.MustCompile(`(?m)^\s*bin_dir:\s*["']?/usr/lib/postgresql/(\d+)/bin`)

// check runs every check on what discover found.
func (l *linter) check() {
	// Whole missing files.
	if l.composeFile == "" && !l.splitStack() {
		l.add("docker-compose.yaml", 0, "missing: no docker-compose.yaml (nor compose.yaml)",
			"add the compose file with etcd1..3, postgres1, postgres2 and haproxy")
	}
	if gen := l.composeGenerator(); l.composeOddName && gen != "" {
		l.note(l.composeFile, 0, fmt.Sprintf("%s is a template: %s fills in its ${...} placeholders and writes the compose files docker compose runs; lint checked the template as written (placeholders empty), not a rendered file (nor its validation by docker compose, nor how many nodes the rendered files make together)", l.composeFile, gen),
			fmt.Sprintf("nothing to change; to check a rendered file, run %s and lint its output", gen))
	} else if l.composeOddName && l.runWithFile() != "" {
		l.note(l.composeFile, 0, fmt.Sprintf("docker compose does not find %s by itself (it reads compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml), but the answer %s", l.composeFile, l.runWithFile()),
			fmt.Sprintf("nothing to change; rename it to docker-compose.yml if plain docker compose up should work (else always run docker compose -f %s)", l.composeFile))
	} else if l.composeOddName {
		l.add(l.composeFile, 0, fmt.Sprintf("docker compose does not find %s: it reads compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml, so docker compose up here fails (no configuration file provided: not found)", l.composeFile),
			fmt.Sprintf("rename it to docker-compose.yml (or always run docker compose -f %s)", l.composeFile))
	}
	if l.compose == nil && l.dockerfile == nil && !l.splitStack() {
		l.add("Dockerfile", 0, "missing: no Dockerfile to build the PostgreSQL + Patroni image",
			fmt.Sprintf("add a Dockerfile FROM postgres:%s that installs Patroni and sets USER postgres", orStr(l.configMajor(), orStr(l.rules.pgMajor, "<major>"))))
	}
	if l.compose == nil && len(l.nodes) == 0 && l.rules.exercise == opsRules.exercise && !l.splitStack() {
		l.add("postgres1-conf/patroni.yml", 0, "missing: no Patroni config found (postgresN-conf/patroni.yml)",
			"add postgres1-conf/patroni.yml and postgres2-conf/patroni.yml")
	}

	for _, n := range l.nodes {
		l.guard(n.file, func() {
			if n.text != "" {
				n.conf = parseTemplateText(n.file, []byte(n.text), n.offset)
			} else {
				n.conf = l.parsePatroni(n.file)
			}
		})
	}
	for _, n := range l.templates {
		l.guard(n.file, func() {
			if n.text != "" {
				n.conf = parseTemplateText(n.file, []byte(n.text), n.offset)
			} else {
				n.conf = l.parseTemplate(n.file)
			}
			if n.conf != nil {
				l.checkSchema(n)
				l.checkTemplateDCS(n)
				l.checkArchive(n)
				l.checkHookScripts(n)
				l.checkSSLKeyMount(n)
				l.checkTTL(n)
				l.checkBinDir(n) // a literal bin_dir is filled in with nothing
				if n.literal && literalHBA(n) {
					l.checkPgHBA(n) // pg_hba lines with no placeholder are the node's as written
				}
				// A literal shared_preload_libraries is the same in
				// every config the template renders.
				l.checkPreloadLibraries(n)
			}
		})
	}
	if l.haproxyFile != "" {
		l.guard(l.haproxyFile, func() {
			if data, ok := l.read(l.haproxyFile); ok {
				l.haproxy = parseHAProxy(data)
			}
		})
	}

	l.detectRules()
	if l.compose != nil {
		l.guard(l.composeFile, l.checkCompose)
	}
	l.guard(l.composeFile, l.checkSelfInitdb)
	l.guard(l.composeFile, l.checkDocEtcdctl)
	l.guard(l.composeFile, l.checkChownAsUser)
	l.guard(l.composeFile, l.checkMkdirRunAsUser)
	l.guard("", l.checkOtherV1)
	l.guard(l.composeFile, l.checkAppDatabase)
	l.guard(l.composeFile, l.checkUnreadPatroniAuthEnv)
	l.guard(l.composeFile, l.checkEnvDCSScheme)
	l.guard("", l.checkRebuildAnswer)
	l.guard(l.composeFile, l.checkProfiledStack)
	l.guard(l.composeFile, l.checkReadyImageDataBind)
	l.guard("", l.checkSplitImagesBuilt)
	if l.dockerfile != nil {
		l.guard(l.dockerfilePath, l.checkDockerfile)
	}
	for _, n := range l.nodes {
		if n.conf != nil {
			l.guard(n.file, func() { l.checkPatroni(n) })
		}
	}
	l.guard("", l.checkPatroniPair)
	l.guard("", l.checkStrictSyncTwoNodes)
	l.guard(l.composeFile, l.checkNodePublishedPorts)
	l.guard(l.composeFile, l.checkEnvEtcdV2)
	l.guard(l.composeFile, l.checkSpiloReplicationUser)
	l.guard(l.composeFile, l.checkSpiloDCS)
	l.guard(l.composeFile, l.checkSpiloStandbyOfItself)
	l.guard(l.composeFile, l.checkSharedDataVolume)
	l.guard("", l.checkDCSClient)
	l.guard(l.composeFile, l.checkHealthcheckProgram)
	l.guard(l.composeFile, l.checkEnvOnlyHBA)
	l.guard(l.composeFile, l.checkStartScriptProgram)
	l.guard(l.composeFile, l.checkVenvNotOnPath)
	l.guard(l.composeFile, l.checkShellHealthcheckDistroless)
	l.guard(l.composeFile, l.checkShellRunDistroless)
	l.guard(l.composeFile, l.checkPostgresEnv)
	l.checkUnrunConfigs()
	l.guard("", l.checkEOLBases)
	l.guard("", l.checkGoneImages)
	l.guard("", l.checkProfiles)
	l.guard(l.haproxyFile, l.checkHAProxy)
	if l.haproxyUnused != "" && l.haproxyNoService {
		l.note(l.haproxyUnused, 0, fmt.Sprintf("no service reads %s: %s has no HAProxy service, and no mount or COPY puts this file in a container; lint did not check it", l.haproxyUnused, l.composeFile),
			"nothing to change if it is a leftover; to use it, add a haproxy service that mounts it at "+haproxyCfgPath)
	} else if l.haproxyUnused != "" {
		var on []string
		for _, h := range l.compose.ofKind(kindHAProxy) {
			on = append(on, h.name)
		}
		l.note(l.haproxyUnused, 0, fmt.Sprintf("no service reads %s: %s %s Patroni's demo image (%s) in its haproxy mode, whose confd writes its own haproxy.cfg (the primary on 5000, the replicas on 5001), and no mount or -f puts this file in a container; lint did not check it", l.haproxyUnused, joinAnd(on), plural(len(on), "runs", "run"), l.compose.ofKind(kindHAProxy)[0].image.s),
			"nothing to change if it is a leftover; to use it instead, run the haproxy image with this file mounted at "+haproxyCfgPath)
	}
	l.guard(l.composeFile, l.checkHAProxyStartScript)
	l.guard("", l.checkPerHostFiles)
	l.flushGroups()
	l.outOfSightNotes()
}

// plural picks the verb form for n subjects.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// mentionsPatroni: a compose file that names Patroni anywhere (an image, a
// build, a command, PATRONI_* variables).
// fileRunsPatroni: a compose file has a service whose image, build, command,
// variables or mounts name Patroni (or Spilo); a network or a comment named
// after it is not one.
func (l *linter) fileRunsPatroni(f string) bool {
	data, ok := l.read(f)
	if !ok {
		return false
	}
	root, _, err := parseYAML(data)
	if err != nil {
		return l.mentionsPatroni(f)
	}
	_, svcs := get(root, "services")
	for _, p := range pairs(svcs) {
		for _, k := range []string{"image", "build", "command", "entrypoint", "environment", "volumes", "env_file"} {
			v := get2(p.v, k)
			if v == nil {
				continue
			}
			out, _ := yaml.Marshal(v)
			if t := strings.ToLower(string(out)); strings.Contains(t, "patroni") || strings.Contains(t, "spilo") {
				return true
			}
		}
	}
	return false
}

func (l *linter) mentionsPatroni(f string) bool {
	data, ok := l.read(f)
	return ok && strings.Contains(strings.ToLower(string(data)), "patroni")
}

var templateFillRe = regexp.MustCompile(`\bTemplate\(|\.substitute\(|\benvsubst\b|\.render\(|\bjinja2?\b|\bsed\s`)

// composeGenerator names the answer's program that renders the compose
// file: the compose file's name is a template's ("template" in it), it has
// ${...} placeholders the environment leaves unset, and a script of the
// answer names it and fills placeholders (string.Template, envsubst, a
// template engine, sed). "" when there is none.
func (l *linter) composeGenerator() string {
	if l.composeGen != nil {
		return *l.composeGen
	}
	gen := ""
	l.composeGen = &gen
	base := path.Base(l.composeFile)
	if l.compose == nil || !strings.Contains(strings.ToLower(base), "template") {
		return ""
	}
	data, ok := l.read(l.composeFile)
	if !ok {
		return ""
	}
	unset := false
	for _, m := range regexp.MustCompile(`\$\{(\w+)\}`).FindAllStringSubmatch(string(data), -1) {
		if _, set := l.compose.env[m[1]]; !set {
			unset = true
		}
	}
	if !unset {
		return ""
	}
	for _, f := range l.textFiles() {
		if f.path == l.composeFile || isYAMLName(f.path) || strings.HasSuffix(f.path, ".md") {
			continue
		}
		if strings.Contains(f.text, base) && templateFillRe.MatchString(f.text) {
			gen = f.path
			break
		}
	}
	return gen
}

// runWithFile says how the answer runs its compose file under a name docker
// compose does not look for: a docker compose -f FILE (or docker stack
// deploy -c FILE) in one of its files, or a stack file whose own comments
// deploy it with docker stack deploy ("" when nothing says so).
func (l *linter) runWithFile() string {
	base := regexp.QuoteMeta(path.Base(l.composeFile))
	fRe := regexp.MustCompile(`docker[ -]compose\b[^\n]*?\s(?:-f|--file)[ =]["']?(?:\S*/)?` + base + `\b`)
	stackRe := regexp.MustCompile(`docker\s+stack\s+deploy\b[^\n]*?\s(?:-c|--compose-file)[ =]["']?(?:\S*/)?` + base + `\b`)
	var how string
	name := []byte(path.Base(l.composeFile))
	look := func(p string) {
		data, ok := l.read(p)
		switch {
		case !ok || how != "" || !bytes.Contains(data, name):
			// (each way of running the file names it: a text without the
			// name is not read by the three patterns below)
		case fRe.Match(data):
			how = "runs it with docker compose -f " + path.Base(l.composeFile) + " (" + p + ")"
		case composeVarRun(data, base) != "":
			how = "runs it with docker compose -f " + composeVarRun(data, base) + " (" + p + ", which sets it to " + path.Base(l.composeFile) + ")"
		case stackRe.Match(data):
			how = "deploys it with docker stack deploy -c " + path.Base(l.composeFile) + " (" + p + ")"
		}
	}
	look(l.composeFile) // its own usage comment first
	for _, f := range l.textFiles() {
		if how != "" {
			break
		}
		look(f.path)
	}
	if how != "" {
		return how
	}
	if data, ok := l.read(l.composeFile); ok {
		for _, ln := range strings.Split(string(data), "\n") {
			if t := strings.TrimSpace(ln); strings.HasPrefix(t, "#") && regexp.MustCompile(`\bdocker\s+stack\s+deploy\b`).MatchString(t) {
				return "deploys it as a Docker Swarm stack (its comments say docker stack deploy), which reads it with -c"
			}
		}
	}
	// The project's documentation names the file (docker/README.md: "for
	// `compose.ha-patroni.yml`"): the author knows its name, and it is run
	// with -f (batch 36: codedock-ha).
	nameRe := regexp.MustCompile(`(?:^|[^\w./-])(?:\S*/)?` + base + `(?:$|[^\w-])`)
	for _, f := range l.textFiles() {
		switch strings.ToLower(path.Ext(f.path)) {
		case ".md", ".rst", ".adoc", ".txt":
		default:
			continue
		}
		if data, ok := l.read(f.path); ok && nameRe.Match(data) {
			return "names it (" + f.path + "), so it is run with docker compose -f " + path.Base(l.composeFile)
		}
	}
	return ""
}

// composeVarRun: a Makefile or script that assigns the compose file's name
// (base, a quoted regexp) to a variable (PATRONI_COMPOSE = file.yml,
// COMPOSE_FILE=file.yml) and runs docker compose -f with that variable:
// the variable as written ($(PATRONI_COMPOSE)), or "".
func composeVarRun(data []byte, base string) string {
	assign := regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:[:?+]?=)[ \t]*["']?(?:\S*/)?` + base + `["']?[ \t]*$`)
	for _, m := range assign.FindAllSubmatch(data, -1) {
		v := regexp.QuoteMeta(string(m[1]))
		use := regexp.MustCompile(`docker[ -]compose\b[^\n]*?\s(?:-f|--file)[ =]["']?(\$(?:\(` + v + `\)|\{` + v + `\}|` + v + `\b))`)
		if u := use.FindSubmatch(data); u != nil {
			return string(u[1])
		}
	}
	return ""
}

// sharesService: compose file b defines a service of the same name as a
// (services: or the v1 format's top level).
func (l *linter) sharesService(a, b string) bool {
	na, nb := l.composeServiceNames(a), l.composeServiceNames(b)
	for _, n := range na {
		if slices.Contains(nb, n) {
			return true
		}
	}
	return false
}

// halvesOfOneStack: two compose files that define the same service names
// are still parts of one stack, not variants run in each other's place,
// when they join the same external network and give those services other
// container names or hostnames (etcd-nodo1 and etcd-nodo2): their
// containers run side by side, one file per machine (batch 26:
// riggiogradiant-keycloak).
func (l *linter) halvesOfOneStack(a, b string) bool {
	ra, rb := l.yamlRoot(a), l.yamlRoot(b)
	if ra == nil || rb == nil {
		return false
	}
	external := func(root *yaml.Node) []string {
		var out []string
		for _, p := range pairs(get2(root, "networks")) {
			e := get2(p.v, "external")
			if v, _ := scalar(e); v == "true" || v == "True" || v == "yes" || isMap(e) {
				name := p.k.Value
				if n, ok := scalar(get2(p.v, "name")); ok && n != "" {
					name = n
				}
				out = append(out, name)
			}
		}
		return out
	}
	shared := false
	for _, n := range external(ra) {
		shared = shared || slices.Contains(external(rb), n)
	}
	if !shared {
		return false
	}
	names := func(root *yaml.Node, svc string) []string {
		var out []string
		for _, k := range []string{"container_name", "hostname"} {
			if v, ok := scalar(get2(get2(get2(root, "services"), svc), k)); ok && v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	differ := false
	for _, p := range pairs(get2(ra, "services")) {
		na, nb := names(ra, p.k.Value), names(rb, p.k.Value)
		if get2(get2(rb, "services"), p.k.Value) == nil || len(na) == 0 || len(nb) == 0 {
			continue
		}
		for _, n := range na {
			if slices.Contains(nb, n) {
				return false // the same container: one replaces the other
			}
		}
		differ = true
	}
	return differ
}

// yamlRoot is a YAML file's top mapping (nil when it cannot be read or is
// no mapping): a compose file, a CI workflow.
func (l *linter) yamlRoot(f string) *yaml.Node {
	data, ok := l.read(f)
	if !ok {
		return nil
	}
	root, _, err := parseYAML(data)
	if err != nil || !isMap(root) {
		return nil
	}
	return root
}

func (l *linter) composeServiceNames(f string) []string {
	root := l.yamlRoot(f)
	if root == nil {
		return nil
	}
	ps := pairs(get2(root, "services"))
	if get2(root, "services") == nil {
		ps = legacyV1Services(root)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.k.Value)
	}
	return out
}

// checkOtherV1: the other top-level compose files of the answer (parts of
// a split stack or alternatives) in the legacy v1 format: docker compose v2
// refuses each of them, whatever they are combined with.
func (l *linter) checkOtherV1() {
	for _, f := range append(slices.Clone(l.others), l.alternatives...) {
		if strings.Contains(f, "/") {
			continue
		}
		data, ok := l.read(f)
		if !ok {
			continue
		}
		root, _, err := parseYAML(data)
		if err != nil || !isMap(root) || get2(root, "services") != nil {
			continue
		}
		v1 := legacyV1Services(root)
		if len(v1) == 0 {
			continue
		}
		var names []string
		for _, p := range v1 {
			names = append(names, p.k.Value)
		}
		l.add(f, v1[0].k.Line, fmt.Sprintf("the file is in the legacy v1 compose format (the %s %s at the top level, no services: key): docker compose v2 refuses it (additional property %s is not allowed) and nothing starts", plural(len(names), "service", "services"), joinAnd(names), names[0]),
			"indent the services under a top-level services: key (the Compose file format of docker compose v2)")
	}
}

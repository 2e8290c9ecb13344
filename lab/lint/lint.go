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
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// Finding is one problem in an exercise directory.
type Finding struct {
	File    string // path relative to the checked dir, slash-separated, e.g. "postgres1-conf/patroni.yml"
	Line    int    // 1-based; 0 when the problem is about a whole file (e.g. missing)
	Problem string // what is wrong
	Fix     string // how to fix it
}

// String renders "file:line: problem — fix" (":line" is left out when Line is 0).
func (f Finding) String() string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	if f.Fix == "" {
		return loc + ": " + f.Problem
	}
	return loc + ": " + f.Problem + " — " + f.Fix
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
func FS(fsys fs.FS) (findings []Finding, err error) {
	if fsys == nil {
		return nil, errors.New("lint: no file system")
	}
	l := &linter{fsys: fsys, seen: map[string]bool{}}
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
	l.check()
	return l.sorted(), nil
}

// Well-known paths of the exercise.
const (
	patroniDir     = "/etc/patroni"
	haproxyCfgPath = "/usr/local/etc/haproxy/haproxy.cfg"
	haproxyCfgDir  = "/usr/local/etc/haproxy"
	zkPort         = "2181"
)

// rules are what differs between the two exercises pglab knows: the
// operations test (etcd, PostgreSQL 12, PostGIS 3) and the HA lab
// (ZooKeeper, PostgreSQL 15, no PostGIS).
type rules struct {
	exercise string
	pgMajor  string
	postgis  bool
	dcs      string // etcd or zookeeper
}

var (
	opsRules = rules{exercise: "the operations test", pgMajor: "12", postgis: true, dcs: "etcd"}
	labRules = rules{exercise: "the HA lab", pgMajor: "15", postgis: false, dcs: "zookeeper"}
)

// detectRules picks the HA lab's rules when the files run ZooKeeper: a
// zookeeper service, or a zookeeper: section in a Patroni config.
func (l *linter) detectRules() {
	l.rules = opsRules
	if l.compose != nil && len(l.compose.ofKind(kindZooKeeper)) > 0 {
		l.rules = labRules
		return
	}
	for _, n := range l.nodes {
		if n.conf != nil && n.conf.root != nil {
			if k, _ := get(n.conf.root, "zookeeper"); k != nil {
				l.rules = labRules
				return
			}
		}
	}
}

var composeNames = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

// nodeConf ties a Patroni config file to the compose service that mounts it.
type nodeConf struct {
	file string   // config path in the exercise dir
	svc  *service // nil when found by the fallback glob
	name string   // the node's expected host name (service name, or dir name guess)
	conf *patroniConf
}

type linter struct {
	fsys     fs.FS
	findings []Finding
	seen     map[string]bool
	env      map[string]string // .env

	composeFile string
	compose     *compose // nil when missing or unparsable

	dockerfilePath string
	dockerfile     *dockerfile // nil when missing
	buildArgs      map[string]sval
	buildSvcs      []*service // node services built from the Dockerfile

	nodes []*nodeConf

	haproxyFile string
	haproxy     *haproxyCfg

	rules rules
}

func (l *linter) add(file string, line int, problem, fix string) {
	key := fmt.Sprintf("%s\x00%d\x00%s", file, line, problem)
	if l.seen[key] {
		return
	}
	l.seen[key] = true
	l.findings = append(l.findings, Finding{File: file, Line: line, Problem: problem, Fix: fix})
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
	if !errors.Is(err, fs.ErrNotExist) {
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
		l.env = parseDotEnv(data)
	}

	// Compose file: docker compose's own order of preference.
	var found []string
	for _, n := range composeNames {
		if l.exists(n) {
			found = append(found, n)
		}
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

	// Dockerfile: the build of the Patroni services, else ./Dockerfile.
	l.dockerfilePath = "Dockerfile"
	l.buildArgs = map[string]sval{}
	if l.compose != nil {
		for _, s := range l.compose.services {
			if s.build == nil || s.kind == kindHAProxy || s.kind == kindEtcd {
				continue
			}
			if p, ok := s.build.dockerfilePath(); ok {
				if len(l.buildSvcs) == 0 {
					l.dockerfilePath = p
					l.buildArgs = s.build.args
				}
				if p == l.dockerfilePath {
					l.buildSvcs = append(l.buildSvcs, s)
				}
			}
		}
	}
	if data, ok := l.read(l.dockerfilePath); ok {
		l.dockerfile = parseDockerfile(l.dockerfilePath, data)
		l.dockerfile.analyze(l.buildArgs, l.composeFile)
	}

	l.findNodes()
	l.findHAProxy()

	if l.composeFile == "" && l.dockerfile == nil && !l.exists(l.dockerfilePath) && len(l.nodes) == 0 {
		return errors.New("unknown layout: no exercise files found; expected Dockerfile, docker-compose.yaml and postgresN-conf/patroni.yml")
	}
	return nil
}

// findNodes locates the Patroni config of each Patroni service.
func (l *linter) findNodes() {
	if l.compose != nil {
		for _, s := range l.compose.services {
			if s.kind != kindNode {
				continue
			}
			nc := &nodeConf{svc: s, name: s.name}
			before := len(l.findings)
			nc.file = l.patroniFileOf(s)
			if nc.file == "" {
				if len(l.findings) == before {
					l.noPatroniMount(s)
				}
				continue
			}
			l.nodes = append(l.nodes, nc)
		}
		if len(l.nodes) > 0 || l.compose.hasNodes() {
			return
		}
	}
	// Fallback: the exercise layout.
	var files []string
	for _, pat := range []string{"postgres*-conf/patroni.y*ml", "*/patroni.y*ml", "patroni.y*ml"} {
		m, _ := fs.Glob(l.fsys, pat)
		for _, f := range m {
			if !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
		if len(files) > 0 {
			break
		}
	}
	slices.Sort(files)
	for _, f := range files {
		name := strings.TrimSuffix(path.Dir(f), "-conf")
		if name == "." {
			name = ""
		}
		nc := &nodeConf{file: f, name: name}
		if l.compose != nil {
			if s := l.compose.byName[name]; s != nil {
				nc.svc = s
			}
		}
		l.nodes = append(l.nodes, nc)
	}
}

// patroniFileOf returns the config file of a Patroni service, from its bind
// mount at /etc/patroni (or a COPY in the Dockerfile), or "".
func (l *linter) patroniFileOf(s *service) string {
	confPath := l.patroniConfigArg(s) // e.g. /etc/patroni/patroni.yml
	for _, m := range s.mounts {
		src, line, ok := l.mountSource(m)
		if !ok {
			continue
		}
		switch {
		case m.target == patroniDir || (confPath != "" && path.Dir(confPath) == m.target):
			name := "patroni.yml"
			if confPath != "" && path.Dir(confPath) == m.target {
				name = path.Base(confPath)
			}
			if !l.isDir(src) {
				if l.exists(src) {
					l.add(l.composeFile, line, fmt.Sprintf("%s mounts the file %s at the directory %s", s.name, src, m.target),
						fmt.Sprintf("mount the directory: ./%s:%s:ro", path.Dir(src), m.target))
					return ""
				}
				l.add(src+"/"+name, 0, fmt.Sprintf("missing: %s mounts ./%s at %s, but there is no such directory", s.name, src, m.target),
					fmt.Sprintf("create %s/%s (the Patroni config of %s)", src, name, s.name))
				return ""
			}
			p := path.Join(src, name)
			if !l.exists(p) && confPath == "" {
				if alt := path.Join(src, "patroni.yaml"); l.exists(alt) {
					p = alt
				}
			}
			if !l.exists(p) {
				l.add(p, 0, fmt.Sprintf("missing: %s mounts ./%s at %s and Patroni reads %s/%s", s.name, src, m.target, m.target, name),
					fmt.Sprintf("create %s (the Patroni config of %s)", p, s.name))
				return ""
			}
			return p
		case confPath != "" && m.target == confPath, confPath == "" && strings.HasPrefix(m.target, patroniDir+"/") && isYAMLName(m.target):
			if !l.exists(src) {
				l.add(src, 0, fmt.Sprintf("missing: %s mounts ./%s at %s", s.name, src, m.target),
					fmt.Sprintf("create %s (the Patroni config of %s)", src, s.name))
				return ""
			}
			return src
		}
	}
	// A config copied into the image (COPY postgres0.yml /postgres0.yml).
	if confPath != "" && l.dockerfile != nil && slices.Contains(l.buildSvcs, s) {
		if src := l.dockerfile.copySource(confPath); src != "" && l.exists(src) {
			return src
		}
	}
	return ""
}

// noPatroniMount reports a Patroni service whose config could not be found.
func (l *linter) noPatroniMount(s *service) {
	for _, m := range s.mounts {
		if m.target == patroniDir && !m.bind && m.device.s == "" {
			l.add(l.composeFile, m.line, fmt.Sprintf("%s mounts the named volume %s at %s: it starts empty, so Patroni finds no config", s.name, m.volume, patroniDir),
				fmt.Sprintf("bind-mount the config directory: - ./%s-conf:%s:ro", s.name, patroniDir))
			return
		}
	}
	l.add(l.composeFile, s.line, fmt.Sprintf("%s mounts no Patroni config at %s", s.name, patroniDir),
		fmt.Sprintf("add - ./%s-conf:%s:ro under its volumes:", s.name, patroniDir))
}

// patroniConfigArg is the config path given to patroni by the service's
// command or the Dockerfile's CMD ("" when unknown).
func (l *linter) patroniConfigArg(s *service) string {
	var words []string
	if s.hasCommand {
		for _, w := range s.command {
			words = append(words, w.s)
		}
	} else if l.dockerfile != nil && slices.Contains(l.buildSvcs, s) {
		words = l.dockerfile.finalCmd()
	}
	for i, w := range words {
		if path.Base(w) == "patroni" && i+1 < len(words) {
			if a := words[i+1]; strings.HasPrefix(a, "/") && isYAMLName(a) {
				return path.Clean(a)
			}
		}
	}
	return ""
}

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

// findHAProxy locates haproxy.cfg: the haproxy service's mount, else the usual places.
func (l *linter) findHAProxy() {
	var cands []string
	if l.compose != nil {
		if h := l.compose.haproxy(); h != nil {
			for _, m := range h.mounts {
				src, _, ok := l.mountSource(m)
				if !ok {
					continue
				}
				switch {
				case m.target == haproxyCfgDir || m.target == "/etc/haproxy":
					cands = append(cands, path.Join(src, "haproxy.cfg"))
				case strings.HasSuffix(m.target, ".cfg"):
					cands = append(cands, src)
				}
			}
			if h.build != nil {
				if ctx, ok := projectPath(h.build.context); ok {
					cands = append(cands, path.Join(ctx, "haproxy.cfg"))
				}
			}
		}
	}
	cands = append(cands, "haproxy/haproxy.cfg", "haproxy.cfg", "haproxy-conf/haproxy.cfg")
	for _, c := range cands {
		if l.exists(c) {
			l.haproxyFile = c
			return
		}
	}
}

// check runs every check on what discover found.
func (l *linter) check() {
	// Whole missing files.
	if l.composeFile == "" {
		l.add("docker-compose.yaml", 0, "missing: no docker-compose.yaml (nor compose.yaml)",
			"add the compose file with etcd1..3, postgres1, postgres2 and haproxy")
	}
	if l.dockerfile == nil && !l.exists(l.dockerfilePath) && (l.compose == nil || len(l.buildSvcs) > 0) {
		l.add(l.dockerfilePath, 0, "missing: no Dockerfile to build the PostgreSQL + Patroni image",
			"add a Dockerfile FROM postgres:12 that installs Patroni and PostGIS 3 and sets USER postgres")
	}
	if l.compose == nil && len(l.nodes) == 0 {
		l.add("postgres1-conf/patroni.yml", 0, "missing: no Patroni config found (postgresN-conf/patroni.yml)",
			"add postgres1-conf/patroni.yml and postgres2-conf/patroni.yml")
	}

	for _, n := range l.nodes {
		l.guard(n.file, func() { n.conf = l.parsePatroni(n.file) })
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
	if l.dockerfile != nil {
		l.guard(l.dockerfilePath, l.checkDockerfile)
	}
	for _, n := range l.nodes {
		if n.conf != nil {
			l.guard(n.file, func() { l.checkPatroni(n) })
		}
	}
	l.guard("", l.checkPatroniPair)
	l.guard(l.haproxyFile, l.checkHAProxy)
}

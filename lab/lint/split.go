package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// otherService is a service of another compose file of a split stack, read
// only as far as lint needs it to tie the answer's files together: which
// Dockerfile it builds, what it runs, which files it bind-mounts, and the
// variables it sets. Paths are resolved against that compose file's folder.
type otherService struct {
	name, file string
	dockerfile string // the Dockerfile it builds, "" when none
	built      bool   // it has a build:
	image      string // its image:, as written
	imageLine  int
	command    string          // entrypoint: and command: joined
	mounts     map[string]bool // bind-mounted files and folders of the answer
	env        map[string]bool
	envUnknown bool // an env_file: may set anything
}

// otherServices reads the services of the split stack's other compose files.
func (l *linter) otherServices() []otherService {
	if l.otherSvcs != nil || len(l.others) == 0 {
		return l.otherSvcs
	}
	l.otherSvcs = []otherService{}
	for _, f := range l.others {
		data, _ := l.read(f)
		root, _, err := parseYAML(data)
		if err != nil {
			continue
		}
		dir := path.Dir(f)
		inside := func(p string) (string, bool) {
			if p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") || strings.Contains(p, "$") {
				return "", false
			}
			return projectPath(path.Join(dir, p))
		}
		_, svcs := get(root, "services")
		for _, p := range pairs(svcs) {
			o := otherService{name: p.k.Value, file: f, mounts: map[string]bool{}, env: map[string]bool{}}
			if iv := get2(p.v, "image"); iv != nil {
				o.image, _ = scalar(iv)
				o.imageLine = resolve(iv).Line
			}
			if b := get2(p.v, "build"); b != nil {
				o.built = true
				ctx, df := "", "Dockerfile"
				if s, ok := scalar(b); ok {
					ctx = s
				} else {
					ctx, _ = scalar(get2(b, "context"))
					if s, ok := scalar(get2(b, "dockerfile")); ok && s != "" {
						df = s
					}
				}
				if c, ok := inside(orStr(ctx, ".")); ok {
					o.dockerfile = path.Join(c, df)
				}
			}
			var words []string
			for _, k := range []string{"entrypoint", "command"} {
				v := get2(p.v, k)
				if s, ok := scalar(v); ok {
					words = append(words, s)
				} else if isSeq(v) {
					for _, it := range resolve(v).Content {
						if s, ok := scalar(it); ok {
							words = append(words, s)
						}
					}
				}
			}
			o.command = strings.Join(words, " ")
			if v := get2(p.v, "volumes"); isSeq(v) {
				for _, it := range resolve(v).Content {
					src := ""
					if s, ok := scalar(it); ok {
						src, _, _ = strings.Cut(s, ":")
					} else if t, _ := scalar(get2(it, "type")); t == "bind" {
						src, _ = scalar(get2(it, "source"))
					}
					if strings.HasPrefix(src, ".") {
						if q, ok := inside(src); ok {
							o.mounts[q] = true
						}
					}
				}
			}
			env := get2(p.v, "environment")
			if isMap(env) {
				for _, e := range pairs(env) {
					o.env[e.k.Value] = true
				}
			} else if isSeq(env) {
				for _, it := range resolve(env).Content {
					if s, ok := scalar(it); ok {
						k, _, _ := strings.Cut(s, "=")
						o.env[k] = true
					}
				}
			}
			o.envUnknown = get2(p.v, "env_file") != nil
			l.otherSvcs = append(l.otherSvcs, o)
		}
	}
	return l.otherSvcs
}

// otherServiceMounting is the other compose file's service that
// bind-mounts file (or its folder), nil when none does.
func (l *linter) otherServiceMounting(file string) *otherService {
	svcs := l.otherServices()
	for i := range svcs {
		if svcs[i].mounts[file] || svcs[i].mounts[path.Dir(file)] {
			return &svcs[i]
		}
	}
	return nil
}

// otherStartsPatroni: a service of another compose file builds the
// Dockerfile df and its command: starts Patroni.
func (l *linter) otherStartsPatroni(df string) bool {
	for _, o := range l.otherServices() {
		if o.dockerfile == df {
			if p, _ := patroniArg(o.command); p != "" {
				return true
			}
		}
	}
	return false
}

// binDirRe reads the PostgreSQL major from a Debian-layout bin_dir.
var binDirRe = regexp.MustCompile(`^/usr/lib/postgresql/(\d+)/+bin/*$`)

// imagePGMajor is the PostgreSQL major a node image installs, where its
// Dockerfile decides it: apt-get install postgresql-NN, a bare postgresql
// on a Debian base of a known release (the one major it ships), else the
// postgres:NN base. It returns the major and where it was decided.
func (l *linter) imagePGMajor(d *dockerfile) (major, file string, line int, why string) {
	final := d.final()
	if final == nil {
		return "", "", 0, ""
	}
	root := final.root()
	if !root.baseOK {
		return "", "", 0, ""
	}
	rel := debianRelease(root.base)
	if repo, tag := imageRef(root.base); rel == "" && path.Base(repo) == "python" && (tag == "3.8" || strings.HasPrefix(tag, "3.8-") || strings.HasPrefix(tag, "3.8.")) && !strings.Contains(tag, "alpine") && !strings.Contains(tag, "bullseye") {
		rel = "bookworm" // 3.8's images were last built (end of life, October 2024) on bookworm
	}
	pgdg := false // PGDG's source: any major, by the packages named
	for _, in := range final.chain() {
		if in.cmd != "RUN" {
			continue
		}
		if strings.Contains(in.text, "apt.postgresql.org") || strings.Contains(in.text, "pgdg") {
			pgdg = true
		}
		for _, words := range aptInstalls(in.text) {
			for _, w := range words[1:] {
				if m := pgServerPkgRe.FindStringSubmatch(w.val); m != nil {
					return m[1], d.file, in.lineAt(w.start), fmt.Sprintf("it installs %s", w.val)
				}
				if pgdg && (w.val == "postgresql" || strings.HasPrefix(w.val, "postgresql-") && strings.ContainsAny(w.val, "$*")) {
					return "", "", 0, "" // PGDG's newest major, or one named by a variable
				}
				if w.val == "postgresql" && rel != "" && distroPG[rel] != "" {
					return distroPG[rel], d.file, in.lineAt(w.start), fmt.Sprintf("apt's postgresql on %s (Debian %s) is PostgreSQL %s", root.base, rel, distroPG[rel])
				}
			}
		}
	}
	if repo, tag := imageRef(root.base); isPostgresRepo(repo) {
		// (PGDG added on the postgres image installs no other server
		// unless a postgresql-NN package above says so)
		if m := regexp.MustCompile(`^\d+`).FindString(tag); m != "" {
			return m, root.origin.file, root.origin.line, "FROM " + root.base
		}
	}
	return "", "", 0, ""
}

// nodeDockerfile is the Dockerfile of the image config n runs in: its
// service's, or, for a config with no compose file to name its service,
// the answer's one Dockerfile; nil when out of sight.
func (l *linter) nodeDockerfile(n *nodeConf) *dockerfile {
	if n.svc != nil {
		return n.svc.df
	}
	if l.compose != nil {
		return nil
	}
	return l.dockerfile
}

// checkBinDir: postgresql.bin_dir names /usr/lib/postgresql/N/bin while
// the node's image installs another major: that directory does not exist
// and Patroni cannot run initdb or pg_ctl.
func (l *linter) checkBinDir(n *nodeConf) {
	d := l.nodeDockerfile(n)
	if d == nil {
		return
	}
	k, v := getPath(n.conf.root, "postgresql", "bin_dir")
	s, ok := scalar(v)
	if k == nil || !ok {
		return
	}
	m := binDirRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return
	}
	major, file, line, why := l.imagePGMajor(d)
	if major == "" || major == m[1] {
		return
	}
	if root := d.final().root(); root.baseOK {
		if repo, tag := imageRef(root.base); isPostgresRepo(repo) && regexp.MustCompile(`^\d+`).FindString(tag) == m[1] {
			return // the base image's own major is there too
		}
	}
	// One cause, the image: one finding at its line, naming every config.
	want := m[1]
	l.gatherEach("bindir:"+want+":"+major, file, line, fmt.Sprintf("%s:%d", n.file, resolve(v).Line), func(items []string) string {
		return fmt.Sprintf("the node image has PostgreSQL %s (%s), but bin_dir names /usr/lib/postgresql/%s/bin (%s): that directory does not exist, so Patroni cannot run initdb or pg_ctl", major, why, want, joinAnd(items))
	}, fmt.Sprintf("point bin_dir at /usr/lib/postgresql/%s/bin (or install postgresql-%s)", major, want))
}

// checkDistroBinDir: a node image built on a plain distribution base
// (debian, ubuntu, python) that installs postgresql-NN with apt has the
// server's programs (pg_ctl, initdb, postgres) in /usr/lib/postgresql/NN/bin,
// which is not on $PATH: only the official postgres image adds it, with
// ENV PATH. A config with no postgresql.bin_dir (nor
// PATRONI_POSTGRESQL_BIN_DIR, bin_name, or anything of the image or its
// start script naming /usr/lib/postgresql) fails Patroni's configuration
// check ("does not contain 'pg_ctl' in '$PATH'"; older Patroni: initdb not
// found), and no node starts (batch 33: es-baltasar, kind 2).
func (l *linter) checkDistroBinDir(n *nodeConf) {
	d := l.nodeDockerfile(n)
	if d == nil || d.final() == nil {
		return
	}
	final := d.final()
	root := final.root()
	if !root.baseOK {
		return
	}
	if repo, _ := imageRef(root.base); !slices.Contains([]string{"debian", "ubuntu", "python"}, path.Base(repo)) {
		return
	}
	if v := l.val(n, "PATRONI_POSTGRESQL_BIN_DIR", "postgresql", "bin_dir"); v.set || v.unknown || v.line != 0 {
		return
	}
	if k, _ := getPath(n.conf.root, "postgresql", "bin_name"); k != nil {
		return
	}
	major, line := "", 0
	for _, in := range final.chain() {
		if strings.Contains(in.text, "/usr/lib/postgresql") {
			return // ENV PATH, a symlink, a wrapper: the image makes them reachable
		}
		if in.cmd != "RUN" || major != "" {
			continue
		}
		for _, words := range aptInstalls(in.text) {
			for _, w := range words[1:] {
				if m := pgServerPkgRe.FindStringSubmatch(runVars(w.val, in.vars)); m != nil && major == "" {
					major, line = m[1], in.lineAt(w.start)
				}
			}
		}
	}
	if major == "" {
		return
	}
	if n.svc != nil {
		if e, ok := n.svc.env["PATH"]; ok && (!e.ok || strings.Contains(e.s, "/usr/lib/postgresql")) {
			return
		}
		cmd, _ := l.commandOf(n.svc)
		if sc := l.runScript(n.svc, cmd); sc != nil && (strings.Contains(sc.text, "/usr/lib/postgresql") || strings.Contains(sc.text, "PATH=")) {
			return
		}
	}
	at := 0
	if k, _ := get(n.conf.root, "postgresql"); k != nil {
		at = k.Line
	}
	l.add(n.file, at, fmt.Sprintf("no postgresql.bin_dir, but the node image (%s, %s:%d installs postgresql-%s with apt) has pg_ctl and initdb in /usr/lib/postgresql/%s/bin, which is not on $PATH (only the official postgres image adds it): Patroni's configuration check fails (does not contain 'pg_ctl' in '$PATH') and Patroni does not start", root.base, d.file, line, major, major),
		fmt.Sprintf("add bin_dir: /usr/lib/postgresql/%s/bin under postgresql: (or set PATRONI_POSTGRESQL_BIN_DIR on the nodes)", major))
}

// checkSplitImagesBuilt: in a stack split over compose files in
// subdirectories, Patroni nodes that run a bare local image name (no
// registry, no namespace) which no service builds, no folder of that name
// holds, and no file of the answer builds or tags (docker build -t NAME,
// docker tag ... NAME, a build script naming it), while a Dockerfile here
// installs Patroni: docker compose and docker stack deploy pull it from
// Docker Hub instead, and no node starts.
func (l *linter) checkSplitImagesBuilt() {
	if l.compose != nil || !l.splitStack() {
		return
	}
	patroniDF := false
	for _, d := range l.dfs {
		patroniDF = patroniDF || (d != nil && d.mentionsPatroni())
	}
	if !patroniDF {
		return
	}
	built := map[string]bool{}
	for _, o := range l.otherServices() {
		if o.built && o.image != "" {
			built[o.image] = true
		}
	}
	var texts []string
	var order []string
	users := map[string][]otherService{}
	for _, o := range l.otherServices() {
		if o.built || o.image == "" || built[o.image] || strings.ContainsAny(o.image, "${}") {
			continue
		}
		repo, _ := imageRef(o.image)
		if repo == "" || strings.ContainsAny(repo, "/.") || officialImages[repo] || l.exists(repo+"/Dockerfile") || l.exists(path.Join(path.Dir(o.file), "Dockerfile")) {
			continue // (a Dockerfile next to the stack file: that folder's image, built by hand)
		}
		node := strings.Contains(repo, "patroni") && !strings.Contains(repo, "haproxy") && !strings.Contains(o.name, "haproxy")
		for k := range o.env {
			node = node || strings.HasPrefix(k, "PATRONI_")
		}
		if !node {
			continue
		}
		if texts == nil {
			texts = []string{}
			for _, f := range l.textFiles() {
				texts = append(texts, f.text)
			}
		}
		named := regexp.MustCompile(`(?:-t|--tag)[ =]+["']?` + regexp.QuoteMeta(repo) + `(?:[:"'\s]|$)|docker\s+tag\s+\S+\s+["']?` + regexp.QuoteMeta(repo) + `(?:[:"'\s]|$)`)
		if slices.ContainsFunc(texts, named.MatchString) || l.scriptNamesImage(repo) {
			continue
		}
		if users[o.image] == nil {
			order = append(order, o.image)
		}
		users[o.image] = append(users[o.image], o)
	}
	for _, img := range order {
		us := users[img]
		var names []string
		var lines []int
		for _, o := range us {
			names, lines = append(names, o.name), append(lines, o.imageLine)
		}
		more := ""
		if also := slices.DeleteFunc(slices.Compact(slices.Clone(lines)), func(n int) bool { return n == lines[0] }); len(also) > 0 {
			var s []string
			for _, n := range also {
				s = append(s, fmt.Sprint(n))
			}
			more = " (also lines " + strings.Join(s, ", ") + ")"
		}
		l.add(us[0].file, lines[0], fmt.Sprintf("%s run%s the image %s, which nothing in the answer builds (no build:, and no script or note that builds or tags it): docker compose or docker stack deploy pulls docker.io/library/%s instead, and no Patroni node starts%s",
			joinAnd(names), map[bool]string{true: "", false: "s"}[len(names) > 1], img, img, more),
			fmt.Sprintf("build it where the stack runs (docker build -t %s .) and say so in the answer, or push it to a registry and name that", img))
	}
}

// checkPerHostFiles: the per-host compose files (an alternative to the
// main one, each run from its own folder on its own machine) are checked
// for what breaks them before anything runs: an env_file missing from the
// file's folder (docker compose refuses to create the container) and
// images that can no longer be pulled (Bitnami's versioned tags,
// consul:latest). What runs on each machine (host paths, the other
// machines' names) is out of sight: the note says so.
func (l *linter) checkPerHostFiles() {
	for _, f := range l.perHost {
		data, ok := l.read(f)
		if !ok {
			continue
		}
		root, _, err := parseYAML(data)
		if err != nil {
			continue
		}
		dir := path.Dir(f)
		_, svcs := get(root, "services")
		var gone []string
		var goneLines []int
		for _, p := range pairs(svcs) {
			if iv := get2(p.v, "image"); iv != nil && get2(p.v, "build") == nil {
				if img, ok := scalar(iv); ok && !strings.Contains(img, "$") && (bitnamiGone(img) || consulGone(img)) {
					gone, goneLines = append(gone, img), append(goneLines, resolve(iv).Line)
				}
			}
			ef := get2(p.v, "env_file")
			var items []*yaml.Node
			if isSeq(ef) {
				items = resolve(ef).Content
			} else if ef != nil {
				items = []*yaml.Node{ef}
			}
			for _, it := range items {
				s, ok := scalar(it)
				if !ok {
					s, _ = scalar(get2(it, "path"))
					if r, _ := scalar(get2(it, "required")); r == "false" || r == "False" {
						continue
					}
				}
				if s == "" || strings.Contains(s, "$") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~") {
					continue
				}
				q, inside := projectPath(path.Join(dir, s))
				if !inside || l.exists(q) {
					continue
				}
				l.add(f, resolve(it).Line, fmt.Sprintf("missing: env_file %s does not exist in %s, so docker compose refuses to create %s (env file %s not found)", s, dir+"/", p.k.Value, s),
					fmt.Sprintf("add %s next to %s", q, f))
			}
		}
		if len(gone) > 0 {
			l.add(f, goneLines[0], fmt.Sprintf("%s: the image can no longer be pulled (Bitnami's versioned tags left docker.io/bitnami in September 2025; consul:latest was deleted in 2023), so the service never starts%s", joinAnd(gone), alsoLines(goneLines)),
				"use an image that is still published (bitnamilegacy/... with the same tag, hashicorp/consul:1.20, the official etcd or haproxy image)")
		}
	}
}

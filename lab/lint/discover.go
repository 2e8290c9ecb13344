package lint

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
)

// This file finds what each service runs and where its Patroni config comes
// from, the way Docker does: the Dockerfile docker compose builds, the
// ENTRYPOINT/CMD (or compose's entrypoint:/command:) and the scripts they run,
// bind mounts of files and directories, and files COPYed into the image.

func orStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// resolveBuild finds a built service's Dockerfile as docker compose does:
// build.dockerfile relative to the context, else Dockerfile, else the
// lowercase dockerfile that the docker CLI and BuildKit fall back to.
func (l *linter) resolveBuild(s *service) {
	if s.build == nil {
		return
	}
	if s.build.inline != "" {
		// build.dockerfile_inline: the Dockerfile is in the compose file,
		// read with the compose file's line numbers; nothing to look for.
		s.dfPath = l.composeFile
		if d, ok := l.dfs[l.composeFile]; ok && d != nil {
			s.df = d
			return
		}
		d := parseDockerfile(l.composeFile, []byte(strings.Repeat("\n", s.build.inlineLine)+s.build.inline))
		d.isDir, d.exists = l.isDir, l.exists
		d.analyze(s.build.args, l.composeFile)
		d.context, _ = projectPath(s.build.context)
		l.dfs[l.composeFile] = d
		s.df = d
		return
	}
	ctx, ok := projectPath(s.build.context)
	if !ok || strings.Contains(s.build.context, "://") || strings.HasPrefix(s.build.context, "git@") {
		return
	}
	var cands []string
	if s.build.dockerfile != "" {
		if strings.HasPrefix(s.build.dockerfile, "/") {
			return
		}
		cands = []string{path.Join(ctx, s.build.dockerfile)}
	} else {
		cands = []string{path.Join(ctx, "Dockerfile"), path.Join(ctx, "dockerfile")}
	}
	for _, c := range cands {
		if l.exists(c) {
			s.dfPath = c
			s.df = l.loadDockerfile(c, s)
			return
		}
	}
	s.dfPath = cands[0]
}

// handBuiltImages finds node services that run a local image name (no
// registry, no namespace) that no service builds while the Dockerfile here
// installs Patroni: the image was meant to be built by hand (docker build
// -t NAME .), and docker compose would try to pull it from Docker Hub. The
// services get that Dockerfile, one finding per image names them all.
func (l *linter) handBuiltImages() {
	topDF := ""
	for _, n := range []string{"Dockerfile", "dockerfile"} {
		if l.exists(n) {
			topDF = n
			break
		}
	}
	if topDF == "" {
		// Built by hand, by whatever name: docker build -f DockerFile (or
		// a filesystem that ignores case) takes any spelling of it.
		if ents, err := fs.ReadDir(l.fsys, "."); err == nil {
			for _, e := range ents {
				if !e.IsDir() && strings.EqualFold(e.Name(), "dockerfile") {
					topDF = e.Name()
					break
				}
			}
		}
	}
	named := false // topDF is a Dockerfile under another name
	if topDF == "" {
		// No Dockerfile by the default name, but one under another name
		// beside the compose file (Dockerfile.patroni, patroni.Dockerfile)
		// that installs Patroni: docker compose builds it only when a
		// build: names it (dockerfile:), so a bare image nothing builds is
		// pulled. Taken only when it is the one such file.
		var cands []string
		if ents, err := fs.ReadDir(l.fsys, "."); err == nil {
			for _, e := range ents {
				n := strings.ToLower(e.Name())
				if e.IsDir() || !(strings.HasPrefix(n, "dockerfile.") || strings.HasPrefix(n, "dockerfile-") || strings.HasSuffix(n, ".dockerfile")) {
					continue
				}
				if df := l.loadDockerfile(e.Name(), nil); df != nil && df.parseErr == nil && df.mentionsPatroni() {
					cands = append(cands, e.Name())
				}
			}
		}
		if len(cands) == 1 {
			topDF, named = cands[0], true
		}
	}
	if topDF != "" {
		// Read even when no service builds it: a top Dockerfile that a
		// script builds (build.sh, docker build -t) still has its base checked.
		l.loadDockerfile(topDF, nil)
	}
	// The Dockerfile that makes an image: the top one for a bare name
	// (image: patroni), or the directory named like it (hotel/patroni and
	// ./patroni/Dockerfile).
	dockerfileFor := func(repo string) (string, *dockerfile) {
		p := topDF
		if own := repo + "/Dockerfile"; !strings.Contains(repo, "/") && l.exists(own) && l.splitStack() {
			// In a stack split over several compose files, a bare name
			// with a folder of that name (patroni-test/Dockerfile) is
			// that folder's image, built by hand (docker build -t
			// patroni-test patroni-test/).
			if df := l.loadDockerfile(own, nil); df.mentionsPatroni() {
				return own, df
			}
		}
		if strings.Contains(repo, "/") {
			p = path.Base(repo) + "/Dockerfile"
			if !l.exists(p) {
				// A build script at the top (build.sh, build-image.ps1)
				// that names the image builds the top Dockerfile.
				if topDF == "" || !l.scriptNamesImage(repo) {
					return "", nil
				}
				p = topDF
			}
		}
		if p == "" {
			return "", nil
		}
		if df := l.loadDockerfile(p, nil); df.mentionsPatroni() {
			return p, df
		}
		return "", nil
	}
	// A compose file or README that says to build the image by hand
	// (Patroni's own demo: "docker build -t patroni .") documents that step.
	said := ""
	if data, ok := l.read(l.composeFile); ok {
		said = string(data)
	}
	if ents, err := fs.ReadDir(l.fsys, "."); err == nil {
		for _, e := range ents {
			if n := strings.ToLower(e.Name()); !e.IsDir() && (n == "readme" || strings.HasPrefix(n, "readme.")) {
				if data, ok := l.read(e.Name()); ok {
					said += "\n" + string(data)
				}
			}
		}
	}
	// A swarm stack (service templates such as {{.Task.Slot}}) is deployed
	// with docker stack deploy, which runs images and builds none.
	swarm := swarmTemplateRe.MatchString(said)
	built := map[string]bool{}
	for _, s := range l.compose.services {
		if s.build != nil && s.hasImage {
			built[s.image.s] = true
		}
	}
	var order []string
	users := map[string][]*service{}
	for _, s := range l.compose.services {
		if s.build != nil || !s.hasImage || built[s.image.s] {
			continue
		}
		repo, _ := imageRef(s.image.s)
		if repo == "" || officialImages[repo] || strings.Count(repo, "/") > 1 || strings.Contains(repo, ".") || strings.Contains(repo, "$") {
			continue // a registry's image, or one lint cannot name
		}
		if !strings.Contains(repo, "patroni") && !hasPatroniEnv(s) {
			continue
		}
		dfPath, df := dockerfileFor(repo)
		if df == nil {
			continue
		}
		dfText, _ := l.read(dfPath) // its own comment may give the build command
		if saysBuild(said, s.image.s) || saysBuild(string(dfText), s.image.s) || l.scriptBuilds(repo, path.Dir(dfPath)) || (strings.Contains(repo, "/") && dfPath == topDF && l.scriptNamesImage(repo)) {
			// Built by a script of the answer (a numbered 0_build.sh) or
			// by the command its README gives: the image is that
			// Dockerfile's, and nothing is missing.
			s.df, s.dfPath, s.handBuilt = df, dfPath, true
			continue
		}
		s.df, s.dfPath, s.handBuilt = df, dfPath, true
		if swarm || (!strings.Contains(repo, "/") && dfPath == repo+"/Dockerfile") {
			// docker stack deploy never builds: the image is made by hand,
			// as planned; so is one named after its own folder.
			continue
		}
		if users[s.image.s] == nil {
			order = append(order, s.image.s)
		}
		users[s.image.s] = append(users[s.image.s], s)
	}
	for _, img := range order {
		ss := users[img]
		var names, also []string
		for i, s := range ss {
			names = append(names, s.name)
			if i > 0 {
				also = append(also, fmt.Sprint(s.image.line))
			}
		}
		more := ""
		if also = slices.DeleteFunc(slices.Compact(also), func(a string) bool { return a == fmt.Sprint(ss[0].image.line) }); len(also) > 0 {
			more = " (also lines " + strings.Join(also, ", ") + ")" // (services merged from one anchor share its line)
		}
		repo, _ := imageRef(img)
		hub, ctx := "docker.io/library/"+repo, "."
		if strings.Contains(repo, "/") {
			hub, ctx = "docker.io/"+repo, "./"+path.Dir(ss[0].dfPath)
		}
		buildSpec := ctx
		if named && ss[0].dfPath == topDF {
			// Not found by docker compose under its default name.
			buildSpec = fmt.Sprintf("{context: ., dockerfile: %s}", topDF)
		}
		l.add(l.composeFile, ss[0].image.line, fmt.Sprintf("%s run%s the image %s, which nothing in %s builds: docker compose tries to pull it from Docker Hub (%s) instead of building ./%s%s",
			joinAnd(names), map[bool]string{true: "", false: "s"}[len(names) > 1], img, l.composeFile, hub, ss[0].dfPath, more),
			fmt.Sprintf("add build: %s (and keep image: %s) to %s", buildSpec, img, joinAnd(names)))
		l.localBase(ss[0].df, repo)
	}
}

var swarmTemplateRe = regexp.MustCompile(`\{\{\s*\.(?:Task|Node|Service)\.`)

// officialImages are Docker Hub library images a stack like this runs.
var officialImages = map[string]bool{"postgres": true, "haproxy": true, "zookeeper": true, "nginx": true, "redis": true,
	"busybox": true, "alpine": true, "debian": true, "ubuntu": true, "python": true, "consul": true, "traefik": true, "adminer": true, "dpage": true}

// joinAnd renders a, b and c.
func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// loadDockerfile parses a Dockerfile once; the build args are those of the
// first service that builds it.
func (l *linter) loadDockerfile(p string, s *service) *dockerfile {
	if d, ok := l.dfs[p]; ok {
		return d
	}
	data, ok := l.read(p)
	if !ok {
		l.dfs[p] = nil
		return nil
	}
	d := parseDockerfile(p, data)
	d.isDir, d.exists = l.isDir, l.exists
	args := map[string]sval{}
	if s != nil && s.build != nil {
		args = s.build.args
	}
	d.analyze(args, l.composeFile)
	if s != nil && s.build != nil {
		d.context, _ = projectPath(s.build.context)
	} else {
		d.context = path.Dir(p)
	}
	l.dfs[p] = d
	return d
}

// serviceDockerfile is s's Dockerfile analyzed with s's own build args: a
// Dockerfile two services build is analyzed once, with the first one's
// args, so a COPY postgres${NODE}-conf/patroni.yml would give the second
// service the first one's file. Not kept in l.dfs: the Dockerfile's own
// findings are said once, from the shared analysis.
func (l *linter) serviceDockerfile(s *service) *dockerfile {
	if s.df == nil || s.build == nil || s.build.inline != "" || maps.EqualFunc(s.df.args, s.build.args, func(a, b sval) bool { return a.s == b.s && a.ok == b.ok }) {
		return s.df
	}
	data, ok := l.read(s.df.file)
	if !ok {
		return s.df
	}
	d := parseDockerfile(s.df.file, data)
	d.isDir, d.exists = l.isDir, l.exists
	d.analyze(s.build.args, l.composeFile)
	d.context = s.df.context
	return d
}

// mentionsPatroni reports whether an image built from d installs or runs Patroni.
func (d *dockerfile) mentionsPatroni() bool {
	if d == nil {
		return false
	}
	for _, in := range d.instrs {
		switch in.cmd {
		case "CMD", "ENTRYPOINT", "FROM":
			if strings.Contains(strings.ToLower(in.text), "patroni") || strings.Contains(in.text, "spilo") {
				return true
			}
		case "RUN":
			// Patroni installed or run, not a directory named after it
			// (/var/lib/patroni-01/log in a log reader's image).
			if patroniWordRe.MatchString(in.text) || patroniCloneRe.MatchString(in.text) || strings.Contains(in.text, "spilo") {
				return true
			}
		}
	}
	return false
}

// saysBuild: the text has a docker build command line that tags img (its
// repository, and its tag: an untagged build is :latest)
// (docker build -t NAME ., docker build . --tag NAME:latest).
func saysBuild(text, img string) bool {
	repo, tag := imageRef(img)
	same := func(ref string) bool {
		r, t := imageRef(ref)
		if r != repo {
			return false
		}
		// docker build -t patroni makes patroni:latest, not patroni:7.3
		// (batch 32: vinh1507-dbaas); a tag lint cannot read is taken
		// for the one wanted.
		latest := func(t string) string { return orStr(t, "latest") }
		return latest(t) == latest(tag) || strings.ContainsAny(t, "$<{")
	}
	for _, line := range strings.Split(text, "\n") {
		i := strings.Index(line, "docker build")
		if i < 0 {
			continue
		}
		ws := strings.Fields(line[i:])
		for j := 2; j+1 < len(ws); j++ {
			if ws[j] == "-t" || ws[j] == "--tag" {
				if same(ws[j+1]) {
					return true
				}
			}
		}
		for _, w := range ws[2:] {
			for _, pre := range []string{"-t=", "--tag="} {
				if strings.HasPrefix(w, pre) && same(strings.TrimPrefix(w, pre)) {
					return true
				}
			}
		}
	}
	return false
}

// patroniWordRe: patroni as a package or a program (pip install
// patroni[etcd]==4.0.4, apt-get install patroni, /usr/local/bin/patroni).
var patroniWordRe = regexp.MustCompile(`(?i)(?:^|[\s;&|"'\[=(]|bin/)patroni(?:\[[^\]]*\])?(?:[=<>~!]=?[\w.*]*)?(?:$|[\s"',\]);&|])`)

// databaseImage reports whether an image built from d can be a PostgreSQL
// node: it installs or runs Patroni, builds on a PostgreSQL image, or
// installs a PostgreSQL server (or lint cannot parse it and cannot tell).
func (d *dockerfile) databaseImage() bool {
	if d.parseErr != nil || d.mentionsPatroni() {
		return true
	}
	for _, st := range d.stages {
		if repo, _ := imageRef(st.root().base); isPostgresRepo(repo) || !st.root().baseOK {
			return true
		}
	}
	for _, in := range d.instrs {
		if in.cmd == "RUN" && serverPkgRe.MatchString(in.text+" ") {
			return true
		}
	}
	return false
}

// baseRepo is the image repository the final stage is built on.
func (d *dockerfile) baseRepo() (repo, tag string) {
	st := d.final()
	if st == nil {
		return "", ""
	}
	return imageRef(st.root().base)
}

func isPostgresRepo(repo string) bool {
	return repo == "postgres" || repo == "postgis/postgis"
}

// looksPatroni reports whether a file in the exercise dir is a Patroni config:
// YAML with restapi:, or with scope: and postgresql:.
func (l *linter) looksPatroni(p string) bool {
	if v, ok := l.looks[p]; ok {
		return v
	}
	ok := false
	if data, found := l.read(p); found {
		if root, _, err := parseYAML(data); err == nil && isMap(root) {
			k1, _ := get(root, "restapi")
			k2, _ := get(root, "scope")
			k3, _ := get(root, "postgresql")
			ok = k1 != nil || (k2 != nil && k3 != nil)
		} else if err != nil && strings.Contains(string(data), "restapi:") {
			ok = true // a broken Patroni config is still one
		}
	}
	if l.looks == nil {
		l.looks = map[string]bool{}
	}
	l.looks[p] = ok
	return ok
}

// mountedPatroniConfigs lists the bind-mounted files of s that are Patroni configs.
func (l *linter) mountedPatroniConfigs(s *service) []mount {
	var out []mount
	for _, m := range s.mounts {
		src, _, ok := l.mountSource(m)
		if ok && isYAMLName(src) && l.exists(src) && l.looksPatroni(src) {
			out = append(out, m)
		}
	}
	return out
}

// classify decides what a service is from what it runs.
func (l *linter) classify(s *service) int {
	repo, _ := imageRef(s.image.s)
	var dfRepo string
	if s.df != nil {
		dfRepo, _ = s.df.baseRepo()
	}
	lname := strings.ToLower(s.name)
	base := path.Base(repo)
	first := ""
	if len(s.command) > 0 {
		first = path.Base(s.command[0].s)
	}
	// --confd: the mode of Patroni's docker entrypoint that runs confd + HAProxy.
	if strings.Contains(base, "haproxy") || path.Base(dfRepo) == "haproxy" || first == "haproxy" || first == "--confd" || (strings.Contains(lname, "haproxy") && !l.runsPatroni(s)) {
		return kindHAProxy
	}
	// An image named for Patroni (patroni-etcd-citus, Patroni's demo image)
	// runs etcd only when told to: its command decides.
	patroniImage := strings.Contains(base, "patroni") || strings.Contains(base, "spilo")
	// An etcd member runs etcd: its image, its command, or (built or
	// started by a script lint may not follow) its name. A ready-made image
	// that is an etcd UI or client (etcd-workbench, etcdkeeper, e3w) is not
	// one, nor is a ready-made image with no etcd in it whose command does
	// not mention etcd, whatever the service is called.
	if s.build == nil && s.hasImage && isEtcdUIRepo(base) && first != "etcd" {
		return kindOther
	}
	// What the script of the answer that the service runs executes
	// decides over the image's name and the script's folder
	// (patroni-rhel8-etcd running scripts/patroni/entrypoint_etcd.sh,
	// which ends in /usr/bin/etcd --name ...).
	switch l.scriptProgram(s) {
	case "etcd":
		return kindEtcd
	case "consul":
		return kindConsul
	case "haproxy":
		return kindHAProxy
	}
	otherImage := s.build == nil && s.hasImage && base != "" && !strings.Contains(base, "etcd") && !strings.Contains(strings.ToLower(joinWords(s.command)+" "+joinWords(s.entrypoint)), "etcd")
	if (strings.Contains(base, "etcd") && !patroniImage) || first == "etcd" || (strings.HasPrefix(lname, "etcd") && !l.runsPatroni(s) && !otherImage) {
		return kindEtcd
	}
	if strings.Contains(base, "zookeeper") || lname == "zoo" || strings.HasPrefix(lname, "zookeeper") {
		return kindZooKeeper
	}
	if (strings.Contains(base, "consul") && !patroniImage) || first == "consul" || (strings.HasPrefix(lname, "consul") && !l.runsPatroni(s)) {
		return kindConsul
	}
	// A PostgreSQL image with no Patroni in it, handed a Patroni config or
	// Patroni's variables: meant as a node, but Patroni never starts.
	pgImage := (s.build == nil && isPostgresRepo(repo)) || (s.df != nil && isPostgresRepo(dfRepo) && !s.df.mentionsPatroni())
	if pgImage && !commandMentionsPatroni(s) && (len(l.mountedPatroniConfigs(s)) > 0 || hasPatroniEnv(s) || mountsPatroniDir(s)) {
		s.plainPG = true
		return kindNode
	}
	if sleepLoop(s) {
		return kindOther
	}
	if l.runsPatroni(s) {
		return kindNode
	}
	if s.build != nil && s.df == nil && nodeNameRe.MatchString(lname) {
		return kindNode // its Dockerfile is missing: the name is all there is
	}
	return kindOther
}

// scriptRunsRe: a script line that runs a program (exec, a path, a plain
// name at the start of a command).
var scriptRunsRe = regexp.MustCompile(`(?m)^[ \t]*(?:exec[ \t]+)?(?:(?:gosu|su-exec)[ \t]+\S+[ \t]+)?(?:/\S*/)?(etcd|consul|haproxy|supervisord|postgres|pg_ctl)(?:[ \t]|$)`)

// scriptProgram is the one server program (etcd, consul or haproxy) that
// the script of the answer the service's entrypoint/command runs starts,
// when it starts no Patroni (nor supervisord, nor PostgreSQL); "" when
// there is no such script or it runs something else or several.
func (l *linter) scriptProgram(s *service) string {
	words, _ := l.commandOf(s)
	var split []string
	for _, w := range words {
		split = append(split, strings.Fields(w)...)
	}
	sc := l.runScript(s, split)
	if sc == nil || sc.file == "" {
		return ""
	}
	text := shellCommentRe.ReplaceAllString(sc.text, "")
	if scriptPatroniRe.MatchString(text) {
		return "" // Patroni run anywhere in it (dumb-init patroni, python patroni.py)
	}
	found := ""
	for _, ix := range scriptRunsRe.FindAllStringSubmatchIndex(text, -1) {
		m := text[ix[2]:ix[3]]
		switch m {
		case "supervisord", "postgres", "pg_ctl":
			return ""
		}
		// Only a program in the foreground is what the container runs
		// (etcd ... & before exec "$@", haproxy -D).
		end := len(text)
		if i := strings.Index(text[ix[0]:], "\n"); i >= 0 {
			end = ix[0] + i
		}
		for end < len(text) && strings.HasSuffix(strings.TrimRight(text[ix[0]:end], " \t"), "\\") {
			if i := strings.Index(text[end+1:], "\n"); i >= 0 {
				end += 1 + i
			} else {
				end = len(text)
			}
		}
		if ln := strings.TrimSpace(text[ix[0]:end]); strings.HasSuffix(ln, "&") || regexp.MustCompile(`\s(?:-D|-daemon|--daemon)\b`).MatchString(ln) {
			continue
		}
		if found != "" && found != m {
			return ""
		}
		found = m
	}
	return found
}

// scriptPatroniRe: a script that starts Patroni, however it is called.
var scriptPatroniRe = regexp.MustCompile(`(?:^|[\s/'"=;&|(])(?:patroni(?:\.py)?|-m\s+patroni)(?:[\s'";&|)]|$)`)

func commandMentionsPatroni(s *service) bool {
	for _, w := range append(slices.Clone(s.command), s.entrypoint...) {
		if strings.Contains(strings.ToLower(w.s), "patroni") {
			return true
		}
	}
	return false
}

func mountsPatroniDir(s *service) bool {
	for _, m := range s.mounts {
		if m.target == patroniDir || strings.HasPrefix(m.target, patroniDir+"/") {
			return true
		}
	}
	return false
}

func hasPatroniEnv(s *service) bool {
	for k := range s.env {
		if strings.HasPrefix(k, "PATRONI_") {
			return true
		}
	}
	return false
}

// runsPatroni: its command, its image or its Dockerfile start Patroni, or it
// mounts a Patroni config at /etc/patroni.
func (l *linter) runsPatroni(s *service) bool {
	if runsOwnProgram(s) {
		return false // a client on the nodes' image: its entrypoint: replaces theirs
	}
	if runsToolCommand(s) && l.imageNodeElsewhere(s) {
		return false // a demo shell on the nodes' image: sleep infinity, psql
	}
	repo, _ := imageRef(s.image.s)
	for _, w := range append(slices.Clone(s.command), s.entrypoint...) {
		t := strings.ToLower(shellCommentRe.ReplaceAllString(w.s, ""))
		if s.build == nil && isPostgresRepo(repo) {
			// A ready-made PostgreSQL image has no Patroni in it: a host
			// named patroni-primary that its psql/pg_isready talks to is
			// no Patroni it runs.
			for u := ""; u != t; {
				u, t = t, patroniHostRe.ReplaceAllString(t, "$1 $2")
			}
		}
		// An echo's text and a host:port or URL (curl patroni1:8008/health
		// in a wait loop) name Patroni without running it.
		t = echoArgsRe.ReplaceAllString(t, "")
		t = patroniAddrRe.ReplaceAllString(t, "")
		if strings.Contains(t, "patroni") {
			return true // (a "# ask Patroni's REST API" comment in sh -c is none)
		}
	}
	if s.build == nil && (strings.Contains(repo, "patroni") || strings.Contains(repo, "spilo")) {
		return true
	}
	if s.df.mentionsPatroni() {
		return true
	}
	for _, m := range s.mounts {
		if m.target == patroniDir || strings.HasPrefix(m.target, patroniDir+"/") {
			return true
		}
	}
	return false
}

// runsArgsRe: a script runs the arguments it was given (exec "$@", exec
// gosu postgres "$@", runuser -u postgres -- "$@").
var runsArgsRe = regexp.MustCompile(`(?m)\bexec\b[^\n]*"\$@"`)

// assignedVar is the shell variable a script assigns the literal path p
// (CFG=/var/lib/postgresql/patroni.yml), or "".
func assignedVar(text, p string) string {
	re := regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+|local[ \t]+|readonly[ \t]+)?([A-Za-z_]\w*)=["']?` + regexp.QuoteMeta(p) + `["']?[ \t]*(?:$|[;#])`)
	if m := re.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// patroniHostRe is a host name like patroni-primary or patroni_1 (not a
// path, not a file name with an extension, not followed by one).
var patroniHostRe = regexp.MustCompile(`(^|[^a-z0-9_./-])patroni[-_][a-z0-9_-]*[a-z0-9]([^./a-z0-9_-]|$)`)

// echoArgsRe is an echo or printf command with its arguments, to the end
// of the command (;, &, | or the line's end).
var echoArgsRe = regexp.MustCompile(`(?m)(^|[\s;&|(])(?:echo|printf)\b[^;&|\n]*`)

// patroniAddrRe is a host:port or URL naming a Patroni host
// (patroni1:8008/health, http://patroni-1:8008).
var patroniAddrRe = regexp.MustCompile(`(?:[a-z]+://)?[a-z0-9_.-]*patroni[a-z0-9_.-]*:[0-9]+[^\s'"]*`)

// shellCommentRe is a shell comment: # at a line's start or after blanks,
// to the end of the line.
var shellCommentRe = regexp.MustCompile(`(?m)(?:^|[ \t])#[^\n]*`)

// toolCommands are programs a service on the nodes' image may run instead of
// Patroni: an idle container to exec into, a client (not a shell, whose
// script lint would have to follow).
var toolCommands = map[string]bool{"sleep": true, "tail": true, "psql": true, "patronictl": true, "pgbench": true, "true": true, "pg_isready": true}

// runsToolCommand: the service's command: runs such a program (its text
// never mentions Patroni), no entrypoint: replaces the image's, and the
// image's Dockerfile sets no ENTRYPOINT on a postgres base (whose
// docker-entrypoint.sh runs any command that is not postgres as given): the
// container runs that program, not Patroni.
func runsToolCommand(s *service) bool {
	if !s.hasCommand || len(s.command) == 0 || len(s.entrypoint) > 0 || commandMentionsPatroni(s) || s.df == nil {
		return false
	}
	if !toolCommands[path.Base(s.command[0].s)] {
		return false
	}
	if repo, _ := s.df.baseRepo(); !isPostgresRepo(repo) {
		return false
	}
	if st := s.df.final(); st != nil {
		for _, in := range st.chain() {
			if in.cmd == "ENTRYPOINT" && len(in.words()) > 0 {
				return false
			}
		}
	}
	return true
}

// imageNodeElsewhere: another service on s's Dockerfile starts Patroni in
// its command: or in its image's: that image's nodes are those, and s
// (which runs a tool command instead) is not one of them.
func (l *linter) imageNodeElsewhere(s *service) bool {
	if l.compose == nil {
		return false
	}
	for _, o := range l.compose.services {
		if o == s || o.df == nil || o.dfPath != s.dfPath || runsToolCommand(o) || runsOwnProgram(o) {
			continue
		}
		if commandMentionsPatroni(o) || o.df.mentionsPatroni() {
			return true
		}
	}
	return false
}

// idleCommand: the service's command: only keeps the container alive
// (sleep, tail -f): it connects nowhere by itself; what is run in it by
// hand (docker compose exec) is out of sight.
func idleCommand(s *service) bool {
	if !s.hasCommand || len(s.command) == 0 || len(s.entrypoint) > 0 {
		return false
	}
	switch path.Base(s.command[0].s) {
	case "sleep":
		return true
	case "tail":
		return slices.ContainsFunc(s.command, func(w sval) bool { return w.s == "-f" || w.s == "-F" })
	}
	return false
}

// runsOwnProgram: the service's entrypoint: runs a program file of another
// language (python3 -u /scripts/ingest.py) that is not Patroni; it replaces
// the image's ENTRYPOINT and CMD, so an image built to run Patroni runs
// that program instead (a test client on the nodes' image).
func runsOwnProgram(s *service) bool {
	if len(s.entrypoint) == 0 {
		return false
	}
	prog := false
	for _, w := range append(slices.Clone(s.entrypoint), s.command...) {
		lw := strings.ToLower(w.s)
		if strings.Contains(lw, "patroni") {
			return false
		}
		switch path.Ext(lw) {
		case ".py", ".js", ".mjs", ".rb", ".pl", ".jar", ".php":
			prog = true
		}
	}
	return prog
}

// commandOf is what the container runs: ENTRYPOINT + CMD with compose's
// entrypoint:/command: in their place (a compose entrypoint: drops the
// image's CMD, as Docker does).
func (l *linter) commandOf(s *service) (words []string, where string) {
	var ep, cmd []string
	if s.df != nil {
		ep, cmd = s.df.entrypointCmd()
		where = "the ENTRYPOINT/CMD of " + s.dfPath
	}
	if len(s.entrypoint) > 0 {
		ep = nil
		for _, w := range s.entrypoint {
			ep = append(ep, w.s)
		}
		cmd = nil
		where = "its entrypoint:"
	}
	if s.hasCommand {
		cmd = nil
		for _, w := range s.command {
			cmd = append(cmd, w.s)
		}
		where = "its command:"
	}
	return append(ep, cmd...), where
}

// patroniArgRe finds the config handed to Patroni in a command line or script.
var patroniArgRe = regexp.MustCompile(`(?:^|[\s/'"=;&|(])(?:patroni(?:\.py)?|-m\s+patroni)\s+(?:--?[\w-]+\s+)*["']?([^\s'";&|)]+\.ya?ml)`)

func patroniArg(text string) (string, int) {
	p, _, off := patroniArgVar(text)
	return p, off
}

// patroniVarRe finds Patroni started with a shell variable as its config
// (exec su-exec postgres patroni "$CONFIG_FILE").
var patroniVarRe = regexp.MustCompile(`(?:^|[\s/'"=;&|(])(?:patroni(?:\.py)?|-m\s+patroni)\s+(?:--?[\w-]+\s+)*["']?\$\{?([A-Za-z_]\w*)\}?["']?(?:[\s;&|)]|$)`)

// patroniVarPathRe finds Patroni started with a config path the shell
// completes from a variable, one that does not end in .yml as written
// (exec patroni "/etc/patroni/${PATRONI_CONFIG}", patroni $DIR/$NODE):
// a path (a /) with a $ in it.
var patroniVarPathRe = regexp.MustCompile(`(?:^|[\s/'"=;&|(])(?:patroni(?:\.py)?|-m\s+patroni)\s+(?:--?[\w-]+\s+)*["']?([^\s'";&|)$]*/[^\s'";&|)]*\$[^\s'";&|)]*)["']?(?:[\s;&|)]|$)`)

// configVarRe: a variable named for a config file (CONFIG_FILE, PATRONI_CFG,
// PATRONI_YML).
var configVarRe = regexp.MustCompile(`(?i)conf|cfg|ya?ml|file`)

// patroniSourceRe: Patroni started from a source tree, not an installed
// release (python /patroni/patroni.py config.yml).
var patroniSourceRe = regexp.MustCompile(`(?m)\bpython[0-9.]*[ \t]+\S*/patroni\.py\b`)

// mountedSourceTree: the patroni.py that cmd runs lies in a folder the
// service bind-mounts from the answer (./patroni:/patroni), a source tree
// of some Patroni version, not a release lint can date.
func mountedSourceTree(s *service, cmd string) bool {
	f := strings.Fields(cmd)
	dir := path.Dir(f[len(f)-1])
	for _, m := range s.mounts {
		if t := path.Clean(m.target); m.bind && t != "/" && (t == dir || strings.HasPrefix(dir, t+"/")) {
			return true
		}
	}
	return false
}

// patroniArgVar is patroniArg that also follows a shell variable to the
// value the same text assigns it (CONFIG_FILE="$CONFIG_DIR/patroni.yml"),
// returning the variable's name too ("" for a literal path). A variable
// the text does not assign a YAML path is returned as written ($NAME).
func patroniArgVar(text string) (p, name string, off int) {
	m := patroniArgRe.FindStringSubmatchIndex(text)
	v := patroniVarRe.FindStringSubmatchIndex(text)
	if pv := patroniVarPathRe.FindStringSubmatchIndex(text); pv != nil && (m == nil || pv[2] < m[2]) && (v == nil || pv[2] < v[2]) {
		// exec patroni "/etc/patroni/${PATRONI_CONFIG}": a path the shell
		// completes from a variable, returned as written for the caller
		// to expand (batch 39: taisiya_lebedeva).
		return text[pv[2]:pv[3]], "", pv[2]
	}
	if m != nil && (v == nil || m[2] < v[2]) {
		return text[m[2]:m[3]], "", m[2]
	}
	if v == nil {
		return "", "", -1
	}
	name = text[v[2]:v[3]]
	p = "$" + name
	if !configVarRe.MatchString(name) && !regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+|local[ \t]+)?`+name+`=["']?[^\s"';&|]+\.ya?ml\b`).MatchString(text) {
		return "", "", -1 // "patroni $PATRONI_NAME" in a message is no command
	}
	asg := regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+|local[ \t]+|readonly[ \t]+)?` + name + `=["']?([^\s"';&|]+\.ya?ml)["']?[ \t]*(?:$|[;#&])`)
	for _, a := range asg.FindAllStringSubmatchIndex(text[:v[2]], -1) {
		p = text[a[2]:a[3]] // the last assignment before the use
	}
	return p, name, v[2] - 1
}

// shVarRe: a shell parameter expansion in a start script: $NAME,
// ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:=default},
// ${NAME:?message}, ${NAME:+alt}.
// selfDefaultRe: an assignment whose value is the variable itself with a
// default, NAME="${NAME:-word}" (also -, :=, :?).
var selfDefaultRe = regexp.MustCompile(`^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=?])(.*)\}$`)

var shVarRe = regexp.MustCompile(`\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))`)

// runtimeExpand expands the $NAME, ${NAME}, ${NAME:-default} and
// ${NAME:?message} of a path a start script builds, as the container's
// shell does: a variable the script itself assigns before off
// (NODE="${PATRONI_NODE:?...}") is followed to what it is assigned;
// otherwise the service's environment: and env_file, else the image's ENV,
// else the default. false when a variable is set nowhere lint reads (or to
// something it cannot tell), with the first such variable's name.
func (l *linter) runtimeExpand(s *service, text string, off int, p string) (string, string, bool) {
	return l.shExpand(s, text, off, p, 0)
}

func (l *linter) shExpand(s *service, text string, off int, p string, depth int) (string, string, bool) {
	ok, missing := true, ""
	fail := func(name string) {
		if ok {
			missing = name
		}
		ok = false
	}
	out := shVarRe.ReplaceAllStringFunc(p, func(m string) string {
		sub := shVarRe.FindStringSubmatch(m)
		name, op, word := sub[1]+sub[4], sub[2], sub[3]
		v, set, known, why := l.shVarValue(s, text, off, name, depth)
		if !known {
			fail(why)
			return m
		}
		switch op {
		case ":-", ":=":
			if !set || v == "" {
				v, set = word, true
			}
		case "-", "=":
			if !set {
				v, set = word, true
			}
		case ":+":
			if set && v != "" {
				v = word
			}
		case "+":
			if set {
				v = word
			}
		}
		if !set || v == "" || strings.Contains(v, "$") {
			fail(name)
			return m
		}
		return v
	})
	return out, missing, ok
}

// shVarValue is what the script's shell holds in name at off: the value
// of its last assignment there (NAME=..., export NAME=...), expanded; else
// the service's environment:/env_file, else the image's ENV. known is
// false when something deciding it is out of sight (why names the
// variable to set); set false when it is set nowhere.
func (l *linter) shVarValue(s *service, text string, off int, name string, depth int) (v string, set, known bool, why string) {
	if depth > 4 || off < 0 || off > len(text) {
		return "", false, false, name
	}
	// NAME=..., export/local/readonly/declare NAME=..., and the
	// assign-default idiom : "${NAME:=default}", whose right-hand side is
	// the expansion itself.
	asg := regexp.MustCompile(`(?m)^[ \t]*(?:(?:export|local|readonly|declare(?:[ \t]+-\w+)*)[ \t]+)?` + name + `=("[^"\n]*"|'[^'\n]*'|[^\s;&|]*)[ \t]*(?:$|[;#&])|^[ \t]*:[ \t]+["']?(\$\{` + name + `:?=[^}\n]*\})`)
	if as := asg.FindAllStringSubmatchIndex(text[:off], -1); len(as) > 0 {
		a := as[len(as)-1]
		if a[2] < 0 {
			a[2], a[3] = a[4], a[5] // : "${NAME:=default}"
		}
		val := text[a[2]:a[3]]
		if strings.HasPrefix(val, "'") {
			return strings.Trim(val, "'"), true, true, ""
		}
		val = strings.Trim(val, `"`)
		if m := selfDefaultRe.FindStringSubmatch(val); m != nil && m[1] == name {
			// NAME="${NAME:-$(hostname -i)}": the value NAME already
			// holds, when it is set (and not empty, for :-); the default,
			// whatever it runs, only when it is not.
			pv, pset, pknown, _ := l.shVarValue(s, text, a[0], name, depth+1)
			switch {
			case pknown && pset && (pv != "" || !strings.HasPrefix(m[2], ":")):
				return pv, true, true, ""
			case pknown && !strings.HasSuffix(m[2], "?") && !strings.ContainsAny(m[3], "`") && !strings.Contains(m[3], "$("):
				// Unset: the default, which may name other variables
				// (${NAME:-${OTHER}:8008}).
				e, miss, ok := l.shExpand(s, text, a[0], m[3], depth+1)
				if !ok {
					return "", false, false, miss
				}
				return e, true, true, ""
			}
		}
		if strings.ContainsAny(val, "`") || strings.Contains(val, "$(") {
			return "", false, false, name
		}
		// The right-hand side sees the shell as it stood before it.
		e, miss, ok := l.shExpand(s, text, a[0], val, depth+1)
		if !ok {
			return "", false, false, miss
		}
		return e, true, true, ""
	}
	if ev, ok := s.env[name]; ok {
		if !ev.ok || strings.Contains(ev.s, "$") {
			return "", false, false, name
		}
		return ev.s, true, true, ""
	}
	if s.envFileUnread() {
		return "", false, false, name
	}
	if s.df != nil && s.df.final() != nil {
		if dv, ok := s.df.final().endVars[name]; ok {
			if !dv.set || strings.Contains(dv.val, "$") {
				return "", false, false, name
			}
			return dv.val, true, true, ""
		}
	}
	return "", false, true, name
}

// unresolvedConfigVar: Patroni is handed a variable whose value lint cannot
// tell: a note, and the one Patroni config the service bind-mounts (if
// any) checked as the config meant.
func (l *linter) unresolvedConfigVar(s *service, sc *script, shown, name string, off int) string {
	file, line := orStr(sc.file, l.composeFile), sc.lineIn(off)
	if name == "" {
		name = "the variable"
	}
	why := fmt.Sprintf("$%s is set outside what it read", name)
	if shown == "$"+name || shown == "${"+name+"}" {
		why = "set outside what it read"
	}
	cs := l.mountedPatroniConfigs(s)
	if len(cs) == 1 {
		src, _, _ := l.mountSource(cs[0])
		l.note(file, line, fmt.Sprintf("%s runs patroni %s, whose value lint cannot tell (%s): it checked %s, the one Patroni config %s mounts (at %s), as the config meant", s.name, shown, why, src, s.name, cs[0].target),
			fmt.Sprintf("nothing to change if %s is %s in the container", shown, cs[0].target))
		return src
	}
	l.note(file, line, fmt.Sprintf("%s runs patroni %s, whose value lint cannot tell (%s): it did not check which config that is", s.name, shown, why),
		fmt.Sprintf("nothing to change for lint; set %s in %s's environment: to make it checkable", name, s.name))
	return ""
}

// script is a shell script a container runs, and where it comes from.
type script struct {
	file string // in the exercise dir; "" when written by a RUN
	text string
	line int // first line in file (1 for a file, the RUN's line otherwise)
	in   *dfInstr
	// cmd: the sh -c string of a compose entrypoint:/command:, all at line
	cmd bool
}

// scriptOf finds the content of a script the container runs: bind-mounted,
// COPYed/ADDed from the build context, or written by a RUN of the Dockerfile.
func (l *linter) scriptOf(s *service, p string) *script {
	for _, m := range s.mounts {
		if m.target == p {
			if src, _, ok := l.mountSource(m); ok {
				if data, ok := l.read(src); ok {
					return &script{file: src, text: string(data), line: 1}
				}
			}
		}
	}
	// A folder of the answer bind-mounted above it (./scripts:/scripts).
	for _, m := range s.mounts {
		if t := path.Clean(m.target); m.bind && t != "/" && !isYAMLName(p) && strings.HasPrefix(p, t+"/") {
			if src, _, ok := l.mountSource(m); ok && l.isDir(src) {
				f := path.Join(src, strings.TrimPrefix(p, t+"/"))
				if data, ok := l.read(f); ok {
					return &script{file: f, text: string(data), line: 1}
				}
			}
		}
	}
	if s.df != nil {
		// A bare name is looked up on PATH (and in the WORKDIR).
		cands := []string{p}
		if strings.Contains(p, "/") && !strings.HasPrefix(p, "/") {
			cands = append(cands, path.Join(s.df.workdir(), p)) // ./entrypoint.sh
		}
		if !strings.Contains(p, "/") {
			cands = nil
			for _, dir := range []string{"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"} {
				cands = append(cands, dir+"/"+p)
			}
		}
		for _, c := range cands {
			if src := s.df.copySource(c); src != "" {
				f := path.Join(s.df.context, src)
				if data, ok := l.read(f); ok {
					return &script{file: f, text: string(data), line: 1}
				}
			}
		}
		if !strings.Contains(p, "/") {
			return nil
		}
		for _, in := range s.df.instrs {
			if in.cmd == "RUN" && strings.Contains(in.text, p) && strings.Contains(in.text, "patroni") {
				return &script{file: s.df.file, text: in.text, line: in.line, in: in}
			}
		}
	}
	return nil
}

// runScript is the script a container's command runs: a path, or a bare
// name found on PATH among the files the image COPYs (shells and other
// programs are not scripts of the exercise and are not found).
func (l *linter) runScript(s *service, words []string) *script {
	for i, w := range words {
		if strings.HasPrefix(w, "-") || (i > 0 && !strings.Contains(w, "/") && !strings.HasSuffix(w, ".sh")) {
			continue
		}
		if sc := l.scriptOf(s, w); sc != nil {
			return sc
		}
	}
	return nil
}

var exportRe = regexp.MustCompile(`(?m)^\s*export\s+(PATRONI_[A-Za-z0-9_]+)=`)

// lineIn is the line of byte off of a script.
func (sc *script) lineIn(off int) int {
	if sc.in != nil {
		return sc.in.lineAt(off)
	}
	if sc.cmd {
		return sc.line
	}
	return sc.line + strings.Count(sc.text[:off], "\n")
}

// nodeConfig finds the Patroni config a node runs with. It returns the
// config's file in the exercise dir, or "" after saying why.
func (l *linter) nodeConfig(s *service) string {
	words, where := l.commandOf(s)
	text := strings.Join(words, " ")
	p, _ := patroniArg(text)
	s.startsPatroni = p != ""
	var sc *script
	if p != "" {
		// A shell string in the compose entrypoint:/command: (sh -c "...
		// envsubst < T > C && exec gosu postgres patroni C") is read like a
		// start script: what it writes is there.
		line := s.line
		if len(s.entrypoint) > 0 {
			line = s.entrypoint[0].line
		} else if len(s.command) > 0 {
			line = s.command[0].line
		}
		if (len(s.entrypoint) > 0 || s.hasCommand) && l.writtenConfig(s, &script{text: text, line: line, cmd: true}, p, "") {
			return ""
		}
		// An entrypoint script (the image's ENTRYPOINT, or entrypoint:)
		// that runs the command it is given ("$@") after writing the
		// config: what it writes is there.
		var ep []string
		if len(s.entrypoint) > 0 {
			for _, w := range s.entrypoint {
				ep = append(ep, w.s)
			}
		} else if s.df != nil {
			ep, _ = s.df.entrypointCmd()
		}
		if len(ep) > 0 {
			if sc := l.runScript(s, ep); sc != nil && runsArgsRe.MatchString(shellCommentRe.ReplaceAllString(sc.text, "")) {
				if l.writtenConfig(s, sc, p, assignedVar(sc.text, p)) {
					return ""
				}
			}
		}
	}
	if p == "" {
		sc = l.runScript(s, words)
		if sc != nil {
			for _, m := range exportRe.FindAllStringSubmatch(sc.text, -1) {
				if _, ok := s.env[m[1]]; !ok {
					s.env[m[1]] = sval{} // set at start by the script: unknown here
				}
			}
			var off int
			var pvar, shown, missVar string
			p, pvar, off = patroniArgVar(sc.text)
			unresolved := false
			if pvar != "" && p == "$"+pvar {
				// patroni "$PATRONI_CONFIG": the value the service's
				// environment:/env_file and the script's own assignments
				// give it; else out of sight.
				if v, miss, ok := l.runtimeExpand(s, sc.text, off, p); ok {
					// CONFIG="${PATRONI_CONFIG_PATH:-/etc/patroni/patroni.yml}"
					// with PATRONI_CONFIG_PATH set nowhere: the default.
					p = v
				} else {
					unresolved, shown, missVar = true, p, miss
				}
			}
			if !unresolved && strings.Contains(p, "$") {
				// CONFIG="/etc/patroni/${NODE_NAME}.yml", or
				// patroni "/etc/patroni/${NODE}.yml" with
				// NODE="${PATRONI_NODE:?...}": the script expands it in
				// the container, with its own assignments, the service's
				// environment and the image's ENV.
				if v, miss, ok := l.runtimeExpand(s, sc.text, off, p); ok {
					p = v
				} else {
					unresolved, shown, missVar = true, p, miss
				}
			}
			if p == "" {
				// The script execs supervisord ("$@"), whose program runs Patroni.
				if prog, ok := l.supervisedPatroni(s, words); ok {
					p, _ = patroniArg(prog.command)
				} else if prog, ok := l.supervisedPatroni(s, supervisordLine(sc.text)); ok {
					p, _ = patroniArg(prog.command) // the script runs supervisord itself
				}
			}
			if p != "" {
				if l.writtenConfig(s, sc, p, pvar) {
					return ""
				}
				if unresolved {
					return l.unresolvedConfigVar(s, sc, shown, missVar, off)
				}
			}
		}
	}
	if p == "" && sc == nil {
		if prog, ok := l.supervisedPatroni(s, words); ok {
			p, _ = patroniArg(prog.command)
			s.startsPatroni = p != ""
		}
	}
	if p == "" {
		// No path on the command line: Patroni's own default, or a bind-mounted config.
		if cs := l.mountedPatroniConfigs(s); len(cs) > 0 {
			src, _, _ := l.mountSource(cs[0])
			return src
		}
		for _, m := range s.mounts {
			if m.target != patroniDir {
				continue
			}
			if f := l.confInMountedDir(s, m, "patroni.yml", false); f != "" || l.seenMissing {
				return f
			}
		}
		// A Patroni config COPYed into the image (the command may not run it).
		if f := l.copiedPatroniConfig(s); f != "" {
			return f
		}
		l.noConfigFound(s, where)
		return ""
	}
	if strings.Contains(p, "$") && sc == nil && l.shellRuns(s, words) {
		// CMD ["sh", "-c", "exec patroni /etc/patroni/${NODE_NAME}.yml"]:
		// the shell expands the path in the container, with the service's
		// environment: and env_file and the image's ENV (Dockerfile
		// reference, exec form: "if you want shell processing ... execute
		// a shell directly"). A variable set nowhere lint reads: a note.
		_, off := patroniArg(text)
		if v, miss, ok := l.runtimeExpand(s, text, off, p); ok {
			p = v
		} else {
			cs := &script{text: text, line: s.line, cmd: true}
			if strings.Contains(where, "ENTRYPOINT/CMD") {
				cs.file, cs.line = s.dfPath, l.cmdLine(s)
			}
			return l.unresolvedConfigVar(s, cs, p, miss, off)
		}
	}
	raw := p
	p = path.Clean(p)
	if !strings.HasPrefix(p, "/") && s.df == nil && s.build == nil && s.hasImage && !isPostgresRepo(func() string { r, _ := imageRef(s.image.s); return r }()) {
		// Relative to the WORKDIR of an image lint cannot see into (a
		// third party's Patroni image): where it points, and whether the
		// image holds a config there, is unknown. But when the path read
		// from "/" (Docker's default WORKDIR) is exactly where the
		// service bind-mounts an answer's file, that file is the only
		// Patroni config in sight: check it, and say what was assumed.
		if src := l.rootRelativeMount(s, path.Join("/", p)); src != "" {
			l.note(l.composeFile, s.line, fmt.Sprintf("%s runs patroni %s, a path relative to the working directory of the image %s, which lint cannot see into: lint took the working directory to be / (Docker's default), where %s is mounted at %s, and checked that file", s.name, raw, s.image.s, src, path.Join("/", p)),
				fmt.Sprintf("nothing to change if the image's WORKDIR is /; an absolute path (patroni %s) does not depend on it", path.Join("/", p)))
			return src
		}
		l.note(l.composeFile, s.line, fmt.Sprintf("%s runs patroni %s, a path relative to the working directory of the image %s, which lint cannot see into: it did not check that config", s.name, raw, s.image.s),
			fmt.Sprintf("nothing to change for lint; an absolute path (mount the config at /etc/patroni/patroni.yml and run patroni /etc/patroni/patroni.yml) makes %s checkable", s.name))
		return ""
	}
	if !strings.HasPrefix(p, "/") {
		wd := "/" // relative to the working directory: the image's WORKDIR
		if s.df != nil {
			wd = s.df.workdir()
			if st := s.df.final(); strings.Contains(wd, "$") && st != nil {
				wd, _, _ = s.df.expander(st.endVars, false).expand(wd) // WORKDIR $PGHOME
			}
			if strings.Contains(wd, "$") {
				return "" // a working directory lint cannot name
			}
		}
		p = path.Join(wd, p)
	}
	// A bind mount of the file, or of its directory.
	for _, m := range s.mounts {
		src, line, ok := l.mountSource(m)
		switch {
		case m.target == p && (m.bind || m.device.s != ""):
			if !ok {
				continue
			}
			if l.exists(src) {
				return src
			}
			fix := fmt.Sprintf("create %s (the Patroni config of %s)", src, s.name)
			if alt := l.sameNameElsewhere(src); alt != "" {
				fix = fmt.Sprintf("mount the file that exists: ./%s:%s", alt, p)
			}
			if l.isDir(src) {
				l.add(l.composeFile, line, fmt.Sprintf("%s mounts the directory ./%s at %s, where Patroni expects its config file", s.name, src, p), fix)
				return ""
			}
			l.add(l.composeFile, line, fmt.Sprintf("missing: %s mounts ./%s at %s, but there is no such file: Docker creates an empty directory there and Patroni finds no config", s.name, src, p), fix)
			return ""
		case m.target == path.Dir(p) && !(!m.bind && m.device.s == "" && s.df != nil && s.df.copySource(p) != ""):
			// (A fresh named volume is filled with what the image
			// has there: a config COPYed into it is found below.)
			return l.confInMountedDir(s, m, path.Base(p), true)
		}
	}
	// A config COPYed or ADDed into the image.
	if s.df != nil {
		if src := l.serviceDockerfile(s).copySource(p); src != "" {
			f := path.Join(s.df.context, src)
			if l.exists(f) {
				if in := editedAtBuild(s.df, p); in != nil {
					// sed -i on the copied file (Patroni's demo image): the
					// config that runs is not the file; its keys still are.
					l.note(s.df.file, in.line, fmt.Sprintf("the Patroni config %s is edited in place by this RUN (sed -i) when the image is built: lint checked %s's keys, not the values the edit leaves", p, f),
						"nothing to change for lint; to review it, print the built file (docker compose exec "+s.name+" cat "+p+")")
					l.addTemplate(&nodeConf{svc: s, name: s.name, file: f})
					return ""
				}
				s.copiedConfig = f
				return f
			}
			if beside := path.Join(path.Dir(s.dfPath), src); beside != f && l.exists(beside) && !l.isDir(beside) && l.looksPatroni(beside) {
				// The COPY source is missing from the context (a finding
				// of its own), but a Patroni config of that name sits
				// beside the Dockerfile: the config meant, checked as such
				// (batch 22: maithanhduyan-odoo).
				l.note(beside, 0, fmt.Sprintf("%s copies %s from the build context %s, where there is none (reported at the COPY); lint checked %s, beside the Dockerfile, as the config the nodes are meant to run", s.dfPath, src, orStr(s.df.context, "."), beside),
					"nothing to change for lint once the COPY finds it (move the file into the context, or the context to "+path.Dir(s.dfPath)+")")
				return beside
			}
			if s.dfPath == l.dockerfilePath {
				return "" // checkCopySources reports the COPY at its line
			}
			l.add(s.df.file, 0, fmt.Sprintf("missing: %s copies %s into the image at %s, but there is no such file in the build context", s.dfPath, src, p),
				fmt.Sprintf("create %s (the Patroni config of %s)", f, s.name))
			return ""
		}
	}
	if s.build != nil && s.df == nil {
		if _, inside := projectPath(s.build.context); !inside {
			// The image is built from outside the answer: out of sight.
			l.note(l.composeFile, l.firstBuildLine(s.build.context), l.outsideContext(s.build.context),
				"check that "+s.build.context+" holds the Dockerfile and the configs it COPYs")
			return ""
		}
	}
	what := where
	if s.df != nil && !strings.Contains(what, s.dfPath) {
		what += " and " + s.dfPath
	}
	for _, m := range s.mounts {
		// A Patroni config mounted at the path under the other YAML
		// extension (CMD reads /etc/patroni/patroni.yml, the volume
		// provides /etc/patroni/patroni.yaml): the mismatch itself, at the mount,
		// with the answer's own file (batch 39: baltasar_iturbe).
		t := path.Clean(m.target)
		if !m.bind || t == p || yamlStem(t) != yamlStem(p) {
			continue
		}
		if src, _, ok := l.mountSource(m); ok && l.exists(src) && !l.isDir(src) && l.looksPatroni(src) {
			l.add(l.composeFile, m.line, fmt.Sprintf("%s runs patroni %s (%s), but nothing puts %s in the container: its volumes: mount %s at %s, the other YAML extension", s.name, p, where, p, src, t),
				fmt.Sprintf("make the two names agree: mount it at %s (- ./%s:%s:ro), or run patroni %s", p, src, p, t))
			return src // the config meant: its own problems come next
		}
	}
	// The service bind-mounts one Patroni config file, at another path
	// than the one Patroni is given (CMD patroni /etc/patroni.yml, the
	// file at /etc/patroni/patroni.yml): the mismatch, at the mount, with
	// the answer's own paths; and that file is checked as the node's
	// config, whose problems the student meets next (batch 41:
	// bartolome_ferrer).
	if cs := l.mountedPatroniConfigs(s); len(cs) == 1 && cs[0].bind {
		if src, _, ok := l.mountSource(cs[0]); ok && !l.isDir(src) {
			t := path.Clean(cs[0].target)
			l.add(l.composeFile, cs[0].line, fmt.Sprintf("%s runs patroni %s (%s), but nothing puts %s in the container: its volumes: mount its Patroni config %s at %s instead", s.name, p, where, p, src, t),
				fmt.Sprintf("make the two paths agree: run patroni %s, or mount it at %s (- ./%s:%s:ro)", t, p, src, p))
			return src
		}
	}
	l.add(l.composeFile, s.line, fmt.Sprintf("%s runs patroni %s, but nothing puts %s in the container: lint looked for a bind mount of it or of %s in its volumes: and for a COPY/ADD to it in %s", s.name, p, p, path.Dir(p), orStr(s.dfPath, "its image (no build:)")),
		fmt.Sprintf("mount the config: - ./%s.yml:%s:ro", s.name, p))
	return ""
}

// shellRuns: the command a service runs goes through a shell, which
// expands its $VARs at run time: sh -c / bash -c in it, or the shell form
// of the Dockerfile's CMD/ENTRYPOINT (when compose gives neither).
func (l *linter) shellRuns(s *service, words []string) bool {
	for i := 1; i < len(words); i++ {
		if w := words[i]; strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "--") && strings.HasSuffix(w, "c") {
			switch path.Base(words[i-1]) {
			case "sh", "bash", "ash", "dash", "zsh":
				return true
			}
		}
	}
	if len(s.entrypoint) > 0 || s.hasCommand || s.df == nil || s.df.final() == nil {
		return false
	}
	var last *dfInstr
	for _, in := range s.df.final().chain() {
		if in.cmd == "CMD" || in.cmd == "ENTRYPOINT" {
			last = in
		}
	}
	return last != nil && !last.json
}

// cmdLine is the line of the Dockerfile's last CMD or ENTRYPOINT.
func (l *linter) cmdLine(s *service) int {
	line := 0
	if s.df != nil && s.df.final() != nil {
		for _, in := range s.df.final().chain() {
			if in.cmd == "CMD" || in.cmd == "ENTRYPOINT" {
				line = in.line
			}
		}
	}
	return line
}

// writtenConfig: the script sc (a file, a RUN, or a compose sh -c string)
// writes the Patroni config p it starts Patroni with (through the variable
// pvar when not ""); said so (a note, the template it is made from checked
// as one, or a finding) and true; false when sc does not write p.
func (l *linter) writtenConfig(s *service, sc *script, p, pvar string) bool {
	s.startsPatroni = true
	what := "this script"
	if sc.cmd {
		what = "the sh -c string of " + s.name + "'s entrypoint:/command:"
	}
	target := regexp.QuoteMeta(p)
	if pvar != "" {
		// written through the variable: > "$CONFIG_FILE"
		target = `(?:` + target + `|\$\{?` + pvar + `\b\}?)`
	}
	wre := regexp.MustCompile(`(?:>>?|\btee\b|sed\s+-i[^\n]*|envsubst[^\n]*>)\s*["']?` + target)
	var loc []int
	for _, at := range wre.FindAllStringIndex(sc.text, -1) {
		// Not in a comment (# PATRONI_NODE=postgres0 -> /etc/patroni/postgres0.yml).
		if ln := sc.text[strings.LastIndex(sc.text[:at[0]], "\n")+1 : at[0]]; !strings.HasPrefix(strings.TrimSpace(ln), "#") {
			loc = at
			break
		}
	}
	if loc != nil {
		file, line := orStr(sc.file, l.composeFile), sc.lineIn(loc[0])
		if m, ok := roMountOver(s, p); ok {
			// The script writes into a read-only mount: "Read-only file
			// system", and the container stops before Patroni starts.
			// One line however many nodes run the script.
			l.gatherEach("romount\x00"+file+"\x00"+p, file, line, s.name+"\x00"+m.source+":"+m.target, func(items []string) string {
				var names, mounts []string
				for _, it := range items {
					n, mt, _ := strings.Cut(it, "\x00")
					names, mounts = append(names, n), append(mounts, mt)
				}
				return fmt.Sprintf("%s writes the Patroni config %s into %s, which %s %s read-only (%s:ro): the write fails (Read-only file system) and the container exits before Patroni starts", what, p, m.target, joinAnd(names), map[bool]string{true: "mount", false: "mounts"}[len(names) > 1], strings.Join(slices.Compact(mounts), ":ro, "))
			}, fmt.Sprintf("write the generated config outside the read-only mount (e.g. /tmp/patroni.yml, and run patroni with that path), or drop :ro from the mount of %s", m.target))
		}
		// The template it is made from, when it is one of the
		// exercise's files: its keys are checked (the values are
		// filled in at start).
		start := strings.LastIndex(sc.text[:loc[0]], "\n") + 1
		for start > 1 && strings.HasSuffix(strings.TrimRight(sc.text[:start-1], " \t"), "\\") {
			start = strings.LastIndex(sc.text[:start-1], "\n") + 1 // a continued command
		}
		end := len(sc.text)
		if i := strings.Index(sc.text[loc[0]:], "\n"); i >= 0 {
			end = loc[0] + i
		}
		if sc.cmd {
			// one command of the sh -c string: envsubst < T > C && exec ...
			for _, sep := range []string{"&&", ";", "||"} {
				if i := strings.LastIndex(sc.text[start:loc[0]], sep); i >= 0 {
					start += i + len(sep)
				}
				if i := strings.Index(sc.text[loc[0]:end], sep); i >= 0 {
					end = loc[0] + i
				}
			}
		}
		if src := patroniSourceRe.FindString(sc.text); src != "" && mountedSourceTree(s, src) {
			// Patroni run from a source tree (python
			// /patroni/patroni.py): its version, and so the
			// config layout it reads, is out of sight.
			l.writtenAtStart(s, file, line, p, what, fmt.Sprintf(", for the Patroni source tree it runs (%s), whose version lint cannot read: it did not check the config's keys against any Patroni release", strings.TrimSpace(src)), nil)
			return true
		}
		if body, first, ok := heredocAt(sc.text, end); ok && sc.file != "" {
			// cat > config << EOF ... EOF: the body, as the shell hands it
			// over. When lint can tell every value it holds, and nothing
			// edits the file after, it is the node's config; else a
			// template whose keys are checked.
			text, unknown := l.renderHeredoc(s, sc.text, start, body, heredocQuoted(sc.text, end))
			conf := &nodeConf{svc: s, name: s.name, file: sc.file, text: text, offset: sc.lineIn(0) + first - 1}
			if len(unknown) == 0 && catWrites(sc.text[start:end]) && !editedAfter(sc.text[end:], p, pvar) {
				l.renderedAtStart(s, file, line, p, what+" from the text that follows")
				l.nodes = append(l.nodes, conf)
				return true
			}
			conf.literal = catWrites(sc.text[start:end]) && !editedAfter(sc.text[end:], p, pvar)
			l.writtenAtStart(s, file, line, p, what+" from the text that follows", ": lint checked its keys, not the values filled in", conf)
			return true
		}
		if tmpl := l.templateFile(s, sc.text[start:end], p); tmpl != "" {
			l.checkEnvsubstUnexported(s, sc, start, end, tmpl)
			conf := &nodeConf{svc: s, name: s.name, file: tmpl, literal: placeholderFill(sc.text[start:end]) && !editedAfter(sc.text[end:], p, pvar)}
			l.writtenAtStart(s, file, line, p, what+" from "+tmpl, ": lint checked the template's keys, not the values filled in", conf)
			return true
		}
		if t, missing := l.missingTemplate(s, sc.text[start:end], p); missing {
			fix := fmt.Sprintf("mount the template at %s", t)
			if o := l.templateMountedBy(t); o != "" {
				fix = fmt.Sprintf("mount the template at %s as %s does (or drop this service)", t, o)
			}
			l.add(l.composeFile, s.line, fmt.Sprintf("%s runs patroni %s, which %s writes from %s, but nothing puts %s in this container (no bind mount, no COPY): Patroni finds no config", s.name, p, file, t, t), fix)
			return true
		}
		l.writtenAtStart(s, file, line, p, what, ": lint could not check it", nil)
		return true
	}
	if prog, at := programWrites(sc.text, p); prog != "" {
		file, line := orStr(sc.file, l.composeFile), sc.lineIn(at)
		if tmpl := l.programTemplate(s, sc.text, p); tmpl != "" {
			l.writtenAtStart(s, file, line, p, fmt.Sprintf("a %s program in %s from %s", prog, what, tmpl), ": lint cannot follow the program, so it checked the template's keys, not the values filled in", &nodeConf{svc: s, name: s.name, file: tmpl})
			return true
		}
		l.writtenAtStart(s, file, line, p, fmt.Sprintf("a %s program in %s", prog, what), ": lint cannot follow it and did not check the config", nil)
		return true
	}
	return false
}

// writtenAtStart says, once, that s's Patroni config p is written by `by`
// when the container starts, and (tail) what lint checked in its place:
// the template it is made from (tmpl, its keys checked as a config's), or
// nothing. Every layout that renders the config at start is worded alike.
func (l *linter) writtenAtStart(s *service, file string, line int, p, by, tail string, tmpl *nodeConf) {
	review := "it"
	if tmpl != nil {
		review = "the values"
		l.addTemplate(tmpl)
	}
	// Services that share one command (a YAML anchor, a merge key) write
	// the config on the same compose line: one note names them all.
	own := "of " + s.name + "'s entrypoint:/command:"
	if !strings.Contains(by, own) {
		l.note(file, line, fmt.Sprintf("the Patroni config %s is written by %s when the container starts%s", p, by, tail),
			fmt.Sprintf("nothing to change for lint; to review %s, print the generated file (docker compose exec %s cat %s)", review, s.name, p))
		return
	}
	l.noteForEach(s, file, line, p+"\x00"+tail, review+"\x00"+p, func(names []string) string {
		who := by
		if len(names) > 1 {
			who = strings.Replace(by, own, "of the entrypoint:/command: of "+joinAnd(names), 1)
		}
		return fmt.Sprintf("the Patroni config %s is written by %s when the container starts%s", p, who, tail)
	})
}

// renderedAtStart says, once for every node that runs the script line,
// that the config p it writes from a here-document was checked as each
// node's own, with the values the node's environment fills in.
func (l *linter) renderedAtStart(s *service, file string, line int, p, by string) {
	l.noteForEach(s, file, line, p+"\x00rendered", "it\x00"+p, func(names []string) string {
		if len(names) == 1 {
			return fmt.Sprintf("the Patroni config %s is written by %s when the container starts, with the values %s's environment and the script give it: lint checked it as %s's config", p, by, names[0], names[0])
		}
		return fmt.Sprintf("the Patroni config %s is written by %s when the container starts, with the values the script and the environment of %s give it: lint checked it as each one's config", p, by, joinAnd(names))
	})
}

// noteForEach adds the note problem(names) at file:line, or, when the same
// note (key) is already there for other services, names s beside them.
// review and the path it prints are in how ("what\x00path").
func (l *linter) noteForEach(s *service, file string, line int, key, how string, problem func(names []string) string) {
	key = fmt.Sprintf("%s\x00%d\x00%s", file, line, key)
	if n := l.startNotes[key]; n != nil {
		if !slices.Contains(n.names, s.name) {
			n.names = append(n.names, s.name)
			l.findings[n.idx].Problem = problem(n.names)
		}
		return
	}
	review, p, _ := strings.Cut(how, "\x00")
	before := len(l.findings)
	l.note(file, line, problem([]string{s.name}),
		fmt.Sprintf("nothing to change for lint; to review %s, print the generated file (docker compose exec %s cat %s)", review, s.name, p))
	if len(l.findings) > before {
		if l.startNotes == nil {
			l.startNotes = map[string]*startNote{}
		}
		l.startNotes[key] = &startNote{idx: before, names: []string{s.name}}
	}
}

// startNote is a note on a compose command that writes a Patroni config at
// start, and the services that run it.
type startNote struct {
	idx   int
	names []string
}

// addTemplate checks t's keys as a config's (values filled in at start are
// not): once per file and offset, however many nodes render it.
func (l *linter) addTemplate(t *nodeConf) {
	if !slices.ContainsFunc(l.templates, func(n *nodeConf) bool { return n.file == t.file && n.offset == t.offset }) {
		l.templates = append(l.templates, t)
	}
}

// firstBuildLine is the line of the first service that builds ctx: one note
// per build context, however many services use it.
func (l *linter) firstBuildLine(ctx string) int {
	for _, sv := range l.compose.services {
		if sv.build != nil && sv.build.context == ctx {
			return sv.build.line
		}
	}
	return 0
}

var heredocRe = regexp.MustCompile(`<<-?\s*['"]?(\w+)['"]?`)

// heredocAt reads the here-document that starts on the script line ending
// at end: its body, and the 0-based line of the body's first line.
func heredocAt(text string, end int) (body string, first int, ok bool) {
	start := strings.LastIndex(text[:end], "\n") + 1
	m := heredocRe.FindStringSubmatch(text[start:end])
	if m == nil || end >= len(text) {
		return "", 0, false
	}
	rest := text[end+1:]
	var lines []string
	for _, ln := range strings.Split(rest, "\n") {
		if strings.TrimSpace(ln) == m[1] {
			return strings.Join(lines, "\n"), strings.Count(text[:end+1], "\n"), true
		}
		lines = append(lines, ln)
	}
	return "", 0, false
}

// progRe: a program a start script runs that lint cannot follow (an
// interpreter or a template renderer), named at the start of a command.
var progRe = regexp.MustCompile(`(?:^|[\s;&|(/])(python[0-9.]*|perl|ruby|node|php|j2|jinja2|gomplate|envtpl|dockerize|confd|yq|awk|jq)(?:\s|$)`)

// programWrites finds the config path p inside a program the script runs
// (python3 - << EOF ... open("p", "w") ..., perl -pe ... > p, j2 t > p):
// the program's name and the offset of the line that starts it.
func programWrites(text, p string) (prog string, at int) {
	off := 0
	for _, ln := range strings.SplitAfter(text, "\n") {
		end := off + len(strings.TrimSuffix(ln, "\n"))
		if m := progRe.FindStringSubmatch(ln); m != nil {
			if strings.Contains(ln, p) && !patroniRunRe.MatchString(ln) && !startsPatroniWith(ln, p) {
				return m[1], off
			}
			if body, _, ok := heredocAt(text, end); ok && strings.Contains(body, p) && !startsPatroniWith(body, p) {
				return m[1], off
			}
		}
		off += len(ln)
	}
	return "", 0
}

var patroniRunRe = regexp.MustCompile(`\bpatroni\s`)

// templatePathRe: a file a program may render a config from.
var templatePathRe = regexp.MustCompile(`/[^\s'"<>|;&]+\.(?:ya?ml\.[A-Za-z0-9]+|tpl|tmpl|template|j2|in)\b`)

// containerFileSource is the file of the exercise dir that ends up at path
// t in the service's container: through a bind mount of it, or a COPY/ADD
// of its Dockerfile; "" when neither puts an existing file there.
func (l *linter) containerFileSource(s *service, t string) string {
	for _, m := range s.mounts {
		if m.target == t {
			if src, _, ok := l.mountSource(m); ok && l.exists(src) {
				return src
			}
		}
	}
	if f := l.rootRelativeMount(s, t); f != "" {
		return f // in a folder the service bind-mounts
	}
	if s.df != nil {
		if src := s.df.copySource(t); src != "" {
			if f := path.Join(s.df.context, src); l.exists(f) {
				return f
			}
		}
	}
	return ""
}

// programTemplate: a template in the script (COPYed or mounted) next to the
// config path p, such as p + ".template".
func (l *linter) programTemplate(s *service, text, p string) string {
	for _, t := range templatePathRe.FindAllString(text, -1) {
		if t == p {
			continue
		}
		if f := l.containerFileSource(s, t); f != "" {
			return f
		}
	}
	return ""
}

// missingTemplate: the script line that writes dst reads a template t
// that no bind mount, COPY/ADD or RUN of the image puts in the container
// (the script reads it, so the script itself does not count).
func (l *linter) missingTemplate(s *service, line, dst string) (t string, missing bool) {
	for _, t := range append(yamlPathRe.FindAllString(line, -1), templatePathRe.FindAllString(line, -1)...) {
		if t == dst || !strings.HasPrefix(t, "/") || strings.HasPrefix(dst, t) {
			continue
		}
		if l.mountedOrBuiltIn(s, path.Clean(t)) || s.df == nil || s.build == nil {
			return "", false // put there, or an image lint cannot read may carry it
		}
		return t, true
	}
	return "", false
}

// templateMountedBy is a service that bind-mounts the container path t.
func (l *linter) templateMountedBy(t string) string {
	for _, o := range l.compose.services {
		for _, m := range o.mounts {
			if m.target == t {
				return o.name
			}
		}
	}
	return ""
}

// templateOf is the config template a node's start script fills in, when
// lint read one: the template of the service itself, or the same file
// mounted or copied for another node.
func (l *linter) templateOf(t *service) *nodeConf {
	for _, n := range l.templates {
		if n.svc == t {
			return n
		}
	}
	for _, n := range l.templates {
		for _, m := range t.mounts {
			if src, _, ok := l.mountSource(m); ok && src == n.file {
				return n
			}
		}
		if t.df != nil && n.svc.df == t.df && n.svc.build != nil && t.build != nil && len(n.svc.mounts) == 0 {
			return n
		}
	}
	return nil
}

var yamlPathRe = regexp.MustCompile(`[^\s'"<>|;&]+\.ya?ml`)

// templateFile finds, on the script line that writes the config dst, the
// YAML file it is made from (envsubst < t > dst, sed ... t > dst, cat t |
// envsubst > dst) and returns it as a file of the exercise dir, through the
// service's bind mounts or its Dockerfile's COPY; "" when there is none.
func (l *linter) templateFile(s *service, line, dst string) string {
	var cands []string
	cands = append(cands, templatePathRe.FindAllString(line, -1)...)
	for _, m := range yamlPathRe.FindAllStringIndex(line, -1) {
		if rest := line[m[1]:]; len(rest) > 1 && rest[0] == '.' && isAlnum(rest[1]) {
			continue // the start of a longer name (patroni.yml.tpl)
		}
		cands = append(cands, line[m[0]:m[1]])
	}
	for _, t := range cands {
		if t == dst || !strings.HasPrefix(t, "/") {
			continue
		}
		if f := l.containerFileSource(s, t); f != "" {
			return f
		}
	}
	return ""
}

// copiedPatroniConfig is a Patroni config the service's Dockerfile COPYs or
// ADDs into the image, or "".
func (l *linter) copiedPatroniConfig(s *service) string {
	if s.df == nil || s.df.final() == nil {
		return ""
	}
	for _, in := range s.df.final().chain() {
		if in.cmd != "COPY" && in.cmd != "ADD" {
			continue
		}
		var f []string
		for _, w := range in.words() {
			if !strings.HasPrefix(w, "--") {
				f = append(f, w)
			}
		}
		for i := 0; i+1 < len(f); i++ {
			src := path.Join(s.df.context, path.Clean(f[i]))
			if isYAMLName(src) && l.exists(src) && l.looksPatroni(src) {
				return src
			}
		}
	}
	return ""
}

// confInMountedDir is name inside a mounted directory, or "" after a finding.
// rootRelativeMount is the answer's file that s bind-mounts at target (the
// file itself, or through a mounted directory), if it exists; else "".
func (l *linter) rootRelativeMount(s *service, target string) string {
	for _, m := range s.mounts {
		if !m.bind {
			continue
		}
		src, _, ok := l.mountSource(m)
		if !ok {
			continue
		}
		switch {
		case m.target == target && l.exists(src) && !l.isDir(src):
			return src
		case m.target == path.Dir(target) && l.isDir(src):
			if f := path.Join(src, path.Base(target)); l.exists(f) {
				return f
			}
		}
	}
	return ""
}

// given: name is the path Patroni is run with (else lint's guess of
// patroni.yml, for which patroni.yaml serves as well).
func (l *linter) confInMountedDir(s *service, m mount, name string, given bool) string {
	src, line, ok := l.mountSource(m)
	if !ok {
		if !m.bind && m.device.s == "" {
			l.add(l.composeFile, m.line, fmt.Sprintf("%s mounts the named volume %s at %s: it starts empty, so Patroni finds no config", s.name, m.volume, m.target),
				fmt.Sprintf("bind-mount the config directory: - ./%s-conf:%s:ro", s.name, m.target))
			l.seenMissing = true
		}
		return ""
	}
	if !l.isDir(src) {
		if l.exists(src) {
			l.add(l.composeFile, line, fmt.Sprintf("%s mounts the file %s at the directory %s", s.name, src, m.target),
				fmt.Sprintf("mount the directory: ./%s:%s:ro", path.Dir(src), m.target))
		} else {
			l.add(src+"/"+name, 0, fmt.Sprintf("missing: %s mounts ./%s at %s, but there is no such directory", s.name, src, m.target),
				fmt.Sprintf("create %s/%s (the Patroni config of %s)", src, name, s.name))
		}
		l.seenMissing = true
		return ""
	}
	p := path.Join(src, name)
	if !l.exists(p) && (name == "patroni.yml" || (given && isYAMLName(name))) {
		other := strings.TrimSuffix(name, path.Ext(name)) + map[string]string{".yml": ".yaml", ".yaml": ".yml"}[path.Ext(name)]
		if alt := path.Join(src, other); l.exists(alt) {
			if given {
				// Patroni is given the other extension: it reads a config
				// file only when the path exists (batch 35:
				// es-nerea-ochoa). Said once per cause; the file meant is
				// still checked.
				l.extMiss = append(l.extMiss, extMiss{s: s, src: src, line: line, target: m.target, name: name, have: other})
			}
			p = alt
		}
	}
	if !l.exists(p) {
		l.add(p, 0, fmt.Sprintf("missing: %s mounts ./%s at %s and Patroni reads %s/%s", s.name, src, m.target, m.target, name),
			fmt.Sprintf("create %s (the Patroni config of %s)", p, s.name))
		l.seenMissing = true
		return ""
	}
	return p
}

// sameNameElsewhere finds a file named like p somewhere else in the project.
func (l *linter) sameNameElsewhere(p string) string {
	for _, pat := range []string{path.Base(p), "*/" + path.Base(p)} {
		if m, _ := globFS(l, pat); len(m) > 0 && m[0] != p {
			return m[0]
		}
	}
	return ""
}

// noConfigFound says what was looked for when a node's config is nowhere.
func (l *linter) noConfigFound(s *service, where string) {
	if v, ok := s.env["SPILO_CONFIGURATION"]; ok && s.build == nil && strings.Contains(s.image.s, "spilo") {
		// Spilo's entrypoint writes patroni.yml from this YAML merged
		// over its defaults: the config is there, but lint does not read
		// it.
		l.note(l.composeFile, v.line, fmt.Sprintf("%s runs Spilo, whose entrypoint writes the Patroni config at start from SPILO_CONFIGURATION merged over Spilo's defaults: lint did not check that config", s.name),
			"check it with docker compose exec "+s.name+" cat /home/postgres/postgres.yml")
		return
	}
	if hasPatroniEnv(s) {
		l.envOnly = append(l.envOnly, s)
		return // configured by PATRONI_* variables alone
	}
	if repo, _ := imageRef(s.image.s); s.build == nil && strings.Contains(path.Base(repo), "spilo") && runsSpiloLauncher(s) {
		return // Spilo's launcher writes the config from the environment (SCOPE, PGUSER_*, ETCD_HOST...)
	}
	if where == "" {
		where = "its image (no command: and no build:)"
	}
	l.noConfig = append(l.noConfig, noConfig{s, where})
}

// noConfig is a node whose Patroni config lint did not find, and where it
// looked; the nodes that share the cause get one finding.
type noConfig struct {
	s     *service
	where string
}

func (l *linter) reportNoConfig() {
	var order []string
	groups := map[string][]*service{}
	for _, n := range l.noConfig {
		if groups[n.where] == nil {
			order = append(order, n.where)
		}
		groups[n.where] = append(groups[n.where], n.s)
	}
	for _, where := range order {
		ss := groups[where]
		var names, files []string
		var lines []int
		runs := "run"
		for _, s := range ss {
			names, lines, files = append(names, s.name), append(lines, s.line), append(files, "./"+s.name+".yml")
			if !s.startsPatroni && len(s.command)+len(s.entrypoint) > 0 && !commandMentionsPatroni(s) {
				runs = "are built to run" // their command: runs something else (reported on its own)
			}
		}
		who, it := joinAnd(names), "them"
		if len(ss) == 1 {
			it = "it"
			runs = map[string]string{"run": "runs", "are built to run": "is built to run"}[runs]
		}
		l.add(l.composeFile, lines[0], fmt.Sprintf("%s %s Patroni, but lint found no config for %s: it looked for a patroni <config> in %s, in the scripts that runs, and for a Patroni config among the volumes:%s", who, runs, it, where, alsoLines(lines)),
			fmt.Sprintf("hand Patroni its config explicitly: mount %s and run patroni with its path", joinAnd(files)))
	}
}

// extMiss: a service whose mounted config directory holds the config under
// the other YAML extension than the path Patroni is run with.
type extMiss struct {
	s                       *service
	src, target, name, have string
	line                    int
}

// reportExtMiss: one finding per path given and name held, for all the
// services that share it.
func (l *linter) reportExtMiss() {
	var order []string
	groups := map[string][]extMiss{}
	for _, e := range l.extMiss {
		k := e.target + "/" + e.name + " " + e.have
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], e)
	}
	for _, k := range order {
		es := groups[k]
		var names, srcs []string
		var lines []int
		for _, e := range es {
			names, srcs, lines = append(names, e.s.name), append(srcs, "./"+e.src), append(lines, e.line)
		}
		e := es[0]
		then := "so it starts from the PATRONI_* environment alone and exits with no DCS to use"
		if slices.ContainsFunc(es, func(e extMiss) bool { return hasPatroniEnv(e.s) }) {
			then = "so it runs from the PATRONI_* variables alone, without any of the file's settings"
		}
		l.add(l.composeFile, e.line, fmt.Sprintf("Patroni is started with %s/%s, but %s %s %s there, which %s %s, not %s: Patroni reads a config file only when its path exists, %s%s",
			e.target, e.name, joinAnd(names), plural(len(es), "mounts", "mount"), joinAnd(srcs), plural(len(es), "holds", "hold"), e.have, e.name, then, alsoLines(lines)),
			fmt.Sprintf("rename the config to %s, or run patroni %s/%s", e.name, e.target, e.have))
	}
}

// findNodes locates the Patroni config of each PostgreSQL node.
func (l *linter) findNodes() {
	// Nodes built from a Dockerfile that is not there: one finding per
	// Dockerfile, naming every service that builds it.
	missingDF := map[string][]*service{}
	var missingOrder []string
	defer func() {
		l.reportNoConfig()
		l.reportExtMiss()
		for _, p := range missingOrder {
			l.missingDockerfile(l.composeFile, p, missingDF[p], "", fmt.Sprintf("add the Dockerfile of the PostgreSQL + Patroni image at %s", p))
		}
	}()
	if l.compose != nil {
		for _, s := range l.compose.services {
			if s.kind != kindNode {
				continue
			}
			l.seenMissing = false
			if s.build != nil && s.df == nil && s.dfPath != "" {
				if missingDF[s.dfPath] == nil {
					missingOrder = append(missingOrder, s.dfPath)
				}
				missingDF[s.dfPath] = append(missingDF[s.dfPath], s)
				continue
			}
			if s.plainPG {
				l.plainPostgres(s)
			}
			l.pulledNoPatroni(s)
			if _, inside := projectPath(orStr(buildContext(s), ".")); !inside && s.df == nil {
				// Built from outside the answer (build: ..): its image, start
				// script and config are out of sight.
				l.note(l.composeFile, l.firstBuildLine(s.build.context), l.outsideContext(s.build.context),
					"check that "+s.build.context+" holds the Dockerfile and the configs it COPYs")
				// Its one bind-mounted Patroni config is still the answer's
				// and is what it runs: its keys and DCS are checked.
				if cs := l.mountedPatroniConfigs(s); len(cs) == 1 {
					if src, _, ok := l.mountSource(cs[0]); ok {
						l.nodes = append(l.nodes, &nodeConf{svc: s, name: s.name, file: src})
					}
				}
				continue
			}
			if f := l.nodeConfig(s); f != "" {
				l.nodes = append(l.nodes, &nodeConf{svc: s, name: s.name, file: f})
			} else if v, ok := s.env["PATRONI_CONFIGURATION"]; ok && v.ok && strings.Contains(v.s, "\n") && !l.seenMissing {
				// The whole config in the variable (Patroni reads it when
				// no file is given), written in the compose file.
				l.nodes = append(l.nodes, &nodeConf{svc: s, name: s.name, file: l.composeFile, text: v.s, offset: v.line})
			}
		}
		if len(l.nodes) > 0 || l.compose.hasNodes() {
			return
		}
	}
	// No compose file (or no node in it): the exercise layout.
	var files []string
	for _, pat := range []string{"postgres*-conf/patroni.y*ml", "*/patroni.y*ml", "patroni.y*ml"} {
		m, _ := globFS(l, pat)
		for _, f := range m {
			if !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
		if len(files) > 0 {
			break
		}
	}
	if len(files) == 0 && l.compose == nil && l.splitStack() {
		// Compose files in subdirectories, one per machine: the Patroni
		// configs beside them, under any name (node01/postgres.yaml).
		for _, pat := range []string{"*/*.y*ml", "*/*/*.y*ml"} {
			m, _ := globFS(l, pat)
			for _, f := range m {
				if !slices.Contains(files, f) && l.looksPatroni(f) {
					files = append(files, f)
				}
			}
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

// noPatroniRepos: pulled images of the PostgreSQL family (the official
// postgres image and images built on it) that ship no Patroni.
var noPatroniRepos = []string{"postgres", "postgis/postgis", "citusdata/citus", "pgvector/pgvector"}

// pulledNoPatroni reports nodes on a pulled PostgreSQL-family image (no
// build:, no entrypoint: of their own) whose command runs patroni itself:
// the image has no patroni, so docker-entrypoint.sh execs a program that is
// not there and the container exits. Said once per image, at its first
// service (batch 40: igorbogdanoski-olympiad, citusdata/citus). A shell
// command (which may install Patroni first) is left alone.
func (l *linter) pulledNoPatroni(s *service) {
	if s.plainPG || s.build != nil || !s.hasImage || len(s.entrypoint) > 0 || len(s.command) == 0 {
		return
	}
	repo, _ := imageRef(s.image.s)
	if !slices.Contains(noPatroniRepos, repo) {
		return
	}
	words := strings.Fields(s.command[0].s)
	if len(words) > 0 && words[0] == "exec" {
		words = words[1:]
	}
	if len(words) == 0 || path.Base(words[0]) != "patroni" {
		return
	}
	if l.noPatroniSaid == nil {
		l.noPatroniSaid = map[string]bool{}
	}
	if l.noPatroniSaid[s.image.s] {
		return
	}
	l.noPatroniSaid[s.image.s] = true
	var names []string
	for _, o := range l.compose.services {
		if o.kind == kindNode && !o.plainPG && o.build == nil && len(o.entrypoint) == 0 && o.image.s == s.image.s && len(o.command) > 0 && strings.Contains(o.command[0].s, "patroni") {
			names = append(names, o.name)
		}
	}
	l.add(l.composeFile, s.image.line, fmt.Sprintf("%s run%s %s, which has no Patroni in it, with a command of patroni: the container exits (patroni: not found) and no node starts", strings.Join(names, ", "), map[bool]string{true: "", false: "s"}[len(names) > 1], s.image.s),
		fmt.Sprintf("build an image that installs Patroni (FROM %s, apt-get install -y patroni or a venv with pip install patroni[etcd3], USER postgres) and run it with the config", s.image.s))
}

// plainPostgres reports a node whose image has no Patroni.
func (l *linter) plainPostgres(s *service) {
	img, line := s.image.s, s.image.line
	if s.df != nil {
		st := s.df.final()
		img, line = st.root().base, st.from.line
	}
	what := "the Patroni settings it is given are never read"
	if cs := l.mountedPatroniConfigs(s); len(cs) > 0 {
		src, _, _ := l.mountSource(cs[0])
		what = fmt.Sprintf("the Patroni config it mounts (%s) is never read", src)
	}
	file := l.composeFile
	if s.df != nil {
		file = s.df.file
	}
	l.add(file, line, fmt.Sprintf("%s runs %s, which has no Patroni in it: %s and each container runs a lone PostgreSQL, no replication, no failover", s.name, img, what),
		fmt.Sprintf("build an image that installs Patroni (FROM %s, apt-get install -y patroni, USER postgres) and run patroni with the config", img))
	if _, tag := imageRef(img); l.rules.pgMajor != "" && l.rules.pgFixed {
		if major, _, ok := tagVersion(tag); ok && fmt.Sprint(major) != l.rules.pgMajor {
			l.add(file, line, fmt.Sprintf("%s is PostgreSQL %d: %s fixes PostgreSQL at %s", img, major, l.rules.exercise, l.rules.pgMajor),
				fmt.Sprintf("use postgres:%s", l.rules.pgMajor))
		}
	}
}

// globFS globs the exercise dir.
func globFS(l *linter, pat string) ([]string, error) { return fs.Glob(l.fsys, pat) }

// supervisordLine is the words of a script's line that runs supervisord.
func supervisordLine(text string) []string {
	for _, ln := range strings.Split(text, "\n") {
		fs := strings.Fields(ln)
		if slices.ContainsFunc(fs, func(w string) bool { return path.Base(w) == "supervisord" }) {
			return fs
		}
	}
	return nil
}

// outsideContext says that a build context above the compose file's folder
// was not read: outside the answer, or (the stack checked from its own
// folder below the answer's top) above that folder.
func (l *linter) outsideContext(ctx string) string {
	where := "is outside the answer"
	if l.subdir {
		where = "is above the stack's folder, which lint checks on its own"
	}
	return fmt.Sprintf("the build context %s %s: lint cannot read the image built there, so it did not check the Patroni it installs nor the configs it copies in", ctx, where)
}

// isEtcdUIRepo: images of etcd web UIs and browsers, which talk to etcd but
// are not members of its cluster.
func isEtcdUIRepo(base string) bool {
	for _, w := range []string{"workbench", "etcdkeeper", "e3w", "browser", "etcd-ui", "etcdui", "etcd-manager", "etcd-viewer"} {
		if strings.Contains(base, w) {
			return true
		}
	}
	return false
}

// sleepLoopRe: a command that only waits (while true; do ...; sleep N;
// done, sleep infinity, tail -f /dev/null).
var sleepLoopRe = regexp.MustCompile(`^(?:(?:/bin/|/usr/bin/)?(?:ba)?sh\s+-c\s+)?['"]?\s*(?:while\s+(?:true|:)\s*;\s*do\b.*\bsleep\s+\S+\s*;\s*done|sleep\s+(?:infinity|inf)|tail\s+-f\s+/dev/null)\s*;?\s*['"]?$`)

// sleepLoop: a service that replaces its image's entrypoint (entrypoint:
// written in the compose file, [] included) and whose command only waits:
// whatever image it is built from, nothing in it starts Patroni.
func sleepLoop(s *service) bool {
	if s.n == nil || get2(s.n, "entrypoint") == nil || len(s.command) == 0 {
		return false
	}
	var ws []string
	for _, w := range append(slices.Clone(s.entrypoint), s.command...) {
		ws = append(ws, w.s)
	}
	cmd := strings.Join(ws, " ")
	return !strings.Contains(cmd, "patroni") && sleepLoopRe.MatchString(cmd)
}

var tmplVarRe = regexp.MustCompile(`\$\{(\w+)\}|\$(\w+)`)

// checkEnvsubstUnexported: envsubst fills ${VAR} from its environment
// only; a variable the script assigns without export (KAMAL_HOST=$(hostname
// -i)), that the service's environment and the image's ENV do not set, is
// not in it: envsubst writes it empty, and the values built on it (a
// connect_address) come out without their host (batch 27:
// classifieddotdev-pgdrip, kind 11). Each such variable is one finding, at
// the envsubst line.
func (l *linter) checkEnvsubstUnexported(s *service, sc *script, start, end int, tmpl string) {
	cmd := sc.text[start:end]
	if !regexp.MustCompile(`\benvsubst\b`).MatchString(cmd) || s.envUnknown || len(s.envFiles) > 0 {
		return
	}
	data, err := fs.ReadFile(l.fsys, tmpl)
	if err != nil {
		return
	}
	before := sc.text[:start]
	if regexp.MustCompile(`(?m)^[ \t]*set[ \t]+(-\w*a|-o[ \t]+allexport)`).MatchString(before) {
		return // every assignment is exported
	}
	seen := map[string]bool{}
	for _, m := range tmplVarRe.FindAllStringSubmatch(string(data), -1) {
		v := m[1] + m[2]
		if seen[v] {
			continue
		}
		seen[v] = true
		if _, set := s.env[v]; set {
			continue
		}
		q := regexp.QuoteMeta(v)
		assign := regexp.MustCompile(`(?m)^[ \t]*(?:(?:then|do|else)[ \t]+)?` + q + `=`).FindStringIndex(before)
		if assign == nil || regexp.MustCompile(`\b(?:export|declare[ \t]+-\w*x\w*|typeset[ \t]+-\w*x\w*)[ \t]+(?:[^\n;&|]*[ \t])?`+q+`\b`).MatchString(sc.text[:start]) {
			continue
		}
		if s.df != nil && slices.ContainsFunc(s.df.instrs, func(in *dfInstr) bool {
			return in.cmd == "ENV" && regexp.MustCompile(`(^|\s)`+q+`[=\s]`).MatchString(in.text)
		}) {
			continue // an ENV variable: assigning it keeps it exported
		}
		file, at, line := orStr(sc.file, l.composeFile), sc.lineIn(assign[0]), sc.lineIn(start)
		l.gatherEach("envsubst-unexported\x00"+v+"\x00"+tmpl, file, line, s.name, func(items []string) string {
			return fmt.Sprintf("envsubst fills ${%s} in %s from its environment, but %s is a plain shell variable here (set at line %d, never exported) and the environment of %s does not set it: envsubst writes it empty, and every value built on it in the generated config comes out without it", v, tmpl, v, at, joinAnd(items))
		},
			fmt.Sprintf("export %s before envsubst (export %s=...)", v, v))
	}
}

// yamlStem is a path without its .yml/.yaml extension ("" for another
// extension): /etc/patroni/patroni.yml and /etc/patroni/patroni.yaml have
// the same stem.
func yamlStem(p string) string {
	for _, e := range []string{".yml", ".yaml"} {
		if strings.HasSuffix(p, e) {
			return strings.TrimSuffix(p, e)
		}
	}
	return ""
}

// roMountOver is the read-only mount of s that holds the container path p.
func roMountOver(s *service, p string) (mount, bool) {
	for _, m := range s.mounts {
		if m.ro && (m.target == p || strings.HasPrefix(p, strings.TrimSuffix(m.target, "/")+"/")) {
			return m, true
		}
	}
	return mount{}, false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

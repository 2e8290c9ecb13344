package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// bitnamiGone: Bitnami removed its versioned images from docker.io/bitnami
// in September 2025 (they moved to docker.io/bitnamilegacy; only some
// `latest` images stay), so a pinned bitnami/X:tag no longer pulls.
func bitnamiGone(ref string) bool {
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "index.docker.io/")
	return strings.HasPrefix(repo, "bitnami/") && tag != "" && tag != "latest" && !strings.Contains(ref, "$") && !strings.Contains(ref, "@sha256:")
}

// bitnamiEtcdGone: docker.io/bitnami/etcd has no tag left at all, latest
// included, since the Bitnami catalog change (bitnami/containers#87816,
// docker/hub-feedback#2500: "docker.io/bitnami/etcd:latest: not found"),
// so even bitnami/etcd or bitnami/etcd:latest no longer pulls.
func bitnamiEtcdGone(ref string) bool {
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "index.docker.io/")
	return repo == "bitnami/etcd" && (tag == "" || tag == "latest") && !strings.Contains(ref, "@sha256:")
}

// consulGone: the Docker official image `consul` was deprecated in 2023
// (HashiCorp publishes hashicorp/consul) and its `latest` tag deleted, so
// consul or consul:latest no longer pulls.
func consulGone(ref string) bool {
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "index.docker.io/"), "library/")
	return repo == "consul" && (tag == "" || tag == "latest")
}

// unofficialNameRe: stack components Docker Hub has no official image for,
// so a bare image name (no namespace) of one of them is docker.io/library/X,
// which does not exist.
var unofficialNameRe = regexp.MustCompile(`^(patroni|spilo|etcd|pgbouncer|pgpool2?)([-_.][\w.-]*)?$`)

// checkUnbuiltImages: image: patroni (Patroni's demo expects the reader to
// docker build -t patroni first) that no service builds, no script of the
// answer builds and no Dockerfile of the answer could make (none installs
// or runs Patroni): docker compose up tries docker.io/library/patroni and
// stops (pull access denied).
func (l *linter) checkUnbuiltImages() {
	if l.compose == nil || l.splitStack() {
		return // (another compose file of the stack may build it)
	}
	var refs []string
	var lines []int
	localRef := false
	for _, s := range l.compose.services {
		if s.build != nil || !s.hasImage || !s.image.ok {
			continue
		}
		repo, _ := imageRef(s.image.s)
		local := strings.HasPrefix(repo, "local/") && !strings.Contains(s.image.s, "docker.io") && l.answerDockerfileMakes(path.Base(repo))
		if !local && (strings.Contains(repo, "/") || !unofficialNameRe.MatchString(repo)) {
			continue
		}
		built := false
		for _, o := range l.compose.services {
			if r, _ := imageRef(o.image.s); o.build != nil && r == repo {
				built = true
			}
		}
		if built || l.scriptBuilds(repo, ".") || (!local && l.answerDockerfileMakes(repo)) || (local && (l.scriptNamesImage(repo) || l.docBuilds(repo))) {
			continue
		}
		if len(refs) > 0 && local != localRef {
			continue // one kind per finding
		}
		localRef = local
		if !slices.Contains(refs, s.image.s) {
			refs = append(refs, s.image.s)
		}
		if !slices.Contains(lines, s.image.line) {
			lines = append(lines, s.image.line)
		}
	}
	if len(refs) == 0 {
		return
	}
	if localRef {
		l.add(l.composeFile, lines[0], fmt.Sprintf("image %s: a local/ name no registry serves, and no service builds it (no build:), no script or document of the answer builds or tags it: docker compose up tries to pull it and stops (pull access denied for %s)%s", joinAnd(refs), refs[0], alsoLines(lines)),
			"add build: (context and dockerfile: the answer's Dockerfile that makes it) beside image: "+refs[0])
		return
	}
	l.add(l.composeFile, lines[0], fmt.Sprintf("image %s: no service builds it (no build:), no script of the answer builds it, no Dockerfile here installs what it names, and Docker Hub has no official image of that name: docker compose up stops (pull access denied for %s)%s", joinAnd(refs), refs[0], alsoLines(lines)),
		"add build: with the Dockerfile that makes it (context: ., image: "+refs[0]+"), or use a published image")
}

// answerDockerfileMakes: some Dockerfile of the answer (built by compose or
// not) installs or runs the component the image is named after, or a
// script builds it from its directory.
func (l *linter) answerDockerfileMakes(repo string) bool {
	var files []string
	for _, pat := range []string{"*", "*/*", "*/*/*"} {
		m, _ := globFS(l, pat)
		for _, p := range m {
			// Dockerfile, DockerFile, Dockerfile.patroni, patroni.Dockerfile
			if strings.Contains(strings.ToLower(path.Base(p)), "dockerfile") {
				files = append(files, p)
			}
		}
	}
	what := strings.ToLower(unofficialNameRe.FindStringSubmatch(repo)[1])
	for _, p := range files {
		if l.scriptBuilds(repo, path.Dir(p)) {
			return true
		}
		data, ok := l.read(p)
		if !ok {
			continue
		}
		d := parseDockerfile(p, data)
		if what == "patroni" || what == "spilo" {
			if d.mentionsPatroni() {
				return true
			}
			continue
		}
		if strings.Contains(strings.ToLower(string(data)), what) {
			return true
		}
	}
	return false
}

// checkGoneImages reports the images of the compose file and the FROM of
// every Dockerfile that can no longer be pulled: one finding per file, every
// line named.
func (l *linter) checkGoneImages() {
	l.checkUnbuiltImages()
	if l.compose != nil {
		var refs []string
		var lines []int
		for _, s := range l.compose.services {
			if s.build == nil && s.hasImage && s.image.ok && bitnamiGone(s.image.s) {
				refs, lines = append(refs, s.image.s), append(lines, s.image.line)
			}
		}
		if len(refs) > 0 {
			l.add(l.composeFile, lines[0], fmt.Sprintf("%s: Bitnami removed its versioned images from docker.io/bitnami in September 2025 (moved to docker.io/bitnamilegacy), so the pull fails and the service never starts%s", joinAnd(refs), alsoLines(lines)),
				"use the official image (e.g. quay.io/coreos/etcd, haproxy) or bitnamilegacy/... with the same tag")
		}
		refs, lines = nil, nil
		for _, s := range l.compose.services {
			if s.build == nil && s.hasImage && s.image.ok && bitnamiEtcdGone(s.image.s) {
				refs, lines = append(refs, s.image.s), append(lines, s.image.line)
			}
		}
		if len(refs) > 0 {
			l.add(l.composeFile, lines[0], fmt.Sprintf("%s: docker.io/bitnami/etcd has no tag left, latest included, since the Bitnami catalog change of 2025, so the pull fails (not found) and etcd never starts%s", joinAnd(refs), alsoLines(lines)),
				"use the official image (quay.io/coreos/etcd:v3.5.x) or bitnamilegacy/etcd with a version tag")
		}
		refs, lines = nil, nil
		for _, s := range l.compose.services {
			if s.build == nil && s.hasImage && s.image.ok && consulGone(s.image.s) {
				refs, lines = append(refs, s.image.s), append(lines, s.image.line)
			}
		}
		if len(refs) > 0 {
			l.add(l.composeFile, lines[0], fmt.Sprintf("%s: the official consul image was deprecated in 2023 and its latest tag deleted (HashiCorp publishes hashicorp/consul), so the pull fails (manifest for consul:latest not found) and Consul never starts%s", joinAnd(slices.Compact(refs)), alsoLines(lines)),
				"use image: hashicorp/consul:1.20 (pin a version)")
		}
	}
	// The other compose files of a split stack pull their images too.
	byFile := map[string][]otherService{}
	var files []string
	for _, o := range l.otherServices() {
		if !o.built && o.image != "" && !strings.Contains(o.image, "$") && bitnamiGone(o.image) {
			if byFile[o.file] == nil {
				files = append(files, o.file)
			}
			byFile[o.file] = append(byFile[o.file], o)
		}
	}
	for _, f := range files {
		var refs []string
		var lines []int
		for _, o := range byFile[f] {
			refs, lines = append(refs, o.image), append(lines, o.imageLine)
		}
		l.add(f, lines[0], fmt.Sprintf("%s: Bitnami removed its versioned images from docker.io/bitnami in September 2025 (moved to docker.io/bitnamilegacy), so the pull fails and the service never starts%s", joinAnd(refs), alsoLines(lines)),
			"use the official image (e.g. quay.io/coreos/etcd, haproxy) or bitnamilegacy/... with the same tag")
	}
	for _, d := range l.dfs {
		if d == nil {
			continue
		}
		for _, st := range d.stages {
			if st.from != nil && st.parent == nil && st.baseOK && bitnamiGone(st.base) {
				l.add(d.file, st.from.line, fmt.Sprintf("FROM %s: Bitnami removed its versioned images from docker.io/bitnami in September 2025 (moved to docker.io/bitnamilegacy), so the build fails to pull it", st.base),
					"build FROM the official image or bitnamilegacy/... with the same tag")
			}
		}
	}
}

// etcdConfigFile reads the settings of an etcd started with --config-file
// (on its command, or its image's ENTRYPOINT/CMD) from the file mounted or
// copied there: its keys are the flags' names (enable-v2: true). Flags on
// the command line are kept: etcd ignores them when a config file is given,
// but lint only adds what it reads.
func (l *linter) etcdConfigFile(e *etcdInfo) {
	s := e.svc
	p := ""
	if v, ok := e.flags["config-file"]; ok && v.ok && v.s != "true" {
		p = v.s
	} else if s.df != nil && len(s.command) == 0 {
		ep, cmd := s.df.entrypointCmd()
		words := append(ep, cmd...)
		for i, w := range words {
			if w == "--config-file" && i+1 < len(words) {
				p = words[i+1]
			} else if v, ok := strings.CutPrefix(w, "--config-file="); ok {
				p = v
			}
		}
	}
	if p == "" {
		return
	}
	sc := l.scriptOf(s, p)
	if sc == nil || sc.file == "" {
		return
	}
	root, _, err := parseYAML([]byte(sc.text))
	if err != nil || !isMap(root) {
		return
	}
	for _, kv := range pairs(root) {
		if _, set := e.flags[kv.k.Value]; set {
			continue
		}
		v, ok := scalar(kv.v)
		if !ok {
			continue
		}
		// (findings on these name the compose file: the service's line)
		e.flags[kv.k.Value] = sval{s: v, line: s.line, ok: true}
	}
}

// unpinnedPatroni is the Patroni major an unpinned pip install gets: the
// newest (4) on Python 3.7 and later, 3 (3.0.x) on an older Python, which
// Patroni 3.1 and later no longer support ("3.0.0 is the last release
// supporting Python 2.7; the next drops Python older than 3.7", Patroni's
// release notes).
func unpinnedPatroni(d *dockerfile) int {
	if oldPython(d) {
		return 3
	}
	return 4
}

// newPythonRe: a package of a newer Python than the base's own python3.
var newPythonRe = regexp.MustCompile(`\bpython3\.?(?:[7-9]|1[0-9])\b|\bpython3(?:[7-9]|1[0-9])\b|\bpython:3\.(?:[7-9]|1[0-9])`)

// oldPython: the image's Python is older than 3.7 (Rocky/Alma/CentOS 8 and
// 7, Ubuntu 18.04, Debian stretch: python3 3.6 or 3.5; python2), and no
// RUN installs a newer one.
func oldPython(d *dockerfile) bool {
	st := d.final()
	if st == nil || !st.root().baseOK {
		return false
	}
	repo, tag := imageRef(st.root().base)
	base := path.Base(repo)
	old := false
	switch {
	case (base == "rockylinux" || base == "almalinux" || base == "centos" || base == "oraclelinux" || strings.Contains(base, "ubi8")) && (strings.HasPrefix(tag, "8") || strings.HasPrefix(tag, "7")):
		old = true
	case base == "ubuntu" && (strings.HasPrefix(tag, "18.04") || strings.HasPrefix(tag, "16.04") || tag == "bionic" || tag == "xenial"):
		old = true
	case base == "debian" && (strings.HasPrefix(tag, "9") || strings.Contains(tag, "stretch")):
		old = true
	}
	for _, in := range st.chain() {
		if in.cmd != "RUN" {
			continue
		}
		if newPythonRe.MatchString(in.text) {
			return false
		}
		if pip2Re.MatchString(in.text) {
			old = true
		}
	}
	return old
}

// pip2Re: Python 2's pip (Alpine's py-pip, pip2, python2 -m pip).
var pip2Re = regexp.MustCompile(`\b(?:pip2|py2?-pip|python2(?:\.7)?\s+-m\s+pip)\b`)

// alpinePEP668: Alpine marks its Python externally managed since 3.19
// (December 2023). An alpine tag names its release (alpine3.18), or is a
// postgres image of a major still built on today's Alpine (12 and later;
// 11 ended in November 2023, before 3.19); a point release (10.2-alpine)
// is frozen on the Alpine of its day: only 17 and later are sure.
func alpinePEP668(repo, tag string) bool {
	if i := strings.Index(tag, "alpine3."); i >= 0 {
		var minor int
		fmt.Sscan(tag[i+len("alpine3."):], &minor)
		return minor >= 19
	}
	if repo == "alpine" {
		major, minor, ok := tagVersion(tag)
		return !ok || major > 3 || (major == 3 && minor >= 19)
	}
	if repo != "postgres" && repo != "postgis/postgis" {
		return false
	}
	v := strings.TrimSuffix(strings.SplitN(tag, "-", 2)[0], "alpine")
	if v == "" || v == "latest" {
		return true
	}
	major, minor, ok := tagVersion(v)
	switch {
	case !ok:
		return false
	case minor < 0 || !strings.Contains(v, "."):
		return major >= 12
	default:
		return major >= 17
	}
}

// distroOf names the distribution of a base image for a message.
func distroOf(ref string) string {
	repo, tag := imageRef(ref)
	switch {
	case strings.Contains(tag, "alpine") || repo == "alpine":
		return "Alpine"
	case repo == "ubuntu":
		return "Ubuntu"
	}
	return "Debian"
}

// bareEtcd: etcd's own image (quay.io/coreos/etcd, gcr.io/etcd-development/
// etcd) run with its default command, a plain `etcd` that takes its
// settings from ETCD_* variables only (Bitnami's entrypoint sets its own
// defaults: not judged).
func bareEtcd(s *service) bool {
	if s.build != nil || len(s.command) > 0 || len(s.entrypoint) > 0 || !s.hasImage {
		return false
	}
	repo, _ := imageRef(s.image.s)
	return strings.HasSuffix(repo, "coreos/etcd") || strings.HasSuffix(repo, "etcd-development/etcd")
}

// localBase: a hand-built image (hotel/patroni) whose Dockerfile builds FROM
// another image of the same namespace (hotel/postgres) that nothing builds
// either: no compose service makes it and no script of the answer docker
// builds it, so the build pulls docker.io/hotel/postgres and fails.
func (l *linter) localBase(d *dockerfile, repo string) {
	ns, _, ok := strings.Cut(repo, "/")
	if d == nil || !ok {
		return
	}
	for _, st := range d.stages {
		if st.parent != nil || st.from == nil {
			continue
		}
		base := st.base
		if !st.baseOK {
			// FROM hotel/postgres:$PG_MAJOR: the repository is still known.
			base = ""
			for _, w := range strings.Fields(st.from.text) {
				if !strings.HasPrefix(w, "--") {
					base = w
					break
				}
			}
		}
		brepo, _ := imageRef(base)
		if !strings.HasPrefix(brepo, ns+"/") || strings.Contains(brepo, "$") {
			continue
		}
		built := false
		for _, s := range l.compose.services {
			if r, _ := imageRef(s.image.s); s.build != nil && r == brepo {
				built = true
			}
		}
		if built || l.scriptBuilds(brepo, path.Base(brepo)) {
			continue
		}
		l.add(d.file, st.from.line, fmt.Sprintf("FROM %s: an image of the answer's own namespace that nothing builds (no service's build:, no script that docker builds it): the build pulls docker.io/%s and fails", base, brepo),
			fmt.Sprintf("build %s first (a service with build: and image: %s, or a script), or build FROM a published image", brepo, brepo))
	}
}

// checkProfiles: every Patroni node has profiles:, the answer's own start
// instructions (a script or README line running docker compose up) exist,
// and nothing in the answer activates a profile (--profile, COMPOSE_PROFILES)
// or names a node on the up line: docker compose up starts only services
// without a profile, so no node starts (batch 22: ubaje-consul, kind 6).
// With no start instruction in sight, how the answer is run is unknown:
// nothing is said.
func (l *linter) checkProfiles() {
	if l.compose == nil || l.splitStack() {
		return
	}
	nodes := l.compose.ofKind(kindNode)
	if len(nodes) == 0 {
		return
	}
	var names, profs []string
	line := 0
	for _, s := range nodes {
		ps := get2(s.n, "profiles")
		if ps == nil || len(ps.Content) == 0 {
			return
		}
		if line == 0 {
			line = resolve(ps).Line
		}
		names = append(names, s.name)
		for _, p := range ps.Content {
			if !slices.Contains(profs, p.Value) {
				profs = append(profs, p.Value)
			}
		}
	}
	for _, s := range l.compose.services {
		if get2(s.n, "profiles") != nil {
			continue
		}
		for _, n := range nodes {
			if s.dependsOn[n.name] {
				return // (a service without a profile pulls the nodes in)
			}
		}
	}
	upRe := regexp.MustCompile(`docker[ -]compose\b[^\n]*\bup\b[^\n]*`)
	var ups []string
	activated := false
	for _, f := range l.textFiles() {
		if activated {
			break
		}
		if strings.Contains(f.text, "--profile") || strings.Contains(f.text, "COMPOSE_PROFILES") {
			activated = true
			break
		}
		name := path.Base(f.path)
		if lower := strings.ToLower(name); !scriptLike(name) && path.Ext(lower) != ".md" && !strings.HasPrefix(lower, "readme") {
			continue // start instructions live in scripts and docs
		}
		var live []string // (a commented-out line is no instruction)
		for _, ln := range strings.Split(f.text, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(ln), "#") {
				live = append(live, ln)
			}
		}
		for _, m := range upRe.FindAllString(strings.Join(live, "\n"), -1) {
			for _, n := range nodes {
				if regexp.MustCompile(`\s` + regexp.QuoteMeta(n.name) + `\b`).MatchString(m) {
					activated = true // up naming a node starts it, profile or not
				}
			}
			if !slices.Contains(ups, f.path) {
				ups = append(ups, f.path)
			}
		}
	}
	if activated || len(ups) == 0 {
		return
	}
	l.add(l.composeFile, line, fmt.Sprintf("%s start only with the profile %s (profiles:), but nothing in the answer activates it and %s %s docker compose up without it: no Patroni node starts", joinAnd(names), joinAnd(profs), joinAnd(ups), plural(len(ups), "runs", "run")),
		fmt.Sprintf("run docker compose --profile %s up -d (or set COMPOSE_PROFILES=%s in .env), or drop profiles: from the nodes", profs[0], strings.Join(profs, ",")))
}

// docBuilds: a document of the answer (README.md, ...) gives a docker build
// that tags the image repo.
func (l *linter) docBuilds(repo string) bool {
	re := regexp.MustCompile(`docker\s+(?:image\s+)?build\b[^\n]*\s(?:-t|--tag)[\s=]+` + regexp.QuoteMeta(repo) + `(:\S+)?(\s|$)`)
	for _, pat := range []string{"*.md", "*/*.md", "*.txt", "*.rst"} {
		m, _ := globFS(l, pat)
		for _, p := range m {
			if data, ok := l.read(p); ok && re.Match(data) {
				return true
			}
		}
	}
	return false
}

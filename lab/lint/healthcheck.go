package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkHealthcheckProgram: a healthcheck whose test runs curl or wget in an
// image built here on a base that ships neither (the postgres image's
// Debian tags install wget and ca-certificates only to fetch gosu, then
// purge them; debian and ubuntu images have neither), when no RUN of the
// Dockerfile names the program (an install of it, or a use that proves it
// is there): the check fails with executable file not found, so the
// container never becomes healthy. A problem when a service waits for it
// with depends_on: condition: service_healthy (docker compose up stops:
// dependency failed to start ... is unhealthy), one finding per program
// and Dockerfile; a note otherwise (batch 31: es-itziar, kind 3).
func (l *linter) checkHealthcheckProgram() {
	if l.compose == nil {
		return
	}
	type group struct {
		prog, base, df string
		svcs, waiters  []string
		lines          []int
	}
	var groups []*group
	for _, s := range l.compose.services {
		if s.df == nil || s.n == nil || s.df.parseErr != nil {
			continue
		}
		hc := get2(s.n, "healthcheck")
		if hc == nil {
			continue
		}
		tk, tv := get(hc, "test")
		if tk == nil {
			continue
		}
		kind, arg, ok := healthTest(tv)
		if !ok {
			continue
		}
		first := arg
		if kind != "CMD" {
			first = firstProgram(arg)
		}
		prog := path.Base(first)
		if prog != "curl" && prog != "wget" {
			continue
		}
		st, base, ok := aptFamilyBase(s)
		if !ok {
			continue
		}
		if stageMayProvide(st, `(^|[^\w.-])`+prog+`([^\w.-]|$)`) {
			continue
		}
		var waiters []string
		for _, o := range l.compose.services {
			if o.healthyDeps[s.name] {
				waiters = append(waiters, o.name)
			}
		}
		i := slices.IndexFunc(groups, func(g *group) bool { return g.prog == prog && g.df == s.dfPath })
		if i < 0 {
			groups = append(groups, &group{prog: prog, base: base, df: s.dfPath})
			i = len(groups) - 1
		}
		g := groups[i]
		g.svcs = append(g.svcs, s.name)
		g.lines = append(g.lines, tk.Line)
		for _, w := range waiters {
			if !slices.Contains(g.waiters, w) {
				g.waiters = append(g.waiters, w)
			}
		}
	}
	for _, g := range groups {
		sort.Ints(g.lines)
		what := fmt.Sprintf("the healthcheck of %s runs %s, which the image (%s, built from %s) does not have: %s installs none, so the check fails (executable file not found) and %s never %s healthy", joinAnd(g.svcs), g.prog, g.base, g.df, g.df, joinAnd(g.svcs), plural(len(g.svcs), "becomes", "become"))
		fix := fmt.Sprintf("install %s in %s (apt-get install -y --no-install-recommends %s), or test with a program the image has: pg_isready, or python3 -c \"import urllib.request; urllib.request.urlopen('http://localhost:8008/health')\" when Python is installed", g.prog, g.df, g.prog)
		if len(g.waiters) > 0 {
			l.add(l.composeFile, g.lines[0], fmt.Sprintf("%s, and %s %s for %s (depends_on: condition: service_healthy): docker compose up stops with dependency failed to start ... is unhealthy%s", what, joinAnd(g.waiters), plural(len(g.waiters), "waits", "wait"), plural(len(g.svcs), "it", "them"), alsoLines(g.lines)), fix)
			continue
		}
		l.note(l.composeFile, g.lines[0], what+alsoLines(g.lines), fix)
	}
}

// firstProgram is the program a shell string runs first.
func firstProgram(sh string) string {
	for _, c := range shellCommands(sh) {
		words := programWords(c.words)
		if len(words) > 0 {
			return words[0].val
		}
	}
	return ""
}

// etcdDistroless: etcd's own images (quay.io/coreos/etcd,
// gcr.io/etcd-development/etcd) from v3.5.7 on are built on
// gcr.io/distroless/static (CHANGELOG-3.5, v3.5.7: "Use distroless base
// image", "removed dependency on busybox"; every 3.6 and later release
// too): no /bin/sh in them, only etcd, etcdctl and etcdutl.
var etcdDistrolessTag = regexp.MustCompile(`^v?3\.(\d+)\.(\d+)`)

func etcdDistroless(image string) bool {
	repo, tag := imageRef(image)
	repo = strings.TrimPrefix(repo, "docker.io/")
	if repo != "quay.io/coreos/etcd" && repo != "gcr.io/etcd-development/etcd" {
		return false
	}
	m := etcdDistrolessTag.FindStringSubmatch(tag)
	if m == nil {
		return false // latest, a variable: not known
	}
	minor, _ := strconv.Atoi(m[1])
	patch, _ := strconv.Atoi(m[2])
	return minor > 5 || (minor == 5 && patch >= 7)
}

// checkShellHealthcheckDistroless: a healthcheck run by a shell (test:
// [CMD-SHELL, ...], a string, or [CMD, sh, -c, ...]) in an image without
// one (etcd's distroless images): Docker runs /bin/sh -c and every probe
// fails (exec: "/bin/sh": stat /bin/sh: no such file or directory), the
// container stays unhealthy. A problem when a service waits for it with
// condition: service_healthy (docker compose up stops: dependency failed
// to start), a note otherwise; the exec form [CMD, etcdctl, ...] works
// (batch 44 kind 1: pilar_arrieta).
func (l *linter) checkShellHealthcheckDistroless() {
	if l.compose == nil {
		return
	}
	type group struct {
		image         string
		svcs, waiters []string
		lines         []int
	}
	var groups []*group
	for _, s := range l.compose.services {
		if !s.hasImage || !s.image.ok || !etcdDistroless(s.image.s) {
			continue
		}
		hc := get2(s.n, "healthcheck")
		if hc == nil {
			continue
		}
		if d, ok := scalar(get2(hc, "disable")); ok && d == "true" {
			continue
		}
		tk, tv := get(hc, "test")
		if tk == nil {
			continue
		}
		kind, arg, ok := healthTest(tv)
		if !ok || kind == "CMD" && !slices.Contains([]string{"sh", "bash", "ash"}, path.Base(arg)) {
			continue // run without a shell
		}
		var waiters []string
		for _, o := range l.compose.services {
			if o.healthyDeps[s.name] {
				waiters = append(waiters, o.name)
			}
		}
		i := slices.IndexFunc(groups, func(g *group) bool { return g.image == s.image.s })
		if i < 0 {
			groups = append(groups, &group{image: s.image.s})
			i = len(groups) - 1
		}
		g := groups[i]
		g.svcs = append(g.svcs, s.name)
		if !slices.Contains(g.lines, tk.Line) {
			g.lines = append(g.lines, tk.Line) // one anchor merged into each member: one line
		}
		for _, w := range waiters {
			if !slices.Contains(g.waiters, w) {
				g.waiters = append(g.waiters, w)
			}
		}
	}
	for _, g := range groups {
		sort.Ints(g.lines)
		what := fmt.Sprintf("the healthcheck of %s runs a shell (/bin/sh -c), but %s is distroless (no shell since etcd v3.5.7): every probe fails (exec: \"/bin/sh\": stat /bin/sh: no such file or directory) and %s never %s healthy", joinAnd(g.svcs), g.image, joinAnd(g.svcs), plural(len(g.svcs), "becomes", "become"))
		fix := "use the exec form without a shell: test: [\"CMD\", \"etcdctl\", \"endpoint\", \"health\"]"
		if len(g.waiters) > 0 {
			l.add(l.composeFile, g.lines[0], fmt.Sprintf("%s, and %s %s for %s (depends_on: condition: service_healthy): docker compose up stops with dependency failed to start ... is unhealthy%s", what, joinAnd(g.waiters), plural(len(g.waiters), "waits", "wait"), plural(len(g.svcs), "it", "them"), alsoLines(g.lines)), fix)
			continue
		}
		l.note(l.composeFile, g.lines[0], what+alsoLines(g.lines), fix)
	}
}

// checkShellRunDistroless: an etcd service on a distroless image (no
// /bin/sh, see etcdDistroless) whose entrypoint:, or command: when no
// entrypoint: is set (the image has no ENTRYPOINT, its CMD is etcd), starts
// a shell (entrypoint: [/bin/sh, -c], command: sh -c "..."): Docker cannot
// exec it (exec: "/bin/sh": stat /bin/sh: no such file or directory), the
// container exits and that member never runs (batch 52: yolanda_zubiri).
// Said once per line (an anchor merged into each member is one line).
func (l *linter) checkShellRunDistroless() {
	if l.compose == nil {
		return
	}
	type group struct {
		image, key, prog string
		line             int
		svcs             []string
	}
	var groups []*group
	for _, s := range l.compose.services {
		if !s.hasImage || !s.image.ok || s.build != nil || !etcdDistroless(s.image.s) {
			continue
		}
		key, words := "entrypoint", s.entrypoint
		if len(words) == 0 {
			if get2(s.n, "entrypoint") != nil {
				continue // entrypoint: "" or []: the image's (none), command: runs alone
			}
			key, words = "command", s.command
		}
		if len(words) == 0 || !words[0].ok || !slices.Contains([]string{"sh", "bash", "ash", "dash", "zsh"}, path.Base(words[0].s)) {
			continue
		}
		kn, _ := get(s.n, key)
		if kn == nil {
			continue
		}
		i := slices.IndexFunc(groups, func(g *group) bool { return g.line == kn.Line && g.image == s.image.s })
		if i < 0 {
			groups = append(groups, &group{image: s.image.s, key: key, prog: words[0].s, line: kn.Line})
			i = len(groups) - 1
		}
		groups[i].svcs = append(groups[i].svcs, s.name)
	}
	for _, g := range groups {
		why := fmt.Sprintf("exec: \"%s\": stat %s: no such file or directory", g.prog, g.prog)
		if !strings.Contains(g.prog, "/") {
			why = fmt.Sprintf("exec: \"%s\": executable file not found in $PATH", g.prog)
		}
		l.add(l.composeFile, g.line, fmt.Sprintf("the %s of %s runs %s, but %s is distroless (no shell since etcd v3.5.7): docker cannot start it (%s), so %s never %s and Patroni has no DCS to reach", g.key, joinAnd(g.svcs), g.prog, g.image, why, joinAnd(g.svcs), plural(len(g.svcs), "starts", "start")),
			"run etcd without a shell: drop the entrypoint and give etcd's flags as a command: list (command: [etcd, --name, etcd1, ...]) or as ETCD_* variables, writing each member's own name and URLs instead of $(hostname)")
	}
}

// aptFamilyBase: s's image is built on postgres, debian or ubuntu (not an
// Alpine tag), whose minimal images lack curl, wget and envsubst unless
// the Dockerfile installs them: its final stage and base.
func aptFamilyBase(s *service) (st *stage, base string, ok bool) {
	if s.df == nil {
		return nil, "", false
	}
	st = s.df.final()
	if st == nil || !st.root().baseOK {
		return nil, "", false
	}
	base = st.root().base
	repo, tag := imageRef(base)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "library/")
	if !slices.Contains([]string{"postgres", "debian", "ubuntu"}, repo) || strings.Contains(tag, "alpine") {
		return nil, "", false
	}
	return st, base, true
}

// healthTest reads a healthcheck's test: its form (CMD, CMD-SHELL, or
// SHELL for the plain string, which Docker runs with /bin/sh -c) and the
// first argument; false when there is nothing to run (NONE, empty).
func healthTest(tv *yaml.Node) (kind, arg string, ok bool) {
	if isSeq(tv) {
		items := resolve(tv).Content
		if len(items) < 2 {
			return "", "", false
		}
		kind, _ = scalar(items[0])
		arg, _ = scalar(items[1])
		return kind, arg, kind == "CMD" || kind == "CMD-SHELL"
	}
	if str, ok := scalar(tv); ok && str != "" && str != "NONE" {
		return "SHELL", str, true
	}
	return "", "", false
}

// stageMayProvide: a RUN of the stage names the program (the pattern
// named: an install, a download), or a COPY/ADD names it or copies from
// another stage or image: the image may have it.
func stageMayProvide(st *stage, named string) bool {
	re := regexp.MustCompile(named)
	for _, in := range st.chain() {
		if (in.cmd == "RUN" && re.MatchString(in.text)) || ((in.cmd == "COPY" || in.cmd == "ADD") && (re.MatchString(in.text) || slices.ContainsFunc(in.flags, func(f string) bool { return strings.HasPrefix(f, "--from=") }))) {
			return true
		}
	}
	return false
}

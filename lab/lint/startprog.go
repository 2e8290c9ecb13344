package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// startProgPackages: programs a start script may run that Debian's slim
// images, and the postgres image built on them, do not ship, with the
// Debian package that has each. envsubst is gettext-base's (Debian's
// contents search; the postgres Dockerfile installs gnupg, locales,
// libnss-wrapper, xz-utils, zstd and postgresql only;
// openresty/docker-openresty#261: envsubst missing on bookworm).
var startProgPackages = map[string]string{"envsubst": "gettext-base"}

// checkStartScriptProgram: the start script of an image built here runs a
// program of startProgPackages, but the base (postgres, debian or ubuntu,
// not Alpine) lacks it and no instruction of the Dockerfile names it or
// its package (an install, a COPY --from): the script stops at that line
// (PROG: command not found; with set -e the container exits, without it
// the file it was to write is left empty) and Patroni never starts with
// the config it was to get. Not said when the script tests for the
// program first (command -v, which, type, hash), nor when an apt install
// of the Dockerfile may bring it in: without --no-install-recommends, or
// of lsb-core/lsb (LSB's commands include gettext; digitalis-consul's
// ubuntu image installs lsb-core). One finding per script
// and program, naming the services (batch 42 kind 1: ru-gleb-morozov).
func (l *linter) checkStartScriptProgram() {
	if l.compose == nil {
		return
	}
	type group struct {
		file, prog, base, df string
		line                 int
		svcs                 []string
	}
	var groups []*group
	for _, s := range l.compose.services {
		if s.df == nil || s.df.parseErr != nil {
			continue
		}
		st, base, ok := aptFamilyBase(s)
		if !ok {
			continue
		}
		words, _ := l.commandOf(s)
		sc := l.runScript(s, words)
		if sc == nil || sc.file == "" || sc.cmd {
			continue
		}
		for _, c := range shellCommands(sc.text) {
			pw := programWords(c.words)
			if len(pw) == 0 {
				continue
			}
			prog := path.Base(pw[0].val)
			if _, ok := startProgPackages[prog]; !ok {
				continue
			}
			if regexp.MustCompile(`\b(?:command\s+-v|which|type|hash)\s+` + prog + `\b`).MatchString(sc.text) {
				continue
			}
			if l.mayPullRecommends(st) {
				continue
			}
			if stageMayProvide(st, `(^|[^\w.-])(`+prog+`|gettext[\w.-]*)([^\w.-]|$)`) {
				continue
			}
			line := sc.line + strings.Count(sc.text[:pw[0].start], "\n")
			i := slices.IndexFunc(groups, func(g *group) bool { return g.file == sc.file && g.prog == prog })
			if i < 0 {
				groups = append(groups, &group{file: sc.file, prog: prog, base: base, df: s.dfPath, line: line})
				i = len(groups) - 1
			}
			if !slices.Contains(groups[i].svcs, s.name) {
				groups[i].svcs = append(groups[i].svcs, s.name)
			}
			break
		}
	}
	for _, g := range groups {
		pkg := startProgPackages[g.prog]
		l.add(g.file, g.line, fmt.Sprintf("%s runs %s, which the image of %s (%s, built from %s) does not have: %s is in the package %s, which %s does not install, so the script stops here (%s: command not found) and Patroni never starts with the config it was to write",
			g.file, g.prog, joinAnd(g.svcs), g.base, g.df, g.prog, pkg, g.df, g.prog),
			fmt.Sprintf("install it in %s: RUN apt-get update && apt-get install -y --no-install-recommends %s", g.df, pkg))
	}
}

// mayPullRecommends: an apt install of the stage chain takes the
// recommended packages too (no --no-install-recommends), or installs the
// LSB packages, whose dependencies lint does not follow.
func (l *linter) mayPullRecommends(st *stage) bool {
	for _, in := range st.chain() {
		if in.cmd != "RUN" {
			continue
		}
		for _, c := range shellCommands(in.text) {
			pw := programWords(c.words)
			if len(pw) < 2 || (path.Base(pw[0].val) != "apt-get" && path.Base(pw[0].val) != "apt") {
				continue
			}
			install, noRec := false, false
			for _, w := range pw[1:] {
				switch {
				case w.val == "install":
					install = true
				case w.val == "--no-install-recommends":
					noRec = true
				case strings.HasPrefix(w.val, "lsb"):
					return true
				}
			}
			if install && !noRec {
				return true
			}
		}
	}
	return false
}

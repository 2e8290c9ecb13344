package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// aptFamilyPath: the PATH of the postgres, debian and ubuntu images when the
// Dockerfile sets none (the postgres image adds its server's bin directory,
// /usr/lib/postgresql/N/bin).
var aptFamilyPath = []string{"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}

// pipPatroniArgRe: a pip argument that begins with patroni (patroni,
// patroni[etcd3]==4.0).
var pipPatroniArgRe = regexp.MustCompile(`^patroni\b`)

// linkedPatroniRe: an instruction that puts a patroni executable somewhere
// by hand (ln -s /opt/venv/bin/patroni /usr/local/bin/, cp, install).
var linkedPatroniRe = regexp.MustCompile(`\b(ln|cp|install|mv)\b[^;&|\n]*bin/patroni`)

// checkVenvNotOnPath: a node's command (compose command:/entrypoint: or the
// image's CMD/ENTRYPOINT, run by the postgres image's docker-entrypoint.sh,
// which execs it, or by no entrypoint) starts a bare `patroni`, but the
// Dockerfile (on postgres, debian or ubuntu) installs Patroni only with a
// virtualenv's pip (python3 -m venv X; X/bin/pip install patroni...) and
// neither puts X/bin on PATH (ENV PATH, compose environment: PATH) nor
// links or copies the program into a PATH directory: the shell or Docker
// looks patroni up on PATH and does not find it (exec: patroni: not found,
// exit 127), so the node never starts (batch 47: evgenia_morozova). Not
// said when anything else may install Patroni (a system pip, apt, a COPY
// --from, an activate script), nor when the command names the program by
// path. One finding per Dockerfile, at its pip line, naming the services.
func (l *linter) checkVenvNotOnPath() {
	if l.compose == nil {
		return
	}
	type group struct {
		df    *dockerfile
		venv  string
		line  int
		svcs  []string
		where string
	}
	var groups []*group
	for _, s := range l.compose.services {
		if s.df == nil || s.df.parseErr != nil {
			continue
		}
		st, _, ok := aptFamilyBase(s)
		if !ok {
			continue
		}
		if _, set := s.env["PATH"]; set || s.envUnknown {
			continue
		}
		words, where := l.commandOf(s)
		ep, _ := s.df.entrypointCmd()
		if len(s.entrypoint) > 0 || (len(ep) > 0 && path.Base(ep[0]) != "docker-entrypoint.sh") {
			continue // an entrypoint of the answer's own may set PATH first
		}
		if len(words) > 0 && path.Base(words[0]) == "docker-entrypoint.sh" {
			words = words[1:]
		}
		if len(words) == 0 || words[0] != "patroni" {
			continue
		}
		venv, line, ok := venvOnlyPatroni(st)
		if !ok {
			continue
		}
		onPath := aptFamilyPath
		if p, set := st.endVars["PATH"]; set {
			if !p.set {
				continue // a PATH lint cannot read
			}
			onPath = strings.Split(p.val, ":")
		}
		if slices.Contains(onPath, path.Join(venv, "bin")) || slices.Contains(aptFamilyPath, path.Join(venv, "bin")) {
			continue
		}
		var g *group
		for _, x := range groups {
			if x.df == s.df {
				g = x
			}
		}
		if g == nil {
			g = &group{df: s.df, venv: venv, line: line, where: where}
			groups = append(groups, g)
		}
		g.svcs = append(g.svcs, s.name)
	}
	for _, g := range groups {
		l.add(g.df.file, g.line, fmt.Sprintf("%s %s patroni by name, but %s installs Patroni only in the virtualenv %s, whose bin directory is not on PATH (no ENV PATH, no link into /usr/local/bin): the container exits at once (exec: patroni: not found) and no node starts",
			joinAnd(g.svcs), plural(len(g.svcs), "runs", "run"), g.df.file, g.venv),
			fmt.Sprintf("add ENV PATH=%s/bin:$PATH after this RUN (or run %s/bin/patroni)", g.venv, g.venv))
	}
}

// venvOnlyPatroni: the stage installs Patroni, every time with the pip of
// one virtualenv it creates (X/bin/pip or X/bin/python -m pip), and nothing
// else may put a patroni program in the image: X and the pip line.
func venvOnlyPatroni(st *stage) (venv string, line int, ok bool) {
	for _, in := range st.chain() {
		switch in.cmd {
		case "COPY", "ADD":
			for _, fl := range in.flags {
				if strings.HasPrefix(fl, "--from=") {
					return "", 0, false // a venv built in another stage or image
				}
			}
			continue
		case "RUN":
		default:
			continue
		}
		if strings.Contains(in.text, "activate") || linkedPatroniRe.MatchString(in.text) {
			return "", 0, false
		}
		var venvs []string
		for _, m := range venvRe.FindAllStringSubmatch(in.text, -1) {
			venvs = append(venvs, path.Clean(m[1]+m[2]))
		}
		for _, c := range shellCommands(in.text) {
			pw := programWords(c.words)
			if len(pw) == 0 {
				continue
			}
			prog := path.Base(pw[0].val)
			names := false
			for _, w := range pw[1:] {
				if pipPatroniArgRe.MatchString(w.val) {
					names = true
				}
			}
			if !names {
				continue
			}
			idx, pip := pipInstall(c.words)
			if !pip {
				if prog == "apt-get" || prog == "apt" || prog == "pipx" || prog == "uv" || prog == "poetry" {
					return "", 0, false
				}
				continue
			}
			dir := path.Dir(path.Dir(c.words[idx].val))
			if !strings.Contains(c.words[idx].val, "/") || !slices.Contains(venvs, dir) || (venv != "" && venv != dir) {
				return "", 0, false // a system pip, or a venv lint does not see made
			}
			venv, line = dir, in.lineAt(c.words[idx].start)
		}
	}
	return venv, line, venv != ""
}

package lint

import (
	"io/fs"
	"path"
	"strings"
)

// supervisorProgram is a [program:x] section of a supervisord config.
type supervisorProgram struct {
	name, command, user string
	directory           string // directory=: Patroni's working directory
	line                int    // of command=
}

// supervisord finds the supervisord a container starts (its command, or the
// exec line of its start script) and the programs of its config: Patroni is
// often one of them (patroni.yml under [program:patroni], user=postgres).
func (l *linter) supervisord(s *service, words []string) (file string, progs []supervisorProgram) {
	conf := ""
	found := false
	for i, w := range words {
		if path.Base(w) != "supervisord" {
			continue
		}
		found = true
		for j := i + 1; j < len(words); j++ {
			switch a := words[j]; {
			case (a == "-c" || a == "--configuration") && j+1 < len(words):
				conf = words[j+1]
			case strings.HasPrefix(a, "--configuration="):
				conf = strings.TrimPrefix(a, "--configuration=")
			case strings.HasPrefix(a, "-c") && len(a) > 2:
				conf = a[2:]
			}
		}
		break
	}
	if !found {
		return "", nil
	}
	// supervisord's own search order when -c is not given.
	cands := []string{conf}
	if conf == "" {
		cands = []string{"/etc/supervisor/supervisord.conf", "/etc/supervisord.conf", "/usr/local/etc/supervisord.conf"}
	}
	for _, c := range cands {
		if sc := l.scriptOf(s, c); sc != nil && sc.file != "" {
			progs = parseSupervisor(sc.text)
			// [include] files = conf.d/*.conf: the program files the
			// image copies in (or the service mounts) there.
			for _, g := range supervisorIncludes(sc.text) {
				if !strings.HasPrefix(g, "/") {
					g = path.Join(path.Dir(c), g)
				}
				for _, f := range l.filesAt(s, g) {
					if data, ok := l.read(f); ok {
						progs = append(progs, parseSupervisor(string(data))...)
					}
				}
			}
			return sc.file, progs
		}
	}
	if conf == "" {
		// The distribution's supervisord.conf (not in the answer) includes
		// conf.d/*.conf (Debian) or supervisord.d/*.ini (RHEL): programs
		// mounted there are the ones it runs.
		for _, m := range s.mounts {
			if d := path.Dir(m.target); d != "/etc/supervisor/conf.d" && d != "/etc/supervisord.d" {
				continue
			}
			if src, _, ok := l.mountSource(m); ok {
				if data, ok := l.read(src); ok {
					if ps := parseSupervisor(string(data)); len(ps) > 0 {
						file = orStr(file, src)
						progs = append(progs, ps...)
					}
				}
			}
		}
	}
	return file, progs
}

// parseSupervisor reads the [program:x] sections of a supervisord config
// (an INI file: "key=value", ";" and "#" comments).
func parseSupervisor(text string) []supervisorProgram {
	var out []supervisorProgram
	cur := -1
	for i, ln := range strings.Split(text, "\n") {
		t := strings.TrimSpace(ln)
		if t == "" || t[0] == ';' || t[0] == '#' {
			continue
		}
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			cur = -1
			if name, ok := strings.CutPrefix(t[1:len(t)-1], "program:"); ok {
				out = append(out, supervisorProgram{name: strings.TrimSpace(name)})
				cur = len(out) - 1
			}
			continue
		}
		k, v, ok := strings.Cut(t, "=")
		if !ok || cur < 0 {
			continue
		}
		if j := strings.Index(v, " ;"); j >= 0 {
			v = v[:j] // an inline comment
		}
		switch strings.TrimSpace(k) {
		case "command":
			out[cur].command, out[cur].line = strings.TrimSpace(v), i+1
		case "user":
			out[cur].user = strings.TrimSpace(v)
		case "directory":
			out[cur].directory = strings.TrimSpace(v)
		}
	}
	return out
}

// supervisorIncludes are the globs of a supervisord config's [include]
// files= (whitespace or newline separated).
func supervisorIncludes(text string) []string {
	var out []string
	in, files := false, false
	for _, ln := range strings.Split(text, "\n") {
		t := strings.TrimSpace(ln)
		if t == "" || t[0] == ';' || t[0] == '#' {
			continue
		}
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			in, files = t == "[include]", false
			continue
		}
		if !in {
			continue
		}
		if k, v, ok := strings.Cut(t, "="); ok {
			files = strings.TrimSpace(k) == "files"
			if !files {
				continue
			}
			t = v
		} else if !files || ln == t {
			continue // a continuation line is indented
		}
		if j := strings.Index(t, " ;"); j >= 0 {
			t = t[:j]
		}
		out = append(out, strings.Fields(t)...)
	}
	return out
}

// filesAt are the answer's files that land in the container at a path
// matching the glob g: mounted there, or COPYed there by the service's
// Dockerfile (a file of its build context copied under that name).
func (l *linter) filesAt(s *service, g string) []string {
	var out []string
	for _, m := range s.mounts {
		if ok, _ := path.Match(g, m.target); ok {
			if src, _, ok := l.mountSource(m); ok && !l.isDir(src) {
				out = append(out, src)
			}
		}
	}
	if s.df == nil {
		return out
	}
	ctx := orStr(s.df.context, ".")
	seen := map[string]bool{}
	_ = fs.WalkDir(l.fsys, ctx, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || seen[e.Name()] {
			return nil
		}
		seen[e.Name()] = true
		dst := path.Join(path.Dir(g), e.Name())
		if ok, _ := path.Match(g, dst); !ok {
			return nil
		}
		if src := s.df.copySource(dst); src != "" {
			out = append(out, path.Join(s.df.context, src))
		}
		return nil
	})
	return out
}

// supervisedPatroni is the program of the container's supervisord that runs
// Patroni, if any.
func (l *linter) supervisedPatroni(s *service, words []string) (supervisorProgram, bool) {
	_, progs := l.supervisord(s, words)
	for _, p := range progs {
		if pa, _ := patroniArg(p.command); pa != "" {
			return p, true
		}
	}
	// A program that runs a script of the answer (bootstrap-patroni.sh),
	// which starts Patroni: the script's Patroni command is the program's.
	for _, p := range progs {
		fs := strings.Fields(p.command)
		if len(fs) == 0 {
			continue
		}
		if sc := l.scriptOf(s, fs[0]); sc != nil {
			if pa, at := patroniArg(sc.text); pa != "" {
				end := len(sc.text)
				if i := strings.Index(sc.text[at:], "\n"); i >= 0 {
					end = at + i
				}
				p.command = strings.TrimSpace(sc.text[strings.LastIndex(sc.text[:at], "\n")+1 : end])
				return p, true
			}
		}
	}
	return supervisorProgram{}, false
}

// supervisedPatroniOf: the program that runs Patroni under the supervisord
// the container's command runs, or the one its start script runs itself.
func (l *linter) supervisedPatroniOf(s *service, cmd []string) (supervisorProgram, bool) {
	if prog, ok := l.supervisedPatroni(s, cmd); ok {
		return prog, true
	}
	if sc := l.runScript(s, cmd); sc != nil {
		return l.supervisedPatroni(s, supervisordLine(sc.text))
	}
	return supervisorProgram{}, false
}

// templateFor is the template of the node service named host when lint has
// no config of its own for it.
func (l *linter) templateFor(node *nodeConf, host string) *nodeConf {
	if node != nil || l.compose == nil {
		return nil
	}
	t := l.compose.lookupHost(host)
	if t == nil || t.kind != kindNode {
		return nil
	}
	if n := l.templateOf(t); n != nil && n.conf != nil {
		return n
	}
	return nil
}

// bitnamiHAProxyCfg is where Bitnami's haproxy image reads its config.
const bitnamiHAProxyCfg = "/bitnami/haproxy/conf/haproxy.cfg"

// buildContext is the build context of a service, "" without build:.
func buildContext(s *service) string {
	if s.build == nil {
		return ""
	}
	return s.build.context
}

// startsPatroniWith: the text starts Patroni with the config p (python3
// patroni.py p, patroni p): a program that runs it, not one that writes it.
func startsPatroniWith(text, p string) bool {
	got, _ := patroniArg(text)
	return got == p
}

// editedAtBuild is the RUN of the final stage that edits the file p in
// place (sed -i, perl -pi, yq -i), named by its path, its base name or a
// glob that matches it; nil when none does.
func editedAtBuild(d *dockerfile, p string) *dfInstr {
	st := d.final()
	if st == nil {
		return nil
	}
	for _, in := range st.chain() {
		if in.cmd != "RUN" {
			continue
		}
		for _, c := range shellCommands(in.text) {
			if len(c.words) == 0 {
				continue
			}
			prog := path.Base(c.words[0].val)
			inPlace := false
			for _, w := range c.words[1:] {
				if (prog == "sed" || prog == "perl" || prog == "yq") && strings.HasPrefix(w.val, "-") && !strings.HasPrefix(w.val, "--") && strings.Contains(w.val, "i") {
					inPlace = true
				}
				if w.val == "--in-place" || strings.HasPrefix(w.val, "--in-place=") {
					inPlace = true
				}
			}
			if !inPlace {
				continue
			}
			for _, w := range c.words[1:] {
				if w.val == p || w.val == path.Base(p) {
					return in
				}
				if ok, _ := path.Match(path.Base(w.val), path.Base(p)); ok && strings.ContainsAny(w.val, "*?[") {
					return in
				}
			}
		}
	}
	return nil
}

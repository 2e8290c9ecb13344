package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"mvdan.cc/sh/v3/syntax"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// dfInstr is one Dockerfile instruction, continuation lines joined.
type dfInstr struct {
	cmd   string   // upper-case keyword
	args  []string // the arguments as BuildKit splits them (one for a shell form)
	flags []string // --from=..., --chown=...
	json  bool     // exec (JSON) form
	text  string   // the arguments, continuations removed
	lines []int    // physical line of each byte of text
	line  int      // line of the keyword
	vars  map[string]dvar
	stage *stage
}

// lineAt is the physical line of the byte at off in text.
func (in *dfInstr) lineAt(off int) int {
	if off < 0 || len(in.lines) == 0 {
		return in.line
	}
	if off >= len(in.lines) {
		return in.lines[len(in.lines)-1]
	}
	return in.lines[off]
}

// dvar is a build-time variable (ARG or ENV) and where its value was set.
type dvar struct {
	val  string
	file string
	line int
	set  bool
}

type stage struct {
	from    *dfInstr
	base    string // image reference, expanded
	baseOK  bool
	origin  dvar // where the base image's name was written
	name    string
	parent  *stage
	instrs  []*dfInstr
	endVars map[string]dvar
}

// root is the first stage of the chain, whose base is an image.
func (s *stage) root() *stage {
	for i := 0; s.parent != nil && i < 50; i++ {
		s = s.parent
	}
	return s
}

type dockerfile struct {
	file     string
	escape   rune
	parseErr error  // BuildKit could not parse it
	context  string // the build context in the exercise dir
	instrs   []*dfInstr
	stages   []*stage
	global   map[string]dvar
	args     map[string]sval // the compose build args it was analyzed with
	// isDir tells whether a path of the answer is a directory (set by
	// the linter): a COPY of a directory puts its whole tree in the image.
	isDir, exists func(string) bool
}

// parseDockerfile reads a Dockerfile with BuildKit's own parser (the one
// docker build uses): instructions, the escape directive, continuation
// lines, comments inside them and heredocs. The text of each instruction
// keeps the physical line of every byte, for findings inside a long RUN.
func parseDockerfile(file string, data []byte) *dockerfile {
	d := &dockerfile{file: file, escape: '\\'}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		d.parseErr = err
		return d
	}
	d.escape = res.EscapeToken
	esc := string(res.EscapeToken)
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for _, n := range res.AST.Children {
		in := &dfInstr{cmd: strings.ToUpper(n.Value), line: n.StartLine, flags: n.Flags, json: n.Attributes["json"]}
		for a := n.Next; a != nil; a = a.Next {
			in.args = append(in.args, a.Value)
		}
		cont := false
		for ln := n.StartLine; ln <= n.EndLine && ln <= len(lines); ln++ {
			raw := lines[ln-1]
			if ln == n.StartLine {
				raw = strings.TrimLeft(raw, " \t")
				if i := strings.IndexAny(raw, " \t"); i >= 0 {
					raw = strings.TrimLeft(raw[i:], " \t")
				} else {
					raw = ""
				}
			} else if cont && (strings.HasPrefix(strings.TrimSpace(raw), "#") || strings.TrimSpace(raw) == "") {
				continue // a comment or empty line inside a continued instruction
			}
			t := strings.TrimRight(raw, " \t")
			next := strings.HasSuffix(t, esc) && len(n.Heredocs) == 0
			if next {
				raw = t[:len(t)-len(esc)]
			}
			if ln > n.StartLine && !cont {
				in.text += "\n"
				in.lines = append(in.lines, ln)
			}
			in.text += raw
			for range len(raw) {
				in.lines = append(in.lines, ln)
			}
			cont = next
		}
		d.instrs = append(d.instrs, in)
	}
	return d
}

// analyze resolves stages and variables with the compose build args.
func (d *dockerfile) analyze(buildArgs map[string]sval, composeFile string) {
	d.global = map[string]dvar{}
	d.stages = nil
	d.args = buildArgs
	argVal := func(name string, in *dfInstr, dflt string, hasDflt bool, scope map[string]dvar) dvar {
		if a, ok := buildArgs[name]; ok && a.ok {
			return dvar{val: a.s, file: composeFile, line: a.line, set: true}
		}
		if hasDflt {
			e := d.expander(scope, false)
			v, _, ok := e.expand(dflt)
			return dvar{val: v, file: d.file, line: in.line, set: ok}
		}
		if g, ok := d.global[name]; ok && scope != nil {
			return g
		}
		return dvar{file: d.file, line: in.line}
	}
	var cur *stage
	for _, in := range d.instrs {
		switch in.cmd {
		case "FROM":
			f := in.args // BuildKit's split: image [AS name], flags apart
			st := &stage{from: in, origin: dvar{file: d.file, line: in.line, set: true}}
			if len(f) > 0 {
				e := d.expander(d.global, false)
				v, used, ok := e.expand(f[0])
				st.base, st.baseOK = v, ok
				for _, u := range used {
					if g, ok := d.global[u]; ok && g.set {
						st.origin = g
						break
					}
				}
			}
			if len(f) >= 3 && strings.EqualFold(f[1], "as") {
				st.name = f[2]
			}
			vars := map[string]dvar{}
			for _, p := range d.stages {
				if p.name != "" && p.name == st.base {
					st.parent = p
					for k, v := range p.endVars {
						vars[k] = v
					}
				}
			}
			if st.parent == nil {
				repo, tag := imageRef(st.base)
				if repo == "postgres" || repo == "postgis/postgis" {
					if m := regexp.MustCompile(`^\d+`).FindString(tag); m != "" {
						vars["PG_MAJOR"] = dvar{val: m, file: st.origin.file, line: st.origin.line, set: true}
					}
				}
			}
			st.endVars = vars
			d.stages = append(d.stages, st)
			cur = st
			in.stage = st
			in.vars = vars
			continue
		case "ARG":
			scope := map[string]dvar(nil)
			if cur != nil {
				scope = cur.endVars
			}
			for _, a := range in.args {
				name, dflt, has := strings.Cut(a, "=")
				v := argVal(name, in, dflt, has, scope)
				if cur == nil {
					d.global[name] = v
				} else {
					cur.endVars = withVar(cur.endVars, name, v)
				}
			}
		case "ENV":
			if cur == nil {
				break
			}
			// BuildKit splits ENV into name, value, name, value...
			e := d.expander(cur.endVars, false)
			next := cur.endVars
			for i := 0; i+1 < len(in.args); i += 2 {
				ev, _, ok := e.expand(in.args[i+1])
				next = withVar(next, in.args[i], dvar{val: ev, file: d.file, line: in.line, set: ok})
			}
			cur.endVars = next
		}
		if cur != nil {
			in.stage = cur
			in.vars = cur.endVars
			cur.instrs = append(cur.instrs, in)
		}
	}
}

func withVar(m map[string]dvar, k string, v dvar) map[string]dvar {
	n := make(map[string]dvar, len(m)+1)
	for a, b := range m {
		n[a] = b
	}
	n[k] = v
	return n
}

func lookupIn(m map[string]dvar) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := m[name]
		if !ok || !v.set {
			return "", false
		}
		return v.val, true
	}
}

func (d *dockerfile) final() *stage {
	if len(d.stages) == 0 {
		return nil
	}
	return d.stages[len(d.stages)-1]
}

// chain lists a stage's instructions with its parents' before them.
func (s *stage) chain() []*dfInstr {
	var out []*dfInstr
	for p := s; p != nil; p = p.parent {
		out = append(slices.Clone(p.instrs), out...)
	}
	return out
}

// execWords reads CMD/ENTRYPOINT arguments: JSON exec form or shell form.
func execWords(text string) []string {
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "[") {
		var w []string
		if json.Unmarshal([]byte(t), &w) == nil {
			return w
		}
	}
	return shellFields(t)
}

// finalCmd is what the image runs: ENTRYPOINT + CMD of the final stage.
func (d *dockerfile) finalCmd() []string {
	ep, cmd := d.entrypointCmd()
	return append(ep, cmd...)
}

// entrypointCmd are the final stage's ENTRYPOINT and CMD; a shell-form
// instruction runs under /bin/sh -c.
func (d *dockerfile) entrypointCmd() (ep, cmd []string) {
	st := d.final()
	if st == nil {
		return nil, nil
	}
	for _, in := range st.chain() {
		switch in.cmd {
		case "ENTRYPOINT":
			ep = in.words()
			cmd = nil // Docker resets CMD when ENTRYPOINT is set
		case "CMD":
			cmd = in.words()
		}
	}
	return ep, cmd
}

// copySource finds the COPY source that lands at dst in the final image.
// workdir is the final stage's working directory ("/" unless WORKDIR says).
func (d *dockerfile) workdir() string {
	wd := "/"
	if st := d.final(); st != nil {
		for _, in := range st.chain() {
			if in.cmd == "WORKDIR" && len(in.args) > 0 {
				wd = path.Join(wd, in.args[0])
				if strings.HasPrefix(in.args[0], "/") {
					wd = path.Clean(in.args[0])
				}
			}
		}
	}
	return wd
}

func (d *dockerfile) copySource(dst string) string {
	return d.copySourceIn(d.final(), dst, 0)
}

// copySourceIn is copySource for one stage; COPY --from=STAGE / / (a
// builder's whole filesystem, as Patroni's own Dockerfile does) carries
// that stage's COPYs along.
func (d *dockerfile) copySourceIn(st *stage, dst string, depth int) string {
	if st == nil || depth > 5 {
		return ""
	}
	wd := "/"
	for _, in := range st.chain() {
		if in.cmd == "WORKDIR" && len(in.args) > 0 {
			w := in.args[0]
			if strings.Contains(w, "$") {
				w, _, _ = d.expander(in.vars, false).expand(w) // WORKDIR $PGHOME
			}
			wd = path.Join(wd, w) // an absolute WORKDIR replaces wd
			if strings.HasPrefix(w, "/") {
				wd = path.Clean(w)
			}
			continue
		}
		if in.cmd != "COPY" && in.cmd != "ADD" {
			continue
		}
		var f []string
		from := ""
		for _, w := range in.words() {
			if !strings.HasPrefix(w, "--") {
				f = append(f, w)
			}
		}
		for _, fl := range in.flags {
			if v, ok := strings.CutPrefix(fl, "--from="); ok {
				from = v
			}
		}
		if len(f) < 2 {
			continue
		}
		if from != "" {
			if len(f) == 2 && path.Clean(f[0]) == "/" && path.Clean(f[1]) == "/" {
				for _, o := range d.stages {
					if o.name != "" && strings.EqualFold(o.name, from) && o != st {
						if src := d.copySourceIn(o, dst, depth+1); src != "" {
							return src
						}
					}
				}
				continue
			}
		}
		to := f[len(f)-1]
		if strings.Contains(to, "$") {
			// COPY x $PGHOME/: the destination's ARG/ENV as they stand there.
			to, _, _ = d.expander(in.vars, false).expand(to)
		}
		if !strings.HasPrefix(to, "/") {
			// Relative to the WORKDIR in force; "." and "x/" name a directory.
			dir := to == "." || strings.HasSuffix(to, "/")
			to = path.Join(wd, to)
			if dir {
				to += "/"
			}
		}
		for _, src := range f[:len(f)-1] {
			if rel, ok := strings.CutPrefix(dst, path.Clean(to)+"/"); ok && d.isDir != nil && !strings.ContainsAny(src, "*?[$") && d.isDir(path.Join(d.context, src)) && d.exists(path.Join(d.context, src, rel)) {
				// COPY config/ /etc/patroni/ (or without the slashes): a
				// directory's contents, its whole tree, land under the
				// destination, so config/N/patroni.yml is
				// /etc/patroni/N/patroni.yml (Dockerfile reference, COPY).
				// A file the tree lacks is left to a later COPY.
				return path.Join(path.Clean(src), rel)
			}
			if strings.Contains(src, "$") {
				// COPY postgres${NODE}-conf/patroni.yml: BuildKit expands
				// the source with the ARG/ENV in force (the build args).
				if ev, _, ok := d.expander(in.vars, false).expand(src); ok {
					src = ev
				}
			}
			switch {
			case path.Clean(to) == dst:
				return path.Clean(src)
			case (strings.HasSuffix(to, "/") || path.Clean(to) == path.Dir(dst)) && path.Base(src) == path.Base(dst):
				return path.Clean(src)
			case strings.HasSuffix(to, "/") && path.Clean(to) == path.Dir(dst) && strings.ContainsAny(path.Base(src), "*?["):
				// COPY postgres?.yml dir/: the file of that name the pattern matches.
				if ok, _ := path.Match(path.Base(src), path.Base(dst)); ok {
					return path.Join(path.Dir(path.Clean(src)), path.Base(dst))
				}
			}
		}
	}
	return ""
}

// shell scanning of RUN lines.

type shWord struct {
	val   string
	start int
}

type shRedir struct {
	pos    int    // offset of the < or >
	prefix string // the word glued to it, e.g. "psycopg" in psycopg>=3
	op     string
	target string
}

type shCmd struct {
	words  []shWord
	redirs []shRedir
}

// shellCommands splits a RUN's shell text into simple commands, noting
// redirections, with mvdan.cc/sh's parser; text it cannot parse (a shell
// other than sh/bash) falls back to a plain scanner.
func shellCommands(s string) []shCmd {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(s), "")
	if err != nil {
		return scanCommands(s)
	}
	var cmds []shCmd
	syntax.Walk(f, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		var c shCmd
		ce, _ := st.Cmd.(*syntax.CallExpr)
		if ce != nil {
			for _, a := range ce.Assigns {
				v := ""
				if a.Value != nil {
					v = wordText(a.Value)
				}
				c.words = append(c.words, shWord{val: a.Name.Value + "=" + v, start: int(a.Pos().Offset())})
			}
			for _, w := range ce.Args {
				c.words = append(c.words, shWord{val: wordText(w), start: int(w.Pos().Offset())})
			}
		}
		for _, r := range st.Redirs {
			rd := shRedir{pos: int(r.OpPos.Offset()), op: r.Op.String()}
			if r.Word != nil {
				rd.target = wordText(r.Word)
			}
			// A redirect glued to the word before it: pip install psycopg>=3.
			if ce != nil && r.N == nil {
				for _, w := range ce.Args {
					if int(w.End().Offset()) == rd.pos {
						rd.prefix = wordText(w)
					}
				}
			}
			c.redirs = append(c.redirs, rd)
		}
		if len(c.words) > 0 || len(c.redirs) > 0 {
			cmds = append(cmds, c)
		}
		return true
	})
	return cmds
}

// wordText is a shell word as written, quotes removed, parameters kept.
func wordText(w *syntax.Word) string {
	var b strings.Builder
	var part func(p syntax.WordPart)
	part = func(p syntax.WordPart) {
		switch x := p.(type) {
		case *syntax.Lit:
			b.WriteString(x.Value)
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				part(q)
			}
		case *syntax.ParamExp:
			if x.Param != nil {
				b.WriteString("${" + x.Param.Value + "}")
			}
		}
	}
	for _, p := range w.Parts {
		part(p)
	}
	return b.String()
}

// scanCommands is the fallback scanner of shellCommands.
func scanCommands(s string) []shCmd {
	var cmds []shCmd
	var cur shCmd
	var word strings.Builder
	inWord, wordStart, pending := false, 0, -1
	startWord := func(i int) {
		if !inWord {
			inWord, wordStart = true, i
		}
	}
	flushWord := func() {
		if !inWord {
			return
		}
		if pending >= 0 {
			cur.redirs[pending].target = word.String()
			pending = -1
		} else {
			cur.words = append(cur.words, shWord{val: word.String(), start: wordStart})
		}
		word.Reset()
		inWord = false
	}
	flushCmd := func() {
		flushWord()
		if len(cur.words) > 0 || len(cur.redirs) > 0 {
			cmds = append(cmds, cur)
		}
		cur = shCmd{}
		pending = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			startWord(i)
			word.WriteByte(s[i+1])
			i++
		case c == '\'':
			startWord(i)
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				word.WriteString(s[i+1:])
				i = len(s)
				break
			}
			word.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			startWord(i)
			j := i + 1
			for ; j < len(s) && s[j] != '"'; j++ {
				if s[j] == '\\' && j+1 < len(s) {
					j++
				}
				word.WriteByte(s[j])
			}
			i = j
		case c == ' ' || c == '\t' || c == '\r':
			flushWord()
		case c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '`':
			flushCmd()
			if i+1 < len(s) && (c == '&' || c == '|') && s[i+1] == c {
				i++
			}
		case c == '>' || c == '<':
			r := shRedir{pos: i}
			if inWord {
				r.prefix = word.String()
				word.Reset()
				inWord = false
			}
			j := i + 1
			for j < len(s) && strings.IndexByte("<>&|-", s[j]) >= 0 {
				j++
			}
			r.op = s[i:j]
			i = j - 1
			cur.redirs = append(cur.redirs, r)
			pending = len(cur.redirs) - 1
		case c == '#' && !inWord:
			for i < len(s) && s[i] != '\n' {
				i++
			}
			i--
		default:
			startWord(i)
			word.WriteByte(c)
		}
	}
	flushCmd()
	return cmds
}

var (
	pipRe        = regexp.MustCompile(`^pip(\d+(\.\d+)?)?$`)
	pythonRe     = regexp.MustCompile(`^python(\d+(\.\d+)?)?$`)
	assignmentRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)
	shKeywords   = map[string]bool{"then": true, "do": true, "else": true, "if": true, "!": true, "{": true, "}": true, "time": true, "exec": true, "command": true, "sudo": true, "env": true, "nice": true, "xargs": true}
)

// programWords drops what comes before the program of a simple command:
// shell keywords and wrappers (then, do, exec, sudo, env) and VAR=value
// assignments.
func programWords(words []shWord) []shWord {
	for len(words) > 0 && (shKeywords[words[0].val] || assignmentRe.MatchString(words[0].val)) {
		words = words[1:]
	}
	return words
}

// pipInstall finds a pip install in a simple command: the index of the word
// that runs pip, and the words before it (environment assignments).
func pipInstall(words []shWord) (idx int, ok bool) {
	i := len(words) - len(programWords(words))
	if i >= len(words) {
		return 0, false
	}
	base := path.Base(words[i].val)
	rest := words[i+1:]
	if pythonRe.MatchString(base) {
		j := 0
		for j < len(rest) && rest[j].val != "-m" {
			j++
		}
		if j+1 >= len(rest) || rest[j+1].val != "pip" {
			return 0, false
		}
		rest = rest[j+2:]
	} else if !pipRe.MatchString(base) {
		return 0, false
	}
	for _, w := range rest {
		if strings.HasPrefix(w.val, "-") {
			continue
		}
		return i, w.val == "install"
	}
	return 0, false
}

var (
	pgPkgRe       = regexp.MustCompile(`postgresql-(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\d+(?:\.\d+)?)(-[A-Za-z0-9.${}_-]*)?`)
	postgisRe     = regexp.MustCompile(`postgis-?(\d+(\.\d+)?)`)
	postgisWordRe = regexp.MustCompile(`[^\s'"]*postgis[^\s'"]*`)
	walgFdbRe     = regexp.MustCompile(`wal-g-fdb[\w.-]*`)
	venvRe        = regexp.MustCompile(`-m\s+venv\s+(?:--?\S+\s+)*(\S+)|virtualenv\s+(?:--?\S+\s+)*(\S+)`)
	digitsRe      = regexp.MustCompile(`^\d+$`)
	privDropRe    = regexp.MustCompile(`\b(gosu|su-exec|runuser|setpriv|chpst|su)\b`)
	nameCharEnd   = regexp.MustCompile(`[A-Za-z0-9_\].-]$`)
)

// postgresTagDebian is the Debian release a postgres image tag that pins a
// minor release (13.3, 9.6.22) was last built on, when that is older than
// bookworm: the official images moved their plain tags to bullseye in August
// 2021 and to bookworm in June 2023, and a minor's tag is rebuilt only until
// the next minor comes out. "" for a tag that still moves (13, latest) or
// names its variant.
//
// A major's own tag (9.6, 10) stops moving when the major reaches its end of
// life: 9.6 (November 2021) and 10 (November 2022) were last built on
// bullseye, 9.5 and 9.4 on buster; 11 and later moved on to bookworm.
// A minor superseded before Debian buster was released (July 2019), such
// as 10.1 or 9.6.13, can only have been built on stretch (or, before 2017,
// jessie): reported as "stretch".
func postgresTagDebian(tag string) string {
	switch tag {
	case "9.6", "10":
		return "bullseye"
	case "9.5", "9.4":
		return "buster"
	}
	m := pgMinorTagRe.FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	major, minor := m[1], 0
	fmt.Sscan(m[2], &minor)
	// The last minor of each major superseded before buster existed.
	lastStretch := map[string]int{"9.6": 13, "10": 8, "11": 3}
	if ls, ok := lastStretch[major]; ok && minor <= ls {
		return "stretch"
	}
	if strings.HasPrefix(major, "9.") && major != "9.6" {
		return "buster" // 9.5 and older: buster at the newest
	}
	// The last minor of each major built on buster, then on bullseye.
	lastBuster := map[string]int{"9.6": 22, "10": 17, "11": 12, "12": 7, "13": 3}
	lastBullseye := map[string]int{"9.6": 99, "10": 99, "11": 19, "12": 14, "13": 10, "14": 7, "15": 2}
	if lb, ok := lastBuster[major]; ok && minor <= lb {
		return "buster"
	}
	if lb, ok := lastBullseye[major]; ok && minor <= lb {
		return "bullseye"
	}
	return "" // 16.0 and later began on bookworm
}

var pgMinorTagRe = regexp.MustCompile(`^(9\.\d|\d\d)\.(\d+)$`)

// rootMadeDirs are the absolute directories a RUN of the stage creates
// with mkdir when no RUN of it chowns anything: root-owned in the image.
func rootMadeDirs(st *stage) []string {
	var dirs []string
	for _, in := range st.chain() {
		if in.cmd != "RUN" {
			continue
		}
		if strings.Contains(in.text, "chown") {
			return nil
		}
		for _, c := range shellCommands(in.text) {
			if len(c.words) == 0 || path.Base(c.words[0].val) != "mkdir" {
				continue
			}
			for _, w := range c.words[1:] {
				if strings.HasPrefix(w.val, "/") && !strings.ContainsAny(w.val, "$*") && !slices.Contains(dirs, w.val) {
					dirs = append(dirs, w.val)
				}
			}
		}
	}
	return dirs
}

// distroPostgisPkg is the first apt-installed PostGIS package that is no
// server extension of a given major: postgis (the command-line tools) or
// postgresql-postgis (the meta-package for the newest major).
func distroPostgisPkg(d *dockerfile) (*dfInstr, string) {
	for _, in := range d.instrs {
		if in.cmd != "RUN" {
			continue
		}
		for _, words := range aptInstalls(in.text) {
			for _, w := range words[1:] {
				v, _, _ := strings.Cut(w.val, "=")
				if v == "postgis" || v == "postgresql-postgis" {
					in := *in
					in.line = in.lineAt(w.start)
					return &in, v
				}
			}
		}
	}
	return nil, ""
}

// pep668 reports whether an image's system Python refuses plain pip installs.
func pep668(ref string) bool {
	repo, tag := imageRef(ref)
	old := func() bool {
		for _, o := range []string{"bullseye", "buster", "stretch", "jessie", "focal", "bionic", "jammy"} {
			if strings.Contains(tag, o) {
				return true
			}
		}
		return false
	}
	if strings.Contains(tag, "alpine") {
		return alpinePEP668(repo, tag)
	}
	switch repo {
	case "postgres", "postgis/postgis":
		if repo == "postgres" && postgresTagDebian(tag) != "" {
			return false // a minor release built before bookworm
		}
		return !old() // today's tags are bookworm or trixie (or Alpine 3.19+)
	case "debian":
		if old() || strings.HasPrefix(tag, "10") || strings.HasPrefix(tag, "11") {
			return false
		}
		return true
	case "ubuntu":
		if old() || strings.HasPrefix(tag, "20.") || strings.HasPrefix(tag, "22.") || strings.HasPrefix(tag, "18.") {
			return false
		}
		return true
	}
	return false
}

func isRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "root" || name == "0"
}

func (l *linter) checkDockerfile() {
	d := l.dockerfile
	f := d.file
	if d.parseErr != nil {
		line := 0
		var le *parser.LocationError
		if errors.As(d.parseErr, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
			line = le.Locations[0][0].Start.Line
		}
		l.add(f, line, "docker build cannot parse it: "+d.parseErr.Error(), "fix the Dockerfile syntax")
		return
	}
	final := d.final()
	if final == nil {
		l.add(f, 0, "no FROM instruction", "start with FROM postgres:12")
		return
	}
	l.checkPatroniEntrypointArgs(d)
	l.checkRunBeforeCopy(d, final)
	root := final.root()
	baseRepo, baseTag := imageRef(root.base)
	l.checkPackageManager(final, baseRepo, baseTag)
	l.checkHasServer(final, baseRepo)

	// PostgreSQL major.
	var pgMajor string
	if root.baseOK && (baseRepo == "postgres" || baseRepo == "postgis/postgis") {
		m := regexp.MustCompile(`^\d+`).FindString(baseTag)
		pgMajor = m
		if want := l.rules.pgMajor; want != "" && l.rules.pgFixed && m != want {
			what := "PostgreSQL " + m
			if m == "" {
				what = "whatever PostgreSQL is latest today, not " + want
			}
			l.add(root.origin.file, root.origin.line, fmt.Sprintf("the base image %s is %s: %s fixes PostgreSQL at %s", root.base, what, l.rules.exercise, want),
				fmt.Sprintf("FROM postgres:%s (do not change the PostgreSQL version)", want))
		}
	}
	for _, in := range final.chain() {
		if (in.cmd != "ARG" && in.cmd != "ENV") || !declares(in, "PG_MAJOR") {
			continue
		}
		if v, ok := in.vars["PG_MAJOR"]; ok && v.set {
			pgMajor = v.val
			if want := l.rules.pgMajor; want != "" && l.rules.pgFixed && v.val != want {
				l.add(v.file, v.line, fmt.Sprintf("PG_MAJOR is %s: %s fixes PostgreSQL at %s", v.val, l.rules.exercise, want), "PG_MAJOR="+want)
			}
		}
	}

	runs := func(fn func(in *dfInstr)) {
		for _, in := range d.instrs {
			if in.cmd == "RUN" || in.cmd == "ADD" {
				fn(in)
			}
		}
	}
	allText := strings.Builder{}
	for _, in := range d.instrs {
		allText.WriteString(in.text + "\n")
	}
	all := allText.String()

	// Packages: PostgreSQL and PostGIS majors, wal-g build.
	havePostgis3 := false
	if baseRepo == "postgis/postgis" && strings.Contains(baseTag, "-3") {
		havePostgis3 = true
		l.postgis3 = fmt.Sprintf("%s:%d: FROM %s", root.origin.file, root.origin.line, root.base)
	}
	var oldPostgis []struct {
		in  *dfInstr
		off int
		v   string
	}
	runs(func(in *dfInstr) {
		e := d.expander(in.vars, true)
		for _, m := range pgPkgRe.FindAllStringSubmatchIndex(in.text, -1) {
			major, _, _ := e.expand(in.text[m[2]:m[3]])
			suffix := ""
			if m[4] >= 0 {
				suffix = in.text[m[4]:m[5]]
				if strings.Contains(suffix, "$") {
					// postgis-${POSTGIS_MAJOR} with ARG POSTGIS_MAJOR=3
					if x, _, ok := e.expand(suffix); ok {
						suffix = x
					}
				}
			}
			if pm := postgisRe.FindStringSubmatch(suffix); pm != nil {
				if strings.HasPrefix(pm[1], "3") {
					havePostgis3 = true
					if l.postgis3 == "" {
						l.postgis3 = fmt.Sprintf("%s:%d: %s", f, in.lineAt(m[0]), in.text[m[0]:m[1]])
					}
				} else {
					oldPostgis = append(oldPostgis, struct {
						in  *dfInstr
						off int
						v   string
					}{in, m[0], pm[1]})
				}
			}
			if eolPgPkgRe.MatchString("postgresql-"+major+" ") && root.baseOK && aptBaseWithoutOldPG(root.base) {
				continue // not installable at all: checkEOLPostgres says so
			}
			if l.rules.pgMajor != "" && regexp.MustCompile(`^\d+(\.\d+)?$`).MatchString(major) && major != l.rules.pgMajor && (pgMajor == "" && l.rules.pgFixed || pgMajor == l.rules.pgMajor) {
				l.add(f, in.lineAt(m[0]), fmt.Sprintf("installs %s, a package for PostgreSQL %s: the server is PostgreSQL %s", in.text[m[0]:m[1]], major, l.rules.pgMajor),
					fmt.Sprintf("use postgresql-%s%s (or postgresql-${PG_MAJOR}%s)", l.rules.pgMajor, suffix, suffix))
			}
		}
		if strings.Contains(in.text, "postgis-3") || (strings.Contains(in.text, "apk") && regexp.MustCompile(`\bpostgis\b`).MatchString(in.text)) {
			havePostgis3 = true
			if l.postgis3 == "" {
				if m := postgisWordRe.FindStringIndex(in.text); m != nil {
					l.postgis3 = fmt.Sprintf("%s:%d: %s", f, in.lineAt(m[0]), in.text[m[0]:m[1]])
				}
			}
		}
		if m := walgFdbRe.FindStringIndex(in.text); m != nil {
			l.add(f, in.lineAt(m[0]), fmt.Sprintf("downloads %s, the wal-g build for FoundationDB: it can't back up PostgreSQL", in.text[m[0]:m[1]]),
				"take the PostgreSQL build (wal-g-pg-...) or drop wal-g: the exercise does not use it")
		}
	})
	if !havePostgis3 && l.rules.postgis {
		major := orStr(pgMajor, l.rules.pgMajor)
		if in, w := distroPostgisPkg(d); in != nil {
			// Debian's and PGDG's postgis is the command-line tools;
			// postgresql-postgis pulls the extension for the newest major
			// (batch 33: es-nerea, kind 3).
			skip := ""
			if strings.Contains(in.text, "--no-install-recommends") {
				skip = ", and --no-install-recommends skips it"
			}
			what := "PostGIS's command-line tools (shp2pgsql, raster2pgsql), not the extension for PostgreSQL " + major + " (the postgresql-postgis it recommends is for the newest major" + skip + ")"
			if w != "postgis" {
				what = "the meta-package for the newest PostgreSQL major, not the extension for PostgreSQL " + major
			}
			l.add(f, in.line, fmt.Sprintf("installs %s, %s: no postgresql-%s-postgis-3 is installed, so CREATE EXTENSION postgis fails (could not open extension control file) and the exercise's PostGIS 3 is missing", w, what, major),
				fmt.Sprintf("install postgresql-%s-postgis-3 (postgresql-${PG_MAJOR}-postgis-3) instead of %s", major, w))
		} else if len(oldPostgis) > 0 {
			o := oldPostgis[0]
			l.add(f, o.in.lineAt(o.off), fmt.Sprintf("installs PostGIS %s: the exercise asks for PostGIS 3", o.v),
				"install postgresql-12-postgis-3 instead")
		} else {
			l.add(f, final.from.line, "no PostGIS 3: the exercise asks for the postgis extension, version 3",
				"apt-get install -y postgresql-12-postgis-3 postgresql-12-postgis-3-scripts (postgresql-${PG_MAJOR}-postgis-3 on the postgres image)")
		}
	}

	// pip: unquoted version specs, PEP 668.
	venvDirs := []string{}
	for _, m := range venvRe.FindAllStringSubmatch(all, -1) {
		venvDirs = append(venvDirs, m[1]+m[2])
	}
	systemOK := strings.Contains(all, "break-system-package") || strings.Contains(all, "BREAK_SYSTEM_PACKAGES") || strings.Contains(all, "EXTERNALLY-MANAGED")
	var pepLines []int
	var pepBase, pepPip string
	for _, st := range d.stages {
		stPEP := st.root().baseOK && pep668(st.root().base) && !pip2Re.MatchString(all)
		for _, in := range st.instrs {
			if in.cmd != "RUN" {
				continue
			}
			if strings.HasPrefix(strings.TrimSpace(in.text), "[") {
				continue // exec form: no shell, no redirects
			}
			for _, c := range shellCommands(in.text) {
				idx, ok := pipInstall(c.words)
				if !ok {
					continue
				}
				for _, r := range c.redirs {
					if r.prefix == "" || digitsRe.MatchString(r.prefix) || !nameCharEnd.MatchString(r.prefix) {
						continue
					}
					spec := r.prefix + r.op + r.target
					l.add(f, in.lineAt(r.pos), fmt.Sprintf("unquoted version spec %s: the shell reads %q as a redirect, so pip gets %s without a version limit (and a file named %q is written)", spec, r.op, r.prefix, r.target),
						fmt.Sprintf("quote it: pip install '%s'", spec))
				}
				if !stPEP || systemOK {
					continue
				}
				pip := c.words[idx]
				viaVenv := false
				if strings.Contains(pip.val, "/") && !slices.Contains([]string{"/usr/bin", "/usr/local/bin", "/bin"}, path.Dir(pip.val)) {
					viaVenv = true
				}
				if strings.Contains(in.text[:pip.start], "activate") {
					viaVenv = true
				}
				if p, ok := in.vars["PATH"]; ok && len(venvDirs) > 0 {
					for _, vd := range venvDirs {
						if strings.Contains(p.val, vd) {
							viaVenv = true
						}
					}
				}
				if _, ok := in.vars["VIRTUAL_ENV"]; ok {
					viaVenv = true
				}
				if !viaVenv {
					pepLines = append(pepLines, in.lineAt(pip.start))
					if pepBase == "" {
						pepBase, pepPip = st.root().base, path.Base(pip.val)
					}
				}
			}
		}
	}
	// One cause, one finding: every pip install line it applies to.
	if len(pepLines) > 0 {
		lines := slices.Compact(pepLines)
		also := ""
		if len(lines) > 1 {
			var ls []string
			for _, n := range lines[1:] {
				ls = append(ls, fmt.Sprint(n))
			}
			also = " (also lines " + strings.Join(ls, ", ") + ")"
		}
		fix := "install Patroni into a virtualenv (python3 -m venv /opt/patroni && /opt/patroni/bin/pip install ...) and run /opt/patroni/bin/patroni, or from packages (apt-get install patroni python3-psycopg2, which installs /usr/bin/patroni)"
		if cmd := strings.Join(l.dockerfile.finalCmd(), " "); strings.Contains(cmd, "/usr/local/bin/patroni") {
			fix += "; the CMD names /usr/local/bin/patroni, so change it to the path you install"
		}
		l.add(f, lines[0], fmt.Sprintf("%s install on %s: its %s Python refuses it (PEP 668: error: externally-managed-environment)%s", pepPip, pepBase, distroOf(pepBase), also), fix)
	}
	// python3 -m venv needs python3-venv on Debian.
	if pep668(root.base) && !strings.Contains(root.base, "alpine") {
		runs(func(in *dfInstr) {
			loc := regexp.MustCompile(`python3?[\d.]*\s+-m\s+venv`).FindStringIndex(in.text)
			if loc == nil {
				return
			}
			if !regexp.MustCompile(`python3(\.\d+)?-venv|\bvirtualenv\b|--without-pip`).MatchString(all) {
				l.add(f, in.lineAt(loc[0]), "python3 -m venv without the python3-venv package: Debian's Python fails (ensurepip is not available)",
					"apt-get install -y python3-venv before creating the virtualenv")
			}
		})
	}

	l.checkUser(final)
	l.checkCopySources(d)
	l.checkPreFromArgWorkdir(d)
	l.checkAptSources(d)
}

// declares reports whether an ARG/ENV instruction sets name itself.
func declares(in *dfInstr, name string) bool {
	for _, w := range shellFields(in.text) {
		k, _, _ := strings.Cut(w, "=")
		if k == name {
			return true
		}
	}
	return false
}

// dropToRe: a privilege drop that starts Patroni as another user (exec gosu
// postgres patroni ..., su-exec, runuser -u, setpriv --reuid, su USER -c
// "patroni ..."); group 1..4 is the user.
var dropToRe = regexp.MustCompile(`(?:\b(?:gosu|su-exec)[ \t]+([\w.-]+)(?::[\w.-]+)?[ \t]+|\brunuser[ \t]+-u[ \t]+([\w.-]+)[ \t]+(?:--[ \t]+)?|\bsetpriv[ \t]+(?:--?[\w-]+(?:=\S+)?[ \t]+)*?--reuid[= ]([\w.-]+)[ \t]+(?:--?[\w-]+(?:=\S+)?[ \t]+)*(?:--[ \t]+)?|\bsu[ \t]+(?:-[ \t]+|-l[ \t]+)?([\w.-]+)[ \t]+-c[ \t]+["']?)(?:exec[ \t]+)?(?:\S*/)?patroni(?:\.py)?(?:[ \t"']|$)`)

// patroniDropUser is the user that the last privilege drop before patroni in
// the service's effective command (or the script it runs) starts Patroni as;
// "" when Patroni is not started through one.
func (l *linter) patroniDropUser(s *service) string {
	cmd, _ := l.commandOf(s)
	texts := []string{strings.Join(cmd, " ")}
	if sc := l.runScript(s, cmd); sc != nil {
		texts = append(texts, sc.text)
	}
	u := ""
	for _, t := range texts {
		for _, m := range dropToRe.FindAllStringSubmatch(t, -1) {
			for _, g := range m[1:] {
				if g != "" {
					u = g
				}
			}
		}
	}
	return u
}

// checkUser: Patroni must not run as root (pg_ctl refuses), and the data
// volume must be writable by the user it runs as.
func (l *linter) checkUser(final *stage) {
	d := l.dockerfile
	f := d.file
	var lastUser *dfInstr
	var cmdInstr *dfInstr
	for _, in := range final.chain() {
		switch in.cmd {
		case "USER":
			lastUser = in
		case "CMD", "ENTRYPOINT":
			cmdInstr = in
		}
	}
	// The compose file can set the user too.
	composeUser, composeRoot := false, false
	for _, s := range l.buildSvcs {
		if s.hasUser && s.user.ok {
			if isRootUser(s.user.s) {
				if u := l.patroniDropUser(s); u != "" && !isRootUser(u) {
					continue // user: root only prepares; exec gosu postgres patroni ...
				}
				composeRoot = true
				l.add(l.composeFile, s.user.line, fmt.Sprintf("%s runs as %s: Patroni runs as root and pg_ctl: cannot be run as root", s.name, s.user.s),
					"user: postgres (or drop user: and keep USER postgres in the Dockerfile)")
			} else {
				composeUser = true
			}
		}
	}
	if composeRoot {
		return
	}
	words := d.finalCmd()
	for _, s := range l.buildSvcs {
		for _, w := range append(slices.Clone(s.command), s.entrypoint...) {
			words = append(words, w.s)
		}
	}
	drops := privDropRe.MatchString(strings.Join(words, " "))
	// The image's own ENTRYPOINT/CMD script may drop to postgres (exec gosu
	// postgres patroni ...), whether or not a service here builds it.
	if sc := l.runScript(&service{df: d}, d.finalCmd()); sc != nil && privDropRe.MatchString(sc.text) {
		drops = true
	}
	// The script a service starts may drop to postgres itself (su, gosu, ...).
	for _, s := range l.buildSvcs {
		cmd, _ := l.commandOf(s)
		if sc := l.runScript(s, cmd); sc != nil && privDropRe.MatchString(sc.text) {
			drops = true
		}
		// supervisord starts Patroni as the program's user=.
		if prog, ok := l.supervisedPatroniOf(s, cmd); ok && prog.user != "" && !isRootUser(prog.user) {
			drops = true
		}
	}
	if composeUser && !drops {
		// user: postgres on some nodes only: the others run the image's
		// user, root when no USER says otherwise (ENTRYPOINT/CMD replaced,
		// the postgres image's gosu step-down never runs), batch 31 kind 4.
		imageRoot := lastUser == nil
		if lastUser != nil {
			u, _, _ := d.expander(final.endVars, false).expand(strings.TrimSpace(lastUser.text))
			imageRoot = isRootUser(u)
		}
		var with []string
		for _, s := range l.buildSvcs {
			if s.hasUser && s.user.ok && !isRootUser(s.user.s) {
				with = append(with, s.name)
			}
		}
		for _, s := range l.buildSvcs {
			if imageRoot && !s.hasUser {
				why := "no USER instruction"
				if lastUser != nil {
					why = "its last USER is " + strings.TrimSpace(lastUser.text)
				}
				l.add(l.composeFile, s.line, fmt.Sprintf("%s sets no user: (%s %s), and its image runs as root (%s in %s): Patroni runs as root on %s and pg_ctl: cannot be run as root", s.name, joinAnd(with), plural(len(with), "has one", "have one"), why, f, s.name),
					fmt.Sprintf("user: postgres on %s too (or USER postgres in %s for every node)", s.name, f))
			}
		}
	}
	if !composeUser && !drops {
		expander := d.expander(final.endVars, false)
		switch {
		case lastUser == nil:
			line := final.from.line
			if cmdInstr != nil {
				line = cmdInstr.line
			}
			where := "CMD"
			if cmdInstr != nil {
				where = cmdInstr.cmd
			}
			fix := "add USER postgres before " + where
			if dirs := rootMadeDirs(final); len(dirs) > 0 {
				// USER alone leaves what a RUN made root-owned (batch 33:
				// ru-milana).
				fix += fmt.Sprintf(", and RUN chown -R postgres:postgres %s (made by a RUN as root) before it", strings.Join(dirs, " "))
			}
			// Why nothing steps down: the postgres image's entrypoint only
			// on a postgres base; the answer's own start script when it is
			// what the image runs (batch 35: es-rocio-mendizabal).
			why := ""
			if repo, _ := imageRef(final.root().base); repo == "postgres" || repo == "postgis/postgis" {
				why = " (the postgres image only drops to postgres when the command is postgres)"
			} else if sc := l.runScript(&service{df: d}, d.finalCmd()); sc != nil && sc.file != "" {
				why = fmt.Sprintf(" (%s runs as root and execs patroni with no gosu, su or USER: nothing drops to postgres)", path.Base(sc.file))
			}
			l.add(f, line, "Patroni runs as root (no USER instruction): pg_ctl: cannot be run as root", fix+why)
		default:
			u, _, _ := expander.expand(strings.TrimSpace(lastUser.text))
			if isRootUser(u) {
				l.add(f, lastUser.line, fmt.Sprintf("the last USER is %s: Patroni runs as root and pg_ctl: cannot be run as root", u),
					"end with USER postgres (after the RUN steps that need root)")
				return
			}
		}
		if lastUser == nil {
			l.checkStartsPatroni(final, cmdInstr, words)
			return
		}
	}
	l.checkStartsPatroni(final, cmdInstr, words)
	if drops && (lastUser == nil || isRootUser(strings.TrimSpace(lastUser.text))) {
		return // a start script running as root prepares the volume, then drops to postgres
	}
	l.checkDataVolume(final)
}

// checkStartsPatroni: an image that installs Patroni but whose command (or
// the services' command:) never runs it, e.g. ENTRYPOINT sleep infinity.
func (l *linter) checkStartsPatroni(final *stage, cmdInstr *dfInstr, words []string) {
	if l.patroniCmd(words) || slices.ContainsFunc(l.buildSvcs, func(s *service) bool { return s.startsPatroni }) {
		return
	}
	if l.compose == nil && l.otherStartsPatroni(l.dockerfile.file) {
		return // a compose file in a subfolder builds it and its command: runs Patroni
	}
	// Services whose command: replaces the image's: one finding per
	// command, at the compose file's lines.
	var order []string
	byCmd := map[string][]*service{}
	own := 0
	for _, s := range l.buildSvcs {
		if len(s.command) == 0 && len(s.entrypoint) == 0 {
			continue
		}
		own++
		var ws []string
		for _, w := range append(slices.Clone(s.entrypoint), s.command...) {
			ws = append(ws, w.s)
		}
		k := strings.Join(ws, " ")
		if byCmd[k] == nil {
			order = append(order, k)
		}
		byCmd[k] = append(byCmd[k], s)
	}
	if own > 0 && own == len(l.buildSvcs) {
		for _, k := range order {
			var names []string
			var lines []int
			for _, s := range byCmd[k] {
				names = append(names, s.name)
				if len(s.command) > 0 {
					lines = append(lines, s.command[0].line)
				} else {
					lines = append(lines, s.entrypoint[0].line)
				}
			}
			verb := "run"
			if len(names) == 1 {
				verb = "runs"
			}
			l.add(l.composeFile, lines[0], fmt.Sprintf("%s %s %s (command:), not Patroni: Patroni never starts%s", joinAnd(names), verb, k, alsoLines(lines)),
				"command: patroni <its config> (or drop command: and let the image's CMD start Patroni)")
		}
		return
	}
	words = l.dockerfile.finalCmd()
	line := final.from.line
	if cmdInstr != nil {
		line = cmdInstr.line
	}
	what := "the image does not start Patroni (its command is not patroni ...)"
	if len(words) > 0 {
		what = fmt.Sprintf("the container runs %s, not Patroni: Patroni never starts", strings.Join(words, " "))
	}
	l.add(l.dockerfile.file, line, what, `CMD ["patroni", "/etc/patroni/patroni.yml"]`)
}

func (l *linter) patroniCmd(words []string) bool {
	for _, w := range words {
		if path.Base(w) == "patroni" || strings.Contains(w, "patroni ") {
			return true
		}
	}
	// A supervisord whose program (in its config or a file it includes)
	// runs Patroni.
	if l.dockerfile != nil {
		if _, ok := l.supervisedPatroniOf(&service{df: l.dockerfile}, words); ok {
			return true
		}
	}
	// A start script the image COPYs (sh ./entrypoint.sh) that runs Patroni.
	if l.dockerfile != nil {
		if sc := l.runScript(&service{df: l.dockerfile}, words); sc != nil {
			if p, _ := patroniArg(sc.text); p != "" {
				return true
			}
			// A wrapper that ends in exec patroni "$@": the CMD's
			// arguments (the config) reach Patroni.
			if len(words) > 1 && patroniPassArgsRe.MatchString(shellCommentRe.ReplaceAllString(sc.text, "")) {
				return true
			}
		}
	}
	return false
}

// patroniPassArgsRe: a script runs patroni with the arguments it was given
// (exec patroni "$@").
var patroniPassArgsRe = regexp.MustCompile(`(?m)(?:^|[\s;&|(])(?:exec[ \t]+)?(?:\S*/)?patroni[ \t]+"?\$(?:@|\*|\{@\})"?[ \t]*(?:$|[;&|)])`)

// checkDataVolume: a named volume starts with the image's ownership of its
// mount point, so a root-owned /opt/postgres stops initdb as postgres.
func (l *linter) checkDataVolume(final *stage) {
	d := l.dockerfile
	type vol struct {
		path string
		file string
		line int
		host string   // a bind mount's host directory, which Docker creates root-owned
		svc  *service // the service that mounts it (nil: the image's VOLUME)
	}
	var vols []vol
	for _, in := range final.chain() {
		if in.cmd != "VOLUME" {
			continue
		}
		for _, p := range in.words() {
			vols = append(vols, vol{path.Clean(p), d.file, in.line, "", nil})
		}
	}
	for _, s := range l.buildSvcs {
		for _, m := range s.mounts {
			if !m.bind && m.device.s == "" && m.target != "" && strings.HasPrefix(m.target, "/") {
				vols = append(vols, vol{m.target, l.composeFile, m.line, "", s})
			}
			// A relative host directory the answer does not hold: docker
			// compose creates it, owned by root. (An absolute one may have
			// been prepared by hand: out of sight.)
			if m.bind && strings.HasPrefix(m.target, "/") {
				if p, inside := projectPath(m.source); inside && !l.isDir(p) && !l.exists(p) {
					vols = append(vols, vol{path.Clean(m.target), l.composeFile, m.line, m.source, s})
				}
			}
		}
	}
	// Paths handed to postgres by chown or install -d -o in the final image's RUNs.
	owned := map[string]bool{}
	var ownedTree []string // chown -R: everything under them
	for _, in := range final.chain() {
		if in.cmd != "RUN" {
			continue
		}
		e := d.expander(in.vars, true)
		for _, c := range shellCommands(in.text) {
			var w []string
			for _, x := range c.words {
				v, _, _ := e.expand(x.val)
				w = append(w, v)
			}
			for len(w) > 0 && (shKeywords[w[0]] || assignmentRe.MatchString(w[0])) {
				w = w[1:]
			}
			if len(w) < 2 {
				continue
			}
			switch path.Base(w[0]) {
			case "chown":
				args := []string{}
				for _, a := range w[1:] {
					if !strings.HasPrefix(a, "-") {
						args = append(args, a)
					}
				}
				if len(args) > 1 && !isRootUser(args[0]) {
					recursive := slices.ContainsFunc(w[1:], func(a string) bool {
						return a == "--recursive" || (strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "R"))
					})
					for _, p := range args[1:] {
						owned[path.Clean(p)] = true
						if recursive {
							ownedTree = append(ownedTree, path.Clean(p))
						}
					}
				}
			case "install":
				if slices.Contains(w, "-d") && (slices.Contains(w, "-o") || slices.ContainsFunc(w, func(a string) bool { return strings.HasPrefix(a, "--owner") })) {
					for _, p := range w[1:] {
						if strings.HasPrefix(p, "/") {
							owned[path.Clean(p)] = true
						}
					}
				}
			}
		}
	}
	for _, n := range l.nodes {
		if n.conf == nil {
			continue
		}
		dd := l.val(n, "PATRONI_POSTGRESQL_DATA_DIR", "postgresql", "data_dir")
		if !dd.set || !strings.HasPrefix(dd.s, "/") {
			continue
		}
		var best *vol
		for i := range vols {
			v := &vols[i]
			if v.svc != nil && n.svc != nil && v.svc != n.svc {
				continue // another node's mount
			}
			if dd.s == v.path || strings.HasPrefix(dd.s, v.path+"/") {
				// A bind mount replaces the image's VOLUME at the same path;
				// a named volume starts from it (the fix is the image's).
				if best == nil || len(v.path) > len(best.path) || (len(v.path) == len(best.path) && v.host != "") {
					best = v
				}
			}
		}
		if best != nil && best.host != "" {
			who := "postgres" // the image's last USER, as Patroni runs
			for _, in := range final.chain() {
				if u := strings.TrimSpace(in.text); in.cmd == "USER" && u != "" && !isRootUser(u) && !strings.Contains(u, "$") {
					who, _, _ = strings.Cut(u, ":")
				}
			}
			l.add(best.file, best.line, fmt.Sprintf("the host directory %s (not in the answer) is bind-mounted at %s: docker compose creates it owned by root, so Patroni running as %s can't create %s (initdb: Permission denied)", best.host, best.path, who, dd.s),
				fmt.Sprintf("use a named volume (pgdata:%s, declared under volumes:), whose ownership comes from the image, or create %s and chown it to the container's postgres uid before docker compose up", best.path, best.host))
			return
		}
		if best == nil || strings.HasPrefix(best.path, "/var/lib/postgresql") || strings.HasPrefix(best.path, "/tmp") || best.path == "/" {
			continue
		}
		if strings.HasPrefix(best.path, "/var/lib/pgsql") && slices.ContainsFunc(final.chain(), func(in *dfInstr) bool {
			return in.cmd == "RUN" && rpmServerRe.MatchString(in.text)
		}) {
			continue // the server RPM (PGDG's or the distribution's) makes /var/lib/pgsql/<major>/data postgres-owned
		}
		if !owned[best.path] && !slices.ContainsFunc(ownedTree, func(t string) bool { return strings.HasPrefix(best.path, t+"/") }) {
			l.add(best.file, best.line, fmt.Sprintf("the data volume %s is root-owned in the image: Patroni running as postgres can't create %s (initdb: Permission denied)", best.path, dd.s),
				fmt.Sprintf("RUN mkdir -p %s && chown postgres:postgres %s (before VOLUME / USER postgres)", best.path, best.path))
			return
		}
	}
}

var rpmServerRe = regexp.MustCompile(`\b(?:dnf|yum|microdnf)\b[^\n]*\bpostgresql\d*-server\b`)

// checkCopySources: a COPY/ADD source outside the build context, or missing
// from it, fails the build before anything runs.
// baseImageEnv are variables an official base image sets with ENV, so a
// $NAME of theirs after FROM is not empty even when no ARG is in scope.
var baseImageEnv = map[string]bool{"PATH": true, "PGDATA": true, "PG_MAJOR": true, "PG_VERSION": true, "LANG": true, "GOSU_VERSION": true, "HAPROXY_VERSION": true}

var dfVarRe = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

var (
	patroniCloneRe = regexp.MustCompile(`git\s+clone\s+(?:--?\S+\s+)*\S*github\.com/(?:zalando|patroni)/patroni(?:\.git)?\b`)
	py2PkgRe       = regexp.MustCompile(`(?:^|\s)python(?:-[a-z0-9]+)?(?:\s|$)`)
)

// checkPython2PatroniClone: a Dockerfile that clones Patroni's default
// branch (no -b/--branch, no git checkout after it) into an image whose
// only Python is 2 (apt packages python, python-*; nothing python3): the
// branch is Patroni 4, which needs Python 3.7 or newer (Patroni's release
// notes: 3.0.0 "is the last release supporting Python 2.7"), so Patroni
// cannot start.
func (l *linter) checkPython2PatroniClone(d *dockerfile) {
	final := d.final()
	if final == nil {
		return
	}
	var clone *dfInstr
	py2, py3 := false, false
	for _, in := range final.chain() {
		if in.cmd != "RUN" {
			continue
		}
		t := in.text
		if strings.Contains(t, "python3") {
			py3 = true
		}
		for _, seg := range regexp.MustCompile(`&&|;|\n`).Split(t, -1) {
			if strings.Contains(seg, "install") && (strings.Contains(seg, "apt-get") || strings.Contains(seg, "apt ")) && py2PkgRe.MatchString(seg) {
				py2 = true
			}
		}
		if patroniCloneRe.MatchString(t) && !regexp.MustCompile(`\s(-b|--branch)[\s=]`).MatchString(t) {
			clone = in
		}
		if clone != nil && clone != in && strings.Contains(t, "checkout") {
			clone = nil
		}
		if clone == in && strings.Contains(t, "checkout") {
			clone = nil
		}
	}
	if clone == nil || !py2 || py3 {
		return
	}
	l.add(d.file, clone.line, "git clone of Patroni's default branch (Patroni 4, which needs Python 3.7 or newer; 3.0 was the last release for Python 2.7) into an image whose only Python is 2 (apt-get installs python and python-* packages, no python3): Patroni cannot start",
		"install python3 and the python3-* packages and run Patroni with python3, or clone a release that still runs on Python 2 (git clone -b v1.6.5 ...)")
}

// checkPreFromArgWorkdir: WORKDIR $X where X is an ARG declared before the
// first FROM and not declared again in the stage. An ARG before FROM "can't
// be used in any instruction after a FROM" (Dockerfile reference) unless
// repeated there: $X expands to empty, and an empty WORKDIR stops the build
// (BuildKit: cannot normalize nothing).
func (l *linter) checkPreFromArgWorkdir(d *dockerfile) {
	for _, st := range d.stages {
		for _, in := range st.instrs {
			if in.cmd != "WORKDIR" || len(in.args) == 0 {
				continue
			}
			ms := dfVarRe.FindAllStringSubmatch(in.args[0], -1)
			if len(ms) == 0 || strings.Trim(dfVarRe.ReplaceAllString(in.args[0], ""), "{}/ ") != "" {
				continue // literal parts: the path is not empty
			}
			var names []string
			for _, m := range ms {
				g, global := d.global[m[1]]
				if _, inScope := in.vars[m[1]]; inScope || !global || !g.set || baseImageEnv[m[1]] {
					names = nil
					break
				}
				names = append(names, m[1])
			}
			if len(names) == 0 {
				continue
			}
			l.add(d.file, in.line, fmt.Sprintf("WORKDIR %s: %s is an ARG declared before FROM (line %d), which is out of scope after FROM, so it expands to an empty path and the build stops (cannot normalize nothing)", in.args[0], names[0], d.global[names[0]].line),
				fmt.Sprintf("repeat ARG %s after FROM (without a value it takes the one declared before FROM)", names[0]))
		}
	}
}

func (l *linter) checkCopySources(d *dockerfile) {
	// Missing sources are one cause: one finding, every line listed.
	var missing []string
	var lines []int
	var cmd string
	defer func() {
		if len(missing) == 0 {
			return
		}
		ctx := orStr(d.context, ".")
		if len(missing) == 1 {
			l.add(d.file, lines[0], fmt.Sprintf("missing: %s %s, but there is no %s in the build context (%s): the build fails", cmd, missing[0], missing[0], ctx),
				fmt.Sprintf("add %s, or fix the path", path.Join(d.context, missing[0])))
			return
		}
		l.add(d.file, lines[0], fmt.Sprintf("missing: %s copies %s, none of which is in the build context (%s): the build fails%s", path.Base(d.file), strings.Join(missing, ", "), ctx, alsoLines(slices.Compact(lines))),
			fmt.Sprintf("add %s to %s, or fix the paths", strings.Join(missing, ", "), ctx))
	}()
	for _, in := range d.instrs {
		if in.cmd != "COPY" && in.cmd != "ADD" {
			continue
		}
		var f []string
		fromStage := false
		for _, fl := range in.flags {
			if strings.HasPrefix(fl, "--from") {
				fromStage = true
			}
		}
		for _, w := range in.words() {
			if !strings.HasPrefix(w, "--") {
				f = append(f, w)
			}
		}
		if fromStage || len(f) < 2 || strings.Contains(in.text, "<<") {
			continue
		}
		for _, src := range f[:len(f)-1] {
			if strings.Contains(src, "://") || strings.ContainsAny(src, "*?[$") {
				continue
			}
			p := path.Join(d.context, src)
			if c := path.Clean(src); c == ".." || strings.HasPrefix(c, "../") {
				l.add(d.file, in.line, fmt.Sprintf("%s %s reaches outside the build context (%s): the build fails (failed to compute cache key: not found)", in.cmd, src, orStr(d.context, ".")),
					fmt.Sprintf("move the file into the build context (%s) and copy it from there, or make the context the parent directory", orStr(d.context, ".")))
				continue
			}
			if !l.exists(p) && !l.isDir(p) {
				missing, lines = append(missing, src), append(lines, in.line)
				if cmd == "" {
					cmd = in.cmd
				}
			}
		}
	}
}

// eolDebianRe finds an apt source for a Debian release that left the
// regular mirrors for archive.debian.org.
var eolDebianRe = regexp.MustCompile(`(?:deb\.debian\.org|httpredir\.debian\.org|ftp\.[a-z]+\.debian\.org)/debian(?:-security)?/?\s+(stretch|jessie|wheezy)\b`)

// checkAptSources: apt-get update fails on a release moved to the archive.
func (l *linter) checkAptSources(d *dockerfile) {
	for _, in := range d.instrs {
		if in.cmd != "RUN" {
			continue
		}
		if m := eolDebianRe.FindStringSubmatchIndex(in.text); m != nil {
			rel := in.text[m[2]:m[3]]
			l.add(d.file, in.lineAt(m[0]), fmt.Sprintf("adds Debian %s from the regular mirror: %s moved to archive.debian.org, so apt-get update fails (404 on its Release file) and the build stops", rel, rel),
				fmt.Sprintf("drop the %s source (the base image's own apt sources have what you install), or point it at http://archive.debian.org/debian", rel))
		}
	}
}

// eolBase names the distribution an image is built on when its package
// sources have left the regular mirrors (so the package manager's first
// metadata download fails), and the tool that fails ("" when it has not).
func eolBase(ref string) (what, tool string) {
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "library/")
	t := strings.ToLower(tag)
	if repo == "centos" {
		v := strings.TrimPrefix(t, "centos")
		switch {
		case t == "" || t == "latest" || strings.HasPrefix(v, "8"):
			return "CentOS 8", "yum"
		case strings.HasPrefix(v, "7"), strings.HasPrefix(v, "6"):
			return "CentOS " + v[:1], "yum"
		}
		return "", ""
	}
	for _, c := range []string{"wheezy", "jessie", "stretch", "buster"} {
		if regexp.MustCompile(`(^|[-.])` + c + `($|[-.])`).MatchString(t) {
			return "Debian " + c, "apt-get"
		}
	}
	if repo == "postgres" && postgresTagDebian(t) == "buster" {
		return "Debian buster (the Debian release postgres:" + tag + " was built on)", "apt-get"
	}
	if repo == "postgres" && postgresTagDebian(t) == "stretch" {
		return "Debian stretch or older (postgres:" + tag + " was built before Debian buster was released)", "apt-get"
	}
	switch {
	case repo == "debian":
		for n, c := range map[string]string{"7": "wheezy", "8": "jessie", "9": "stretch", "10": "buster"} {
			if t == n || strings.HasPrefix(t, n+".") || strings.HasPrefix(t, n+"-") {
				return "Debian " + c, "apt-get"
			}
		}
	case repo == "haproxy":
		for _, v := range []string{"1.5", "1.6", "1.7"} {
			if t == v || strings.HasPrefix(t, v+".") || strings.HasPrefix(t, v+"-") {
				return "Debian stretch (or older)", "apt-get"
			}
		}
	}
	return "", ""
}

// nonRootBase names the user an image already runs as when it is not root:
// the haproxy image since 2.4 (USER haproxy), Bitnami's images (USER 1001).
func nonRootBase(ref string) string {
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "library/")
	switch {
	case repo == "haproxy" || repo == "haproxytech/haproxy-alpine":
		major, minor, ok := tagVersion(tag)
		if !ok || major > 2 || (major == 2 && minor >= 4) {
			return "haproxy"
		}
	case strings.HasPrefix(repo, "bitnami/"):
		return "1001"
	}
	return ""
}

// checkNonRootBase: a RUN that installs packages, or writes under /etc or
// /usr, while the build runs as a non-root user (one the base image runs
// as, or a USER of this stage), before any USER root, cannot write there
// (Permission denied): the build stops at that RUN, so no image is made.
func (l *linter) checkNonRootBase(d *dockerfile) {
	for _, st := range d.stages {
		if st.parent != nil || !st.baseOK {
			continue
		}
		user := nonRootBase(st.base)
		by := "the user " + st.base + " already runs as"
	scan:
		for _, in := range st.instrs {
			if in.cmd == "USER" {
				if u := strings.TrimSpace(in.text); isRootUser(u) || strings.Contains(u, "$") {
					user = ""
				} else {
					user, by = u, fmt.Sprintf("set by USER at line %d", in.line)
				}
				continue
			}
			if in.cmd != "RUN" || user == "" {
				continue
			}
			for _, c := range shellCommands(in.text) {
				for _, r := range c.redirs {
					if (r.op == ">" || r.op == ">>") && (strings.HasPrefix(r.target, "/etc/") || strings.HasPrefix(r.target, "/usr/")) {
						l.add(d.file, in.lineAt(r.pos), fmt.Sprintf("this RUN writes %s as %s, %s: it cannot write there (Permission denied) and the build stops, so no image is made", r.target, user, by),
							"put USER root before this RUN (and USER "+user+" after the steps that need root)")
						break scan
					}
				}
				words := programWords(c.words)
				if len(words) < 2 {
					continue
				}
				tool := path.Base(words[0].val)
				if (tool == "apk" && words[1].val == "add") || ((tool == "apt-get" || tool == "apt") && (words[1].val == "update" || words[1].val == "install")) {
					l.add(d.file, in.lineAt(words[0].start), fmt.Sprintf("%s %s runs as %s, %s: it cannot write the package database (Permission denied) and the build stops", tool, words[1].val, user, by),
						"put USER root before this RUN (and USER "+user+" after it)")
					break scan
				}
			}
		}
	}
}

// eolPgPkgRe finds a package of a PostgreSQL major that apt.postgresql.org
// no longer serves (9.x, 10, 11: moved to apt-archive.postgresql.org).
var eolPgPkgRe = regexp.MustCompile(`\bpostgresql-(9\.\d|10|11)\b`)

// aptBaseWithoutOldPG reports whether an image's apt sources are today's
// Debian or Ubuntu (plus PGDG on the postgres image), none of which ships
// PostgreSQL 9.x-11 any more.
func aptBaseWithoutOldPG(ref string) bool {
	if what, _ := eolBase(ref); what != "" {
		return false // an old release may ship it itself
	}
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "library/")
	switch repo {
	case "postgres", "python":
		return !strings.Contains(tag, "alpine")
	case "debian":
		return tag == "" || tag == "latest" || regexp.MustCompile(`^(bullseye|bookworm|trixie|11|12|13|stable)\b`).MatchString(tag)
	case "ubuntu":
		return tag == "" || tag == "latest" || regexp.MustCompile(`^(focal|jammy|noble|20\.04|22\.04|24\.04)\b`).MatchString(tag)
	}
	return false
}

// aptInstalls are the apt-get/apt install commands of a RUN's shell text,
// each as its words from the program on (keywords and assignments before
// it dropped).
func aptInstalls(text string) [][]shWord {
	var out [][]shWord
	for _, c := range shellCommands(text) {
		words := programWords(c.words)
		if len(words) < 2 || !slices.Contains([]string{"apt-get", "apt"}, path.Base(words[0].val)) || !slices.ContainsFunc(words, func(w shWord) bool { return w.val == "install" }) {
			continue
		}
		out = append(out, words)
	}
	return out
}

// AptPackages lists the packages a Dockerfile's RUN instructions install
// with apt-get or apt, in file order, each once: the words after
// `install` that are neither options nor shell expansions, a pinned
// version (curl=8.*) cut off. It reads the file as docker build does
// (BuildKit's parser, then the shell's words), so a continuation ends
// where the instruction does.
func AptPackages(data []byte) []string {
	d := parseDockerfile("Dockerfile", data)
	var out []string
	for _, in := range d.instrs {
		if in.cmd != "RUN" {
			continue
		}
		for _, words := range aptInstalls(in.text) {
			after := false
			for _, w := range words[1:] {
				v, _, _ := strings.Cut(w.val, "=")
				switch {
				case v == "install":
					after = true
				case !after, v == "", strings.HasPrefix(v, "-"), strings.ContainsAny(v, "$'\"\\/*`"):
				case !slices.Contains(out, v):
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// checkEOLPostgres: apt-get install postgresql-9.6 (10, 11) on today's
// Debian/Ubuntu or the PGDG repository finds no such package: PGDG moved
// those majors to its archive, and the distributions dropped them.
func (l *linter) checkEOLPostgres(d *dockerfile) {
	for _, st := range d.stages {
		root := st.root()
		if !root.baseOK || !aptBaseWithoutOldPG(root.base) {
			continue
		}
		for _, in := range st.instrs {
			if in.cmd != "RUN" || strings.Contains(in.text, "apt-archive.postgresql.org") {
				continue
			}
			for _, words := range aptInstalls(in.text) {
				for _, w := range words[1:] {
					if m := eolPgPkgRe.FindStringSubmatch(w.val); m != nil {
						l.add(d.file, in.lineAt(w.start), fmt.Sprintf("installs %s on %s: PostgreSQL %s is end of life, apt.postgresql.org moved it to its archive and %s does not ship it, so apt-get fails (Unable to locate package) and the build stops", w.val, root.base, m[1], root.base),
							"install a supported major (postgresql-15, or the one the exercise names), or add http://apt-archive.postgresql.org/pub/repos/apt <codename>-pgdg-archive main as a source")
						return
					}
				}
			}
		}
	}
}

// livePGDGRe: an apt source line of the live PGDG repository (a suite
// codename-pgdg, not the archive's codename-pgdg-archive).
var livePGDGRe = regexp.MustCompile(`(?:https?://)?apt\.postgresql\.org/pub/repos/apt/?\s+(\$\(lsb_release -cs\)-pgdg|\S+-pgdg)\s+main`)

// pgEOL are the end-of-life majors apt.postgresql.org may still list or may
// have moved to apt-archive.postgresql.org (9.x-11 are gone:
// checkEOLPostgres's).
var pgEOL = map[string]string{"12": "November 2024", "13": "November 2025"}

// pgMajorPkgRe: a package of one PostgreSQL major (postgresql-12,
// postgresql-12-postgis-3).
var pgMajorPkgRe = regexp.MustCompile(`^postgresql-(\d+)(?:-|$)`)

// aptPkg is a package an apt-get install names, and its line.
type aptPkg struct {
	name string
	line int
}

// aptPackages lists the packages the apt-get installs of the RUN in name,
// with the ENV and ARG values that RUN sees expanded (postgresql-${PG_MAJOR});
// a word lint cannot expand is kept as written.
func (d *dockerfile) aptPackages(in *dfInstr) []aptPkg {
	var out []aptPkg
	for _, words := range aptInstalls(in.text) {
		for _, w := range words[1:] {
			v, _, ok := d.expander(in.vars, false).expand(w.val)
			if !ok {
				v = w.val
			}
			out = append(out, aptPkg{name: v, line: in.lineAt(w.start)})
		}
	}
	return out
}

// checkLivePGDGEndOfLife: a Dockerfile that writes the live PGDG source
// itself and installs a package of PostgreSQL 12 or 13 (end of life). PGDG
// moves end-of-life majors to apt-archive.postgresql.org, and lint cannot
// establish whether the live repository still serves this one: a note,
// with the archive suite that does (batch 35: es-fermin-lasa, kind 4).
func (l *linter) checkLivePGDGEndOfLife(d *dockerfile) {
	final := d.final()
	if final == nil {
		return
	}
	var src *dfInstr
	suite, srcLine := "", 0
	replaced := false // a RUN removes or rewrites the image's own pgdg.list
	for _, in := range final.chain() {
		if strings.Contains(in.text, "apt-archive.postgresql.org") {
			return // (in a RUN, or an ARG/ENV a RUN uses)
		}
		if (in.cmd == "COPY" || in.cmd == "ADD") && strings.Contains(in.text, "/etc/apt/") {
			replaced = true // a sources file of the answer's own (COPY pgdg-archive.list ...)
		}
		if in.cmd != "RUN" {
			continue
		}
		if strings.Contains(in.text, "pgdg.list") && regexp.MustCompile(`\brm\b|>\s*/etc/apt/sources\.list\.d/pgdg\.list|sed\s+-i`).MatchString(in.text) {
			replaced = true
		}
		if m := livePGDGRe.FindStringSubmatchIndex(in.text); m != nil && src == nil {
			src, suite, srcLine = in, in.text[m[2]:m[3]], in.lineAt(m[0])
		}
	}
	imageSource := false // the postgres:N image's own pgdg.list, written by no RUN
	if src == nil && replaced {
		return // the Dockerfile points apt elsewhere itself
	}
	if src == nil {
		repo, tag := imageRef(final.root().base)
		major := regexp.MustCompile(`^\d+`).FindString(tag)
		if !final.root().baseOK || path.Base(repo) != "postgres" || pgEOL[major] == "" || strings.Contains(tag, "alpine") {
			return
		}
		if what, _ := eolBase(final.root().base); what != "" {
			return // its Debian's sources are gone first (said at FROM)
		}
		imageSource, src, suite = true, final.root().from, debianRelease(final.root().base)+"-pgdg"
		if suite == "-pgdg" {
			suite = "<codename>-pgdg"
		}
		srcLine = final.root().origin.line
	}
	for _, in := range final.chain() {
		if in.cmd != "RUN" || (!imageSource && in.line < src.line) {
			continue
		}
		for _, p := range d.aptPackages(in) {
			m := pgMajorPkgRe.FindStringSubmatch(p.name)
			if m == nil || pgEOL[m[1]] == "" {
				continue
			}
			arch := strings.Replace(suite, "$(lsb_release -cs)", "<codename>", 1) + "-archive"
			if imageSource {
				if _, t := imageRef(final.root().base); m[1] != regexp.MustCompile(`^\d+`).FindString(t) {
					return // another major than the image's
				}
				l.note(d.file, p.line, fmt.Sprintf("installs %s from the PGDG source the %s image comes with (apt.postgresql.org %s main %s): PostgreSQL %s is end of life since %s, and PGDG moves end-of-life majors to apt-archive.postgresql.org; lint could not establish whether the live repository still serves %s (if it does not, apt-get says Unable to locate package and the build stops)", p.name, final.root().base, suite, m[1], m[1], pgEOL[m[1]], m[1]),
					fmt.Sprintf("point the image's /etc/apt/sources.list.d/pgdg.list at the archive first: deb http://apt-archive.postgresql.org/pub/repos/apt %s main, or run docker compose build to see", arch))
				return
			}
			l.note(d.file, p.line, fmt.Sprintf("installs %s from the live apt.postgresql.org (%s main, line %d): PostgreSQL %s is end of life since %s, and PGDG moves end-of-life majors to apt-archive.postgresql.org; lint could not establish whether the live repository still serves %s (if it does not, apt-get says Unable to locate package and the build stops)", p.name, suite, srcLine, m[1], pgEOL[m[1]], m[1]),
				fmt.Sprintf("use the archive, which keeps every major: deb https://apt-archive.postgresql.org/pub/repos/apt %s main (same key), or run docker compose build to see", arch))
			return
		}
	}
}

// distroPG is the one PostgreSQL major a Debian release ships in its own
// archive (without the PGDG repository).
var distroPG = map[string]string{"bullseye": "13", "bookworm": "15", "trixie": "17"}

// debianRelease names the Debian release of a base image when its tag
// decides it: python:3.x and python:3.x-slim follow Debian's stable (trixie
// since August 2025; 3.8 and older were last built on bookworm), debian:
// by codename or number.
func debianRelease(ref string) string {
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "library/")
	for _, rel := range []string{"bullseye", "bookworm", "trixie"} {
		if strings.Contains(tag, rel) && (repo == "python" || repo == "debian") {
			return rel
		}
	}
	switch repo {
	case "debian":
		switch {
		case tag == "" || tag == "latest" || tag == "stable" || strings.HasPrefix(tag, "stable-") || tag == "13" || strings.HasPrefix(tag, "13."):
			return "trixie"
		case tag == "12" || strings.HasPrefix(tag, "12."):
			return "bookworm"
		case tag == "11" || strings.HasPrefix(tag, "11."):
			return "bullseye"
		}
	case "python":
		if strings.Contains(tag, "alpine") || strings.Contains(tag, "windows") {
			return ""
		}
		m := regexp.MustCompile(`^3\.(\d+)`).FindStringSubmatch(tag)
		if tag == "" || tag == "latest" || tag == "slim" || tag == "3" || tag == "3-slim" {
			return "trixie"
		}
		if m != nil {
			if minor, _ := strconv.Atoi(m[1]); minor >= 9 {
				return "trixie"
			}
		}
	}
	return ""
}

var pgServerPkgRe = regexp.MustCompile(`^postgresql-(\d+)$`)

// checkDistroPostgres: apt-get install postgresql-15 on a Debian base with
// no PGDG source finds only the major that release ships (17 on trixie, 15
// on bookworm): Unable to locate package, the build stops. python:3.x-slim
// moved to trixie in August 2025, so a Dockerfile that built on bookworm
// with postgresql-15 no longer does.
func (l *linter) checkDistroPostgres(d *dockerfile) {
	for _, st := range d.stages {
		root := st.root()
		if !root.baseOK {
			continue
		}
		rel := debianRelease(root.base)
		if rel == "" {
			continue
		}
		for _, in := range st.instrs {
			if strings.Contains(in.text, "apt.postgresql.org") || strings.Contains(in.text, "pgdg") {
				break // the PGDG repository ships every supported major
			}
			if in.cmd != "RUN" {
				continue
			}
			for _, words := range aptInstalls(in.text) {
				for _, w := range words[1:] {
					m := pgServerPkgRe.FindStringSubmatch(w.val)
					if m == nil || m[1] == distroPG[rel] || eolPgPkgRe.MatchString(w.val) {
						continue // (9.x-11: checkEOLPostgres says so)
					}
					since := ""
					if repo, _ := imageRef(root.base); strings.HasSuffix(repo, "python") {
						since = " (python's images follow Debian's stable release, trixie since August 2025)"
					}
					l.add(d.file, in.lineAt(w.start), fmt.Sprintf("installs %s on %s, which is Debian %s%s: its archive has PostgreSQL %s only and no PGDG source is added, so apt-get fails (Unable to locate package %s) and the build stops", w.val, root.base, rel, since, distroPG[rel], w.val),
						fmt.Sprintf("install postgresql-%s (and point bin_dir at /usr/lib/postgresql/%s/bin), build FROM postgres:%s, or add the PGDG repository (apt.postgresql.org) first", distroPG[rel], distroPG[rel], m[1]))
					return
				}
			}
		}
	}
}

// pkgToolRe finds a package manager run that downloads repository metadata.
var pkgToolRe = regexp.MustCompile(`^(apt-get|apt|yum|dnf|microdnf)$`)

// checkEOLBases: a Dockerfile FROM an image whose distribution left the
// regular mirrors (CentOS 8, Debian stretch, haproxy:1.7...) stops at its
// first apt-get update / yum install, unless a RUN before it points the
// sources at the archive. Every Dockerfile of the answer is read, not only
// the nodes': the etcd or HAProxy image fails the build just the same.
func (l *linter) checkEOLBases() {
	paths := map[string]bool{}
	for p, d := range l.dfs {
		if d != nil {
			paths[p] = true
		}
	}
	if l.dockerfilePath != "" {
		paths[l.dockerfilePath] = true
	}
	if l.splitStack() || l.compose == nil {
		// The other compose files build from their own directories.
		for _, pat := range []string{"Dockerfile", "*/Dockerfile"} {
			m, _ := globFS(l, pat)
			for _, p := range m {
				paths[p] = true
			}
		}
	}
	for _, p := range sortedKeys(paths) {
		d := l.loadDockerfile(p, nil)
		if d == nil || d.parseErr != nil {
			continue
		}
		l.checkEOLPostgres(d)
		l.checkLivePGDGEndOfLife(d)
		l.checkDistroPostgres(d)
		l.checkNonRootBase(d)
		l.checkPython2PatroniClone(d)
		l.checkPythonPaths(d)
		for _, st := range d.stages {
			if st.parent != nil || !st.baseOK {
				continue
			}
			what, tool := eolBase(st.base)
			if what == "" {
				continue
			}
			fixed := false
		scan:
			for _, in := range st.instrs {
				if in.cmd != "RUN" {
					continue
				}
				if strings.Contains(in.text, "archive.debian.org") || strings.Contains(in.text, "vault.centos.org") || strings.Contains(in.text, "vault.epel") {
					fixed = true
				}
				for _, c := range shellCommands(in.text) {
					c.words = programWords(c.words)
					if len(c.words) == 0 || !pkgToolRe.MatchString(path.Base(c.words[0].val)) || fixed {
						continue
					}
					fix := "build FROM a supported release (debian:bookworm, or the image's bookworm/trixie tag), or point its apt sources at http://archive.debian.org/debian before apt-get update"
					if tool == "yum" {
						fix = "build FROM rockylinux:9 or almalinux:9 (or a Debian-based image), or point the repos at vault.centos.org before yum runs"
					}
					l.add(d.file, st.from.line, fmt.Sprintf("FROM %s is %s, end of life: its package sources are gone from the mirrors, so %s at line %d fails to download any repository metadata and the build stops", st.base, what, path.Base(c.words[0].val), in.lineAt(c.words[0].start)), fix)
					break scan
				}
			}
		}
	}
}

// dfExpander expands variables as BuildKit does for ARG, ENV, FROM and USER
// (its shell lexer), with the build-time variables in scope.
type dfExpander struct {
	escape rune
	vars   map[string]dvar
	keep   bool // leave unresolved references as they are
}

func (d *dockerfile) expander(vars map[string]dvar, keep bool) dfExpander {
	return dfExpander{escape: d.escape, vars: vars, keep: keep}
}

// dvarEnv is the shell lexer's view of the variables that are set.
type dvarEnv struct {
	vars  map[string]dvar
	extra map[string]string
}

func (e dvarEnv) Get(k string) (string, bool) {
	if v, ok := e.extra[k]; ok {
		return v, true
	}
	v, ok := e.vars[k]
	if !ok || !v.set {
		return "", false
	}
	return v.val, true
}

func (e dvarEnv) Keys() []string {
	var out []string
	for k, v := range e.vars {
		if v.set {
			out = append(out, k)
		}
	}
	for k := range e.extra {
		out = append(out, k)
	}
	return out
}

// expand returns s expanded, the variables it used, and whether all were set.
func (x dfExpander) expand(s string) (string, []string, bool) {
	res, err := shell.NewLex(x.escape).ProcessWordWithMatches(s, dvarEnv{vars: x.vars})
	if err != nil {
		return s, nil, false
	}
	var used []string
	for k := range res.Matched {
		used = append(used, k)
	}
	for k := range res.Unmatched {
		used = append(used, k)
	}
	slices.Sort(used)
	if len(res.Unmatched) == 0 {
		return res.Result, used, true
	}
	if !x.keep {
		return res.Result, used, false
	}
	extra := map[string]string{}
	for k := range res.Unmatched {
		extra[k] = "${" + k + "}"
	}
	again, err := shell.NewLex(x.escape).ProcessWordWithMatches(s, dvarEnv{vars: x.vars, extra: extra})
	if err != nil {
		return res.Result, used, false
	}
	return again.Result, used, false
}

// words are an instruction's arguments: BuildKit's own split for the exec
// form and for COPY/ADD/VOLUME (flags apart), the shell-split text of a
// shell-form CMD/ENTRYPOINT.
func (in *dfInstr) words() []string {
	if in.json || ((in.cmd == "COPY" || in.cmd == "ADD" || in.cmd == "VOLUME") && len(in.args) > 0) {
		return in.args
	}
	return execWords(in.text)
}

// checkPackageManager: Alpine's apk on a Debian-based image (or apt-get on
// an Alpine one) is not there, so the build stops at that RUN.
func (l *linter) checkPackageManager(final *stage, repo, tag string) {
	base := path.Base(repo)
	// timescale/timescaledb (not timescaledb-ha, Ubuntu) is built FROM
	// postgres:NN-alpine (timescaledb-docker's Dockerfile); its -bitnami
	// tags are Bitnami's Debian image.
	alpine := strings.Contains(tag, "alpine") || base == "alpine" || (repo == "timescale/timescaledb" && !strings.Contains(tag, "bitnami"))
	debian := !alpine && (base == "debian" || base == "ubuntu" || base == "postgres" || base == "python" || base == "haproxy")
	if !alpine && !debian {
		return // a base lint cannot place
	}
	for _, in := range final.chain() {
		if in.cmd != "RUN" {
			continue
		}
		for _, c := range shellCommands(in.text) {
			if len(c.words) == 0 {
				continue
			}
			switch w := path.Base(c.words[0].val); {
			case w == "apk" && debian:
				l.add(l.dockerfile.file, in.lineAt(c.words[0].start), fmt.Sprintf("apk is Alpine's package manager, but %s is Debian-based: apk: not found, and the build stops here", orStr(final.root().base, repo)),
					"install with apt-get update && apt-get install -y ... (or build FROM an -alpine image)")
				return
			case (w == "apt-get" || w == "apt") && alpine:
				l.add(l.dockerfile.file, in.lineAt(c.words[0].start), fmt.Sprintf("%s is Debian's package manager, but %s is Alpine: %s: not found, and the build stops here", w, orStr(final.root().base, repo), w),
					"install with apk add --no-cache ... (or build FROM a Debian-based image)")
				return
			}
		}
	}
}

// genericBases are images with no PostgreSQL server in them.
var genericBases = map[string]bool{"python": true, "debian": true, "ubuntu": true, "alpine": true, "centos": true,
	"rockylinux": true, "almalinux": true, "fedora": true}

// serverPkgRe matches a PostgreSQL server package (postgresql, postgresql-15,
// postgresql15-server, postgresql16), not the client or libraries.
var serverPkgRe = regexp.MustCompile(`(?:^|\s)postgresql(?:-?\d+(?:\.\d+)?(?:-server)?|-server)?(?:[=:][^\s]*)?(?:\s|$)`)

// unknownPgPkgRe matches a PostgreSQL package whose major is a variable
// lint could not resolve (postgresql-${PG_MAJOR} with PG_MAJOR set nowhere
// it sees).
var unknownPgPkgRe = regexp.MustCompile(`(?:^|\s)postgresql-\$`)

// runVarRe matches $NAME, ${NAME} and ${NAME:-default} / ${NAME-default}.
var runVarRe = regexp.MustCompile(`\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))`)

// runVars substitutes in a RUN's shell text the ENV and ARG values the
// instruction sees (an ENV or ARG is in the environment of every later RUN
// of its stage, so the shell expands it), and the default of a
// ${NAME:-default} whose NAME is unset. A variable lint does not know is
// left as it is.
func runVars(text string, vars map[string]dvar) string {
	if !strings.Contains(text, "$") {
		return text
	}
	return runVarRe.ReplaceAllStringFunc(text, func(m string) string {
		sub := runVarRe.FindStringSubmatch(m)
		name := sub[1] + sub[3]
		if v, ok := vars[name]; ok && v.set {
			return v.val
		}
		if sub[1] != "" && strings.Contains(m, "-") {
			return sub[2]
		}
		return m
	})
}

// checkHasServer: a node image built on a generic base (python, debian...)
// must install a PostgreSQL server for Patroni to run; a client alone is not one.
func (l *linter) checkHasServer(final *stage, repo string) {
	if !genericBases[path.Base(repo)] || len(final.chain()) == 0 {
		return
	}
	var line int
	for _, st := range l.dockerfile.stages {
		for _, in := range st.instrs {
			text := runVars(in.text, in.vars)
			switch {
			case in.cmd == "RUN" && serverPkgRe.MatchString(text+" "):
				return
			case in.cmd == "RUN" && unknownPgPkgRe.MatchString(text):
				return // postgresql-$X with X unknown here: lint cannot say it is no server
			case (in.cmd == "COPY" || in.cmd == "ADD") && slices.ContainsFunc(in.flags, func(f string) bool { return strings.HasPrefix(f, "--from=") }):
				return // binaries copied from another image
			case in.cmd == "RUN" && strings.Contains(in.text, "postgresql-client") && line == 0:
				line = in.line
			}
		}
	}
	if line == 0 {
		line = final.root().from.line
	}
	l.add(l.dockerfile.file, line, fmt.Sprintf("the image has no PostgreSQL server: %s does not ship one and no RUN installs it (a client is not a server), so Patroni has no postgres to run", final.root().base),
		"build FROM postgres:<major> (or install postgresql-<major>), and point bin_dir at its bin directory")
}

// baseDebianRelease is the Debian release a base image is built on today,
// when its tag decides it: the official postgres images by their variant
// suffix, a pinned minor (postgresTagDebian, then bookworm until the August
// 2025 minors, the first built on trixie too, so those are left unknown) or
// their major (9.6 and 10 bullseye, 11 and 12 frozen on bookworm, 13 and
// later trixie since August 2025); debian: by codename or number.
func baseDebianRelease(ref string) string {
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "library/")
	switch repo {
	case "debian":
		return debianRelease(ref)
	case "postgres":
	default:
		return ""
	}
	if strings.Contains(tag, "alpine") {
		return ""
	}
	for _, rel := range []string{"stretch", "buster", "bullseye", "bookworm", "trixie"} {
		if strings.HasSuffix(tag, "-"+rel) || tag == rel {
			return rel
		}
	}
	if strings.Contains(tag, "-") {
		return "" // another variant
	}
	if rel := postgresTagDebian(tag); rel != "" {
		return rel
	}
	if tag == "" || tag == "latest" {
		return "trixie"
	}
	if m := pgMinorTagRe.FindStringSubmatch(tag); m != nil {
		// The minors of August 2025, when the images moved to trixie.
		firstTrixie := map[string]int{"13": 22, "14": 19, "15": 14, "16": 10, "17": 6}
		minor, _ := strconv.Atoi(m[2])
		major, _ := strconv.Atoi(m[1])
		ft, ok := firstTrixie[m[1]]
		switch {
		case major >= 18:
			return "trixie"
		case major == 11 || major == 12:
			return "bookworm"
		case !ok:
			return ""
		case minor < ft:
			return "bookworm"
		case minor > ft:
			return "trixie"
		}
		return ""
	}
	major, err := strconv.Atoi(tag)
	switch {
	case err != nil:
		return ""
	case major == 11 || major == 12:
		return "bookworm"
	case major >= 13:
		return "trixie"
	}
	return ""
}

// debianPython is the python3 minor each Debian release ships.
var debianPython = map[string]string{"stretch": "3.5", "buster": "3.7", "bullseye": "3.9", "bookworm": "3.11", "trixie": "3.13"}

var usrLibPythonRe = regexp.MustCompile(`^/usr/lib/python(3\.\d+)/`)

// checkPythonPaths: a RUN that removes or moves a file under a hard-coded
// /usr/lib/python3.X (rm .../EXTERNALLY-MANAGED, to opt out of PEP 668)
// on a base whose Debian release ships another Python: the path does not
// exist, rm without -f fails, and when its status decides the RUN (joined
// with && or last) the build stops. postgres:15 is trixie (Python 3.13)
// since August 2025, so a Dockerfile written for bookworm's 3.11 no longer
// builds.
func (l *linter) checkPythonPaths(d *dockerfile) {
	for _, st := range d.stages {
		root := st.root()
		if !root.baseOK {
			continue
		}
		rel := baseDebianRelease(root.base)
		py := debianPython[rel]
		if py == "" {
			continue
		}
		for _, in := range st.instrs {
			if in.cmd != "RUN" || strings.HasPrefix(strings.TrimSpace(in.text), "[") {
				continue
			}
			for _, c := range shellCommands(in.text) {
				words := programWords(c.words)
				if len(words) < 2 || (words[0].val != "rm" && words[0].val != "mv") {
					continue
				}
				var target *shWord
				force := false
				for i, w := range words[1:] {
					if strings.HasPrefix(w.val, "-") {
						if w.val == "--force" || (!strings.HasPrefix(w.val, "--") && strings.Contains(w.val, "f")) {
							force = true
						}
						continue
					}
					if words[0].val == "mv" && i+2 == len(words) {
						break // mv's destination
					}
					if m := usrLibPythonRe.FindStringSubmatch(w.val); m != nil && m[1] != py && target == nil {
						target = &words[1+i]
					}
				}
				if target == nil || (force && words[0].val == "rm") {
					continue
				}
				// Its status must decide the RUN: not behind ||, not before ; or ||.
				before := strings.TrimRight(in.text[:words[0].start], " \t\n\\")
				last := words[len(words)-1]
				after := strings.TrimLeft(in.text[last.start+len(last.val):], " \t\n\\")
				if strings.HasSuffix(before, "||") || strings.HasSuffix(before, ";") ||
					strings.HasPrefix(after, "||") || strings.HasPrefix(after, ";") || strings.HasPrefix(after, "|") ||
					(after != "" && !strings.HasPrefix(after, "&&")) {
					continue
				}
				if before != "" && !strings.HasSuffix(before, "&&") {
					continue
				}
				wrote := usrLibPythonRe.FindStringSubmatch(target.val)[1]
				tagFix := ""
				for r, v := range debianPython {
					if v == wrote && r != "stretch" && r != "buster" {
						repo, tag := imageRef(root.base)
						if repo == "debian" {
							tagFix = fmt.Sprintf(", or build FROM debian:%s, whose Python is %s", r, v)
						} else {
							major, _, _ := strings.Cut(tag, ".")
							if major == "" || major == "latest" {
								major = "17"
							}
							tagFix = fmt.Sprintf(", or build FROM %s:%s-%s, whose Python is %s", repo, major, r, v)
						}
					}
				}
				l.add(d.file, in.lineAt(target.start), fmt.Sprintf("%s %s: %s is Debian %s, whose Python is %s (/usr/lib/python%s), so there is no such file, %s fails and the build stops", words[0].val, target.val, root.base, rel, py, py, words[0].val),
					"don't hard-code the Python version: rm -f /usr/lib/python3*/EXTERNALLY-MANAGED (or pip install --break-system-packages)"+tagFix)
				return
			}
		}
	}
}

// checkPatroniEntrypointArgs: an exec-form ENTRYPOINT that is Patroni itself
// (["/patroni.py", "postgres0.yml"]) and services built from the image whose
// command: is another program (etcd ..., haproxy: written for an entrypoint
// script that dispatches on it): the command becomes Patroni's arguments,
// its argument parser rejects them and the container exits.
func (l *linter) checkPatroniEntrypointArgs(d *dockerfile) {
	if l.compose == nil {
		return
	}
	var ep *dfInstr
	for _, in := range d.final().chain() {
		if in.cmd == "ENTRYPOINT" {
			ep = in
		}
	}
	if ep == nil || !ep.json || len(ep.args) == 0 {
		return
	}
	if b := path.Base(ep.args[0]); b != "patroni" && b != "patroni.py" {
		return
	}
	var names, progs []string
	var lines []int
	for _, s := range l.compose.services {
		if s.df != d || len(s.entrypoint) > 0 || len(s.command) == 0 || s.command[0].line == 0 {
			continue
		}
		w := s.command[0].s
		if strings.HasPrefix(w, "-") || isYAMLName(w) || strings.Contains(w, "$") || strings.Contains(w, "patroni") {
			continue
		}
		names = append(names, s.name)
		lines = append(lines, s.command[0].line)
		if !slices.Contains(progs, path.Base(w)) {
			progs = append(progs, path.Base(w))
		}
	}
	if len(names) == 0 {
		return
	}
	var ls []string
	for _, n := range lines {
		ls = append(ls, strconv.Itoa(n))
	}
	l.add(d.file, ep.line, fmt.Sprintf("the ENTRYPOINT is Patroni itself (%s), so the command: of %s (%s, %s %s %s) becomes Patroni's arguments: Patroni rejects them (unrecognized arguments) and %s exits",
		strings.Join(ep.args, " "), joinAnd(names), joinAnd(progs), l.composeFile, plural(len(ls), "line", "lines"), strings.Join(ls, ", "), plural(len(names), "the container", "each container")),
		"an ENTRYPOINT script that runs the command it is given (etcd, haproxy) and starts Patroni otherwise, or entrypoint: for each of these services")
}

// checkRunBeforeCopy: a RUN that reads a file of the build context which
// only a later COPY/ADD puts in the image (pip install -r
// /tmp/requirements.txt before COPY requirements.txt /tmp/requirements.txt):
// the file is not there yet, the RUN fails and the build stops (batch 27:
// mmelmesary-citus, kind 9). Not said when an earlier instruction names the
// path (a COPY there or above it, a RUN that makes it) or the RUN tests for
// it first.
func (l *linter) checkRunBeforeCopy(d *dockerfile, final *stage) {
	chain := final.chain()
next:
	for i, in := range chain {
		if in.cmd != "COPY" && in.cmd != "ADD" || slices.ContainsFunc(in.flags, func(f string) bool { return strings.HasPrefix(f, "--from") }) {
			continue
		}
		ws := in.words()
		if len(ws) != 2 || strings.HasSuffix(ws[1], "/") || !strings.HasPrefix(ws[1], "/") || strings.ContainsAny(ws[0]+ws[1], "$*?[") {
			continue // one file to one absolute file path
		}
		dst := path.Clean(ws[1])
		if src := path.Join(d.context, ws[0]); !l.exists(src) || l.isDir(src) {
			continue
		}
		use := regexp.MustCompile(`(^|[\s=<'"])` + regexp.QuoteMeta(dst) + `($|[\s;&|'")])`)
		guard := regexp.MustCompile(`(\[\[?|\btest)\s+(!\s+)?-[efrs]\s+["']?` + regexp.QuoteMeta(dst))
		makes := regexp.MustCompile(`(>>?|\btouch|\btee|\s-[oO]|--output(-document)?=?|\b(cp|mv|ln)\s+(-\S+\s+)*\S+)\s*["']?` + regexp.QuoteMeta(dst))
		for _, prev := range chain[:i] {
			switch prev.cmd {
			case "COPY", "ADD":
				pw := prev.words()
				if len(pw) > 0 {
					if t := path.Clean(pw[len(pw)-1]); t == dst || strings.HasPrefix(dst, t+"/") || !strings.HasPrefix(t, "/") {
						continue next // put there (or somewhere lint cannot place) already
					}
				}
			case "RUN":
				loc := use.FindStringIndex(prev.text)
				if loc == nil {
					continue
				}
				if guard.MatchString(prev.text) || makes.MatchString(prev.text) || strings.Contains(prev.text[:loc[0]], "mkdir") {
					continue next // it tests for the file, or makes it
				}
				l.add(d.file, prev.lineAt(loc[0]+1), fmt.Sprintf("RUN reads %s, which only the %s at line %d puts in the image: the file is not there yet, the RUN fails (No such file or directory) and the build stops", dst, in.cmd, in.line),
					fmt.Sprintf("move %s %s %s above this RUN", in.cmd, ws[0], ws[1]))
				continue next
			}
		}
	}
}

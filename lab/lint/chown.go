package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// errexitRe: the script stops at the first failing command.
var errexitRe = regexp.MustCompile(`(?m)^[ \t]*set[ \t]+(?:-[a-zA-Z]*e[a-zA-Z]*\b|-o[ \t]+errexit\b)|\A#![^\n]*[ \t]-[a-zA-Z]*e\b`)

// chownLineRe: a plain chown at the start of a line (no sudo/gosu before
// it): 1 its options and owner, 2 the rest of the line.
var chownLineRe = regexp.MustCompile(`(?m)^[ \t]*chown[ \t]+([^\n]*)$`)

// checkChownAsUser: a node whose compose user: is not root runs a start
// script under set -e whose chown (chown -R) covers a bind mount of the
// answer's files. On a Linux host a bind-mounted folder of the checkout
// belongs to the host's user (another uid than the container's), and only
// root may give a file away: chown fails with EPERM, set -e stops the
// script, and the container exits before Patroni starts (batch 21:
// begoingto-etcd, kind 5).
func (l *linter) checkChownAsUser() {
	if l.compose == nil {
		return
	}
	var hits scriptHits
	for _, us := range l.userStartScripts(false) {
		s, sc, at := us.s, us.sc, us.patroniAt
		for _, loc := range chownLineRe.FindAllStringSubmatchIndex(sc.text, -1) {
			if loc[0] > at {
				break
			}
			rest := sc.text[loc[2]:loc[3]]
			if strings.ContainsAny(rest, "|&;$`") || strings.Contains(rest, "#") {
				continue // || true, a variable path, a comment: not judged
			}
			fields := strings.Fields(rest)
			recursive := false
			var args []string
			for _, f := range fields {
				switch {
				case f == "-R" || f == "--recursive" || (strings.HasPrefix(f, "-") && !strings.HasPrefix(f, "--") && strings.Contains(f, "R")):
					recursive = true
				case strings.HasPrefix(f, "-"):
					// (-f only silences the message: chown still fails)
				default:
					args = append(args, f)
				}
			}
			if len(args) < 2 {
				continue
			}
			for _, p := range args[1:] {
				p = path.Clean(p)
				if !strings.HasPrefix(p, "/") {
					continue
				}
				for _, m := range s.mounts {
					if !m.bind {
						continue
					}
					src, ok := projectPath(m.source)
					if !ok || !(l.isDir(src) || l.exists(src)) {
						continue
					}
					t := path.Clean(m.target)
					if t != p && !(recursive && strings.HasPrefix(t, p+"/")) {
						continue
					}
					hits.add(sc, loc[0], sc.lineIn(loc[2]), fmt.Sprintf("chown %s (./%s is bind-mounted at %s)", strings.Join(fields, " "), src, t), s.name, us.user)
					goto next
				}
			}
		next:
		}
	}
	for _, h := range hits.list {
		l.add(h.sc.file, h.line, fmt.Sprintf("the start script of %s runs %s as user %s (their user:), under set -e: on a Linux host that folder of the checkout belongs to the host's user, and only root may change a file's owner, so chown fails (Operation not permitted), the script stops and the container exits before Patroni starts", joinAnd(h.names), h.what, strings.Join(h.users, ", ")),
			"drop the chown of the bind-mounted folder (or run the script as root and drop to the user after it, exec gosu postgres patroni ...)")
	}
}

// mkdirLineRe: a plain mkdir at the start of a line, at the script's top
// level (no indentation, no sudo before it): 1 its options and paths.
var mkdirLineRe = regexp.MustCompile(`(?m)^mkdir[ \t]+([^\n]*)$`)

// blockOpenRe / blockCloseRe: lines that open and close a compound command
// (if, case, a loop, a function body); a mkdir inside one may not run.
var (
	blockOpenRe  = regexp.MustCompile(`(?m)^[ \t]*(?:if|case|while|until|for|function)\b|\(\)[ \t]*\{?[ \t]*$|^[ \t]*\{[ \t]*$`)
	blockCloseRe = regexp.MustCompile(`(?m)^[ \t]*(?:fi|esac|done|\})\b`)
)

// checkMkdirRunAsUser: a node's start script, run as a user other than root
// (its compose user:, else the image's last USER) under set -e, makes a
// directory in /run (/var/run) before starting Patroni: /run belongs to
// root and holds only what the image put there (postgresql, lock), so mkdir
// fails (Permission denied), the script stops and the container exits
// before Patroni starts. Not when the Dockerfile's RUN steps name that
// directory (made and chowned at build), a volume or tmpfs covers it, or
// the mkdir is inside a compound command (batch 23: andreantama-etcd, kind 5).
func (l *linter) checkMkdirRunAsUser() {
	if l.compose == nil {
		return
	}
	if data, ok := l.read(l.composeFile); !ok || strings.Contains(string(data), "tmpfs") {
		return
	}
	var hits scriptHits
	for _, us := range l.userStartScripts(true) {
		s, sc, at := us.s, us.sc, us.patroniAt
		for _, loc := range mkdirLineRe.FindAllStringSubmatchIndex(sc.text, -1) {
			if loc[0] > at || !errexitRe.MatchString(sc.text[:loc[0]]) {
				continue
			}
			before := sc.text[:loc[0]]
			if len(blockOpenRe.FindAllString(before, -1)) != len(blockCloseRe.FindAllString(before, -1)) {
				continue // inside an if, a loop or a function
			}
			rest := sc.text[loc[2]:loc[3]]
			if strings.ContainsAny(rest, "|&;$`") || strings.Contains(rest, "#") {
				continue // || true, a variable path, a comment: not judged
			}
			for _, p := range strings.Fields(rest) {
				if strings.HasPrefix(p, "-") {
					continue
				}
				p = path.Clean(p)
				if strings.HasPrefix(p, "/var/run/") {
					p = "/run/" + strings.TrimPrefix(p, "/var/run/")
				}
				if !strings.HasPrefix(p, "/run/") {
					continue
				}
				top := "/run/" + strings.SplitN(strings.TrimPrefix(p, "/run/"), "/", 2)[0]
				if top == "/run/postgresql" || top == "/run/lock" || l.builtOrMounted(s, top) {
					continue
				}
				hits.add(sc, loc[0], sc.lineIn(loc[0]), p, s.name, us.user)
				break
			}
		}
	}
	for _, h := range hits.list {
		l.add(h.sc.file, h.line, fmt.Sprintf("the start script of %s makes %s as user %s, under set -e: /run belongs to root and the image puts no %s there, so mkdir fails (Permission denied), the script stops and the container exits before Patroni starts", joinAnd(h.names), h.what, strings.Join(h.users, ", "), h.what),
			fmt.Sprintf("create and chown %s in the Dockerfile (RUN mkdir -p %s && chown postgres %s, before USER), or use a directory the user owns (/tmp, /var/run/postgresql)", h.what, h.what, h.what))
	}
}

// builtOrMounted: the service's Dockerfile names dir (or a path in it) in a
// RUN step, or a volume, bind mount or tmpfs covers it.
func (l *linter) builtOrMounted(s *service, dir string) bool {
	for _, m := range s.mounts {
		if t := path.Clean(m.target); t != "/" && (t == dir || strings.HasPrefix(dir, t+"/") || strings.HasPrefix(t, dir+"/")) {
			return true
		}
	}
	if s.df == nil || s.df.final() == nil {
		return true // an image lint cannot read may make it
	}
	v := "/var/run/" + strings.TrimPrefix(dir, "/run/")
	for _, in := range s.df.final().chain() {
		if (in.cmd == "RUN" || in.cmd == "COPY" || in.cmd == "ADD" || in.cmd == "VOLUME") && (strings.Contains(in.text, dir) || strings.Contains(in.text, v)) {
			return true
		}
	}
	return false
}

// userScript is a node's start script of the answer that runs under set -e
// as a user other than root and starts Patroni at patroniAt.
type userScript struct {
	s         *service
	sc        *script
	user      string
	patroniAt int
}

// userStartScripts lists the nodes' start scripts run as a user other than
// root: the compose user:, else (imageUser) the image's last USER.
func (l *linter) userStartScripts(imageUser bool) []userScript {
	var out []userScript
	for _, s := range l.compose.ofKind(kindNode) {
		u := ""
		switch {
		case s.hasUser:
			if !s.user.ok {
				continue
			}
			u, _, _ = strings.Cut(s.user.s, ":")
		case imageUser && s.df != nil && s.df.final() != nil:
			for _, in := range s.df.final().chain() {
				if in.cmd == "USER" {
					u, _, _ = strings.Cut(strings.TrimSpace(in.text), ":")
				}
			}
		}
		if u == "" || isRootUser(u) || strings.Contains(u, "$") {
			continue
		}
		words, _ := l.commandOf(s)
		sc := l.runScript(s, words)
		if sc == nil || sc.file == "" || !errexitRe.MatchString(sc.text) {
			continue
		}
		if _, _, at := patroniArgVar(sc.text); at >= 0 {
			out = append(out, userScript{s: s, sc: sc, user: u, patroniAt: at})
		}
	}
	return out
}

// scriptHits gathers one finding per script line, with every service and
// user it applies to, in the order first seen.
type scriptHits struct {
	list []*scriptHit
}

type scriptHit struct {
	sc    *script
	at    int
	line  int
	what  string
	names []string
	users []string
}

func (hs *scriptHits) add(sc *script, at, line int, what, name, user string) {
	var h *scriptHit
	for _, x := range hs.list {
		if x.sc.file == sc.file && x.at == at {
			h = x
		}
	}
	if h == nil {
		h = &scriptHit{sc: sc, at: at, line: line, what: what}
		hs.list = append(hs.list, h)
	}
	if !slices.Contains(h.names, name) {
		h.names = append(h.names, name)
		if !slices.Contains(h.users, user) {
			h.users = append(h.users, user)
		}
	}
}

package lint

import (
	"fmt"
	"net"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

type hapLine struct {
	line  int
	words []string
}

type hapSection struct {
	kind, name string
	line       int
	args       []string
	lines      []hapLine
	defaults   *hapSection // the defaults section in force
}

type haproxyCfg struct {
	sections []*hapSection
}

var hapSectionKinds = map[string]bool{
	"global": true, "defaults": true, "frontend": true, "backend": true, "listen": true, "resolvers": true,
	"peers": true, "userlist": true, "program": true, "http-errors": true, "mailers": true, "cache": true,
	"ring": true, "log-forward": true, "fcgi-app": true, "crt-store": true, "traces": true,
}

// hapFields splits a config line into words, dropping comments and quotes.
func hapFields(s string) []string {
	var out []string
	var cur strings.Builder
	in := false
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote, in = c, true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		case c == '#' && !in:
			i = len(s)
		case c == ' ' || c == '\t' || c == '\r':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

func parseHAProxy(data []byte) *haproxyCfg {
	h := &haproxyCfg{}
	var cur, defaults *hapSection
	for i, raw := range strings.Split(string(data), "\n") {
		w := hapFields(raw)
		if len(w) == 0 {
			continue
		}
		if hapSectionKinds[w[0]] {
			cur = &hapSection{kind: w[0], line: i + 1, args: w[1:], defaults: defaults}
			if len(w) > 1 {
				cur.name = w[1]
			}
			if w[0] == "defaults" {
				defaults = cur
			}
			h.sections = append(h.sections, cur)
			continue
		}
		if cur != nil {
			cur.lines = append(cur.lines, hapLine{line: i + 1, words: w})
		}
	}
	return h
}

// find returns the lines of a section (then of its defaults) whose words start with prefix.
func (s *hapSection) find(prefix ...string) []hapLine {
	var out []hapLine
	for _, sec := range []*hapSection{s, s.defaults} {
		if sec == nil {
			continue
		}
		for _, ln := range sec.lines {
			if len(ln.words) >= len(prefix) && equalWords(ln.words[:len(prefix)], prefix) {
				out = append(out, ln)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// bindPorts lists the ports a frontend/listen section binds.
func (s *hapSection) bindsPort(want int) (bool, int) {
	var addrs []string
	firstLine := 0
	if s.kind == "listen" && len(s.args) > 1 {
		addrs = append(addrs, s.args[1])
	}
	for _, ln := range s.lines {
		if ln.words[0] == "bind" && len(ln.words) > 1 {
			addrs = append(addrs, ln.words[1])
			if firstLine == 0 {
				firstLine = ln.line
			}
		}
	}
	for _, a := range addrs {
		for _, one := range strings.Split(a, ",") {
			i := strings.LastIndex(one, ":")
			if i < 0 {
				continue
			}
			p := one[i+1:]
			lo, hi, isRange := strings.Cut(p, "-")
			l, err1 := strconv.Atoi(lo)
			if err1 != nil {
				continue
			}
			h := l
			if isRange {
				if v, err := strconv.Atoi(hi); err == nil {
					h = v
				}
			}
			if want >= l && want <= h {
				return true, firstLine
			}
		}
	}
	return false, firstLine
}

type hapServer struct {
	name, host string
	port       int
	hasPort    bool
	line       int
	check      bool
	checkPort  int
	initAddr   string
	template   bool // a server-template line: its slots are filled from DNS
}

func serverParams(s *hapServer, words []string) {
	for i := 0; i < len(words); i++ {
		switch words[i] {
		case "check":
			s.check = true
		case "no-check":
			s.check = false
		case "port":
			if i+1 < len(words) {
				s.checkPort, _ = strconv.Atoi(words[i+1])
				i++
			}
		case "init-addr":
			if i+1 < len(words) {
				s.initAddr = words[i+1]
				i++
			}
		}
	}
}

// servers parses a backend's server lines with its default-server settings.
func (s *hapSection) servers() []hapServer {
	var dflt hapServer
	if s.defaults != nil {
		for _, ln := range s.defaults.lines {
			if ln.words[0] == "default-server" {
				serverParams(&dflt, ln.words[1:])
			}
		}
	}
	for _, ln := range s.lines {
		if ln.words[0] == "default-server" {
			serverParams(&dflt, ln.words[1:])
		}
	}
	var out []hapServer
	for _, ln := range s.lines {
		words := ln.words
		if words[0] == "server-template" && len(words) >= 4 {
			// server-template <prefix> <num> <fqdn>[:<port>] [params]: num
			// servers whose addresses HAProxy fills from DNS; one entry
			// stands for them (the name is the prefix).
			words = append([]string{"server", words[1]}, words[3:]...)
		}
		if words[0] != "server" || len(words) < 3 {
			continue
		}
		sv := dflt
		sv.template = ln.words[0] == "server-template"
		sv.name, sv.line = words[1], ln.line
		addr := words[2]
		if i := strings.Index(addr, "@"); i >= 0 {
			addr = addr[i+1:]
		}
		hosts, port, ok := splitHostPort(addr)
		if len(hosts) > 0 {
			sv.host = hosts[0]
		}
		sv.port, sv.hasPort = port, ok
		serverParams(&sv, words[3:])
		out = append(out, sv)
	}
	return out
}

func (h *haproxyCfg) section(kind, name string) *hapSection {
	for _, s := range h.sections {
		if s.kind == kind && s.name == name {
			return s
		}
	}
	return nil
}

var goodChecks = map[string]bool{"/": true, "/primary": true, "/master": true, "/leader": true, "/read-write": true}

// checkHAProxyRootOnlyPaths: the official haproxy image runs as the user
// haproxy from 2.4 on (docker-library/haproxy#158), so a global `stats
// socket` under /var/run or /run, directories root owns, cannot be created:
// "Starting frontend GLOBAL: cannot bind UNIX socket (Permission denied)",
// and HAProxy exits; a directory under them (/var/run/haproxy) is not in
// the image at all ("No such file or directory"). Likewise a global
// chroot: chroot(2) needs CAP_SYS_CHROOT, a non-root process has none, and
// HAProxy exits ("Cannot chroot(/var/lib/haproxy)."). Not when the service runs as root, or builds its own
// image (its Dockerfile may switch USER or make the directory).
func (l *linter) checkHAProxyRootOnlyPaths() {
	if l.compose == nil || l.haproxyTemplate {
		return
	}
	h := l.compose.haproxy()
	if h == nil || h.build != nil || !h.hasImage || !h.image.ok {
		return
	}
	if u := strings.TrimSpace(h.user.s); u != "" {
		return // user: root (or any user lint cannot tell is not root)
	}
	repo, tag := imageRef(h.image.s)
	if repo != "haproxy" {
		return
	}
	if major, minor, ok := tagVersion(tag); ok && (major < 2 || (major == 2 && minor < 4)) {
		return // 2.3 and older run as root
	}
	for _, sec := range l.haproxy.sections {
		if sec.kind != "global" {
			continue
		}
		for _, ln := range sec.lines {
			if len(ln.words) >= 2 && ln.words[0] == "chroot" {
				// chroot(2) needs CAP_SYS_CHROOT, which the haproxy user's
				// process has not: haproxy.c alerts and exits.
				l.add(l.haproxyFile, ln.line, fmt.Sprintf("chroot %s: the image %s runs HAProxy as the user haproxy (2.4 and newer), which may not chroot: HAProxy exits at start ([haproxy.main()] Cannot chroot(%s).) and nothing is routed", ln.words[1], h.image.s, ln.words[1]),
					"drop the chroot line (the container is already HAProxy's own file system), or run the service as root (user: root)")
				continue
			}
			if len(ln.words) < 3 || ln.words[0] != "stats" || ln.words[1] != "socket" {
				continue
			}
			p := path.Clean(ln.words[2])
			if strings.HasPrefix(p, "/var/run/") || strings.HasPrefix(p, "/run/") {
				why := fmt.Sprintf("which cannot create a socket in %s (root's): HAProxy exits at start (cannot bind UNIX socket (Permission denied))", path.Dir(p))
				if d := path.Dir(p); d != "/var/run" && d != "/run" {
					// The image makes only /var/lib/haproxy: a directory
					// under /run is not there, and HAProxy makes none.
					why = fmt.Sprintf("but %s does not exist in the image (nor could the haproxy user create it): HAProxy exits at start (cannot bind UNIX socket (No such file or directory))", d)
				}
				l.add(l.haproxyFile, ln.line, fmt.Sprintf("stats socket %s: the image %s runs HAProxy as the user haproxy (2.4 and newer), %s and nothing is routed", ln.words[2], h.image.s, why),
					"put the socket where the haproxy user may write: stats socket /var/lib/haproxy/haproxy.sock (or /tmp/haproxy.sock)")
			}
		}
	}
}

func (l *linter) checkHAProxy() {
	h := l.haproxy
	if h == nil {
		return
	}
	f := l.haproxyFile
	l.checkHAProxySections()
	l.checkHAProxyRootOnlyPaths()
	// Who listens on 5432, and which backends they feed.
	var front []*hapSection
	firstBind, firstProxy := 0, 0
	for _, s := range h.sections {
		if s.kind != "listen" && s.kind != "frontend" {
			continue
		}
		if firstProxy == 0 {
			firstProxy = s.line
		}
		ok, bl := s.bindsPort(5432)
		if ok {
			front = append(front, s)
		} else if firstBind == 0 && bl != 0 && (s.kind == "frontend" || len(s.servers()) > 0) {
			firstBind = bl
		}
	}
	var backends []*hapSection
	addBackend := func(b *hapSection) {
		for _, x := range backends {
			if x == b {
				return
			}
		}
		backends = append(backends, b)
	}
	for _, s := range front {
		if s.kind == "listen" {
			addBackend(s)
		}
		for _, ln := range s.lines {
			if (ln.words[0] == "default_backend" || ln.words[0] == "use_backend") && len(ln.words) > 1 {
				if b := h.section("backend", ln.words[1]); b != nil {
					addBackend(b)
				} else {
					l.add(f, ln.line, fmt.Sprintf("%s %s: there is no backend of that name", ln.words[0], ln.words[1]), "define backend "+ln.words[1]+" or fix the name")
				}
			}
		}
	}
	if len(front) == 0 && l.rules.strict {
		line := firstBind
		if line == 0 {
			line = firstProxy
		}
		l.add(f, line, "HAProxy does not listen on 5432: clients of the exercise connect to the balancer on the PostgreSQL port",
			"bind *:5432 in the listen section that forwards to the PostgreSQL nodes")
	}
	if len(front) == 0 {
		// No 5432 entry point: judge the pools that send to PostgreSQL, not
		// those that proxy Patroni's REST API or other services.
		for _, s := range h.sections {
			if (s.kind == "listen" || s.kind == "backend") && len(s.servers()) > 0 && l.pgPool(s) {
				addBackend(s)
			}
		}
	}
	if len(backends) == 0 && l.compose != nil {
		// A pool that checks Patroni's REST API but whose servers are other
		// services (etcd1:2379): the pool is there, aimed at the wrong hosts.
		for _, s := range h.sections {
			if s.kind != "listen" && s.kind != "backend" {
				continue
			}
			var named []string
			line, patroni := 0, len(s.find("option", "httpchk")) > 0
			for _, sv := range s.servers() {
				t := l.compose.lookupHost(sv.host)
				if t != nil && l.maybeNode(t) {
					// A service on an image lint could not tie to a
					// Dockerfile (a note says so): its pool is not judged.
					return
				}
				if t == nil || t.kind == kindNode {
					named = nil
					break
				}
				patroni = patroni || sv.checkPort == 8008
				if line == 0 {
					line = sv.line
				}
				what := fmt.Sprintf("%s:%d", sv.host, sv.port)
				if !sv.hasPort {
					what = sv.host
				}
				if t.name != sv.host {
					what += " (" + t.name + ")"
				}
				named = append(named, what)
			}
			if len(named) == 0 || !patroni {
				continue
			}
			l.add(f, line, fmt.Sprintf("%s %s checks Patroni's REST API but its servers are %s, which %s not PostgreSQL %s: no check ever passes and no client gets through",
				s.kind, s.name, joinAnd(named), plural(len(named), "is", "are"), plural(len(named), "node", "nodes")),
				fmt.Sprintf("point the servers at the Patroni nodes: server %[1]s %[1]s:5432 check port 8008 and server %[2]s %[2]s:5432 check port 8008", l.nodeNames()[0], l.nodeNames()[1]))
			return
		}
	}
	if len(backends) == 0 {
		// A template whose server lines are generated at start: a lone
		// placeholder (__SERVERS__, {{ servers }}, ${SERVERS}) where they
		// go. What replaces it is out of sight: a note.
		for _, sec := range h.sections {
			if sec.kind != "backend" && sec.kind != "listen" {
				continue
			}
			for _, ln := range sec.lines {
				if hapPlaceholderRe.MatchString(strings.Join(ln.words, " ")) {
					l.note(f, ln.line, fmt.Sprintf("%s %s has no server lines, only the placeholder %s: lint takes the file for a template whose servers are filled in before HAProxy starts, and did not check them", sec.kind, sec.name, strings.Join(ln.words, " ")),
						"check the rendered config with haproxy -c -f")
					return
				}
			}
		}
		line := firstProxy
		l.add(f, line, "no backend with servers: HAProxy has nowhere to send PostgreSQL connections",
			fmt.Sprintf("listen postgres with server %[1]s %[1]s:5432 check port 8008 and server %[2]s %[2]s:5432 check port 8008", l.nodeNames()[0], l.nodeNames()[1]))
		return
	}
	for _, s := range append(append([]*hapSection{}, front...), backends...) {
		if m := s.find("mode"); len(m) > 0 && len(m[0].words) > 1 && m[0].words[1] == "http" {
			l.add(f, m[0].line, "mode http on the PostgreSQL port: HAProxy would parse the PostgreSQL protocol as HTTP and reject it",
				"mode tcp")
		}
	}
	// With no 5432 entry point, a pool checked on a replica endpoint next to
	// one checked on the primary is a deliberate read-only pool.
	primaryPool := false
	for _, b := range backends {
		if uri, ok := b.checkURI(); ok && goodChecks[uri] {
			primaryPool = true
		}
	}
	if len(front) > 0 && !l.rules.strict && !primaryPool {
		// In a close variant 5432 is no promise of the primary: a read pool
		// there next to a primary pool on another port is deliberate.
		for _, s := range h.sections {
			if uri, ok := s.checkURI(); ok && goodChecks[uri] && len(s.servers()) > 0 && l.pgPool(s) {
				primaryPool = true
			}
		}
	}
	for _, b := range backends {
		l.checkHAProxyBackend(b, (len(front) == 0 || !l.rules.strict) && primaryPool)
	}
	l.checkPoolTLS(append(append([]*hapSection{}, front...), backends...))
	l.checkOtherPoolHosts(backends)
}

// checkOtherPoolHosts: a server of a pool not judged above (a replica pool
// on 5433) whose host is no compose service, alias or container name: HAProxy
// resolves every server address at start (init-addr last,libc by default)
// and refuses to start when one fails, whichever pool it is in. Only when
// the whole project is in sight and nothing lets the name resolve later
// (init-addr none, resolvers).
func (l *linter) checkOtherPoolHosts(judged []*hapSection) {
	h := l.haproxy
	if l.compose == nil || l.swarmStack() || l.haproxyTemplate || len(l.others) > 0 || l.externalNetwork() != "" || l.compose.unknownNamed() != nil {
		return
	}
	hs := l.compose.haproxy()
	if hs == nil || hs.networkMode != "" {
		return
	}
	for _, sec := range h.sections {
		if sec.kind == "resolvers" {
			return
		}
		for _, ln := range sec.lines {
			if (ln.words[0] == "server" || ln.words[0] == "default-server") && slices.Contains(ln.words, "resolvers") {
				return
			}
		}
	}
	for _, sec := range h.sections {
		if (sec.kind != "listen" && sec.kind != "backend") || slices.Contains(judged, sec) {
			continue
		}
		for _, sv := range sec.servers() {
			if sv.template || sv.host == "" || strings.ContainsAny(sv.host, "$%") || isLoopback(sv.host) || net.ParseIP(sv.host) != nil || strings.Contains(sv.host, ".") ||
				strings.Contains(sv.initAddr, "none") || l.compose.lookupHost(sv.host) != nil || l.outOfSight(l.haproxyFile, sv.line, sv.host) || l.stackQualified(sv.host) != nil {
				continue
			}
			l.add(l.haproxyFile, sv.line, fmt.Sprintf("server %s names the host %s, which is not a compose service (services: %s): HAProxy resolves every server address at start and exits (could not resolve address '%s'), so no pool gets through", sv.name, sv.host, l.knownHosts(), sv.host),
				fmt.Sprintf("use a PostgreSQL service name, e.g. server %[1]s %[1]s:5432 check port 8008 (or init-addr last,libc,none on default-server)", l.nodeNames()[0]))
		}
	}
}

// checkHAProxySections reports what HAProxy refuses to load: a keyword in a
// section kind that does not take it ("bind" in a backend: 'bind' only
// supported in sections 'frontend', 'listen'; "server" in a frontend), and a
// resolvers name no resolvers section defines.
func (l *linter) checkHAProxySections() {
	h, f := l.haproxy, l.haproxyFile
	resolvers := map[string]bool{}
	for _, s := range h.sections {
		if s.kind == "resolvers" {
			resolvers[s.name] = true
		}
	}
	type missing struct {
		lines []string
		first int
	}
	undefined := map[string]*missing{}
	var order []string
	var strayLines []int
	var strayWord, strayName, straySec string
	for _, s := range h.sections {
		for _, ln := range s.lines {
			kw := ln.words[0]
			switch {
			case kw == "bind" && s.kind == "backend":
				l.add(f, ln.line, fmt.Sprintf("bind in backend %s: HAProxy refuses the config ('bind' is only supported in sections 'frontend' and 'listen')", s.name),
					fmt.Sprintf("make it listen %s (a listen section binds and has servers), or move the bind to a frontend with default_backend %s", s.name, s.name))
			case (kw == "server" || kw == "server-template") && s.kind == "frontend":
				l.add(f, ln.line, fmt.Sprintf("%s in frontend %s: HAProxy refuses the config (servers belong in a backend or listen section)", kw, s.name),
					"move the servers to a backend and point the frontend at it with default_backend")
			}
			if s.kind != "backend" && s.kind != "listen" && s.kind != "defaults" {
				continue
			}
			if kw != "server" && kw != "server-template" && kw != "default-server" {
				continue
			}
			if kw == "server" {
				if bad := strayServerKeyword(ln.words); bad != "" {
					if strayWord == "" {
						strayWord, strayName, straySec = bad, ln.words[1], s.kind+" "+s.name
					}
					strayLines = append(strayLines, ln.line)
				}
			}
			for i, w := range ln.words[:len(ln.words)-1] {
				if w == "resolvers" && !resolvers[ln.words[i+1]] {
					name := ln.words[i+1]
					if undefined[name] == nil {
						undefined[name] = &missing{first: ln.line}
						order = append(order, name)
					}
					undefined[name].lines = append(undefined[name].lines, fmt.Sprint(ln.line))
				}
			}
		}
	}
	if len(strayLines) > 0 {
		bad := strayWord
		l.add(f, strayLines[0], fmt.Sprintf("server %s: %s is not a server keyword (it belongs to option %s): HAProxy refuses the config ('%s' unknown keyword)%s", strayName, bad, bad, bad, alsoLines(strayLines)),
			fmt.Sprintf("drop %s ... from the server lines and put option httpchk GET /primary (or /replica) in the section (%s)", bad, straySec))
	}
	for _, name := range order {
		m := undefined[name]
		l.add(f, m.first, fmt.Sprintf("resolvers %s, but no resolvers section of that name (lines %s): HAProxy refuses the config (unable to find required resolvers '%s')", name, strings.Join(m.lines, ", "), name),
			fmt.Sprintf("add a section: resolvers %s with nameserver dns1 127.0.0.11:53 (Docker's DNS)", name))
	}
}

// checkPoolTLS: PostgreSQL does not speak TLS from the first byte. A libpq
// client asks for it with an SSLRequest inside the PostgreSQL protocol, and
// the server answers that request; only PostgreSQL 17 also accepts a direct
// TLS hello, and then only with ALPN "postgresql". So HAProxy terminating
// TLS on a PostgreSQL pool's bind, or starting TLS to a server's PostgreSQL
// port, breaks every connection. One finding per side, every line listed.
func (l *linter) checkPoolTLS(pools []*hapSection) {
	var binds, servers []int
	seen := map[*hapSection]bool{}
	for _, s := range pools {
		if seen[s] {
			continue
		}
		seen[s] = true
		for _, ln := range s.lines {
			if slices.Contains(ln.words, "alpn") {
				continue // direct TLS negotiated deliberately (PostgreSQL 17)
			}
			switch {
			case ln.words[0] == "bind" && slices.Contains(ln.words, "ssl") && s.kind != "backend":
				binds = append(binds, ln.line)
			case ln.words[0] == "server" && slices.Contains(ln.words[2:], "ssl"):
				servers = append(servers, ln.line)
			}
		}
	}
	f := l.haproxyFile
	if len(binds) > 0 {
		l.add(f, binds[0], "bind ... ssl on a PostgreSQL pool"+alsoLines(binds)+": HAProxy expects a TLS hello, but a PostgreSQL client first sends an SSLRequest in the PostgreSQL protocol, so every connection fails the handshake",
			"drop ssl crt ... from the bind and let PostgreSQL do TLS itself (ssl = on in its parameters; clients use sslmode=require through HAProxy in mode tcp)")
	}
	if len(servers) > 0 {
		l.add(f, servers[0], "server ... ssl to PostgreSQL's port"+alsoLines(servers)+": HAProxy opens with a TLS hello, but PostgreSQL expects a startup packet or an SSLRequest first and drops it, so no connection gets through",
			"drop ssl (and its crt/ca-file/verify) from the server lines: in mode tcp the client's own TLS to PostgreSQL passes through HAProxy (check-ssl alone is for an HTTPS health check)")
	}
}

// alsoLines is " (also lines a, b)" for the lines after the first.
func alsoLines(lines []int) string {
	if len(lines) < 2 {
		return ""
	}
	var ls []string
	for _, n := range lines[1:] {
		ls = append(ls, strconv.Itoa(n))
	}
	return " (also lines " + strings.Join(ls, ", ") + ")"
}

// pgPool reports whether a section's servers include a PostgreSQL port: a
// node service on its PostgreSQL port (or no port), or an address lint
// cannot resolve on 5432.
func (l *linter) pgPool(s *hapSection) bool {
	for _, sv := range s.servers() {
		var t *service
		if l.compose != nil {
			t = l.compose.lookupHost(sv.host)
		}
		switch {
		case t == nil:
			if !sv.hasPort || sv.port == 5432 {
				return true
			}
		case t.kind == kindNode:
			// Anything but the REST API port is a way into the database
			// (PostgreSQL, or a pooler such as pgbouncer next to it).
			rest := 8008
			for _, n := range l.nodes {
				if n.svc == t && n.conf != nil {
					rest, _ = l.nodePorts(n)
				}
			}
			if !sv.hasPort || sv.port != rest {
				return true
			}
		}
	}
	return false
}

// nodeOffers: a port a node serves besides PostgreSQL's, e.g. a pgbouncer
// next to it (6432, or a port its compose ports: or its image EXPOSE).
func (l *linter) nodeOffers(n *nodeConf, port int) bool {
	if port == 6432 {
		return true
	}
	if n == nil || n.svc == nil {
		return false
	}
	for _, p := range n.svc.ports {
		if p.container == port {
			return true
		}
	}
	if d := n.svc.df; d != nil && d.final() != nil {
		for _, in := range d.final().chain() {
			if in.cmd == "EXPOSE" && slices.ContainsFunc(in.words(), func(w string) bool { return strings.TrimSuffix(w, "/tcp") == fmt.Sprint(port) }) {
				return true
			}
		}
	}
	return false
}

// checkURI is the path a backend's HTTP health check amounts to (see roleURI).
func (b *hapSection) checkURI() (uri string, ok bool) {
	uri, ok = b.checkURIRaw()
	if !ok {
		return "", false
	}
	return b.roleURI(uri), true
}

// checkURIRaw is the path a backend's HTTP health check asks for.
func (b *hapSection) checkURIRaw() (uri string, ok bool) {
	chk := b.find("option", "httpchk")
	if len(chk) == 0 {
		return "", false
	}
	uri = "/"
	switch w := chk[0].words[2:]; {
	case len(w) == 1:
		uri = w[0]
	case len(w) >= 2:
		uri = w[1]
	}
	for _, ln := range b.find("http-check", "send") {
		for i := 2; i+1 < len(ln.words); i++ {
			if ln.words[i] == "uri" {
				uri = ln.words[i+1]
			}
		}
	}
	uri, _, _ = strings.Cut(uri, "?")
	return uri, true
}

var (
	writeRoleRe = regexp.MustCompile(`primary|master|leader`)
	readRoleRe  = regexp.MustCompile(`replica|standby`)
	// standbyLeaderRe: the standby leader of a standby cluster is a
	// replica role, though its name holds "leader".
	standbyLeaderRe = regexp.MustCompile(`standby[_-]leader`)
)

// namesWriteRole: the lower-cased pattern names the primary's role
// (primary, master, leader), not just the standby_leader.
func namesWriteRole(pat string) bool {
	return writeRoleRe.MatchString(standbyLeaderRe.ReplaceAllString(pat, ""))
}

// roleURI: /health, /patroni and / answer 200 on every running member, but
// their body carries the member's role ("role": "primary"); an http-check
// expect string/rstring that matches the role there makes the check as
// role-aware as /primary (or /replica). The endpoint it amounts to is
// returned; a plain status check keeps the URI as asked.
func (b *hapSection) roleURI(uri string) string {
	if uri != "/health" && uri != "/patroni" && uri != "/" && !unknownEndpoint(uri) {
		return uri
	}
	write, read := false, false
	for _, ln := range b.find("http-check", "expect") {
		w := ln.words[2:]
		if len(w) < 2 || (w[0] != "string" && w[0] != "rstring") {
			continue // status, !negations: no role in them
		}
		if matchesEveryMember(w[0], w[1:]) {
			continue // "master" is in every body (postmaster_start_time): no role read
		}
		pat := strings.ToLower(strings.Join(w[1:], " "))
		write = write || namesWriteRole(pat)
		read = read || readRoleRe.MatchString(pat)
	}
	switch {
	case write && !read:
		return "/primary"
	case read && !write:
		return "/replica"
	}
	return uri
}

// Patroni's status body (GET on any health endpoint; json.dumps with its
// default separators), as a primary with one streaming replica and as that
// replica report it, in Patroni 3 (role master) and 4 (role primary): every
// running member's body holds "postmaster_start_time", and the primary's
// "replication" list (user replicator) and a replica's "replication_state"
// hold "replica" (docs/rest_api.rst, patroni/api.py).
var (
	statusBodies = map[string][2]string{
		"3": {statusBody("master", true), statusBody("replica", false)},
		"4": {statusBody("primary", true), statusBody("replica", false)},
	}
)

func statusBody(role string, primary bool) string {
	b := `{"state": "running", "postmaster_start_time": "2024-05-16 14:12:30.031673+00:00", "role": "` + role + `", "server_version": 160004, `
	if primary {
		b += `"xlog": {"location": 83886408}, "timeline": 1, "replication": [{"usename": "replicator", "application_name": "member2", "client_addr": "172.18.0.4", "state": "streaming", "sync_state": "async", "sync_priority": 0}], `
	} else {
		b += `"xlog": {"received_location": 83886408, "replayed_location": 83886408, "replayed_timestamp": null, "paused": false}, "timeline": 1, "replication_state": "streaming", `
	}
	return b + `"dcs_last_seen": 1715868750, "database_system_identifier": "7369582049815982107", "patroni": {"version": "4.0.4", "scope": "demo", "name": "member1"}}`
}

// expectMatches: does http-check expect string/rstring PAT match body?
// (ok false: a pattern lint cannot run).
func expectMatches(kind string, pat []string, body string) (match, ok bool) {
	p := strings.Join(pat, " ")
	if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
		p = p[1 : len(p)-1]
	}
	if kind == "string" {
		return strings.Contains(body, p), true
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return false, false
	}
	return re.MatchString(body), true
}

// matchesEveryMember: the pattern matches the status body of the primary
// and of the replica alike (in Patroni 3 or 4), so a check that passes on
// it passes on every running member.
func matchesEveryMember(kind string, pat []string) bool {
	for _, v := range []string{"3", "4"} {
		p, ok1 := expectMatches(kind, pat, statusBodies[v][0])
		r, ok2 := expectMatches(kind, pat, statusBodies[v][1])
		if ok1 && ok2 && p && r {
			return true
		}
	}
	return false
}

// unknownEndpoint: a path that names no role Patroni's REST API knows
// (/role): Patroni answers it 503 with the member's status in the body,
// so only an expect string on that body can make the check pass.
func unknownEndpoint(uri string) bool {
	return !endpointWordRe.MatchString(uri)
}

var endpointWordRe = regexp.MustCompile(`leader|master|primary|read-write|replica|read-only|health|sync|quorum|^/(patroni|cluster|history|config|liveness|readiness|metrics|failsafe)?$`)

// checkMasterString: http-check expect string master reads the role in
// Patroni's status body, which Patroni 4 reports as "primary": on a node
// whose image installs Patroni 4 the check never passes and no server is
// ever UP.
func (l *linter) checkMasterString(b *hapSection) {
	v := 0
	for _, n := range l.nodes {
		nv := l.patroniVersion(n)
		if nv != 0 && nv < 4 {
			return // some node runs Patroni 3, which still says master
		}
		v = max(v, nv)
	}
	if v < 4 {
		return
	}
	for _, ln := range b.find("http-check", "expect") {
		w := ln.words[2:]
		if len(w) < 2 || (w[0] != "string" && w[0] != "rstring") {
			continue
		}
		pat := strings.ToLower(strings.Join(w[1:], " "))
		if !strings.Contains(pat, "master") || strings.Contains(pat, "primary") {
			continue
		}
		if p, ok := expectMatches(w[0], w[1:], statusBodies["4"][0]); !ok || p {
			continue // it matches the primary's body all the same ("postmaster_start_time")
		}
		endpoint := ""
		if uri, ok := b.checkURIRaw(); ok && unknownEndpoint(uri) {
			endpoint = fmt.Sprintf(" (%s is no Patroni endpoint: it answers 503 with the member's status)", uri)
		}
		l.add(l.haproxyFile, ln.line, fmt.Sprintf("http-check expect %s %s never matches: the image installs Patroni 4 (an unpinned pip install), whose REST API reports the role as primary, not master, so no server is ever UP and every connection is refused%s", w[0], strings.Join(w[1:], " "), endpoint),
			"option httpchk GET /primary with http-check expect status 200 (or pin patroni<4)")
	}
}

// readEndpoints answer 200 on replicas.
var readEndpoints = map[string]bool{"/replica": true, "/read-only": true, "/standby-leader": true, "/async": true, "/asynchronous": true, "/sync": true, "/synchronous": true, "/health": true}

func (l *linter) checkHAProxyBackend(b *hapSection, readPoolOK bool) {
	f := l.haproxyFile
	chk := b.find("option", "httpchk")
	httpchk := len(chk) > 0
	if !httpchk && len(b.servers()) < 2 {
		return // one server: no replica to send writes to; nothing to choose between
	}
	if tcp := b.find("option", "tcp-check"); !httpchk && len(tcp) > 0 && slices.ContainsFunc(b.servers(), func(sv hapServer) bool { return sv.checkPort != 0 }) {
		l.add(f, tcp[0].line, "option tcp-check only opens a connection to Patroni's REST API port: it accepts one on the replica too, so HAProxy sends writes to the replica",
			"replace option tcp-check with option httpchk GET /primary and http-check expect status 200")
	} else if !httpchk {
		// Several backends without a role check are one cause: one finding.
		l.gather("nohttpchk", f, b.line, b.kind+" "+b.name, func(items []string) string {
			return fmt.Sprintf("%s %s no option httpchk against Patroni's REST API: HAProxy only sees that port 5432 answers, so it sends writes to the replica too", joinAnd(items), plural(len(items), "has", "have"))
		}, "add option httpchk GET /primary, http-check expect status 200 and check port 8008 on each server")
	} else {
		line := chk[0].line
		for _, ln := range b.find("http-check", "send") {
			if slices.Contains(ln.words, "uri") {
				line = ln.line
			}
		}
		uri, _ := b.checkURI()
		everywhere := false
		for _, ln := range b.find("http-check", "expect") {
			w := ln.words[2:]
			if len(w) < 2 || (w[0] != "string" && w[0] != "rstring") || !matchesEveryMember(w[0], w[1:]) {
				continue
			}
			pat := strings.ToLower(strings.Join(w[1:], " "))
			if !namesWriteRole(pat) || readRoleRe.MatchString(pat) || goodChecks[uri] {
				continue // a read pool, or a role endpoint whose status already decides
			}
			everywhere = true
			raw, _ := b.checkURIRaw()
			l.add(f, ln.line, fmt.Sprintf("http-check expect %s %s matches the status body of every running member (a substring of \"postmaster_start_time\", which each one reports), so the check on %s passes on the replica too and HAProxy sends writes to the replica", w[0], strings.Join(w[1:], " "), raw),
				"option httpchk GET /primary with http-check expect status 200")
		}
		if !everywhere && !goodChecks[uri] && !(readPoolOK && readEndpoints[uri]) {
			why := "it answers 200 on the replica too, so HAProxy sends writes to the replica"
			switch uri {
			case "/replica", "/standby-leader", "/async", "/asynchronous", "/sync", "/synchronous":
				why = "it answers 200 only on replicas, so HAProxy sends every connection to a replica"
			}
			l.add(f, line, fmt.Sprintf("the health check asks Patroni for %s: %s", uri, why), "option httpchk GET /primary")
		}
		l.checkMasterString(b)
		for _, ln := range b.find("http-check", "expect") {
			if len(ln.words) >= 4 && ln.words[2] == "status" && ln.words[3] != "200" {
				l.add(f, ln.line, fmt.Sprintf("http-check expect status %s: Patroni answers 200 on the primary (and 503 elsewhere)", ln.words[3]),
					"http-check expect status 200")
			}
		}
	}
	servers := b.servers()
	covered := map[*service]bool{}
	unresolved := false
	viaPooler := false // a server is a pooler that follows the leader
	for _, sv := range servers {
		var node *nodeConf
		fixHost := sv.host
		switch {
		case isLoopback(sv.host) && sv.hasPort && l.boundElsewhere(b, sv.port):
			// A hop to another listener of this HAProxy (a replica pool
			// falling back to the primary pool): deliberate, and no node.
			continue
		case isLoopback(sv.host):
			unresolved = true
			l.add(f, sv.line, fmt.Sprintf("server %s points at %s: that is HAProxy's own container", sv.name, sv.host),
				fmt.Sprintf("use the service name, e.g. server %[1]s %[1]s:5432 check port 8008", l.nodeNames()[0]))
			continue
		case strings.Contains(sv.host, "$") || (l.haproxyTemplate && l.compose != nil && l.compose.lookupHost(sv.host) == nil):
			// HAProxy fills ${VAR} from its environment (quoted or not).
			unresolved = true
			if v := l.hapVarUnset(sv.host); v != "" {
				l.gather("hap-unset-var", f, sv.line, fmt.Sprintf("%s (%s)", sv.name, sv.host), func(items []string) string {
					return fmt.Sprintf("server %s: the address comes from a variable the HAProxy container is not given (no environment: or env_file: sets it): HAProxy expands it to nothing, so the server is HAProxy's own host, the check fails and no client gets through", joinAnd(items))
				}, "write the node's address, or pass the variable to the HAProxy service (environment: "+v+": ...)")
			}
			continue
		case l.compose != nil && l.compose.haproxy() != nil && l.compose.haproxy().networkMode == "host":
			// On the host's network, servers are other machines.
			unresolved = true
			continue
		case l.compose != nil:
			t := l.compose.lookupHost(sv.host)
			switch {
			case t == nil && l.outOfSight(f, sv.line, sv.host):
				unresolved = true
				continue
			case t == nil && net.ParseIP(sv.host) != nil && l.compose.allFixedIPs() && l.externalNetwork() == "" && !strings.HasSuffix(sv.host, ".1"):
				// (The gateway, .1, is the Docker host, which publishes ports.)
				// Every service has a fixed address, and this is none of
				// them: no container has it, nothing answers there. One
				// cause, one finding naming every such server.
				unresolved = true
				var addrs []string
				for _, ns := range l.compose.ofKind(kindNode) {
					port := ""
					for _, n := range l.nodes {
						if n.svc == ns && n.conf != nil {
							if _, pg := l.nodePorts(n); pg != 0 {
								port = fmt.Sprintf(":%d", pg)
							}
						}
					}
					addrs = append(addrs, fmt.Sprintf("%s %s%s", ns.name, ns.ips[0], port))
				}
				fix := "point the servers at the PostgreSQL nodes, by service name or by their fixed addresses (" + strings.Join(addrs, ", ") + ")"
				l.gather("hap-ip-nowhere", f, sv.line, sv.host, func(items []string) string {
					var ips []string
					for _, it := range items {
						if !slices.Contains(ips, it) {
							ips = append(ips, it)
						}
					}
					return fmt.Sprintf("the servers' %s %s no service's: every service of %s has a fixed ipv4_address (%s), so no container has %s and the checks and connections go nowhere",
						plural(len(ips), "address", "addresses"), joinAnd(ips)+plural(len(ips), " is", " are"), l.composeFile, l.compose.fixedIPList(), plural(len(ips), "it", "them"))
				}, fix)
				continue
			case t == nil && net.ParseIP(sv.host) != nil:
				unresolved = true
				l.add(f, sv.line, fmt.Sprintf("server %s uses the IP %s, which no service has as a fixed address: container addresses change", sv.name, sv.host),
					fmt.Sprintf("use the service name, e.g. server %[1]s %[1]s:5432 check port 8008", l.nodeNames()[0]))
				continue
			case t == nil && l.compose.unknownNamed() != nil:
				unresolved = true
				u := l.compose.unknownNamed()
				l.note(f, sv.line, fmt.Sprintf("server %s names the host %s, which no compose service names, but %s's container_name comes from a variable lint cannot resolve (%s): it may be that name", sv.name, sv.host, u.name, resolve(get2(u.n, "container_name")).Value),
					"check with docker compose config that a service is reachable as "+sv.host+" (or use the service name)")
				continue
			case t == nil && l.stackQualified(sv.host) != nil:
				// stack_service: a swarm stack's service under its full
				// name, which HAProxy in another stack resolves.
				t = l.stackQualified(sv.host)
			case t == nil:
				unresolved = true
				l.add(f, sv.line, fmt.Sprintf("server %s names the host %s, which is not a compose service (services: %s)", sv.name, sv.host, l.knownHosts()),
					fmt.Sprintf("use a PostgreSQL service name, e.g. server %[1]s %[1]s:5432 check port 8008", l.nodeNames()[0]))
				continue
			case t.kind != kindNode && l.poolerFollowsLeader(t):
				// HAProxy -> pooler -> the leader: the pooler's path is the
				// answer's design, not HAProxy's servers.
				viaPooler = true
				continue
			case t.kind != kindNode:
				l.add(f, sv.line, fmt.Sprintf("server %s points at %s, which is not a PostgreSQL node", sv.name, t.name),
					fmt.Sprintf("point the servers at %s and %s", l.nodeNames()[0], l.nodeNames()[1]))
				continue
			}
			if !slices.Contains(t.names, sv.host) {
				if rs, p := l.compose.replicaContainer(sv.host); p != "" && p != l.compose.project {
					l.gatherNote("hap-project\x00"+p+"\x00"+rs.name, f, sv.line, sv.host, func(items []string) string {
						hosts := slices.Compact(slices.Sorted(slices.Values(items)))
						return fmt.Sprintf("the %s %s %s the %s Compose gives the containers of %s in a project called %s: %s only when the project has that name (the directory the answer is cloned into, or -p / COMPOSE_PROJECT_NAME); under another name HAProxy cannot resolve %s and exits",
							plural(len(hosts), "server", "servers"), joinAnd(hosts), plural(len(hosts), "is", "are"), plural(len(hosts), "name", "names"), rs.name, p, plural(len(hosts), "it resolves", "they resolve"), plural(len(hosts), "it", "them"))
					}, fmt.Sprintf("set name: %s at the top of %s, so the container names hold in any directory", p, l.composeFile))
				}
			}
			covered[t] = true
			fixHost = t.name
			for _, n := range l.nodes {
				if n.svc == t {
					node = n
				}
			}
		}
		rest, pg := 8008, 5432
		if node != nil && node.conf != nil {
			rest, pg = l.nodePorts(node)
		} else if tn := l.templateFor(node, fixHost); tn != nil {
			rest, pg = l.nodePorts(tn) // the template's ports: a placeholder is unknown
		} else if l.splitStack() {
			rest, pg = 0, 0 // the node's service is in a compose file lint did not check
		}
		if sv.hasPort && pg != 0 && sv.port != pg && !l.nodeOffers(node, sv.port) {
			l.add(f, sv.line, fmt.Sprintf("server %s sends to port %d but PostgreSQL on %s listens on %d", sv.name, sv.port, fixHost, pg),
				fmt.Sprintf("server %s %s:%d check port %d", sv.name, fixHost, pg, orInt(rest, 8008)))
		}
		switch {
		case !sv.check:
			l.add(f, sv.line, fmt.Sprintf("server %s has no check: HAProxy never asks Patroni who is primary and sends connections (writes) to the replica too", sv.name),
				fmt.Sprintf("server %s %s:%d check port %d", sv.name, fixHost, pg, rest))
		case httpchk && sv.checkPort == 0:
			l.add(f, sv.line, fmt.Sprintf("server %s checks without a port: the HTTP health check goes to PostgreSQL's port and never passes", sv.name),
				fmt.Sprintf("add port %d (Patroni's REST API) after check", rest))
		case httpchk && rest != 0 && sv.checkPort != rest:
			// Every server checking a wrong port is one cause: one finding.
			l.gather(fmt.Sprintf("checkport\x00%d", rest), f, sv.line, fmt.Sprintf("%s\x00%d\x00%s", sv.name, sv.checkPort, fixHost), func(items []string) string {
				var names, hosts []string
				for _, it := range items {
					p := strings.Split(it, "\x00")
					names, hosts = append(names, "server "+p[0]+" checks port "+p[1]), append(hosts, p[2])
				}
				if len(items) == 1 {
					return fmt.Sprintf("%s but Patroni's REST API on %s listens on %d", names[0], hosts[0], rest)
				}
				return fmt.Sprintf("%s but Patroni's REST API on %s listens on %d", joinAnd(names), joinAnd(slices.Compact(hosts)), rest)
			}, fmt.Sprintf("check port %d", rest))
		}
	}
	// Every node must be reachable, or a failover leaves no primary behind
	// HAProxy. With Citus, each group elects its own primary: the pool's
	// failover set is the group(s) of the nodes it already lists.
	groups := map[string]bool{}
	for _, n := range l.nodes {
		if g, ok := citusGroup(n); ok && n.svc != nil && covered[n.svc] {
			groups[g] = true
		}
	}
	// Two Patroni clusters (scopes) in one stack, each with its own pool:
	// a pool's failover set is the cluster(s) of the nodes it lists.
	scopes := map[string]bool{}
	for _, n := range l.nodes {
		if sc, ok := l.nodeScope(n); ok && n.svc != nil && covered[n.svc] {
			scopes[sc] = true
		}
	}
	for _, n := range l.nodes {
		if g, ok := citusGroup(n); ok && len(groups) > 0 && !groups[g] {
			continue
		}
		if sc, ok := l.nodeScope(n); ok && len(scopes) > 0 && !scopes[sc] {
			continue
		}
		if n.svc != nil && !covered[n.svc] && l.compose != nil && !unresolved && !viaPooler && !noFailover(n) && len(b.find("server-template")) == 0 {
			// (server-template fills its slots from DNS: which nodes they
			// reach is decided at run time)
			l.add(f, b.line, fmt.Sprintf("%s %s has no server for %s: after a failover to %s, HAProxy has no primary to send to", b.kind, b.name, n.svc.name, n.svc.name),
				fmt.Sprintf("add server %s %s:5432 check port 8008", n.svc.name, n.svc.name))
		}
	}
	// HAProxy exits when a server name does not resolve at start-up.
	if l.compose != nil && !l.swarmStack() {
		if hs := l.compose.haproxy(); hs != nil {
			// One finding per backend: the same cause for each of its servers.
			var missing, hosts []string
			for _, sv := range servers {
				t := l.compose.lookupHost(sv.host)
				if t == nil || t.kind != kindNode || hs.dependsOn[t.name] || l.compose.startedBefore(hs, t) || net.ParseIP(sv.host) != nil || strings.Contains(sv.initAddr, "none") ||
					hs.restart == "always" || hs.restart == "unless-stopped" || strings.HasPrefix(hs.restart, "on-failure") ||
					slices.Contains(missing, t.name) || l.seen["depends_on\x00"+hs.name+"\x00"+t.name] {
					continue
				}
				missing = append(missing, t.name)
				hosts = append(hosts, "'"+sv.host+"'")
			}
			if len(missing) > 0 {
				for _, m := range missing {
					l.seen["depends_on\x00"+hs.name+"\x00"+m] = true
				}
				var waited []string // the nodes it does wait for
				for _, d := range sortedKeys(hs.dependsOn) {
					if t := l.compose.byName[d]; t != nil && t.kind == kindNode {
						waited = append(waited, t.name)
					}
				}
				what := fmt.Sprintf("%s does not depend on %s", hs.name, joinAnd(missing))
				if len(waited) > 0 {
					what = fmt.Sprintf("%s waits for %s but not for %s, which compose may start after it,", hs.name, joinAnd(waited), joinAnd(missing))
				}
				l.add(l.compose.file, hs.line, fmt.Sprintf("%s and the servers of %s %s have no init-addr none: if HAProxy starts first it exits (could not resolve address %s)", what, b.kind, b.name, strings.Join(hosts, ", ")),
					fmt.Sprintf("add depends_on: [%s] to %s (or init-addr last,libc,none on default-server)", strings.Join(missing, ", "), hs.name))
			}
		}
	}
}

// swarmStack: the compose file is a Docker Swarm stack: the answer deploys
// it with docker stack deploy, or it uses what only Swarm honours (service
// templates such as {{.Task.Slot}}, an overlay network, deploy.placement).
// docker stack deploy ignores depends_on and creates every service at once,
// and a service name resolves to its virtual IP as soon as the service
// exists, whether or not its task runs: Compose's start order does not
// apply (batch 22: linus-swarm, kind 3).
func (l *linter) swarmStack() bool {
	if l.compose == nil {
		return false
	}
	if data, ok := l.read(l.composeFile); ok && swarmTemplateRe.Match(data) {
		return true
	}
	for _, def := range l.compose.networks {
		if d, ok := scalar(get2(def, "driver")); ok && d == "overlay" {
			return true
		}
	}
	for _, s := range l.compose.services {
		if get2(get2(s.n, "deploy"), "placement") != nil {
			return true
		}
	}
	return strings.HasPrefix(l.runWithFile(), "deploys")
}

// boundPorts lists the ports a frontend/listen section binds (ranges of up
// to 100 ports expanded).
func (s *hapSection) boundPorts() []int {
	var addrs []string
	if s.kind == "listen" && len(s.args) > 1 {
		addrs = append(addrs, s.args[1])
	}
	for _, ln := range s.lines {
		if ln.words[0] == "bind" && len(ln.words) > 1 {
			addrs = append(addrs, ln.words[1])
		}
	}
	var out []int
	for _, a := range addrs {
		for _, one := range strings.Split(a, ",") {
			i := strings.LastIndex(one, ":")
			if i < 0 {
				continue
			}
			lo, hi := portRange(one[i+1:])
			for p := lo; p > 0 && p <= hi && p-lo < 100; p++ {
				out = append(out, p)
			}
		}
	}
	return out
}

// nodeNames names two PostgreSQL nodes for a fix text: the answer's own node
// services, else the exercise's (postgres1/postgres2 in the operations test,
// pg-master/pg-slave in the HA lab).
func (l *linter) nodeNames() [2]string {
	var own []string
	if l.compose != nil {
		for _, s := range l.compose.services {
			if s.kind == kindNode {
				own = append(own, s.name)
			}
		}
	}
	if len(own) >= 2 {
		return [2]string{own[0], own[1]}
	}
	if l.rules.exercise == labRules.exercise {
		return [2]string{"pg-master", "pg-slave"}
	}
	return [2]string{"postgres1", "postgres2"}
}

var hapVarRe = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

// hapVarUnset names the variable of a server address that the HAProxy
// container is known not to get ("" when it gets it, or when lint cannot
// tell: a start script fills the file in, an env_file, an image ENV).
func (l *linter) hapVarUnset(host string) string {
	m := hapVarRe.FindStringSubmatch(host)
	if m == nil || l.haproxyTemplate {
		return ""
	}
	name := m[1]
	if strings.Contains(host, ":-") {
		return "" // ${VAR:-default}
	}
	switch {
	case l.compose != nil:
		h := l.compose.haproxy()
		if h == nil || h.envUnknown {
			return ""
		}
		if _, ok := h.env[name]; ok {
			return ""
		}
		if h.df != nil {
			for _, in := range h.df.instrs {
				if strings.Contains(in.text, name) {
					return ""
				}
			}
		}
		return name
	case l.splitStack():
		o := l.otherServiceMounting(l.haproxyFile)
		if o == nil || o.envUnknown || o.env[name] {
			return ""
		}
		if o.dockerfile != "" {
			if data, ok := l.read(o.dockerfile); !ok || strings.Contains(string(data), name) {
				return ""
			}
		}
		return name
	}
	return ""
}

// stackQualified finds the service a swarm stack's full service name
// (STACK_SERVICE, as docker stack deploy names it and its DNS serves it)
// stands for, in a stack file (service templates such as {{.Task.Slot}}).
func (l *linter) stackQualified(host string) *service {
	i := strings.Index(host, "_")
	if i <= 0 || l.compose == nil {
		return nil
	}
	data, ok := l.read(l.composeFile)
	if !ok || !swarmTemplateRe.Match(data) {
		return nil
	}
	return l.compose.lookupHost(host[i+1:])
}

// scriptBranch is the part of a start script that runs for the first
// argument arg: the text of its `case "$1" in` branch labelled arg (up to
// ;;), and the offset of that text in the script; the whole script when it
// has no such branch.
func scriptBranch(text, arg string) (string, int) {
	if arg == "" || !caseDollar1Re.MatchString(text) {
		return text, 0
	}
	re := regexp.MustCompile(`(?m)^\s*(?:[\w|*-]+\|)?` + regexp.QuoteMeta(arg) + `(?:\|[\w|*-]+)?\)`)
	loc := re.FindStringIndex(text)
	if loc == nil {
		return text, 0
	}
	rest := text[loc[1]:]
	if end := strings.Index(rest, ";;"); end >= 0 {
		rest = rest[:end]
	}
	return rest, loc[1]
}

var (
	caseDollar1Re   = regexp.MustCompile(`\bcase\s+"?\$(?:1|\{1\})"?\s+in\b`)
	scriptHAProxyRe = regexp.MustCompile(`(?m)\bhaproxy\b[^\n;&|]*?\s-f\s+(\S+)`)
	etcdctlWaitRe   = regexp.MustCompile(`while\s+!\s+etcdctl\b`)
)

// checkHAProxyStartScript: the haproxy service runs a start script the
// answer holds (Patroni's docker entrypoint in its haproxy/confd mode,
// command: haproxy), and lint reads the branch it takes:
//   - the script runs haproxy -f PATH, but the answer's haproxy.cfg is
//     mounted elsewhere (the official image's /usr/local/etc/haproxy): the
//     mounted file is never read;
//   - the script waits in a loop for `etcdctl` to reach etcd, and the
//     container is given no ETCDCTL_ENDPOINTS (nor ETCDCTL_PEERS), which
//     the script does not set either: etcdctl asks 127.0.0.1:2379, where
//     nothing runs in this container, and the wait never ends (confd never
//     writes HAProxy's config).
func (l *linter) checkHAProxyStartScript() {
	if l.compose == nil {
		return
	}
	h := l.compose.haproxy()
	if h == nil {
		return
	}
	words, _ := l.commandOf(h)
	sc := l.runScript(h, words)
	if sc == nil || sc.file == "" {
		return
	}
	arg := ""
	if len(h.command) > 0 {
		arg = h.command[0].s
	}
	// Comment lines blanked (offsets kept).
	text := regexp.MustCompile(`(?m)^[ \t]*#.*$`).ReplaceAllStringFunc(sc.text, func(c string) string { return strings.Repeat(" ", len(c)) })
	branch, off := scriptBranch(text, arg)
	if arg != "" && off == 0 && caseDollar1Re.MatchString(text) {
		return // a branch lint cannot tell
	}
	// Where the branch's haproxy reads its config.
	var paths []string
	pathAt := 0
	for _, m := range scriptHAProxyRe.FindAllStringSubmatchIndex(branch, -1) {
		p := branch[m[2]:m[3]]
		if strings.Contains(p, "$") {
			paths = nil
			break
		}
		paths = append(paths, path.Clean(p))
		if pathAt == 0 {
			pathAt = off + m[2]
		}
	}
	if len(paths) > 0 {
		for _, m := range h.mounts {
			src, _, ok := l.mountSource(m)
			if !ok || !m.bind || !(strings.HasSuffix(m.target, ".cfg") || m.target == haproxyCfgDir) || path.Base(src) == "" {
				continue
			}
			if !strings.HasSuffix(src, ".cfg") && !l.isDir(src) {
				continue
			}
			read := false
			for _, p := range paths {
				if p == m.target || strings.HasPrefix(p, m.target+"/") || strings.HasPrefix(m.target, p+"/") {
					read = true
				}
			}
			if read {
				continue
			}
			l.add(l.composeFile, m.line, fmt.Sprintf("%s mounts %s at %s, but its start script (%s:%d) runs haproxy -f %s: HAProxy never reads the mounted config", h.name, src, m.target, sc.file, sc.lineIn(pathAt), joinAnd(paths)),
				fmt.Sprintf("mount it at %s, or run the official haproxy image with it (image: haproxy, no command:)", paths[0]))
		}
	}
	// Waiting for etcd with etcdctl's default endpoint.
	if loc := etcdctlWaitRe.FindStringIndex(branch); loc != nil && !h.envUnknown && h.networkMode == "" {
		for _, v := range []string{"ETCDCTL_ENDPOINTS", "ETCDCTL_PEERS"} {
			if h.hasEnv(v) || strings.Contains(text, v+"=") {
				return
			}
		}
		if regexp.MustCompile(`(?m)^\s*(?:exec\s+)?etcd\s`).MatchString(branch) || strings.Contains(branch, "--endpoints") || strings.Contains(branch, "--peers") || strings.Contains(branch, "-C ") {
			return
		}
		l.add(sc.file, sc.lineIn(off+loc[0]), fmt.Sprintf("%s runs this branch of the script (command: %s), which waits for etcdctl to reach etcd, but the service is given no ETCDCTL_ENDPOINTS: etcdctl asks 127.0.0.1:2379, where nothing runs in this container, so it waits forever and HAProxy never gets its config", h.name, arg),
			fmt.Sprintf("give %s environment: ETCDCTL_ENDPOINTS: %s (the etcd members)", h.name, "http://"+strings.ReplaceAll(l.etcdHostsFix(), ",", ",http://")))
	}
}

// serverKeywordArgs is how many arguments a server keyword takes, for the
// keywords a PostgreSQL pool's server lines use.
var serverKeywordArgs = map[string]int{
	"check": 0, "no-check": 0, "backup": 0, "disabled": 0, "enabled": 0, "ssl": 0, "no-ssl": 0, "check-ssl": 0,
	"send-proxy": 0, "send-proxy-v2": 0, "agent-check": 0, "non-stick": 0, "no-backup": 0,
	"port": 1, "addr": 1, "maxconn": 1, "minconn": 1, "maxqueue": 1, "inter": 1, "fastinter": 1, "downinter": 1,
	"rise": 1, "fall": 1, "weight": 1, "on-marked-down": 1, "on-marked-up": 1, "on-error": 1, "init-addr": 1,
	"resolvers": 1, "resolve-prefer": 1, "resolve-opts": 1, "slowstart": 1, "verify": 1, "ca-file": 1, "crt": 1,
	"cookie": 1, "agent-port": 1, "agent-inter": 1, "observe": 1, "error-limit": 1, "id": 1, "sni": 1,
	"check-sni": 1, "source": 1, "track": 1, "pool-max-conn": 1, "pool-purge-delay": 1, "max-reuse": 1,
}

// httpchk-style words that are proxy options, never server keywords.
var proxyOnlyWords = map[string]bool{"httpchk": true, "http-check": true, "option": true, "pgsql-check": true, "tcp-check": true}

// strayServerKeyword: walking a server line's keywords (with their
// arguments) from the start, the first word in keyword position that is a
// proxy option (httpchk GET /master), which HAProxy refuses. An unknown
// keyword stops the walk: its arguments are not known, so nothing after it
// is judged.
func strayServerKeyword(words []string) string {
	for i := 3; i < len(words); i++ {
		w := words[i]
		if proxyOnlyWords[w] {
			return w
		}
		n, ok := serverKeywordArgs[w]
		if !ok {
			return ""
		}
		i += n
	}
	return ""
}

// hapPlaceholderRe: a line of a template that stands for generated lines.
var hapPlaceholderRe = regexp.MustCompile(`^(?:__[A-Z][A-Z0-9_]*__|\{\{[^}]*\}\}|\$\{[A-Za-z_]\w*\}|@[A-Z][A-Z0-9_]*@|%%[A-Z][A-Z0-9_]*%%)$`)

// poolerRe names a connection pooler (an image or a service).
var poolerRe = regexp.MustCompile(`pgbouncer|pgpool|odyssey|pgcat|supavisor`)

// poolerFollowsLeader: s is a connection pooler (by its image or its name)
// that follows the primary: a Patroni callback of a node (on_start,
// on_role_change) runs a command whose text names a pooler or the service
// (pgbouncer_control.sh: it repoints the pooler at the leader), or the
// pooler's environment names every node (a pooler that picks the primary
// among them).
func (l *linter) poolerFollowsLeader(s *service) bool {
	repo, _ := imageRef(s.image.s)
	if !poolerRe.MatchString(strings.ToLower(path.Base(repo))) && !poolerRe.MatchString(strings.ToLower(s.name)) {
		return false
	}
	for _, n := range l.nodes {
		if n.conf == nil || n.conf.root == nil {
			continue
		}
		_, cb := getPath(n.conf.root, "postgresql", "callbacks")
		for _, p := range pairs(cb) {
			v, ok := scalar(p.v)
			if !ok || (p.k.Value != "on_role_change" && p.k.Value != "on_start") {
				continue
			}
			if low := strings.ToLower(v); poolerRe.MatchString(low) || strings.Contains(low, strings.ToLower(s.name)) {
				return true
			}
		}
	}
	if len(l.nodes) < 2 {
		return false
	}
	var env []string
	for _, v := range s.env {
		env = append(env, v.s)
	}
	all := strings.Join(env, " ")
	for _, n := range l.nodes {
		if n.svc == nil || !regexp.MustCompile(`\b`+regexp.QuoteMeta(n.svc.name)+`\b`).MatchString(all) {
			return false
		}
	}
	return true
}

// boundElsewhere: a frontend or listen section of this config other than b
// binds port (HAProxy's own listener, reached on loopback).
func (l *linter) boundElsewhere(b *hapSection, port int) bool {
	if l.haproxy == nil {
		return false
	}
	for _, s := range l.haproxy.sections {
		if s == b || (s.kind != "frontend" && s.kind != "listen") {
			continue
		}
		if ok, _ := s.bindsPort(port); ok {
			return true
		}
	}
	return false
}

// citusGroup is the Citus group of a node (PATRONI_CITUS_GROUP in its
// service's environment, else citus.group of its config); ok is false when
// the node is no Citus node or its group is unknown.
func citusGroup(n *nodeConf) (string, bool) {
	if n.svc != nil {
		if v, set := n.svc.env["PATRONI_CITUS_GROUP"]; set && v.ok && v.s != "" {
			return v.s, true
		}
	}
	if n.conf == nil || n.conf.root == nil {
		return "", false
	}
	_, v := getPath(n.conf.root, "citus", "group")
	g, ok := scalar(v)
	return g, ok && g != ""
}

package lint

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// located is a value with the file and line it came from (a compose
// environment variable can override the YAML).
type located struct {
	s       string
	file    string
	line    int
	set     bool
	env     string // the PATRONI_* variable it came from, if any
	what    string // how to name it in messages: "restapi.listen"
	unknown bool   // set from a variable whose value can't be known here
}

type patroniConf struct {
	file string
	root *yaml.Node
}

func (l *linter) parsePatroni(file string) *patroniConf {
	data, ok := l.read(file)
	if !ok {
		return nil
	}
	root, line, err := parseYAML(data)
	if err != nil {
		l.add(file, line, "invalid YAML: "+err.Error(), "fix the YAML syntax (indent with spaces, never tabs)")
		return nil
	}
	if root == nil {
		l.add(file, 0, "the Patroni config is empty", "write scope, name, restapi, etcd3, bootstrap and postgresql sections")
		return nil
	}
	if root.Kind != yaml.MappingNode {
		l.add(file, root.Line, "the Patroni config is "+kindName(root)+", not a mapping", "write scope, name, restapi, etcd3, bootstrap and postgresql sections")
		return nil
	}
	l.unhashableKeys(file, root)
	duplicateKeys(root, func(first, dup, firstVal, dupVal *yaml.Node) {
		if sameYAML(firstVal, dupVal) {
			return // PyYAML keeps the last, which is the same: nothing is lost
		}
		l.add(file, dup.Line, fmt.Sprintf("duplicate key %s (first at line %d): Patroni only sees the last one", dup.Value, first.Line),
			"merge the two into one")
	})
	return &patroniConf{file: file, root: root}
}

// templateMarkRe matches the placeholders of the templating a start script
// does (sed's %%%X%%%, {{X}}): they stand for values, so YAML sees one.
var templateMarkRe = regexp.MustCompile(`%%%\w+%%%|\{\{[^}\n]*\}\}`)

// parseTemplate reads a config template for its keys; a template that is
// not YAML before it is filled in is left alone (no finding).
func (l *linter) parseTemplate(file string) *patroniConf {
	data, ok := l.read(file)
	if !ok {
		return nil
	}
	return parseTemplateText(file, data, 0)
}

// parseTemplateText parses a template's text whose first line is line
// offset+1 of file; nil when it is not YAML before it is filled in.
func parseTemplateText(file string, data []byte, offset int) *patroniConf {
	root, _, err := parseYAML(templateMarkRe.ReplaceAll(data, []byte("x")))
	if err != nil || !isMap(root) {
		return nil
	}
	if offset > 0 {
		var shift func(n *yaml.Node)
		shift = func(n *yaml.Node) {
			n.Line += offset
			for _, c := range n.Content {
				shift(c)
			}
		}
		shift(root)
	}
	return &patroniConf{file: file, root: root}
}

// val reads a scalar at keys, or the compose environment variable that overrides it.
// placeholderRe finds template placeholders Patroni itself never expands:
// %(NAME)s and ${NAME}.
var placeholderRe = regexp.MustCompile(`%\([A-Za-z_][A-Za-z0-9_]*\)s|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?`)

func (l *linter) val(n *nodeConf, envName string, keys ...string) located {
	envEnv := envName
	what := strings.Join(keys, ".")
	if n.svc != nil && envName != "" {
		if v, ok := n.svc.env[envName]; ok {
			return located{s: v.s, file: l.composeFile, line: v.line, set: v.ok, unknown: !v.ok, env: envName, what: envName}
		}
	}
	// A config no compose service of the main file runs, in a stack split
	// over several files: its service (and the variables it sets) is out
	// of sight, so a key Patroni also reads from the environment is unknown.
	unseen := n.svc == nil && l.splitStack() && envName != ""
	// An env_file lint could not read (missing, git-ignored) may set any
	// PATRONI_* variable: a key absent from the config may come from it.
	unseen = unseen || (n.svc != nil && n.svc.envUnknown && strings.HasPrefix(envName, "PATRONI_"))
	k, v := getPath(n.conf.root, keys...)
	if k == nil {
		return located{file: n.file, what: what, unknown: unseen}
	}
	s, ok := scalar(v)
	if !ok {
		if unhashable(v) {
			// An unquoted {{X}}: PyYAML refuses the whole file (one
			// finding says so); what the value would be is not known.
			return located{file: n.file, line: k.Line, what: what, unknown: true}
		}
		if !isNull(v) {
			l.add(n.file, k.Line, fmt.Sprintf("%s is %s, expected a string", what, kindName(v)), "write it as one value, e.g. host:port")
		}
		return located{file: n.file, line: k.Line, what: what}
	}
	if n.svc != nil && n.svc.envUnknown && envEnv != "" && placeholderRe.MatchString(s) {
		// A placeholder meant to be filled from the environment, and an
		// env_file lint could not read, which may set the variable that
		// overrides this key: the value is not known here.
		return located{s: s, file: n.file, line: resolve(v).Line, unknown: true, what: what}
	}
	return located{s: s, file: n.file, line: resolve(v).Line, set: true, unknown: unseen, what: what}
}

// splitHostPort reads Patroni's "host[,host...]:port" (also [v6]:port and URLs).
func splitHostPort(s string) (hosts []string, port int, hasPort bool) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		s, _, _ = strings.Cut(s, "/")
	}
	hostPart := s
	switch {
	case strings.HasPrefix(s, "[") && strings.Contains(s, "]"):
		end := strings.Index(s, "]")
		hostPart = s[1:end]
		if rest := s[end+1:]; strings.HasPrefix(rest, ":") {
			if p, err := strconv.Atoi(rest[1:]); err == nil {
				port, hasPort = p, true
			}
		}
	case strings.Count(s, ":") == 1:
		i := strings.Index(s, ":")
		if p, err := strconv.Atoi(s[i+1:]); err == nil {
			port, hasPort, hostPart = p, true, s[:i]
		}
	}
	for _, h := range strings.Split(hostPart, ",") {
		hosts = append(hosts, strings.Trim(strings.TrimSpace(h), "[]"))
	}
	return hosts, port, hasPort
}

func (l *linter) knownHosts() string {
	if l.compose == nil {
		return "none (no compose file)"
	}
	return l.compose.serviceNames()
}

// nodeHost is the name the node should advertise.
func (n *nodeConf) host() string {
	if n.svc != nil {
		return n.svc.name
	}
	if n.name != "" {
		return n.name
	}
	return "postgresN"
}

func (l *linter) checkPatroni(n *nodeConf) {
	root := n.conf.root
	f := n.file
	l.checkArchive(n)
	l.checkHookScripts(n)
	l.checkBakedDataDir(n)
	l.checkSSLKeyMount(n)
	l.checkUnexpanded(n)
	l.checkPreloadLibraries(n)
	l.checkBinDir(n)
	l.checkDistroBinDir(n)
	l.checkScramOnMD5(n)
	for _, key := range []string{"scope", "name"} {
		if v := l.val(n, "PATRONI_"+strings.ToUpper(key), key); !v.set && !v.unknown && v.line == 0 {
			fix := map[string]string{
				"scope": "add scope: service (the same in every node's config)",
				"name":  fmt.Sprintf("add name: %s (unique per node)", n.host()),
			}[key]
			if t := l.envTemplateWith("PATRONI_" + strings.ToUpper(key)); t != "" {
				// The answer leaves the value to the user, in a template.
				fix = fmt.Sprintf("set PATRONI_%s in %s (the template %s leaves it for you to fill)", strings.ToUpper(key), strings.TrimSuffix(t, path.Ext(t)), t)
			}
			l.add(f, v.line, fmt.Sprintf("no %s: Patroni requires it", key), fix)
		}
	}

	// REST API and PostgreSQL addresses.
	var foreign []foreignAddr
	for _, sec := range []struct {
		section, envPrefix string
		dflt               int
	}{
		{"restapi", "PATRONI_RESTAPI_", 8008},
		{"postgresql", "PATRONI_POSTGRESQL_", 5432},
	} {
		sk, sv := get(root, sec.section)
		if sk == nil {
			if !n.svc.hasEnv(sec.envPrefix+"LISTEN") && !(n.svc == nil && l.splitStack()) && !n.svc.envFileUnread() {
				l.add(f, 0, fmt.Sprintf("no %s: section", sec.section), fmt.Sprintf("add %s: with listen: 0.0.0.0:%d and connect_address: %s:%d", sec.section, sec.dflt, n.host(), sec.dflt))
				continue
			}
		} else if isNull(sv) && n.svc.hasEnv(sec.envPrefix+"LISTEN") {
			// An empty section the PATRONI_* variables fill in: Patroni
			// merges them in as if the section were absent.
		} else if !isMap(sv) {
			l.add(f, sk.Line, fmt.Sprintf("%s: is %s, not a mapping", sec.section, kindName(sv)), fmt.Sprintf("give %s: listen and connect_address keys", sec.section))
			continue
		}
		secLine := 0
		if sk != nil {
			secLine = sk.Line
		}
		listen := l.val(n, sec.envPrefix+"LISTEN", sec.section, "listen")
		connect := l.val(n, sec.envPrefix+"CONNECT_ADDRESS", sec.section, "connect_address")
		listenPort := 0
		if connect.unknown && connect.env != "" && n.svc != nil {
			// haproxy:${DB_PORT}: the port is unknown, the host is not.
			raw := n.svc.env[connect.env].raw
			if i := strings.LastIndex(raw, ":"); i > 0 && !strings.Contains(raw[:i], "$") {
				c := connect
				c.s = raw
				l.checkAdvertisedHost(n, c, raw[:i], sec.dflt)
			}
		}
		if listen.unknown || connect.unknown {
			continue
		}
		if !listen.set {
			if sec.section == "restapi" {
				l.add(f, secLine, "no restapi.listen: Patroni's REST API (health checks, failover) has nowhere to listen",
					fmt.Sprintf("add listen: 0.0.0.0:%d", sec.dflt))
			}
		} else {
			hosts, port, hasPort := splitHostPort(listen.s)
			if hasPort {
				listenPort = port
			} else if sec.section == "postgresql" {
				listenPort = 5432
			}
			if !slices.ContainsFunc(hosts, func(h string) bool { return !isLoopback(h) }) {
				problem := fmt.Sprintf("%s %s listens on loopback only: ", listen.what, listen.s)
				if sec.section == "restapi" {
					problem += "the other node and HAProxy's health check can't reach this node's REST API"
				} else {
					problem += "the replica and HAProxy can't connect to this PostgreSQL"
				}
				l.add(listen.file, listen.line, problem, fmt.Sprintf("listen: 0.0.0.0:%d", orInt(port, sec.dflt)))
			} else if ip := l.foreignListen(n, hosts); ip != "" {
				foreign = append(foreign, foreignAddr{listen, ip, orInt(port, sec.dflt)})
			}
		}
		if !connect.set && sec.section == "restapi" && listen.set && restListenNamed(listen.s) {
			continue // Patroni advertises restapi.listen itself when it names a host
		}
		if !connect.set {
			l.add(f, secLine, fmt.Sprintf("no %s.connect_address: the other members don't know how to reach this node", sec.section),
				fmt.Sprintf("add connect_address: %s:%d", n.host(), orInt(listenPort, sec.dflt)))
			continue
		}
		if connect.env == "" && strings.Contains(connect.s, "${") {
			// A ${...} Patroni does not expand: checkUnexpanded reports
			// the literal; its host and port are no address to judge
			// (${NAME:-host}:8008 is not a missing port).
			continue
		}
		hosts, port, hasPort := splitHostPort(connect.s)
		if !hasPort {
			l.add(connect.file, connect.line, fmt.Sprintf("%s %s has no port", connect.what, connect.s),
				fmt.Sprintf("connect_address: %s:%d", n.host(), orInt(listenPort, sec.dflt)))
		} else if listenPort != 0 && port != listenPort {
			l.add(connect.file, connect.line, fmt.Sprintf("%s says port %d but %s.listen is on %d: nothing answers there", connect.what, port, sec.section, listenPort),
				fmt.Sprintf("connect_address: %s:%d", n.host(), listenPort))
		}
		if len(hosts) != 1 {
			continue
		}
		l.checkAdvertisedHost(n, connect, hosts[0], orInt(port, orInt(listenPort, sec.dflt)))
	}

	l.reportForeignListen(n, foreign)
	l.checkDCS(n)
	l.checkPgHBA(n)
	l.checkNoHBA(n)
	l.checkSchema(n)
	l.checkTTL(n)

	// data_dir.
	if dd := l.val(n, "PATRONI_POSTGRESQL_DATA_DIR", "postgresql", "data_dir"); dd.set && !strings.HasPrefix(dd.s, "/") && !strings.HasPrefix(dd.s, "$") && !noDataVolume(n) && !l.relDataDirInVolume(n, dd.s) {
		l.add(dd.file, dd.line, fmt.Sprintf("postgresql.data_dir %s is relative: it lands wherever Patroni's working directory is, outside the data volume", dd.s),
			"data_dir: /opt/postgres/data (on the /opt/postgres volume)")
	} else if _, pg := get(root, "postgresql"); isMap(pg) && !dd.set && !dd.unknown {
		l.add(f, keyLine(root, "postgresql"), "no postgresql.data_dir: Patroni requires it", "add data_dir: /opt/postgres/data")
	}

	// Timing: Patroni's own rule.
	_, dcs := getPath(root, "bootstrap", "dcs")
	ttl, okT := intAt(dcs, "ttl")
	lw, okL := intAt(dcs, "loop_wait")
	rt, okR := intAt(dcs, "retry_timeout")
	if okT && okL && okR && lw+2*rt > ttl && ttl >= 20 && lw >= 1 && rt >= 3 {
		// Patroni keeps the rule itself (config.py): it lowers loop_wait,
		// and retry_timeout too when loop_wait 1 is not enough.
		nlw, nrt := ttl-2*rt, rt
		if 1+2*rt > ttl {
			nlw, nrt = 1, (ttl-1)/2
		}
		k, _ := get(dcs, "ttl")
		// It logs the change and the cluster works: a note (batch 32:
		// edwinadvine-erp; judged harmless in every batch before).
		l.note(f, k.Line, fmt.Sprintf("loop_wait + 2*retry_timeout = %d exceeds ttl %d: Patroni overrides them at start (loop_wait %d, retry_timeout %d; Violated the rule \"loop_wait + 2*retry_timeout <= ttl\"), and the cluster works with those", lw+2*rt, ttl, nlw, nrt),
			"nothing breaks; to keep the values you wrote, keep loop_wait + 2*retry_timeout <= ttl (ttl 30, loop_wait 10, retry_timeout 10)")
	}
	// A node that can never be promoted.
	if k, v := getPath(root, "tags", "nofailover"); k != nil {
		if s, _ := scalar(v); (s == "true" || s == "True" || s == "yes" || s == "on") && l.failoverCandidates() < 2 {
			l.add(f, resolve(v).Line, "tags.nofailover is true: this node is never promoted, so failover to it can't happen",
				"nofailover: false")
		}
	}
}

func keyLine(m *yaml.Node, key string) int {
	if k, _ := get(m, key); k != nil {
		return k.Line
	}
	return 0
}

func intAt(m *yaml.Node, key string) (int, bool) {
	s, ok := scalar(get2(m, key))
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil
}

func orInt(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// checkAdvertisedHost checks a connect_address host: not loopback, a compose
// service, and this node's own service.
func (l *linter) checkAdvertisedHost(n *nodeConf, v located, host string, port int) {
	fix := fmt.Sprintf("connect_address: %s:%d", n.host(), port)
	if v.env != "" {
		fix = fmt.Sprintf("%s: %s:%d", v.env, n.host(), port)
	}
	switch {
	case isLoopback(host):
		who := "the other node and HAProxy would connect to themselves"
		if strings.HasPrefix(v.what, "postgresql") || strings.HasPrefix(v.what, "PATRONI_POSTGRESQL") {
			who = "the replica would try to stream from itself instead of the primary"
		}
		l.add(v.file, v.line, fmt.Sprintf("%s %s is loopback: %s", v.what, v.s, who), fix)
	case isWildcard(host):
		l.add(v.file, v.line, fmt.Sprintf("%s %s is a listen address, not an address others can connect to", v.what, v.s), fix)
	case l.compose != nil && strings.Contains(host, "{{"):
		// A swarm template ({{.Task.Name}}): each task gets its own name.
	case l.compose != nil:
		t := l.compose.lookupHost(host)
		switch {
		case t == nil && l.outOfSight(v.file, v.line, host):
		case t == nil && net.ParseIP(host) != nil:
			l.add(v.file, v.line, fmt.Sprintf("%s uses the IP %s, which no service has as a fixed address: container addresses change", v.what, host), fix)
		case t == nil:
			l.add(v.file, v.line, fmt.Sprintf("%s names the host %s, which is not a compose service (services: %s)", v.what, host, l.knownHosts()), fix)
		case n.svc != nil && t != n.svc && v.env == "" && l.sharedConfig(n) != nil:
			// The file is another service's config too: the shared
			// mount is the one finding (writing this node's name into
			// the file would break the other).
		case n.svc != nil && t != n.svc:
			l.add(v.file, v.line, fmt.Sprintf("%s points at %s, but this config belongs to %s: the cluster would reach %s instead of this node", v.what, t.name, n.svc.name, t.name), fix)
		}
	}
}

var dcsSections = []string{"etcd", "etcd3", "consul", "zookeeper", "exhibitor", "kubernetes", "raft"}

func (l *linter) checkDCS(n *nodeConf) {
	root := n.conf.root
	f := n.file
	var present []string
	for _, s := range dcsSections {
		if k, _ := get(root, s); k != nil {
			present = append(present, s)
		}
	}
	if l.rules.dcs == "zookeeper" {
		l.checkZooKeeperDCS(n, present)
		return
	}
	if l.rules.dcs != "etcd" {
		l.checkOtherDCS(n)
		return
	}
	hostsFix := l.etcdHostsFix()
	if len(present) == 0 {
		if n.svc != nil {
			// Patroni builds a DCS section from PATRONI_<DCS>_HOST(S),
			// _URL, _PROXY or _SRV (config.py, _set_section_values from
			// the environment): etcd3's first, then etcd's (v2).
			for _, e := range []string{"PATRONI_ETCD3_HOSTS", "PATRONI_ETCD3_HOST", "PATRONI_ETCD3_URL", "PATRONI_ETCD3_PROXY", "PATRONI_ETCD3_SRV",
				"PATRONI_ETCD_HOSTS", "PATRONI_ETCD_HOST", "PATRONI_ETCD_URL", "PATRONI_ETCD_PROXY", "PATRONI_ETCD_SRV"} {
				if v, ok := n.svc.env[e]; ok {
					if !v.ok || strings.HasSuffix(e, "_SRV") {
						return // set at start, or a DNS SRV domain: a DCS lint cannot follow
					}
					// host:port,host:port — one item per host, as Patroni reads it.
					var items []located
					for _, h := range splitHostList(v.s) {
						items = append(items, located{s: h, file: l.composeFile, line: v.line, set: true, env: e, what: e})
					}
					sec := "etcd3"
					if strings.HasPrefix(e, "PATRONI_ETCD_") {
						sec = "etcd"
					}
					l.checkDCSHosts(n, sec, items)
					return
				}
			}
		}
		if n.svc.envFileUnread() {
			return // PATRONI_ETCD3_HOSTS or the like may come from the env_file
		}
		l.add(f, 0, "no DCS section: Patroni has nowhere to keep the leader key",
			"add etcd3: with hosts: "+hostsFix)
		return
	}
	if !slices.Contains(present, "etcd") && !slices.Contains(present, "etcd3") {
		l.add(f, keyLine(root, present[0]), fmt.Sprintf("the DCS is %s but the compose file runs etcd", present[0]),
			"use etcd3: with hosts: "+hostsFix)
		return
	}
	for _, sec := range present {
		if sec != "etcd" && sec != "etcd3" {
			l.add(f, keyLine(root, sec), fmt.Sprintf("a second DCS section %s: next to etcd: Patroni uses only one of them", sec), "keep only etcd3:")
		}
	}
	if slices.Contains(present, "etcd") && slices.Contains(present, "etcd3") {
		l.add(f, keyLine(root, "etcd"), "both etcd: and etcd3: are present: Patroni picks etcd: (the v2 API) first",
			"delete the etcd: section and keep etcd3: with hosts: "+hostsFix)
	}
	for _, sec := range []string{"etcd", "etcd3"} {
		k, v := get(root, sec)
		if k == nil {
			continue
		}
		var items []located
		// PATRONI_ETCD3_HOSTS (and the like) replaces the file's hosts.
		env, envHosts := l.dcsEnv(n, sec)
		if envHosts {
			if env.unknown {
				continue
			}
			for _, part := range splitHostList(env.s) {
				env := env
				env.s = part
				items = append(items, env)
			}
		}
		if !isNull(v) && !isMap(v) && !envHosts {
			l.add(f, k.Line, fmt.Sprintf("%s: is %s, not a mapping", sec, kindName(v)), fmt.Sprintf("write %s:\\n  hosts: %s", sec, hostsFix))
			continue
		}
		listInHost := false // host: a,b,c, said once, at the key
		for _, key := range []string{"host", "hosts", "url", "urls"} {
			hk, hv := get(v, key)
			if hk == nil || (key == "hosts" && envHosts) || unhashable(hv) {
				// (the variable replaces the file's hosts; an unquoted
				// {{X}} is said once, as the file that does not load)
				continue
			}
			what := sec + "." + key
			if s, ok := scalar(hv); ok {
				if key == "host" && strings.Contains(s, ",") && !strings.Contains(s, "$") && !envHosts && !getKey(v, "hosts") && !getKey(v, "url") && !getKey(v, "urls") && !getKey(v, "proxy") && !getKey(v, "srv") {
					// One host:port expected: Patroni's split_host_port
					// cuts at the last colon, so the whole list but its last
					// port is one host name (batch 35: es-rocio-mendizabal).
					h, p := s, "2379"
					if i := strings.LastIndex(s, ":"); i > 0 {
						h, p = s[:i], s[i+1:]
					}
					l.add(f, resolve(hv).Line, fmt.Sprintf("%s takes one host:port, but it holds a comma-separated list: Patroni splits it at the last colon and tries the single host %s (port %s), which does not resolve, so Patroni never reaches etcd", what, h, p),
						"hosts: "+s+" (hosts takes the list; host takes one host:port)")
					listInHost = true
					continue
				}
				if key == "host" || key == "url" {
					items = append(items, located{s: s, file: f, line: resolve(hv).Line, set: true, what: what})
				} else {
					for _, part := range strings.Split(s, ",") {
						if part = strings.TrimSpace(part); part != "" {
							items = append(items, located{s: part, file: f, line: resolve(hv).Line, set: true, what: what})
						}
					}
				}
			} else if isSeq(hv) {
				for _, it := range resolve(hv).Content {
					if s, ok := scalar(it); ok {
						items = append(items, located{s: s, file: f, line: resolve(it).Line, set: true, what: what})
					}
				}
			} else if !isNull(hv) {
				l.add(f, hk.Line, fmt.Sprintf("%s is %s", what, kindName(hv)), "hosts: "+hostsFix)
			}
		}
		hostUnknown := false // PATRONI_<DCS>_HOST set from a value lint can't know
		if len(items) == 0 {
			if env, ok := l.dcsEnvHost(n, sec); ok {
				hostUnknown = env.unknown
				for _, part := range splitHostList(env.s) {
					env := env
					env.s = part
					items = append(items, env)
				}
			}
		}
		if sec == "etcd" {
			where := "http://127.0.0.1:2379"
			if len(items) > 0 {
				h, p, hasPort := splitHostPort(items[0].s)
				if len(h) > 0 && hasPort {
					where = fmt.Sprintf("http://%s:%d", h[0], p)
				}
			}
			serves, why := l.etcdV2()
			switch {
			case !serves && why == "":
				l.note(f, k.Line, "etcd: uses the v2 API, which etcd serves up to 3.3, from 3.4 only with --enable-v2, and not at all from 3.6: lint could not tell which etcd version this stack runs (built by a Dockerfile it cannot date, or run from another compose file or machine)",
					"check etcd --version in the etcd container, or use etcd3: with hosts "+hostsFix)
			case !serves:
				l.add(f, k.Line, fmt.Sprintf("etcd: uses the v2 API, which %s: Patroni fails with Failed to get list of machines from %s/v2", why, where),
					"rename the section to etcd3: with hosts "+hostsFix)
			case l.rules.exercise == opsRules.exercise:
				l.add(f, k.Line, fmt.Sprintf("etcd: uses the v2 API (Failed to get list of machines from %s/v2 once etcd drops it): %s, and etcd 3.6 has no v2 API at all; the operations test asks for etcd3:", where, why),
					"rename the section to etcd3: with hosts "+hostsFix)
			}
		}
		if hostUnknown || (len(items) == 0 && n.svc != nil && n.svc.envUnknown) {
			continue // PATRONI_ETCD3_HOSTS may come from the env_file lint could not read
		}
		if len(items) == 0 && (listInHost || lostIndent(root, sec)) {
			continue // checkSchema: the hosts below lost their indentation
		}
		if len(items) == 0 {
			l.add(f, k.Line, fmt.Sprintf("%s: names no etcd host: Patroni falls back to localhost:2379, which is not etcd in this container", sec),
				"hosts: "+hostsFix)
			continue
		}
		l.checkDCSHosts(n, sec, items)
	}
}

// dcsEnv is the compose variable that replaces a DCS section's hosts:
// (PATRONI_ETCD3_HOSTS, PATRONI_ETCD_HOSTS), as Patroni reads it.
func (l *linter) dcsEnv(n *nodeConf, sec string) (located, bool) {
	if n.svc == nil {
		return located{}, false
	}
	e := "PATRONI_" + strings.ToUpper(sec) + "_HOSTS"
	if v, ok := n.svc.env[e]; ok {
		return located{s: v.s, file: l.composeFile, line: v.line, set: v.ok, unknown: !v.ok, env: e, what: e}, true
	}
	return located{}, false
}

// dcsEnvHost is PATRONI_<DCS>_HOST or _URL: Patroni reads them as the
// section's host and url, which serve when the file names no hosts.
func (l *linter) dcsEnvHost(n *nodeConf, sec string) (located, bool) {
	if n.svc == nil {
		return located{}, false
	}
	for _, suffix := range []string{"_HOST", "_URL"} {
		e := "PATRONI_" + strings.ToUpper(sec) + suffix
		if v, ok := n.svc.env[e]; ok {
			return located{s: v.s, file: l.composeFile, line: v.line, set: v.ok, unknown: !v.ok, env: e, what: e}, true
		}
	}
	return located{}, false
}

// splitHostList splits Patroni's host list: "a:1,b:2" or a YAML/JSON list
// ["a:1","b:2"] (Patroni parses list-valued variables as YAML).
func splitHostList(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.Trim(strings.TrimSpace(part), `"'`); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func (l *linter) checkDCSHosts(n *nodeConf, sec string, items []located) {
	hostsFix := l.etcdHostsFix()
	fixKey := "hosts: "
	bad := map[string]*portMismatch{}
	var order []string
	type unknownHosts struct {
		it    located
		hosts []string
	}
	var unknown, ext []*unknownHosts
	defer func() {
		for _, u := range ext {
			l.note(u.it.file, u.it.line, fmt.Sprintf("%s names %s, which no service of %s runs, and %s joins the external network %s: lint takes the DCS for another stack's and did not check it", u.it.what, strings.Join(u.hosts, ", "), l.composeFile, n.svc.name, l.externalNetwork()),
				"nothing to change for lint; check that stack's DCS with its own files")
		}
		for _, u := range unknown {
			what := "the host " + u.hosts[0] + ", which is not a compose service"
			if len(u.hosts) > 1 {
				what = "the hosts " + strings.Join(u.hosts, ", ") + ", which are not compose services"
			}
			l.add(u.it.file, u.it.line, fmt.Sprintf("%s names %s (services: %s)", u.it.what, what, l.knownHosts()), fixKey+hostsFix)
		}
	}()
	for _, it := range items {
		if it.env != "" {
			fixKey = it.env + ": "
		}
		if l.schemeInHost(it) {
			continue
		}
		hosts, port, hasPort := splitHostPort(it.s)
		if len(hosts) == 0 {
			continue
		}
		host := hosts[0]
		if !hasPort {
			port = 2379
		}
		if isLoopback(host) {
			l.add(it.file, it.line, fmt.Sprintf("%s %s is loopback: etcd runs in its own containers, not in %s", it.what, it.s, n.host()),
				fixKey+hostsFix)
			continue
		}
		if l.compose == nil || (n.svc != nil && n.svc.networkMode == "host") || strings.Contains(host, "$") {
			continue // one node per machine: its DCS is reached on the host's network
		}
		t := l.compose.lookupHost(host)
		switch {
		case t == nil && l.outOfSight(it.file, it.line, host):
			continue
		case t == nil && n.svc != nil && l.dcsInExternalStack(n.svc):
			// No etcd here and the node joins an external network: the
			// DCS runs in another stack, out of lint's sight.
			if len(ext) > 0 && ext[len(ext)-1].it.line == it.line && ext[len(ext)-1].it.file == it.file {
				ext[len(ext)-1].hosts = append(ext[len(ext)-1].hosts, host)
			} else {
				ext = append(ext, &unknownHosts{it: it, hosts: []string{host}})
			}
			continue
		case t == nil:
			if len(unknown) > 0 && unknown[len(unknown)-1].it.line == it.line && unknown[len(unknown)-1].it.file == it.file {
				unknown[len(unknown)-1].hosts = append(unknown[len(unknown)-1].hosts, host)
			} else {
				unknown = append(unknown, &unknownHosts{it: it, hosts: []string{host}})
			}
			continue
		case t.kind != kindEtcd:
			l.add(it.file, it.line, fmt.Sprintf("%s names %s, which is not an etcd service", it.what, host), fixKey+hostsFix)
			continue
		}
		e := etcdOf(t)
		ports := e.clientPorts()
		if len(ports) > 0 && !slices.Contains(ports, port) {
			key := fmt.Sprintf("%s:%d:%d:%d", it.file, it.line, port, ports[0])
			if bad[key] == nil {
				why := ""
				if port == e.peerPort() {
					why = fmt.Sprintf(" (%d is the peer port)", port)
				}
				bad[key] = &portMismatch{it: it, port: port, want: ports[0], why: why}
				order = append(order, key)
			}
			bad[key].names = append(bad[key].names, t.name)
		}
	}
	// One finding per line, however many hosts it lists.
	for _, key := range order {
		b := bad[key]
		verb := "serves"
		if len(b.names) > 1 {
			verb = "serve"
		}
		l.add(b.it.file, b.it.line, fmt.Sprintf("%s uses port %d but %s %s clients on %d%s", b.it.what, b.port, strings.Join(b.names, ", "), verb, b.want, b.why),
			fixKey+hostsFix)
	}
}

type portMismatch struct {
	it         located
	port, want int
	why        string
	names      []string
}

// hbaLine is one parsed pg_hba entry.
type hbaLine struct {
	raw                       string
	line                      int
	typ, db, user, addr, meth string
}

func parseHBA(raw string, line int) (hbaLine, bool) {
	f := strings.Fields(raw)
	h := hbaLine{raw: raw, line: line}
	if len(f) == 0 {
		return h, false
	}
	h.typ = f[0]
	if h.typ == "local" {
		if len(f) < 4 {
			return h, false
		}
		h.db, h.user, h.meth = f[1], f[2], f[3]
		return h, true
	}
	if !strings.HasPrefix(h.typ, "host") || len(f) < 5 {
		return h, false
	}
	h.db, h.user, h.addr = f[1], f[2], f[3]
	rest := f[4:]
	if !strings.Contains(h.addr, "/") && net.ParseIP(h.addr) != nil && len(rest) > 1 && net.ParseIP(rest[0]) != nil {
		h.addr += "/" + rest[0] // address + separate netmask
		rest = rest[1:]
	}
	h.meth = rest[0]
	return h, true
}

func hbaLoopback(addr string) bool {
	a, _, _ := strings.Cut(addr, "/")
	return isLoopback(a)
}

// hbaAddress is the pg_hba address that lets the other node in, and a note on it.
func (l *linter) hbaAddress() (addr, note string) {
	if l.compose != nil {
		for _, name := range sortedKeys(l.compose.networks) {
			cfg := get2(get2(l.compose.networks[name], "ipam"), "config")
			if isSeq(cfg) {
				for _, it := range resolve(cfg).Content {
					if s, ok := scalar(get2(it, "subnet")); ok {
						return s, "the compose network's subnet; samenet works too"
					}
				}
			}
		}
	}
	return "samenet", "samenet: any address of this container's networks, i.e. the compose network"
}

// literalHBA: every pg_hba line of a template is plain text, with no
// placeholder (${X}, $X, {{X}} read as x, __X__, %X%) a start script fills
// in: PostgreSQL gets those lines as written.
func literalHBA(n *nodeConf) bool {
	found := false
	for _, keys := range [][]string{{"postgresql", "pg_hba"}, {"bootstrap", "pg_hba"}, {"bootstrap", "dcs", "postgresql", "pg_hba"}} {
		_, v := getPath(n.conf.root, keys...)
		if v == nil {
			continue
		}
		if !isSeq(v) {
			return false
		}
		for _, it := range resolve(v).Content {
			s, ok := scalar(it)
			if !ok || strings.ContainsAny(s, "$%{") || strings.Contains(s, "__") || slices.Contains(strings.Fields(s), "x") {
				return false
			}
			found = true
		}
	}
	return found
}

func (l *linter) checkPgHBA(n *nodeConf) {
	root := n.conf.root
	f := n.file
	replUser := "replicator"
	if u := l.val(n, "PATRONI_REPLICATION_USERNAME", "postgresql", "authentication", "replication", "username"); u.set {
		replUser = u.s
	} else if u.unknown {
		replUser = "" // set where lint can't see
	}
	lists := []struct {
		keys []string
	}{
		{[]string{"postgresql", "pg_hba"}},
		{[]string{"bootstrap", "pg_hba"}},
		{[]string{"bootstrap", "dcs", "postgresql", "pg_hba"}},
	}
	hbaAddr, hbaNote := l.hbaAddress()
	effective := true // the first list present is the one PostgreSQL ends up with
	for _, li := range lists {
		k, v := getPath(root, li.keys...)
		if k == nil {
			continue
		}
		what := strings.Join(li.keys, ".")
		if !isSeq(v) {
			if !isNull(v) {
				l.add(f, k.Line, fmt.Sprintf("%s is %s, not a list of pg_hba lines", what, kindName(v)), "write it as a list: - host replication "+replUser+" samenet md5")
			}
			continue
		}
		var entries []hbaLine
		for _, it := range resolve(v).Content {
			s, ok := scalar(it)
			if !ok {
				l.add(f, resolve(it).Line, fmt.Sprintf("a %s entry is %s, not a pg_hba line", what, kindName(it)), "write each entry as one string: host DATABASE USER ADDRESS METHOD")
				continue
			}
			h, ok := parseHBA(s, resolve(it).Line)
			if !ok {
				l.add(f, h.line, fmt.Sprintf("%q is not a pg_hba line (TYPE DATABASE USER [ADDRESS] METHOD)", s), "e.g. host replication "+replUser+" samenet md5")
				continue
			}
			entries = append(entries, h)
		}
		remoteRepl, zeroRepl := false, false
		var loopRepl []hbaLine
		var replUsers []string
		for _, h := range entries {
			if h.typ == "local" {
				continue
			}
			isRepl := slices.Contains(strings.Split(h.db, ","), "replication")
			anyAddr := h.addr == "0.0.0.0/0" || h.addr == "::/0" || h.addr == "all" || h.addr == "0.0.0.0/0.0.0.0"
			if anyAddr && h.meth == "trust" {
				// One cause however many lines open it (one per
				// database, one per user): said once for the file.
				addr := h.addr
				l.gather("hba-trust "+addr, f, h.line, fmt.Sprintf("%q", h.raw), func(items []string) string {
					return fmt.Sprintf("pg_hba %s lets anyone connect without a password (trust from %s)", strings.Join(items, ", "), addr)
				}, fmt.Sprintf("use md5 or scram-sha-256 and a narrower address: %s %s %s %s md5", h.typ, h.db, h.user, hbaAddr))
			}
			if hbaHostOnlyZero(h.addr) && h.meth != "reject" {
				l.add(f, h.line, fmt.Sprintf("pg_hba %q matches only the address 0.0.0.0 (the /32 mask): no client has it, so this line lets no one in", h.raw),
					fmt.Sprintf("%s %s %s 0.0.0.0/0 %s (or the stack's network)", h.typ, h.db, h.user, h.meth))
				zeroRepl = zeroRepl || isRepl
				continue
			}
			if !isRepl || h.meth == "reject" {
				continue
			}
			replUsers = append(replUsers, strings.Split(h.user, ",")...)
			if hbaLoopback(h.addr) {
				loopRepl = append(loopRepl, h)
			} else {
				remoteRepl = true
			}
		}
		if effective && remoteRepl && l.swarmDefaultNets() {
			l.checkSwarmHBA(f, entries)
		} else if effective && remoteRepl {
			l.checkDocker0HBA(n, f, entries)
			l.checkSubnetHBA(n, f, entries)
		}
		if !remoteRepl {
			for _, h := range loopRepl {
				l.add(f, h.line, fmt.Sprintf("pg_hba %q allows replication from %s only: the other node can't replicate from this one", h.raw, h.addr),
					fmt.Sprintf("%s %s %s %s %s (%s)", h.typ, h.db, h.user, hbaAddr, h.meth, hbaNote))
			}
			if len(loopRepl) == 0 && effective && len(entries) > 0 && !zeroRepl {
				l.add(f, k.Line, fmt.Sprintf("%s has no host replication line: the other node can't replicate from this one", what),
					fmt.Sprintf("add - host replication %s %s md5 (%s)", replUser, hbaAddr, hbaNote))
			}
		}
		if len(replUsers) > 0 && replUser != "" && !slices.ContainsFunc(replUsers, func(u string) bool {
			return u == replUser || u == "all" || strings.HasPrefix(u, "+") || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "@")
		}) {
			l.add(f, k.Line, fmt.Sprintf("%s allows replication for %s, but the replication user is %s", what, strings.Join(replUsers, ","), replUser),
				fmt.Sprintf("use the user %s in the replication line", replUser))
		}
		effective = false
	}
}

// swarmDefaultNets: a swarm stack (service templates such as
// {{.Task.Slot}}) whose networks set no subnet, so Docker gives them /24s of
// its default overlay pool, 10.0.0.0/8.
func (l *linter) swarmDefaultNets() bool {
	if l.compose == nil {
		return false
	}
	data, ok := l.read(l.composeFile)
	if !ok || !swarmTemplateRe.Match(data) {
		return false
	}
	for _, def := range l.compose.networks {
		if get2(get2(def, "ipam"), "config") != nil {
			return false
		}
	}
	return true
}

// remoteReplication: the pg_hba host lines that let replication in from
// somewhere other than loopback (local and reject lines left out).
func remoteReplication(entries []hbaLine) []hbaLine {
	var out []hbaLine
	for _, h := range entries {
		if h.typ != "local" && h.meth != "reject" && slices.Contains(strings.Split(h.db, ","), "replication") && !hbaLoopback(h.addr) {
			out = append(out, h)
		}
	}
	return out
}

func hbaAddrs(lines []hbaLine) []string {
	var out []string
	for _, h := range lines {
		out = append(out, h.addr)
	}
	return out
}

// checkSwarmHBA: replication allowed only from addresses outside 10.0.0.0/8
// in a stack on swarm's default overlay pool refuses every replica.
func (l *linter) checkSwarmHBA(f string, entries []hbaLine) {
	_, pool, _ := net.ParseCIDR("10.0.0.0/8")
	lines := remoteReplication(entries)
	for _, h := range lines {
		_, nw, err := net.ParseCIDR(h.addr)
		if err != nil || nw.Contains(pool.IP) || pool.Contains(nw.IP) {
			return // a name (samenet, all, a host) or a range that covers the pool
		}
	}
	if len(lines) == 0 {
		return
	}
	l.add(f, lines[0].line, fmt.Sprintf("pg_hba allows replication from %s only, but this swarm stack's networks take their subnets from Docker's default overlay pool, 10.0.0.0/8: every replica's replication connection is refused", strings.Join(hbaAddrs(lines), ", ")),
		fmt.Sprintf("%s %s %s samenet %s (or 10.0.0.0/8, or give the network an ipam subnet)", lines[0].typ, lines[0].db, lines[0].user, lines[0].meth))
}

// checkDocker0HBA: replication allowed only from inside 172.17.0.0/16, the
// default bridge's (docker0) subnet, on nodes attached only to compose
// networks without an ipam subnet: Docker allocates those from its default
// pools other than the one docker0 holds (172.18.0.0/16 and up, then
// 192.168.x), so the replica's address matches no line: no pg_hba.conf
// entry for replication connection (batch 35: ru-zlata). An external
// network, a driver other than bridge, network_mode: or any ipam subnet:
// nothing said (the subnet is not Docker's default choice).
func (l *linter) checkDocker0HBA(n *nodeConf, f string, entries []hbaLine) {
	if l.compose == nil || n.svc == nil || n.svc.networkMode != "" || len(n.svc.networks) == 0 {
		return
	}
	var nets []string
	for _, name := range sortedKeys(n.svc.networks) {
		def := l.compose.networks[name]
		if get2(def, "external") != nil || get2(get2(def, "ipam"), "config") != nil || get2(def, "name") != nil {
			return
		}
		if d, ok := scalar(get2(def, "driver")); ok && d != "" && d != "bridge" {
			return
		}
		nets = append(nets, name)
	}
	_, docker0, _ := net.ParseCIDR("172.17.0.0/16")
	lines := remoteReplication(entries)
	for _, h := range lines {
		ip, nw, err := net.ParseCIDR(h.addr)
		if err != nil || !docker0.Contains(ip) {
			return // a name (samenet, all, a host) or a range reaching outside docker0's
		}
		if ones, _ := nw.Mask.Size(); ones < 16 {
			return
		}
	}
	if len(lines) == 0 {
		return
	}
	l.add(f, lines[0].line, fmt.Sprintf("pg_hba allows replication from %s only, the subnet of Docker's default bridge (docker0), but the nodes are on the compose network %s, which Docker gives a subnet from its other default pools (172.18.0.0/16 and up), never docker0's: the replica's connection matches no line (no pg_hba.conf entry for replication connection)", strings.Join(hbaAddrs(lines), ", "), joinAnd(nets)),
		fmt.Sprintf("%s %s %s samenet %s (or give the network an ipam subnet and allow that)", lines[0].typ, lines[0].db, lines[0].user, lines[0].meth))
}

// checkSubnetHBA: the nodes' compose networks give their subnets
// (ipam: config: - subnet:), and every line that allows replication from
// another machine names an address range that shares no address with any
// of them: the replica's connection, from an address of those subnets,
// matches no line (no pg_hba.conf entry for replication connection).
func (l *linter) checkSubnetHBA(n *nodeConf, f string, entries []hbaLine) {
	if l.compose == nil || n.svc == nil || n.svc.networkMode != "" || len(n.svc.networks) == 0 {
		return
	}
	var subnets []*net.IPNet
	var shown []string
	for _, name := range sortedKeys(n.svc.networks) {
		def := l.compose.networks[name]
		if get2(def, "external") != nil {
			return
		}
		cfg := get2(get2(def, "ipam"), "config")
		if !isSeq(cfg) {
			return // a subnet Docker chooses (checkDocker0HBA)
		}
		for _, c := range resolve(cfg).Content {
			sv, ok := l.compose.str(get2(c, "subnet"))
			if !ok {
				return
			}
			_, sn, err := net.ParseCIDR(strings.TrimSpace(sv.s))
			if err != nil {
				return
			}
			subnets = append(subnets, sn)
			shown = append(shown, name+" ("+sn.String()+")")
		}
	}
	lines := remoteReplication(entries)
	if len(lines) == 0 || len(subnets) == 0 {
		return
	}
	for _, h := range lines {
		_, nw, err := net.ParseCIDR(h.addr)
		if err != nil {
			return // a name (samenet, all, a host name) or an address lint does not judge
		}
		for _, sn := range subnets {
			if nw.Contains(sn.IP) || sn.Contains(nw.IP) {
				return
			}
		}
	}
	l.add(f, lines[0].line, fmt.Sprintf("pg_hba allows replication from %s only, but the nodes are on the compose network %s: the replica connects from an address of that subnet, which matches no line (no pg_hba.conf entry for replication connection)", strings.Join(hbaAddrs(lines), ", "), joinAnd(shown)),
		fmt.Sprintf("%s %s %s %s %s", lines[0].typ, lines[0].db, lines[0].user, subnets[0].String(), lines[0].meth))
}

// checkPatroniPair compares the node configs: one scope, distinct names.
// checkBootstrapHooks: whichever node takes the initialize key bootstraps
// the cluster with its own bootstrap section, so a post_init or
// post_bootstrap script in one node's config only runs when that node
// wins the race; when another node can win it (it does not wait for the
// first to be healthy), the users and databases the script creates are
// missing half the time.
func (l *linter) checkBootstrapHooks() {
	var with, without []*nodeConf
	done := map[string]bool{}
	for _, n := range l.nodes {
		if n.conf == nil || n.conf.root == nil || done[n.file] || n.svc == nil {
			continue
		}
		done[n.file] = true
		if _, v := getPath(n.conf.root, "tags", "nofailover"); v != nil {
			if s, _ := scalar(v); s == "true" || s == "True" || s == "yes" || s == "on" {
				continue // never leads: it does not bootstrap
			}
		}
		k1, _ := getPath(n.conf.root, "bootstrap", "post_init")
		k2, _ := getPath(n.conf.root, "bootstrap", "post_bootstrap")
		if k1 != nil || k2 != nil {
			with = append(with, n)
		} else {
			without = append(without, n)
		}
	}
	if len(with) == 0 || len(without) == 0 || l.compose == nil {
		return
	}
	h := with[0]
	key, _ := getPath(h.conf.root, "bootstrap", "post_init")
	hook := "post_init"
	if key == nil {
		key, _ = getPath(h.conf.root, "bootstrap", "post_bootstrap")
		hook = "post_bootstrap"
	}
	var racers []string
	var files []string
	for _, n := range without {
		up := l.compose.upstream(n.svc)
		waits := false
		for _, w := range with {
			if up[w.svc.name] && n.svc.healthyDeps[w.svc.name] {
				waits = true // it starts once that node is up: the key is taken
			}
		}
		if !waits {
			racers = append(racers, n.svc.name)
			files = append(files, n.file)
		}
	}
	if len(racers) == 0 {
		return
	}
	l.add(h.file, key.Line, fmt.Sprintf("bootstrap.%s is only in %s's config, not in %s: whichever node takes the initialize key bootstraps with its own bootstrap section, so when %s does, the script never runs (the users and databases it creates are missing)", hook, h.svc.name, strings.Join(files, ", "), joinAnd(racers)),
		fmt.Sprintf("put the same bootstrap.%s in every node's config", hook))
}

// hbaPaths are the places a Patroni config gives pg_hba (or takes over
// bootstrap altogether).
var hbaPaths = [][]string{
	{"postgresql", "pg_hba"}, {"bootstrap", "pg_hba"}, {"bootstrap", "dcs", "postgresql", "pg_hba"},
	{"postgresql", "parameters", "hba_file"}, {"bootstrap", "dcs", "postgresql", "parameters", "hba_file"},
	{"bootstrap", "method"},
}

// checkRaceHBA: some node configs give pg_hba and others none. Whichever
// node takes the initialize key bootstraps the cluster with its own config,
// so a node without pg_hba that can win the race (it does not wait for
// another node to be healthy) leaves initdb's pg_hba.conf, local
// connections only, on the primary: the replicas' pg_basebackup and every
// client through HAProxy are refused. (No pg_hba in any config is
// checkNoHBA's.) One finding per such config file.
func (l *linter) checkRaceHBA() {
	if l.compose == nil {
		return
	}
	var with, without []*nodeConf
	var nodes []*nodeConf
	done := map[string]bool{}
	for _, n := range l.nodes {
		if n.conf == nil || n.conf.root == nil || done[n.file] || n.svc == nil {
			continue
		}
		done[n.file] = true
		nodes = append(nodes, n)
		if n.svc.envUnknown || n.svc.hasEnv("PATRONI_CONFIGURATION") {
			return // settings out of sight
		}
		has := false
		for _, p := range hbaPaths {
			if k, _ := getPath(n.conf.root, p...); k != nil {
				has = true
			}
		}
		if !has {
			if v := l.val(n, "PATRONI_POSTGRESQL_PG_HBA", "postgresql", "pg_hba"); v.set || v.unknown {
				has = true
			}
		}
		if has {
			with = append(with, n)
			continue
		}
		if _, v := getPath(n.conf.root, "tags", "nofailover"); v != nil {
			if s, _ := scalar(v); s == "true" || s == "True" || s == "yes" || s == "on" {
				continue // never leads: it does not bootstrap
			}
		}
		if k, pg := get(n.conf.root, "postgresql"); k != nil && isMap(pg) {
			without = append(without, n)
		}
	}
	if len(with) == 0 || len(without) == 0 {
		return
	}
	var hbaFiles []string
	for _, w := range with {
		hbaFiles = append(hbaFiles, w.file)
	}
	for _, n := range without {
		up := l.compose.upstream(n.svc)
		waits := false
		var others []string
		for _, m := range nodes {
			if m == n {
				continue
			}
			others = append(others, m.svc.name)
			if up[m.svc.name] && n.svc.healthyDeps[m.svc.name] {
				waits = true // it starts once that node is up: the key is taken
			}
		}
		if waits {
			continue
		}
		k, _ := get(n.conf.root, "postgresql")
		l.add(n.file, k.Line, fmt.Sprintf("no pg_hba in this config (postgresql.pg_hba or bootstrap.pg_hba), though %s %s it: %s does not wait for %s to be healthy, so it can win the initialize race, and if it does, Patroni bootstraps the cluster with this config and keeps the pg_hba.conf initdb writes, which accepts local connections only: the other nodes cannot replicate from it and clients through HAProxy are refused",
			joinAnd(hbaFiles), plural(len(hbaFiles), "sets", "set"), n.svc.name, joinAnd(others)),
			"give every node the pg_hba lines (postgresql.pg_hba, which Patroni writes on each node, or the same bootstrap section), or make "+n.svc.name+" depends_on the node that has them with condition: service_healthy")
	}
}

func (l *linter) checkPatroniPair() {
	l.checkBootstrapHooks()
	l.checkRaceHBA()
	var first *nodeConf
	var firstScope located
	names := map[string]located{}
	done := map[string]bool{}
	for _, n := range l.nodes {
		if n.conf == nil || done[n.file] {
			continue // a config shared by two services is reported below
		}
		done[n.file] = true
		scope := l.val(n, "PATRONI_SCOPE", "scope")
		if scope.set {
			if first == nil {
				first, firstScope = n, scope
			} else if scope.s != firstScope.s {
				l.add(scope.file, scope.line, fmt.Sprintf("scope %q differs from %q in %s: the nodes would form two separate clusters", scope.s, firstScope.s, first.file),
					fmt.Sprintf("scope: %s (the same in every node)", firstScope.s))
			}
		}
		name := l.val(n, "PATRONI_NAME", "name")
		if name.set {
			if prev, ok := names[name.s]; ok {
				l.add(name.file, name.line, fmt.Sprintf("name %q is also the name in %s: members must have distinct names", name.s, prev.file),
					fmt.Sprintf("name: %s", n.host()))
			} else {
				names[name.s] = name
			}
		}
	}
	// Two services must not share one config directory.
	byFile := map[string]*nodeConf{}
	for _, n := range l.nodes {
		named := n.svc.hasEnv("PATRONI_NAME")
		if n.text != "" {
			continue // a config of its own, in its PATRONI_CONFIGURATION
		}
		if prev, ok := byFile[n.file]; ok && n.svc != nil && prev.svc != nil && l.compose != nil && !named {
			fix := fmt.Sprintf("give %s its own ./%s-conf", n.svc.name, n.svc.name)
			if own := l.unusedSiblingConfig(n.file); own != "" {
				from, to := n.file, own
				if path.Base(own) == path.Base(n.file) {
					from, to = path.Dir(n.file), path.Dir(own) // a config directory (./conf/pg1:/etc/patroni)
				}
				fix = fmt.Sprintf("give %s its own config: %s is there, unused; use ./%s where %s now uses ./%s", n.svc.name, own, to, n.svc.name, from)
			}
			verb := "mount"
			if !l.bindMounts(prev.svc, n.file) && !l.bindMounts(n.svc, n.file) {
				// Not a volume: the config reaches both from the image
				// (COPY), chosen by their command or environment.
				verb = "run with"
				if own := l.unusedSiblingConfig(n.file); own != "" {
					fix = fmt.Sprintf("give %s its own config: %s is there, unused; make %s's command (or the variable that picks its config) name it", n.svc.name, own, n.svc.name)
				}
			}
			l.add(l.compose.file, n.svc.line, fmt.Sprintf("%s and %s %s the same Patroni config %s: same name and addresses on both", prev.svc.name, n.svc.name, verb, n.file), fix)
		}
		byFile[n.file] = n
	}
}

// sharedConfig is another node whose service runs n's config file too
// (two services mounting one file or directory), nil when none.
func (l *linter) sharedConfig(n *nodeConf) *nodeConf {
	if n.text != "" || n.svc == nil {
		return nil
	}
	for _, m := range l.nodes {
		if m != n && m.file == n.file && m.text == "" && m.svc != nil && m.svc != n.svc && !(n.svc.hasEnv("PATRONI_NAME") && m.svc.hasEnv("PATRONI_NAME")) {
			return m
		}
	}
	return nil
}

// unusedSiblingConfig is the one Patroni config of the answer beside f
// that no node runs: the same name in a sibling directory
// (conf/pg2/patroni.yaml beside conf/pg1/patroni.yaml), else another
// Patroni config in f's directory (postgres2.yml beside postgres1.yml);
// "" when there is none or more than one.
func (l *linter) unusedSiblingConfig(f string) string {
	used := map[string]bool{}
	for _, n := range l.nodes {
		used[n.file] = true
	}
	var same, beside []string
	for _, t := range l.textFiles() {
		p := t.path
		if used[p] || !isYAMLName(p) || !l.looksPatroni(p) {
			continue
		}
		switch {
		case path.Base(p) == path.Base(f) && path.Dir(path.Dir(p)) == path.Dir(path.Dir(f)) && path.Dir(p) != path.Dir(f):
			same = append(same, p)
		case path.Dir(p) == path.Dir(f):
			beside = append(beside, p)
		}
	}
	if len(same) == 1 {
		return same[0]
	}
	if len(same) == 0 && len(beside) == 1 {
		return beside[0]
	}
	return ""
}

// restPort and pgPort give the ports a node listens on, from its config.
func (l *linter) nodePorts(n *nodeConf) (rest, pg int) {
	rest, pg = 8008, 5432
	if n.conf == nil {
		return 0, 0
	}
	// 0 is a port lint cannot know: set at start by a script or an
	// environment out of sight.
	listen, connect := l.val(n, "PATRONI_RESTAPI_LISTEN", "restapi", "listen"), l.val(n, "PATRONI_RESTAPI_CONNECT_ADDRESS", "restapi", "connect_address")
	switch {
	case listen.unknown:
		rest = 0
	case listen.set:
		if _, p, ok := splitHostPort(listen.s); ok {
			rest = p
		}
	case connect.unknown:
		rest = 0
	case connect.set:
		if _, p, ok := splitHostPort(connect.s); ok {
			rest = p
		}
	}
	if v := l.val(n, "PATRONI_POSTGRESQL_LISTEN", "postgresql", "listen"); v.unknown {
		pg = 0
	} else if v.set {
		if _, p, ok := splitHostPort(v.s); ok {
			pg = p
		}
	}
	return rest, pg
}

// checkZooKeeperDCS checks the HA lab's zookeeper: section: its hosts must
// name the compose file's ZooKeeper service on 2181, not loopback.
func (l *linter) checkZooKeeperDCS(n *nodeConf, present []string) {
	root, f := n.conf.root, n.file
	want := "zoo:" + zkPort
	if l.compose != nil {
		if zk := l.compose.ofKind(kindZooKeeper); len(zk) > 0 {
			want = zk[0].name + ":" + zkPort
		}
	}
	for _, sec := range present {
		if sec != "zookeeper" {
			l.add(f, keyLine(root, sec), fmt.Sprintf("the DCS is %s but the lab runs ZooKeeper", sec),
				"use zookeeper: with hosts: ["+want+"]")
		}
	}
	k, v := get(root, "zookeeper")
	if k == nil {
		if len(present) == 0 {
			l.add(f, 0, "no DCS section: Patroni has nowhere to keep the leader key", "add zookeeper: with hosts: ["+want+"]")
		}
		return
	}
	hk, hv := get(v, "hosts")
	if hk == nil {
		if !typoOfRequired("zookeeper", "hosts", v) && !lostIndent(root, "zookeeper") { // (else checkSchema names the misspelt key or the lost indentation)
			l.add(f, k.Line, "zookeeper: has no hosts", "add hosts: ["+want+"]")
		}
		return
	}
	var hosts []located
	if s, ok := scalar(hv); ok {
		for _, h := range strings.Split(s, ",") {
			hosts = append(hosts, located{s: strings.TrimSpace(h), file: f, line: resolve(hv).Line})
		}
	} else if hv = resolve(hv); hv != nil {
		for _, item := range hv.Content {
			if s, ok := scalar(item); ok {
				hosts = append(hosts, located{s: s, file: f, line: item.Line})
			}
		}
	}
	for _, h := range hosts {
		host, port, err := net.SplitHostPort(h.s)
		if err != nil {
			host, port = h.s, zkPort
		}
		switch {
		case isLoopback(host):
			l.add(f, h.line, fmt.Sprintf("zookeeper.hosts %s is loopback: ZooKeeper runs in its own container, not in %s", h.s, n.name),
				"hosts: ["+want+"]")
		case l.compose != nil && l.compose.lookupHost(host) == nil && l.outOfSight(f, h.line, host):
		case l.compose != nil && l.compose.byName[host] == nil:
			l.add(f, h.line, fmt.Sprintf("zookeeper.hosts names the host %s, which is not a compose service (services: %s)", host, l.compose.serviceNames()),
				"hosts: ["+want+"]")
		case port != zkPort:
			l.add(f, h.line, fmt.Sprintf("zookeeper.hosts uses port %s but ZooKeeper serves clients on %s", port, zkPort), "hosts: ["+want+"]")
		}
	}
}

// checkOtherDCS checks a variant's DCS other than etcd and ZooKeeper: for
// Consul, consul.host (or PATRONI_CONSUL_HOST) must name the compose file's
// Consul service (an agent), not loopback or another service. Kubernetes,
// raft and exhibitor run outside the compose file or inside Patroni.
func (l *linter) checkOtherDCS(n *nodeConf) {
	if l.rules.dcs != "consul" || l.compose == nil {
		return
	}
	consuls := l.compose.ofKind(kindConsul)
	if len(consuls) == 0 {
		return // checkEtcdServices says so once
	}
	want := consuls[len(consuls)-1].name + ":8500"
	v := l.val(n, "PATRONI_CONSUL_HOST", "consul", "host")
	if !v.set {
		v = l.val(n, "PATRONI_CONSUL_URL", "consul", "url")
	}
	if !v.set || v.unknown || placeholderRe.MatchString(v.s) {
		return // Patroni's default is 127.0.0.1:8500, a local agent
	}
	hp := v.s
	if u, err := url.Parse(v.s); err == nil && u.Host != "" {
		hp = u.Host
	}
	host, _, err := net.SplitHostPort(hp)
	if err != nil {
		host = hp
	}
	what := v.what
	// The fix names the Consul service this node is meant for: the one its
	// own config file names (when a variable overrides it), else the one
	// it depends on, else the last.
	isConsul := func(h string) bool {
		t := l.compose.byName[h]
		return t != nil && t.kind == kindConsul
	}
	if sv, ok := scalar(get2(get2(n.conf.root, "consul"), "host")); ok && v.env != "" {
		h := sv
		if u, err := url.Parse(sv); err == nil && u.Host != "" {
			h = u.Host
		}
		if hh, _, err := net.SplitHostPort(h); err == nil {
			h = hh
		}
		if isConsul(h) {
			want = h + ":8500"
		}
	} else if n.svc != nil {
		for _, c := range consuls {
			if n.svc.dependsOn[c.name] {
				want = c.name + ":8500"
				break
			}
		}
	}
	fix := "host: " + want
	if v.env != "" {
		what = v.env
		val := want
		if strings.Contains(v.s, "://") {
			val = "http://" + want
		}
		fix = v.env + ": " + val
		if v.env == "PATRONI_CONSUL_HOST" && n.svc.hasEnv("PATRONI_CONSUL_URL") {
			fix += " (and the same host in PATRONI_CONSUL_URL, which Patroni prefers)"
		}
	}
	switch t := l.compose.lookupHost(host); {
	case isLoopback(host):
		l.add(v.file, v.line, fmt.Sprintf("%s %s is loopback: Consul runs in its own container, not in %s", what, v.s, n.name), fix)
	case t == nil && l.outOfSight(v.file, v.line, host):
	case t == nil:
		l.add(v.file, v.line, fmt.Sprintf("%s names the host %s, which is not a compose service (services: %s)", what, host, l.compose.serviceNames()), fix)
	case t.kind != kindConsul:
		l.add(v.file, v.line, fmt.Sprintf("%s names %s, which does not run Consul", what, host), fix)
	}
}

// etcdV2 says whether the compose file's etcd serves the v2 API that
// Patroni's etcd: section speaks, and why, from the versions in play: 3.3
// and older serve it, 3.4 and 3.5 only with --enable-v2, 3.6 removed it.
func (l *linter) etcdV2() (serves bool, why string) {
	etcds := l.etcds()
	if len(etcds) == 0 && l.splitStack() {
		etcds = l.otherEtcds() // etcd runs from another compose file of the stack
	}
	if len(etcds) == 0 && (l.splitStack() || l.multiHost()) {
		return false, "" // etcd runs elsewhere: its version is out of sight
	}
	if len(etcds) == 0 {
		return false, "etcd 3.4+ serves only with --enable-v2 and 3.6 removed"
	}
	for _, e := range etcds {
		v, known := e.version(l)
		flag, on := e.flags["enable-v2"]
		enabled := on && flag.s != "false"
		switch {
		case !known && e.svc.df != nil:
			// Built here from something lint cannot date (a download, a
			// package of an unknown release): the version is out of sight.
			return false, ""
		case !known:
			return false, fmt.Sprintf("%s (%s) no longer serves: its image is etcd 3.6 or newer today, which removed it", e.svc.name, orStr(e.svc.image.s, "built here"))
		case v.major > 3 || (v.major == 3 && v.minor >= 6):
			return false, fmt.Sprintf("etcd %s (%s) does not serve: 3.6 removed it", v, e.svc.name)
		case v.major == 3 && v.minor >= 4 && !enabled && on:
			return false, fmt.Sprintf("etcd %s (%s) serves only with --enable-v2, which it turns off (--enable-v2=%s)", v, e.svc.name, flag.s)
		case v.major == 3 && v.minor >= 4 && !enabled:
			return false, fmt.Sprintf("etcd %s (%s) serves only with --enable-v2, which it does not set", v, e.svc.name)
		case v.major == 3 && v.minor >= 4:
			why = fmt.Sprintf("etcd %s here serves it only because of --enable-v2", v)
		default:
			why = fmt.Sprintf("etcd %s here still serves it", v)
		}
	}
	return true, why
}

type etcdVersion struct{ major, minor int }

var etcdTarRe = regexp.MustCompile(`etcd-v(\d+)\.(\d+)\.\d+-linux`)

func (v etcdVersion) String() string { return fmt.Sprintf("%d.%d", v.major, v.minor) }

// version reads an etcd service's version from its image tag, or from the
// Debian release its Dockerfile installs etcd from.
func (e *etcdInfo) version(l *linter) (etcdVersion, bool) {
	s := e.svc
	if s.df != nil {
		// A release tarball it downloads (etcd-v3.3.13-linux-amd64.tar.gz),
		// its version expanded from ENV/ARG.
		for _, in := range s.df.instrs {
			if in.cmd != "RUN" {
				continue
			}
			text := os.Expand(in.text, func(k string) string {
				if v, ok := in.vars[k]; ok && v.set {
					return v.val
				}
				return "$" + k
			})
			if m := etcdTarRe.FindStringSubmatch(text); m != nil {
				major, _ := strconv.Atoi(m[1])
				minor, _ := strconv.Atoi(m[2])
				return etcdVersion{major, minor}, true
			}
		}
		repo, tag := s.df.baseRepo()
		if strings.Contains(path.Base(repo), "etcd") {
			// Built on an etcd image: its tag is the version ("latest"
			// is 3.6 or newer today).
			if major, minor, ok := tagVersion(tag); ok && minor >= 0 {
				return etcdVersion{major, minor}, true
			}
			if tag == "" || tag == "latest" {
				return etcdVersion{3, 6}, true
			}
			return etcdVersion{}, false
		}
		if repo == "debian" || repo == "ubuntu" {
			if repo == "debian" && (tag == "" || tag == "latest" || tag == "stable") {
				tag = "trixie" // Debian 13, stable since August 2025
			}
			for rel, v := range map[string]etcdVersion{"buster": {3, 2}, "bullseye": {3, 3}, "bookworm": {3, 4}, "trixie": {3, 5}, "focal": {3, 2}, "jammy": {3, 3}, "noble": {3, 4}} {
				if strings.Contains(tag, rel) {
					return v, true
				}
			}
		}
		return etcdVersion{}, false
	}
	_, tag := imageRef(s.image.s)
	major, minor, ok := tagVersion(tag)
	if !ok || minor < 0 {
		return etcdVersion{}, false
	}
	return etcdVersion{major, minor}, true
}

// noFailover reports a node tagged nofailover: true.
func noFailover(n *nodeConf) bool {
	if n.conf == nil || n.conf.root == nil {
		return false
	}
	_, v := getPath(n.conf.root, "tags", "nofailover")
	s, _ := scalar(v)
	return s == "true" || s == "True" || s == "yes" || s == "on"
}

// failoverCandidates counts the nodes that may be promoted.
func (l *linter) failoverCandidates() int {
	c := 0
	for _, n := range l.nodes {
		if !noFailover(n) {
			c++
		}
	}
	return c
}

// foreignListen returns an IP a node's config listens on that its
// container cannot have ("" when it may): in a compose network a container
// has its fixed ipv4_address, or else an address from Docker's private
// pools, never a public one; with network_mode (host, another container)
// lint does not know the addresses. Every listed host must be foreign.
func (l *linter) foreignListen(n *nodeConf, hosts []string) string {
	if n.svc == nil || n.svc.networkMode != "" || len(hosts) == 0 {
		return ""
	}
	for _, h := range hosts {
		ip := net.ParseIP(h)
		if ip == nil || ip.IsLoopback() || ip.IsUnspecified() || slices.Contains(n.svc.ips, h) {
			return ""
		}
		if len(n.svc.ips) == 0 && (ip.IsPrivate() || ip.IsLinkLocalUnicast()) {
			return "" // Docker may well have given it this one
		}
	}
	return hosts[0]
}

type foreignAddr struct {
	listen located
	ip     string
	port   int
}

// reportForeignListen: one finding per file for the listen addresses its
// container cannot bind, every line listed.
func (l *linter) reportForeignListen(n *nodeConf, fs []foreignAddr) {
	if len(fs) == 0 {
		return
	}
	first := fs[0]
	var what []string
	var lines []int
	fix := []string{}
	for _, f := range fs {
		if f.listen.file != first.listen.file {
			continue
		}
		what = append(what, f.listen.what+" "+f.listen.s)
		lines = append(lines, f.listen.line)
		fix = append(fix, fmt.Sprintf("%s: 0.0.0.0:%d", f.listen.what, f.port))
	}
	l.add(first.listen.file, first.listen.line, fmt.Sprintf("%s: %s is not an address of the %s container, so the bind fails (Cannot assign requested address) and nothing listens there%s",
		strings.Join(what, " and "), first.ip, n.svc.name, alsoLines(lines)),
		strings.Join(fix, ", ")+" (and keep the address others use in connect_address)")
}

// otherEtcds reads the etcd services of the stack's other compose files
// (docker compose -f a -f b, or one stack per subdirectory): their image
// tags and Dockerfiles date the etcd the Patroni configs here talk to.
// Paths in a file are relative to its directory; an image no service
// builds is the Dockerfile next to the file when a script of the answer
// builds it under that name (docker build -t NAME). Their own problems are
// not judged here.
func (l *linter) otherEtcds() (out []*etcdInfo) {
	defer func() {
		if recover() != nil {
			out = nil // a file lint cannot follow: the version stays out of sight
		}
	}()
	for _, f := range l.others {
		data, ok := l.read(f)
		if !ok {
			continue
		}
		scratch := &linter{fsys: l.fsys, seen: map[string]bool{}, once: map[string]bool{}, env: l.env, dfs: l.dfs}
		c := scratch.parseCompose(f, data)
		if c == nil {
			continue
		}
		dir := path.Dir(f)
		for _, s := range c.services {
			dfPath := ""
			switch {
			case s.build != nil && !strings.HasPrefix(s.build.context, "/") && !strings.Contains(s.build.context, "://"):
				dfPath = path.Join(dir, s.build.context, orStr(s.build.dockerfile, "Dockerfile"))
			case s.hasImage && s.image.ok:
				if repo, tag := imageRef(s.image.s); tag == "" && !strings.Contains(repo, "/") && l.scriptBuilds(repo, dir) {
					dfPath = path.Join(dir, "Dockerfile")
				}
			}
			if dfPath != "" && l.exists(dfPath) {
				s.df = l.loadDockerfile(dfPath, nil)
			}
			repo, _ := imageRef(s.image.s)
			isEtcd := strings.Contains(path.Base(repo), "etcd") && s.df == nil
			if len(s.command) > 0 && path.Base(s.command[0].s) == "etcd" {
				isEtcd = true
			}
			if s.df != nil {
				base, _ := s.df.baseRepo()
				isEtcd = isEtcd || strings.Contains(path.Base(base), "etcd")
				for _, in := range s.df.instrs {
					isEtcd = isEtcd || (in.cmd == "RUN" && strings.Contains(in.text, "etcd-v"))
				}
			}
			if isEtcd {
				out = append(out, etcdOf(s))
			}
		}
	}
	return out
}

// scriptBuilds reports whether a shell script of the answer builds the
// image name from dir (cd dir; docker build -t name .).
func (l *linter) scriptBuilds(name, dir string) bool {
	re := regexp.MustCompile(`docker\s+build\b[^\n]*\s-t\s+` + regexp.QuoteMeta(name) + `(:\S+)?(\s|$)`)
	for _, pat := range []string{"*.sh", "*/*.sh"} {
		m, _ := globFS(l, pat)
		for _, p := range m {
			data, ok := l.read(p)
			if ok && re.Match(data) && (path.Dir(p) == dir || strings.Contains(string(data), "cd "+dir) || strings.Contains(string(data), "cd ./"+dir)) {
				return true
			}
		}
	}
	return false
}

// dcsInExternalStack: the compose file runs no etcd, ZooKeeper or Consul
// service and the node joins a network the file declares external.
func (l *linter) dcsInExternalStack(s *service) bool {
	ext := l.externalNetwork()
	if ext == "" || !s.networks[ext] || len(l.compose.ofKind(kindEtcd)) > 0 {
		return false
	}
	for _, o := range l.compose.services {
		if repo, _ := imageRef(o.image.s); strings.Contains(repo, "zookeeper") || strings.Contains(repo, "consul") {
			return false
		}
	}
	return true
}

// scriptNamesImage reports whether a build script at the top of the answer
// (a shell script, a PowerShell or batch file, a Makefile) runs docker build
// and names the image repo, literally or as a variable's default
// (param([string]$ImageName = "owner/name") ... "-t", "${ImageName}:latest").
func (l *linter) scriptNamesImage(repo string) bool {
	re := regexp.MustCompile(`(?:^|[\s"'=])` + regexp.QuoteMeta(repo) + `(?::[\w.$-]*)?(?:["'\s]|$)`)
	var files []string
	for _, pat := range []string{"*.sh", "*.ps1", "*.bat", "*.cmd", "Makefile", "makefile"} {
		m, _ := globFS(l, pat)
		files = append(files, m...)
	}
	for _, p := range files {
		data, ok := l.read(p)
		if ok && regexp.MustCompile(`\bdocker\b`).Match(data) && regexp.MustCompile(`(?:\bdocker\s+build|["']build["'])`).Match(data) && re.Match(data) {
			return true
		}
	}
	return false
}

// checkTemplateDCS: a config a script fills in still names its DCS section
// literally, so an etcd: (v2) section is judged against the etcd the stack
// runs, as in a config read whole; the hosts it fills in are not.
// checkArchive: archive_mode on with no archive_command (nor
// archive_library) makes PostgreSQL keep every WAL segment for an archiver
// that never runs, until pg_wal fills the disk.
func (l *linter) checkArchive(n *nodeConf) {
	var mode, cmd *yaml.Node
	set := map[string]bool{}
	for _, p := range [][]string{{"bootstrap", "dcs", "postgresql", "parameters"}, {"postgresql", "parameters"}} {
		_, params := getPath(n.conf.root, p...)
		for _, q := range pairs(params) {
			v, _ := scalar(q.v)
			switch q.k.Value {
			case "archive_mode":
				if b := strings.ToLower(strings.Trim(v, `"'`)); b == "on" || b == "always" || b == "true" || b == "yes" {
					mode = q.k
				} else {
					mode = nil
				}
			case "archive_command", "archive_library":
				if strings.TrimSpace(v) != "" && v != `""` && v != "''" {
					set[q.k.Value] = true
				}
				if q.k.Value == "archive_command" {
					cmd = q.v
				}
			}
		}
	}
	if mode != nil && cmd != nil {
		l.checkArchiveDir(n, cmd)
	}
	if mode == nil || len(set) > 0 {
		return
	}
	if n.svc != nil {
		for k := range n.svc.env {
			if strings.Contains(k, "ARCHIVE") {
				return // set through the environment
			}
		}
	}
	l.add(n.file, mode.Line, "archive_mode is on but no archive_command (nor archive_library) is set: PostgreSQL keeps every WAL segment for an archiver that never runs, so pg_wal grows until the disk is full",
		"set archive_command (e.g. 'test ! -f /archive/%f && cp %p /archive/%f') beside archive_mode, or turn archive_mode off")
}

// checkUnexpanded: Patroni reads its YAML as written and expands no
// ${VAR}. A placeholder stays literal unless a PATRONI_* variable the
// node's service sets replaces that key.
func (l *linter) checkUnexpanded(n *nodeConf) {
	var who string
	var overrides func(env string) bool
	switch {
	case n.svc != nil && !n.svc.envUnknown:
		who = n.svc.name
		overrides = func(env string) bool { _, ok := n.svc.env[env]; return ok }
	case n.svc == nil && l.compose == nil:
		// A split stack's config, bind-mounted by a service of a compose
		// file in a subfolder: that service's variables.
		o := l.otherServiceMounting(n.file)
		if o == nil && !l.splitStack() {
			// No compose file runs Patroni, nothing runs this config:
			// nothing in the answer sets a variable that would replace a
			// placeholder (batch 32: henrypeters-aframp, kind 5).
			who = ""
			overrides = func(string) bool { return false }
			break
		}
		if o == nil || o.envUnknown {
			return
		}
		who = o.name + " (" + o.file + ")"
		overrides = func(env string) bool { return o.env[env] }
	default:
		return
	}
	var lines []int
	var keys []string
	bare := false // a $NAME without braces among them
	placeholder := func(s string) bool {
		if unexpandedRe.MatchString(s) {
			return true
		}
		if bareVarRe.MatchString(s) {
			bare = true
			return true
		}
		return false
	}
	usersIgnored := l.patroniVersion(n) >= 4 // bootstrap.users: reported as ignored already
	scopeAgreed := l.scopeAgreed()
	var scopeLit string
	var scopeLine int
	var shellVars []shellVarUse
	var walk func(path []string, m *yaml.Node)
	walk = func(path []string, m *yaml.Node) {
		for _, p := range pairs(m) {
			here := append(slices.Clone(path), p.k.Value)
			if usersIgnored && len(here) == 2 && here[0] == "bootstrap" && here[1] == "users" {
				continue
			}
			if unexpandedRe.MatchString(p.k.Value) {
				lines, keys = append(lines, p.k.Line), append(keys, strings.Join(here, "."))
				continue
			}
			if isMap(p.v) {
				walk(here, p.v)
				continue
			}
			s, ok := scalar(p.v)
			if !ok || !placeholder(s) {
				continue
			}
			if commandKey(here) && shellCommand(s) {
				// post_bootstrap: bash -c "psql ... '${PW}'": Patroni runs
				// the command with its own environment, and the shell
				// expands ${PW} there (batch 38: mangust-yandexid). Only a
				// variable set nowhere lint reads is said, as a note.
				shellVars = append(shellVars, shellVarUse{strings.Join(here, "."), resolve(p.v).Line, s})
				continue
			}
			if overrides(patroniEnvName(here)) {
				continue
			}
			if len(here) == 1 && here[0] == "scope" && scopeAgreed {
				// The same literal in every member's config: one cluster,
				// named by the placeholder's text.
				scopeLit, scopeLine = s, resolve(p.v).Line
				continue
			}
			lines, keys = append(lines, resolve(p.v).Line), append(keys, strings.Join(here, "."))
		}
	}
	walk(nil, n.conf.root)
	l.shellVarsUnset(n, shellVars)
	if scopeLit != "" && !l.once["scope-literal"] {
		l.once["scope-literal"] = true
		l.note(n.file, scopeLine, fmt.Sprintf("scope is literally %s in every node's config (Patroni does not expand ${...}, and no PATRONI_SCOPE is set): the nodes still form one cluster, under that name", scopeLit),
			"write the cluster's name in scope: (or set PATRONI_SCOPE) if the name matters (patronictl list shows it)")
	}
	if len(lines) == 0 || l.once["unexpanded:"+n.file] {
		return // one finding per file, however many nodes share it
	}
	l.once["unexpanded:"+n.file] = true
	also := ""
	if len(lines) > 1 {
		var ls []string
		for _, x := range lines[1:] {
			ls = append(ls, fmt.Sprint(x))
		}
		also = " (also lines " + strings.Join(ls, ", ") + ")"
	}
	what, as := "${...}", "a role literally named ${...}, a password that is the placeholder"
	if !slices.ContainsFunc(keys, credentialKey) {
		as = "the placeholder itself is the value"
	}
	if bare {
		what, as = "$NAME or ${...}", "an address, a role or a password that is the placeholder itself"
	}
	replaced := fmt.Sprintf("no PATRONI_* variable of %s replaces", who)
	if who == "" {
		replaced = "nothing in the answer sets a PATRONI_* variable that replaces"
	}
	l.add(n.file, lines[0], fmt.Sprintf("Patroni does not expand %s in its config, and %s %s: Patroni uses the text as written (%s)%s", what, replaced, joinAnd(keys), as, also),
		"write the values in the file, set the matching PATRONI_* variables (PATRONI_<USER>_PASSWORD creates a user), or fill the file with envsubst in a start script")
}

// credentialKey: a key that holds a role or a password (bootstrap.users,
// postgresql.authentication, a username/password anywhere).
func credentialKey(k string) bool {
	return strings.Contains(k, "password") || strings.Contains(k, "username") || strings.HasPrefix(k, "bootstrap.users") || strings.HasPrefix(k, "postgresql.authentication")
}

// scopeAgreed: every node has a config lint read, and the scope each one
// runs with (PATRONI_SCOPE, else scope:) is the same known text.
func (l *linter) scopeAgreed() bool {
	first := ""
	for _, n := range l.nodes {
		if n.conf == nil {
			return false
		}
		v := l.val(n, "PATRONI_SCOPE", "scope")
		if !v.set || v.unknown || (first != "" && v.s != first) {
			return false
		}
		first = v.s
	}
	return first != ""
}

// nodeScope is the cluster a node joins (PATRONI_SCOPE, else scope:),
// when lint can tell it.
func (l *linter) nodeScope(n *nodeConf) (string, bool) {
	if n.conf == nil || n.conf.root == nil {
		return "", false
	}
	v := l.val(n, "PATRONI_SCOPE", "scope")
	if !v.set || v.unknown || placeholderRe.MatchString(v.s) {
		return "", false
	}
	return v.s, true
}

// bareVarRe finds a shell-style $NAME (upper case, no braces) starting a
// value or a host in it ($NODE01_IP:8008, http://$HOST:2379).
var bareVarRe = regexp.MustCompile(`(?:^|[\s,/@=:\[])\$[A-Z_][A-Z0-9_]*(?:[^A-Za-z0-9_]|$)`)

var unexpandedRe = regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-[^}]*)?\}`)

// patroniEnvName is the variable Patroni reads in place of a config key
// (config.py, _build_environment_configuration): PATRONI_<SECTION>_<KEY>,
// and PATRONI_<USER>_<KEY> for postgresql.authentication.
func patroniEnvName(path []string) string {
	if len(path) == 4 && path[0] == "postgresql" && path[1] == "authentication" {
		path = path[2:]
	}
	if len(path) == 3 && (path[0] == "restapi" || path[0] == "ctl") && path[1] == "authentication" {
		path = []string{path[0], path[2]}
	}
	return "PATRONI_" + strings.ToUpper(strings.Join(path, "_"))
}

func (l *linter) checkTemplateDCS(n *nodeConf) {
	root := n.conf.root
	k, _ := get(root, "etcd")
	if k == nil || templateMarkRe.MatchString(k.Value) {
		return
	}
	if k3, _ := get(root, "etcd3"); k3 != nil {
		return // both: checkDCS's own finding, when the config is read whole
	}
	serves, why := l.etcdV2()
	if serves || why == "" {
		return
	}
	l.add(n.file, k.Line, fmt.Sprintf("etcd: uses the v2 API, which %s: Patroni fails with Failed to get list of machines from .../v2", why),
		"rename the section to etcd3: (same hosts)")
}

// noDataVolume: a node service that mounts no directory at all keeps its
// data in the container either way, so a relative data_dir loses nothing a
// volume would have kept.
func noDataVolume(n *nodeConf) bool {
	if n.svc == nil {
		return false
	}
	for _, m := range n.svc.mounts {
		if path.Ext(m.target) == "" {
			return false // a directory mount: the data may be meant for it
		}
	}
	return true
}

// restListenNamed: a restapi.listen on one host name (patroni1:8001), which
// Patroni's REST API advertises when connect_address is unset; a wildcard
// or loopback address is no way in for the others.
func restListenNamed(listen string) bool {
	hosts, _, _ := splitHostPort(listen)
	if len(hosts) != 1 {
		return false
	}
	h := hosts[0]
	return h != "" && h != "0.0.0.0" && h != "::" && h != "*" && !isLoopback(h) && !strings.Contains(h, "$")
}

// relDataDirInVolume: a relative data_dir resolved against Patroni's known
// working directory (the supervisord program's directory=, else the
// image's WORKDIR) lands inside one of the node's directory mounts.
func (l *linter) relDataDirInVolume(n *nodeConf, dd string) bool {
	s := n.svc
	if s == nil {
		return false
	}
	wd := ""
	cmd, _ := l.commandOf(s)
	if prog, ok := l.supervisedPatroniOf(s, cmd); ok && strings.HasPrefix(prog.directory, "/") {
		wd = prog.directory
	} else if s.df != nil && len(s.entrypoint) == 0 && len(s.command) == 0 {
		wd = s.df.workdir()
	} else if len(s.command) > 0 && !strings.Contains(strings.Join(cmd, " "), "patroni") && l.runScript(s, cmd) == nil {
		// Its own entrypoint: and command: run neither Patroni nor a
		// script (a sleep loop): no Patroni here whose directory to judge.
		return true
	}
	if wd == "" || wd == "/" || strings.Contains(wd, "$") {
		return false
	}
	p := path.Join(wd, dd)
	for _, m := range s.mounts {
		if t := path.Clean(m.target); t != "/" && strings.HasPrefix(p, t+"/") {
			return true
		}
	}
	return false
}

// envTemplateWith is an env template of the answer (.env.example,
// NAME.env.sample, .env.dist, .env.template) that has a line NAME=, or "".
func (l *linter) envTemplateWith(name string) string {
	re := regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+)?` + regexp.QuoteMeta(name) + `=`)
	for _, f := range l.textFiles() {
		switch path.Ext(f.path) {
		case ".example", ".sample", ".dist", ".template":
			if strings.Contains(path.Base(f.path), ".env") && re.MatchString(f.text) {
				return f.path
			}
		}
	}
	return ""
}

// shellVarUse is a command-valued key of a Patroni config whose command is
// a shell (sh -c / bash -c) with $VARs in it.
type shellVarUse struct {
	key  string
	line int
	cmd  string
}

// commandKey: a key whose value is a command Patroni runs (shlex-split,
// with Patroni's own environment): bootstrap.post_bootstrap/post_init, a
// custom bootstrap method's command, postgresql.callbacks.on_*.
func commandKey(here []string) bool {
	switch {
	case len(here) == 2 && here[0] == "bootstrap" && (here[1] == "post_bootstrap" || here[1] == "post_init"):
		return true
	case len(here) == 3 && here[0] == "bootstrap" && here[2] == "command":
		return true
	case len(here) == 3 && here[0] == "postgresql" && here[1] == "callbacks":
		return true
	}
	return false
}

// shellCommand: the command starts a shell with -c, which expands the
// $VARs of its script when it runs.
func shellCommand(s string) bool {
	w := strings.Fields(s)
	if len(w) < 3 {
		return false
	}
	switch path.Base(w[0]) {
	case "sh", "bash", "ash", "dash", "zsh":
	default:
		return false
	}
	return strings.HasPrefix(w[1], "-") && !strings.HasPrefix(w[1], "--") && strings.Contains(w[1], "c")
}

// shellVarsUnset: of the variables the shell commands use, those set
// nowhere lint reads (the node's environment:/env_file, the image's ENV)
// expand to empty strings; a note, since a start script may export them.
func (l *linter) shellVarsUnset(n *nodeConf, uses []shellVarUse) {
	if n.svc == nil || n.svc.envUnknown {
		return
	}
	for _, u := range uses {
		var unset []string
		for _, m := range shVarRe.FindAllStringSubmatch(u.cmd, -1) {
			name := m[1] + m[4]
			if m[2] != "" || slices.Contains(unset, name) {
				continue // ${X:-default} and the like decide themselves
			}
			if _, set, known, _ := l.shVarValue(n.svc, "", 0, name, 0); known && !set {
				unset = append(unset, name)
			}
		}
		if len(unset) == 0 || l.once["shellvars:"+n.file+u.key] {
			continue
		}
		l.once["shellvars:"+n.file+u.key] = true
		l.note(n.file, u.line, fmt.Sprintf("%s runs a shell, which expands %s when Patroni runs it, but %s %s set nowhere lint reads for %s (environment:, env_file, the image's ENV): the command gets an empty string there unless a start script exports %s", u.key, joinAnd(dollar(unset)), joinAnd(unset), plural(len(unset), "is", "are"), n.svc.name, plural(len(unset), "it", "them")),
			fmt.Sprintf("set %s in %s's environment:", joinAnd(unset), n.svc.name))
	}
}

func dollar(names []string) []string {
	var out []string
	for _, x := range names {
		out = append(out, "$"+x)
	}
	return out
}

// bindMounts: service s bind-mounts file (or a directory holding it) from
// the answer.
func (l *linter) bindMounts(s *service, file string) bool {
	for _, m := range s.mounts {
		if !m.bind {
			continue
		}
		if src, _, ok := l.mountSource(m); ok && (src == file || src == "." || strings.HasPrefix(file, src+"/")) {
			return true
		}
	}
	return false
}

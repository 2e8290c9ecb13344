package lint

import (
	"fmt"
	"os"
	"slices"
	"strings"
)

// Layout is what lint found out about how an exercise directory is laid
// out: which exercise it answers, what each compose service is, where each
// node's Patroni config is and the credentials in it, and how its HAProxy
// is set up. A grader reads it to run the candidate's stack as its author
// meant it (their superuser, their stats port, their server names) rather
// than assuming pglab's own layout.
type Layout struct {
	// Exercise is "ops" (the operations test, on etcd) or "lab" (the HA
	// lab, on ZooKeeper); Variant is set when the files are a close variant
	// of it rather than its own shape (other service names, other files).
	Exercise string
	Variant  bool
	// ComposeFile is the compose file's path in the directory ("" if none),
	// Dockerfile the PostgreSQL nodes' Dockerfile ("" if none).
	ComposeFile, Dockerfile string
	// Kinds says what each compose service runs: etcd, zookeeper, postgres
	// (Patroni and PostgreSQL), haproxy or other (a pooler, a monitor...).
	Kinds map[string]string
	// Nodes are the PostgreSQL nodes, by compose service.
	Nodes map[string]NodeLayout
	// HAProxy is the balancer's configuration.
	HAProxy HAProxyLayout
	// Postgis3 is where the nodes' Dockerfile installs PostGIS 3
	// (FILE:LINE: the package, or the postgis base image), "" when it
	// shows none: the evidence a PostGIS question graded by lint alone
	// needs, whatever the exercise's variant asks of lint.
	Postgis3 string
}

// NodeLayout is one PostgreSQL node as its files describe it.
type NodeLayout struct {
	Config string // the Patroni config in the directory, "" when written at start or not found
	// Path is the config's path in the container, as Patroni is started
	// with it (its command, or the script it runs); "" when not found.
	Path   string
	Member string // Patroni's name: (the member name), "" when unknown
	// The superuser Patroni creates, from the config or its PATRONI_*
	// variables; "" when not known (a template, a variable lint cannot read).
	Superuser, SuperuserPassword string
	ReplicationPassword          string
	// RESTPort is Patroni's REST API port when known to differ from 8008.
	RESTPort int `json:",omitempty"`
}

// HAProxyLayout is what a check needs of the balancer's haproxy.cfg.
type HAProxyLayout struct {
	File      string // the haproxy.cfg in the directory, "" when not found
	StatsPort int    // the port the stats page binds, 0 when none
	// StatsURI is the stats page's `stats uri` (in its section, else in
	// the defaults in force), HAProxy's /haproxy?stats when neither sets
	// one; "" when there is no stats page.
	StatsURI string
	// Proxy is the section (listen or backend) that sends writes to
	// PostgreSQL: the one checking Patroni's /primary (or /master,
	// /leader, /read-write), else the first pool to PostgreSQL.
	Proxy string
	// Servers maps each server of Proxy to the host it names (a compose
	// service, an alias or an address).
	Servers map[string]string
	// EntryPorts are the ports that lead to Proxy: a listen section's own
	// binds, or those of the frontends whose default_backend or
	// use_backend names it.
	EntryPorts []int `json:",omitempty"`
}

// Inspect lints a directory and returns the layout it found with the
// findings.
func Inspect(dir string) (Layout, []Finding, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return Layout{}, nil, fmt.Errorf("lint: %w", err)
	}
	if !st.IsDir() {
		return Layout{}, nil, fmt.Errorf("lint: %s is not a directory", dir)
	}
	var lay Layout
	findings, err := run(os.DirFS(dir), func(l *linter) { lay = l.layout() })
	if err != nil {
		return Layout{}, nil, fmt.Errorf("lint %s: %w", dir, err)
	}
	return lay, findings, nil
}

var kindNames = map[int]string{kindOther: "other", kindEtcd: "etcd", kindHAProxy: "haproxy", kindNode: "postgres", kindZooKeeper: "zookeeper", kindConsul: "consul"}

// layout exports what discover and check found.
func (l *linter) layout() Layout {
	lay := Layout{Exercise: "ops", Variant: !l.rules.strict, ComposeFile: l.composeFile, Dockerfile: l.dockerfilePath,
		Kinds: map[string]string{}, Nodes: map[string]NodeLayout{}}
	if l.rules.dcs == "zookeeper" {
		lay.Exercise = "lab"
	}
	if l.compose != nil {
		for _, s := range l.compose.services {
			lay.Kinds[s.name] = kindNames[s.kind]
		}
	}
	known := func(v located) string {
		if !v.set || v.unknown || placeholderRe.MatchString(v.s) {
			return ""
		}
		return v.s
	}
	for _, n := range l.nodes {
		if n.svc == nil {
			continue
		}
		nl := NodeLayout{Config: n.file}
		if n.conf == nil {
			n.conf = &patroniConf{file: n.file} // the environment may still say
		}
		nl.Path = l.containerConfig(n.svc)
		nl.Member = known(l.val(n, "PATRONI_NAME", "name"))
		nl.Superuser = known(l.val(n, "PATRONI_SUPERUSER_USERNAME", "postgresql", "authentication", "superuser", "username"))
		nl.SuperuserPassword = known(l.val(n, "PATRONI_SUPERUSER_PASSWORD", "postgresql", "authentication", "superuser", "password"))
		nl.ReplicationPassword = known(l.val(n, "PATRONI_REPLICATION_PASSWORD", "postgresql", "authentication", "replication", "password"))
		lay.Nodes[n.svc.name] = nl
	}
	lay.HAProxy = l.haproxyLayout()
	lay.Postgis3 = l.postgis3
	return lay
}

// statsURI is the `stats uri` in force in a section: its own, else its
// defaults'.
func statsURI(s *hapSection) string {
	for _, sec := range []*hapSection{s, s.defaults} {
		if sec == nil {
			continue
		}
		for _, ln := range sec.lines {
			if len(ln.words) >= 3 && ln.words[0] == "stats" && ln.words[1] == "uri" {
				return ln.words[2]
			}
		}
	}
	return "/haproxy?stats" // HAProxy's default
}

// haproxyLayout finds the stats page's port and the write pool.
func (l *linter) haproxyLayout() HAProxyLayout {
	h := HAProxyLayout{File: l.haproxyFile, Servers: map[string]string{}}
	if l.haproxy == nil {
		return h
	}
	for _, s := range l.haproxy.sections {
		if s.kind != "listen" && s.kind != "frontend" {
			continue
		}
		own := slices.ContainsFunc(s.lines, func(ln hapLine) bool { return ln.words[0] == "stats" })
		if ports := s.boundPorts(); own && len(ports) > 0 && h.StatsPort == 0 {
			h.StatsPort = ports[0]
			h.StatsURI = statsURI(s)
		}
	}
	var pools []*hapSection
	for _, s := range l.haproxy.sections {
		if (s.kind == "listen" || s.kind == "backend") && len(s.servers()) > 0 && l.pgPool(s) {
			pools = append(pools, s)
		}
	}
	if len(pools) == 0 {
		return h
	}
	pick := pools[0]
	for _, s := range pools {
		if uri, ok := s.checkURI(); ok && goodChecks[strings.TrimRight(uri, " ")] {
			pick = s
			break
		}
	}
	h.Proxy = pick.name
	for _, sv := range pick.servers() {
		h.Servers[sv.name] = sv.host
	}
	if pick.kind == "listen" {
		h.EntryPorts = pick.boundPorts()
	}
	for _, s := range l.haproxy.sections {
		if s.kind != "frontend" {
			continue
		}
		for _, ln := range s.lines {
			if (ln.words[0] == "default_backend" || ln.words[0] == "use_backend") && len(ln.words) > 1 && ln.words[1] == pick.name {
				h.EntryPorts = append(h.EntryPorts, s.boundPorts()...)
				break
			}
		}
	}
	slices.Sort(h.EntryPorts)
	h.EntryPorts = slices.Compact(h.EntryPorts)
	return h
}

// containerConfig is the config path a node's Patroni is started with:
// from its command (an `sh -c "exec patroni FILE"` included), else from
// the start script it runs.
func (l *linter) containerConfig(s *service) string {
	words, _ := l.commandOf(s)
	if p, _ := patroniArg(strings.Join(words, " ")); p != "" {
		return p
	}
	if sc := l.runScript(s, words); sc != nil {
		if p, _ := patroniArg(sc.text); !strings.Contains(p, "$") {
			return p // (a path under a variable, a mktemp dir, is not known)
		}
	}
	return ""
}

package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Patroni's configuration schema for 3.x and 4.x, from Patroni's
// docs/yaml_configuration.rst, docs/dynamic_configuration.rst and
// patroni/validator.py. A key Patroni does not read is silently ignored by
// it, so a section indented one level off loses its settings without a word.

// skey is one node of the schema: its known children, or open when any key
// is allowed (GUCs under parameters, custom tags, ...).
type skey map[string]skey

var open = skey{"*": nil}

func keys(names ...string) skey {
	k := skey{}
	for _, n := range names {
		k[n] = nil
	}
	return k
}

func with(base skey, more skey) skey {
	k := skey{}
	for n, v := range base {
		k[n] = v
	}
	for n, v := range more {
		k[n] = v
	}
	return k
}

var (
	pgUser    = keys("username", "password", "sslmode", "sslkey", "sslpassword", "sslcert", "sslrootcert", "sslcrl", "sslcrldir", "sslnegotiation", "gssencmode", "channel_binding")
	etcdKeys  = keys("host", "hosts", "use_proxies", "url", "proxy", "srv", "srv_suffix", "protocol", "username", "password", "cacert", "cert", "key")
	dynPgKeys = with(keys("use_pg_rewind", "use_slots", "pg_hba", "pg_hba_primary", "pg_hba_replica", "pg_hba_standby_leader",
		"pg_ident", "pg_ident_primary", "pg_ident_replica", "pg_ident_standby_leader", "pg_ctl_timeout", "rewind", "basebackup"),
		skey{"parameters": open, "parameters_primary": open, "parameters_replica": open, "parameters_standby_leader": open, "recovery_conf": open})
	pgKeys = with(dynPgKeys, with(keys("connect_address", "proxy_address", "create_replica_methods", "data_dir", "config_dir", "bin_dir",
		"listen", "use_unix_socket", "use_unix_socket_repl", "pgpass", "custom_conf", "remove_data_directory_on_rewind_failure",
		"remove_data_directory_on_diverged_timelines", "replica_method", "pre_promote", "before_stop"),
		skey{
			"authentication": skey{"superuser": pgUser, "replication": pgUser, "rewind": pgUser},
			"callbacks":      keys("on_reload", "on_restart", "on_role_change", "on_start", "on_stop"),
			"bin_name":       keys("pg_ctl", "initdb", "pg_controldata", "pg_basebackup", "postgres", "pg_isready", "pg_rewind"),
			"basebackup":     open,
		}))
	patroniSchema = skey{
		"name": nil, "scope": nil, "namespace": nil, "thread_pool_size": nil, "thread_stack_size": nil,
		"log": with(keys("type", "level", "traceback_level", "format", "dateformat", "max_queue_size", "dir", "file_num", "file_size", "mode", "deduplicate_heartbeat_logs"),
			skey{"static_fields": open, "loggers": open}),
		"ctl": with(keys("insecure", "cacert", "certfile", "keyfile", "keyfile_password"), skey{"authentication": keys("username", "password")}),
		"restapi": with(keys("listen", "connect_address", "certfile", "keyfile", "keyfile_password", "cafile", "ciphers", "verify_client",
			"allowlist", "allowlist_include_members", "request_queue_size", "server_tokens", "thread_pool_size",
			// "username:password", the form authentication is turned into
			// (config.py); api.py still reads it as written.
			"auth"),
			skey{"authentication": keys("username", "password"), "http_extra_headers": open, "https_extra_headers": open}),
		"bootstrap": skey{
			"dcs": with(keys("loop_wait", "ttl", "retry_timeout", "primary_race_backoff", "maximum_lag_on_failover", "maximum_lag_on_syncnode",
				"max_timelines_history", "primary_start_timeout", "primary_stop_timeout", "master_start_timeout", "master_stop_timeout",
				"synchronous_mode", "synchronous_mode_strict", "synchronous_node_count", "failsafe_mode", "check_timeline", "member_slots_ttl", "ignore_slots"),
				skey{"postgresql": dcsPgKeys, "slots": open,
					"standby_cluster": keys("host", "port", "primary_slot_name", "create_replica_methods", "restore_command", "archive_cleanup_command", "recovery_min_apply_delay")}),
			"method": nil, "initdb": nil, "pg_hba": nil, "post_bootstrap": nil, "post_init": nil, "users": open,
		},
		"citus":     keys("database", "group"),
		"consul":    keys("host", "url", "port", "scheme", "token", "verify", "cacert", "cert", "key", "dc", "consistency", "checks", "register_service", "service_tags", "service_check_interval", "service_check_tls_server_name"),
		"etcd":      etcdKeys,
		"etcd3":     etcdKeys,
		"zookeeper": with(keys("hosts", "use_ssl", "cacert", "cert", "key", "key_password", "verify"), skey{"set_acls": open, "auth_data": open}),
		"exhibitor": keys("hosts", "port", "poll_interval"),
		"kubernetes": with(keys("bypass_api_service", "namespace", "scope_label", "role_label", "leader_label_value", "follower_label_value",
			"standby_leader_label_value", "tmp_role_label", "use_endpoints", "pod_ip", "ports", "cacert", "retriable_http_codes"),
			skey{"labels": open, "bootstrap_labels": open}),
		"raft": keys("self_addr", "bind_addr", "partner_addrs", "data_dir", "password", "min_timeout", "max_timeout", "connection_timeout",
			"append_entries_period", "connection_retry_time", "leader_fallback_timeout"),
		"postgresql": pgKeys,
		"watchdog":   keys("mode", "device", "safety_margin"),
		"tags":       open,
	}
)

// dcsPgKeys: Patroni copies every key of the dynamic postgresql section into
// the node's postgresql section except these local ones, which it discards
// (config.py, _safe_copy_dynamic_configuration).
var dcsPgKeys = func() skey {
	k := skey{}
	for n, v := range pgKeys {
		switch n {
		case "connect_address", "proxy_address", "listen", "config_dir", "data_dir", "pgpass", "authentication":
		default:
			k[n] = v
		}
	}
	return k
}()

// schemaPaths lists every known key path, for "belongs at".
var schemaPaths = func() map[string][]string {
	out := map[string][]string{}
	var walk func(prefix string, k skey)
	walk = func(prefix string, k skey) {
		for name, sub := range k {
			if name == "*" {
				continue
			}
			p := strings.TrimPrefix(prefix+"."+name, ".")
			out[name] = append(out[name], p)
			if sub != nil {
				walk(p, sub)
			}
		}
	}
	walk("", patroniSchema)
	for _, v := range out {
		slices.Sort(v)
	}
	return out
}()

// patroniVersion is the Patroni major an image installs: a pinned pip or
// apt version, else the latest (4.x) for an unpinned pip install (3 on a
// Python older than 3.7); 0 when unknown, as for a distribution package
// (apt, dnf), whose version is the repository's.
func (l *linter) patroniVersion(n *nodeConf) int {
	var d *dockerfile
	if n.svc != nil {
		d = n.svc.df
	} else {
		d = l.dockerfile
	}
	if d == nil {
		return commandPatroniVersion(n.svc)
	}
	for _, in := range d.instrs {
		if in.cmd != "RUN" {
			continue
		}
		if m := patroniPinRe.FindStringSubmatch(in.text); m != nil {
			var major int
			fmt.Sscan(m[1], &major)
			return major
		}
		if patroniInstallRe.MatchString(in.text) {
			if !pipPatroniRe.MatchString(in.text) {
				if pgdgPatroni(d, in.text) {
					return 4
				}
				return 0 // a distribution package (apt, dnf): its version is the repository's, which lint cannot know
			}
			return unpinnedPatroni(d)
		}
		// pip install -r requirements.txt: the file it COPYs decides.
		if m := pipReqRe.FindStringSubmatch(in.text); m != nil {
			dst := m[1]
			if !strings.HasPrefix(dst, "/") {
				dst = path.Join(d.workdir(), dst)
			}
			if src := d.copySource(dst); src != "" {
				if data, ok := l.read(path.Join(d.context, src)); ok {
					for _, ln := range strings.Split(string(data), "\n") {
						ln = strings.TrimSpace(ln)
						if pm := patroniPinRe.FindStringSubmatch(ln); pm != nil {
							var major int
							fmt.Sscan(pm[1], &major)
							return major
						}
						if patroniReqRe.MatchString(ln) {
							return unpinnedPatroni(d) // unpinned: pip takes the newest it may
						}
					}
				}
			}
		}
	}
	return 0
}

var aptPatroniRe = regexp.MustCompile(`\bapt(?:-get)?\s+(?:-\S+\s+)*install\b[^&;|\n]*?\spatroni(?:\s|$)`)

// pgdgPatroni: an unpinned apt install of patroni on the official postgres
// image of PostgreSQL 16 or newer (Debian bookworm or trixie, with the
// PGDG repository apt.postgresql.org configured): apt takes PGDG's patroni,
// which has been 4.x since 2024 (a pinned patroni=3.* is caught above).
func pgdgPatroni(d *dockerfile, run string) bool {
	if !aptPatroniRe.MatchString(run) {
		return false
	}
	st := d.final()
	if st == nil || !st.root().baseOK {
		return false
	}
	repo, tag := imageRef(st.root().base)
	if repo != "postgres" && repo != "library/postgres" && repo != "docker.io/library/postgres" {
		return false
	}
	major, _, ok := tagVersion(tag)
	return ok && major >= 16 && !strings.Contains(tag, "alpine")
}

// commandPatroniVersion: a ready-made image whose command: (or
// entrypoint:) pip-installs Patroni when the container starts runs the
// version pip picks then: the pinned major, else the newest, Patroni 4
// (it needs Python 3.7, which every maintained image's python3 is).
func commandPatroniVersion(s *service) int {
	if s == nil || s.build != nil {
		return 0
	}
	text := joinWords(append(slices.Clone(s.entrypoint), s.command...))
	if m := patroniPinRe.FindStringSubmatch(text); m != nil {
		var major int
		fmt.Sscan(m[1], &major)
		return major
	}
	if pipPatroniRe.MatchString(text) && !strings.Contains(text, "patroni<") && !strings.Contains(text, "patroni[etcd]<") {
		return 4
	}
	return 0
}

// latestImage is the image a node runs when it is a ready-made one (no
// build, no Dockerfile of the answer) on an unpinned tag (none or latest):
// its Patroni is whatever was newest when it was built.
func latestImage(n *nodeConf) string {
	s := n.svc
	if s == nil || s.build != nil || s.df != nil || !s.image.ok || s.image.s == "" || strings.Contains(s.image.s, "$") || strings.Contains(s.image.s, "@") {
		return ""
	}
	ref := s.image.s
	tag := ""
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		tag = ref[i+1:]
	}
	if tag != "" && tag != "latest" {
		return ""
	}
	return ref
}

var (
	patroniPinRe     = regexp.MustCompile(`\bpatroni(?:\[[^\]]*\])?\s*(?:==|=)\s*(\d+)`)
	patroniInstallRe = regexp.MustCompile(`\b(?:pip3?|pip3?\.\d+|install)\b[^\n]*\bpatroni\b`)
	pipPatroniRe     = regexp.MustCompile(`\bpip[\d.]*\s+install\b[^&;|]*\bpatroni\b`)
	pipReqRe         = regexp.MustCompile(`\bpip3?\s+install\b[^\n]*?\s-r\s*(\S+)`)
	patroniReqRe     = regexp.MustCompile(`^patroni(?:\[[^\]]*\])?\s*(?:$|>=?\s*4|#)`)
)

// checkSchema reports keys Patroni does not read: misplaced ones with the
// place they belong, typos with the nearest known key, and keys the Patroni
// version in play no longer reads. One finding per cause: nothing below a
// reported key is reported again.
func (l *linter) checkSchema(n *nodeConf) {
	f := n.file
	version := l.patroniVersion(n)
	var walk func(path []string, m *yaml.Node, sch skey)
	walk = func(path []string, m *yaml.Node, sch skey) {
		if _, isOpen := sch["*"]; isOpen || !isMap(m) {
			// PostgreSQL parameters are name: value; a mapping under one is
			// a section indented one level off, and PostgreSQL gets nothing.
			if last := len(path) - 1; isOpen && last >= 0 && strings.HasPrefix(path[last], "parameters") && isMap(m) {
				for _, p := range pairs(m) {
					if isMap(p.v) || isSeq(p.v) {
						var inner []string
						for _, q := range pairs(p.v) {
							inner = append(inner, q.k.Value)
						}
						what := "a list"
						if isMap(p.v) {
							what = "a mapping of " + joinAnd(inner)
						}
						if sec := strings.Join(path[:last], "."); path[last] == "parameters" && last >= 1 && path[last-1] == "postgresql" && p.k.Value != "parameters" {
							if _, own := map[bool]skey{true: dynPgKeys, false: pgKeys}[last > 1][p.k.Value]; own {
								// Patroni's own key (pg_hba, pg_ident,
								// authentication...) indented one level too deep.
								why := ""
								if strings.HasPrefix(p.k.Value, "pg_hba") {
									why = ", so this config has no pg_hba: Patroni keeps the pg_hba.conf initdb writes, which accepts local connections only, so the other node cannot replicate and clients through HAProxy are refused"
								}
								l.add(f, p.k.Line, fmt.Sprintf("%s.%s is Patroni's %s.%s indented one level too deep: Patroni takes it for a PostgreSQL parameter and drops it (Removing unexpected parameter=%s)%s", strings.Join(path, "."), p.k.Value, sec, p.k.Value, p.k.Value, why),
									fmt.Sprintf("move %s: with everything under it up one level, under %s: beside parameters:", p.k.Value, sec))
								continue
							}
						}
						l.add(f, p.k.Line, fmt.Sprintf("%s.%s is %s, not a value: PostgreSQL gets no valid %s and the settings under it are lost", strings.Join(path, "."), p.k.Value, what, p.k.Value),
							fmt.Sprintf("give %s a value and move the others up one level, beside it", p.k.Value))
					}
				}
			}
			return
		}
		// Misplaced keys of one mapping that belong in the same section are one cause.
		type group struct {
			names []string
			lines []int
			dest  string
		}
		var groups []*group
		var gucs struct {
			group
			changed bool // a value other than the one Patroni sets anyway
		}
		defer func() {
			where := strings.Join(path, ".")
			if len(gucs.names) > 0 {
				var ls []string
				for _, n := range gucs.lines[1:] {
					ls = append(ls, fmt.Sprint(n))
				}
				also := ""
				if len(ls) > 0 {
					also = " (also lines " + strings.Join(ls, ", ") + ")"
				}
				what := "these are PostgreSQL settings, which Patroni passes on only from %s.parameters, so PostgreSQL never gets them%s"
				if len(gucs.names) == 1 {
					what = "it is a PostgreSQL setting, which Patroni passes on only from %s.parameters, so PostgreSQL never gets it%s"
				}
				if !gucs.changed {
					// Each value is the one Patroni passes PostgreSQL on its
					// command line when parameters do not set it: the
					// misplaced line changes nothing (batch 20: dreamer-etcd).
					l.note(f, gucs.lines[0], fmt.Sprintf("%s takes no %s: "+what+"; but %s the value Patroni gives PostgreSQL anyway when parameters do not set %s, so nothing changes", where, joinAnd(gucs.names), where, also, plural(len(gucs.names), "it is", "each is"), plural(len(gucs.names), "it", "them")),
						fmt.Sprintf("nothing to change; to set other values, move %s under %s.parameters", joinAnd(gucs.names), where))
				} else {
					l.add(f, gucs.lines[0], fmt.Sprintf("%s takes no %s: "+what, where, joinAnd(gucs.names), where, also),
						fmt.Sprintf("move %s under %s.parameters", joinAnd(gucs.names), where))
				}
			}
			for _, g := range groups {
				if sk, sv := get(n.conf.root, g.dest); len(path) == 0 && sk != nil && slices.Contains(dcsSections, g.dest) && len(pairs(sv)) == 0 && sk.Line < g.lines[0] {
					// The config's own DCS section, empty right above the
					// keys: their indentation was lost (batch 35: ru-zlata).
					// One finding; checkDCS does not add "has no hosts".
					why := ""
					if slices.Contains(requiredKeys[g.dest], g.names[0]) {
						why = fmt.Sprintf(", so %s.%s is not defined and Patroni does not start", g.dest, g.names[0])
					} else if slices.Contains(g.names, "hosts") || slices.Contains(g.names, "host") {
						why = fmt.Sprintf(", so Patroni's %s client gets no host and never reaches the DCS", g.dest)
					}
					l.add(f, g.lines[0], fmt.Sprintf("%s %s at the top level, where Patroni does not read %s, and %s: above %s (line %d) is empty: the indentation of %s was lost%s",
						joinAnd(g.names), plural(len(g.names), "is", "are"), plural(len(g.names), "it", "them"), g.dest, plural(len(g.names), "it", "them"), sk.Line, joinAnd(g.names), why),
						fmt.Sprintf("indent %s under %s: (indentation decides the section)", joinAnd(g.names), g.dest))
					continue
				}
				if len(g.names) == 1 {
					here := strings.TrimPrefix(where+"."+g.names[0], ".")
					l.add(f, g.lines[0], fmt.Sprintf("%s is not read by Patroni: %s takes no %s, so its settings are silently ignored; it belongs at %s", here, orStr(where, "the top level"), g.names[0], g.dest+"."+g.names[0]),
						fmt.Sprintf("move %s under %s (indentation decides the section)", g.names[0], g.dest))
					continue
				}
				var ls []string
				for _, n := range g.lines[1:] {
					ls = append(ls, fmt.Sprint(n))
				}
				l.add(f, g.lines[0], fmt.Sprintf("%s takes none of %s: Patroni silently ignores them here (also lines %s); they belong under %s", orStr(where, "the top level"), strings.Join(g.names, ", "), strings.Join(ls, ", "), g.dest),
					fmt.Sprintf("move them under %s (indentation decides the section)", g.dest))
			}
		}()
		for _, p := range pairs(m) {
			name := p.k.Value
			here := strings.Join(append(slices.Clone(path), name), ".")
			where := strings.Join(path, ".")
			if where == "" {
				where = "the top level"
			}
			sub, known := sch[name]
			switch {
			case known && here == "bootstrap.users" && version >= 4 && len(pairs(p.v)) > 0: // (an empty users: loses nothing)
				var names, made []string
				own := l.patroniUsers()
				for _, u := range pairs(p.v) {
					if own[u.k.Value] || patroniUserVarRe.MatchString(u.k.Value) || l.createdElsewhere(u.k.Value) || l.createdByVar(u.k.Value) {
						made = append(made, u.k.Value)
					} else {
						names = append(names, u.k.Value)
					}
				}
				if len(names) == 0 {
					l.note(f, p.k.Line, fmt.Sprintf("bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it, but the users it lists (%s) are made anyway, from postgresql.authentication or by a script of the answer, so nothing is lost", joinAnd(made)),
						"drop bootstrap.users")
					continue
				}
				if who, where := l.connectsAs(names); who != "" {
					l.add(f, p.k.Line, fmt.Sprintf("bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it and creates none of these users, so %s, which %s connects as, does not exist", who, where),
						"create the users in a bootstrap.post_bootstrap script (or pin patroni<4)")
					continue
				}
				// Nothing in the answer connects as them: nothing the
				// exercise asks breaks, so lint says it without blame.
				l.note(f, p.k.Line, fmt.Sprintf("bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it and creates none of these users (%s); nothing in the answer connects as them, so nothing breaks", joinAnd(names)),
					"drop bootstrap.users, or create the users in a bootstrap.post_bootstrap script if something will use them")
				continue
			case known && here == "bootstrap.users" && version == 0 && len(pairs(p.v)) > 0 && latestImage(n) != "":
				// A ready-made image on its newest tag: lint cannot read its
				// Patroni (4.x if it was built since August 2024, older if
				// the image is no longer maintained), so a note.
				l.note(f, p.k.Line, fmt.Sprintf("bootstrap.users was removed in Patroni 4.0 (August 2024), and %s is an unpinned tag of an image lint cannot read: if the image was built with Patroni 4.0 or later, Patroni ignores bootstrap.users and creates none of these users", latestImage(n)),
					"create the users in a bootstrap.post_bootstrap script (works on every Patroni version), or check the image's Patroni (docker run --rm --entrypoint patroni IMAGE --version)")
				continue
			case known && name == "create_replica_methods" && isMap(p.v):
				// Patroni iterates it as a list of method names: a mapping
				// runs its keys as methods and ignores what is under them.
				var inner []string
				for _, q := range pairs(p.v) {
					if isMap(q.v) && len(pairs(q.v)) > 0 {
						inner = append(inner, q.k.Value)
					}
				}
				if len(inner) > 0 {
					l.add(f, p.k.Line, fmt.Sprintf("%s is a mapping, but Patroni reads a list of method names: it runs %s and ignores the options under %s, which belong at %s",
						here, strings.Join(inner, ", "), strings.Join(inner, ", "), strings.TrimSuffix(here, "create_replica_methods")+inner[0]),
						fmt.Sprintf("create_replica_methods: [%s] and the options under %s: (e.g. basebackup: {checkpoint: fast})", strings.Join(inner, ", "), strings.TrimSuffix(here, ".create_replica_methods")))
				}
				continue
			case known:
				if sub != nil {
					walk(append(slices.Clone(path), name), p.v, sub)
				}
				continue
			case len(path) > 0 && path[0] == "bootstrap" && len(path) == 1 && isMap(p.v) && get2(p.v, "command") != nil:
				continue // a custom bootstrap method
			case len(path) == 1 && path[0] == "postgresql" && isMap(p.v) && get2(p.v, "command") != nil:
				continue // a custom replica creation method
			case len(path) == 1 && path[0] == "postgresql" && get2(m, "authentication") == nil &&
				(name == "replication" || name == "superuser" || name == "pg_rewind"):
				// Patroni's old layout: with no authentication section,
				// config.py moves replication and superuser into it, takes
				// pg_rewind's user as the superuser when none is given, and
				// turns use_pg_rewind on.
				continue
			}
			belongs := bestPlace(path, name, p.v)
			if len(path) == 0 && belongs != "" {
				belongs = l.ownDCSPlace(n, name, belongs)
			}
			if belongs != "" && !otherDCSSection(path, belongs) {
				if _, there := getPath(n.conf.root, strings.Split(belongs, ".")...); len(path) == 0 && there != nil && !isMap(p.v) && sameYAML(there, p.v) {
					continue // a stray top-level copy of a value the right place holds: nothing is lost
				}
				dest := strings.TrimSuffix(belongs, "."+name)
				if dest == belongs {
					dest = "the top level"
				}
				var g *group
				for _, x := range groups {
					if x.dest == dest {
						g = x
					}
				}
				if g == nil {
					g = &group{dest: dest}
					groups = append(groups, g)
				}
				g.names, g.lines = append(g.names, name), append(g.lines, p.k.Line)
				continue
			}
			if near := nearestKey(name, sch); near != "" && len(path) == 1 && missingRequired(path[0], near, m) {
				// A typo of a key Patroni's validator requires, which the
				// section lacks: Patroni does not start (batch 33:
				// ru-gennady, zookeeper: host: for hosts:).
				fix := fmt.Sprintf("rename %s to %s", name, near)
				if v, ok := scalar(p.v); ok && v != "" {
					fix += fmt.Sprintf(" (%s: %s)", near, v)
				}
				l.add(f, p.k.Line, fmt.Sprintf("%s is not a Patroni setting: %s's key is %s, and with no %s.%s Patroni's configuration check fails (%s.%s is not defined), so Patroni does not start", here, path[0], near, path[0], near, path[0], near), fix)
			} else if near != "" {
				l.add(f, p.k.Line, fmt.Sprintf("%s is not a Patroni setting (ignored): did you mean %s?", here, strings.TrimPrefix(strings.Join(append(slices.Clone(path), near), "."), ".")),
					fmt.Sprintf("rename it to %s", near))
			} else if len(path) == 0 && isMap(p.v) {
				// An unknown section: all of its settings are lost.
				var inner []string
				for _, q := range pairs(p.v) {
					inner = append(inner, q.k.Value)
				}
				l.add(f, p.k.Line, fmt.Sprintf("%s: is not a Patroni section (ignored), so its %s are not read", name, joinAnd(inner)),
					"move the settings to the section that takes them (ttl, loop_wait and retry_timeout go under bootstrap.dcs), or delete it")
			} else if len(path) > 0 && path[len(path)-1] == "postgresql" && gucNameRe.MatchString(name) && !patroniManaged[name] && !isMap(p.v) && !isSeq(p.v) {
				// A value where Patroni reads sections: most likely a
				// PostgreSQL setting written beside parameters, not in it.
				// One finding for all of them.
				gucs.names, gucs.lines = append(gucs.names, name), append(gucs.lines, p.k.Line)
				if v, _ := scalar(p.v); !patroniDefault(name, v) || getKey(m, "parameters", name) || getKey(n.conf.root, "postgresql", "parameters", name) {
					gucs.changed = true
				}
			} else if len(path) > 0 {
				// A key no section of Patroni's has, in a section whose keys
				// Patroni knows: ignored without a word.
				fix := fmt.Sprintf("use one of the keys %s takes, or delete it", strings.Join(path, "."))
				if patroniTagKeys[name] {
					// A node tag written in the wrong section: deleting it
					// keeps the problem (batch 22: devapprentice-etcd).
					fix = fmt.Sprintf("move it under tags: (a top-level section: tags: {%s: ...})", name)
				}
				if v, _ := scalar(p.v); strings.Join(path, ".") == "consul" && name == "protocol" && strings.EqualFold(v, "http") {
					// consul's key is scheme, and http is its default: the
					// ignored line asks for what Patroni does anyway.
					l.note(f, p.k.Line, "consul.protocol is not a Patroni setting (ignored; consul's key is scheme), but http is the scheme Patroni uses by default: nothing changes",
						"rename it scheme: http, or delete it")
					continue
				}
				l.add(f, p.k.Line, fmt.Sprintf("%s is not a Patroni setting (ignored): %s takes %s", here, strings.Join(path, "."), strings.Join(sortedKeys(sch), ", ")), fix)
			}
		}
	}
	walk(nil, n.conf.root, patroniSchema)
}

// ownDCSPlace: where a DCS key found at the top level belongs, in the DCS
// the answer uses: the DCS section the file has (even empty), else the one
// the project runs (zookeeper, etcd3 for etcd, consul), never etcd: by
// default (batch 35: ru-zlata's hosts under an empty zookeeper: was sent to
// etcd.hosts). A key that DCS section does not take keeps bestPlace's.
func (l *linter) ownDCSPlace(n *nodeConf, name, belongs string) string {
	top, _, _ := strings.Cut(belongs, ".")
	if !slices.Contains(dcsSections, top) || strings.Count(belongs, ".") != 1 {
		return belongs
	}
	var cands []string
	for _, s := range dcsSections {
		if k, _ := get(n.conf.root, s); k != nil {
			cands = append(cands, s)
		}
	}
	if len(cands) == 0 {
		switch l.rules.dcs {
		case "etcd":
			cands = []string{"etcd3", "etcd"}
		case "":
		default:
			cands = []string{l.rules.dcs}
		}
	}
	for _, s := range cands {
		if _, ok := patroniSchema[s][name]; ok {
			return s + "." + name
		}
	}
	return belongs
}

// lostIndent: the DCS section sec is present and empty, and a key it takes
// (and the top level does not) follows it at the top level: checkSchema
// reports the lost indentation, the checks of the section say nothing more.
func lostIndent(root *yaml.Node, sec string) bool {
	k, v := get(root, sec)
	if k == nil || len(pairs(v)) > 0 {
		return false
	}
	for _, p := range pairs(root) {
		_, top := patroniSchema[p.k.Value]
		if _, takes := patroniSchema[sec][p.k.Value]; takes && !top && p.k.Line > k.Line {
			return true
		}
	}
	return false
}

// otherDCSSection: a key found in one DCS section whose "place" is another
// DCS section (zookeeper.host -> consul.host). The config's DCS is the one
// it names; moving the key would add a second DCS section for a store the
// answer does not run, so the key is judged within its own section (a
// near-miss there, or unknown).
func otherDCSSection(path []string, belongs string) bool {
	if len(path) == 0 || !slices.Contains(dcsSections, path[0]) {
		return false
	}
	top, _, _ := strings.Cut(belongs, ".")
	return slices.Contains(dcsSections, top) && top != path[0]
}

// requiredKeys are the keys patroni/validator.py requires in a DCS
// section: without them the configuration check fails and Patroni exits.
var requiredKeys = map[string][]string{"zookeeper": {"hosts"}, "exhibitor": {"hosts", "port"}, "raft": {"self_addr", "partner_addrs"}}

// missingRequired: key is required in section and the mapping m lacks it.
func missingRequired(section, key string, m *yaml.Node) bool {
	return slices.Contains(requiredKeys[section], key) && get2(m, key) == nil
}

// typoOfRequired: the section's mapping lacks the required key, but holds a
// key one or two letters from it (host for hosts), which checkSchema
// reports as the cause.
func typoOfRequired(section, key string, m *yaml.Node) bool {
	if !isMap(m) || !missingRequired(section, key, m) {
		return false
	}
	for _, p := range pairs(m) {
		if _, known := patroniSchema[section][p.k.Value]; !known && nearestKey(p.k.Value, patroniSchema[section]) == key {
			return true
		}
	}
	return false
}

// patroniManaged are PostgreSQL settings Patroni writes itself (recovery and
// synchronous replication): under parameters they would be overridden too.
var patroniManaged = map[string]bool{"primary_conninfo": true, "primary_slot_name": true, "synchronous_standby_names": true,
	"restore_command": true, "recovery_target_timeline": true, "standby_mode": true, "recovery_min_apply_delay": true, "archive_cleanup_command": true}

// gucNameRe: the shape of a PostgreSQL setting's name (two words or more).
var gucNameRe = regexp.MustCompile(`^[a-z]+(?:_[a-z0-9]+)+$`)

// stringSections take one string per key (a program's name, a script).
var stringSections = map[string]bool{"bin_name": true, "callbacks": true}

// bestPlace is where a key belongs: the known path of that name that shares
// the most leading sections with where it is.
func bestPlace(path []string, name string, v *yaml.Node) string {
	best, bestScore := "", -1
	for _, p := range schemaPaths[name] {
		parts := strings.Split(p, ".")
		if len(parts) > 1 && stringSections[parts[len(parts)-2]] && (isMap(v) || isSeq(v)) {
			continue // a list or mapping is not one program name or script
		}
		score := 0
		for _, sec := range path {
			if slices.Contains(parts[:len(parts)-1], sec) {
				score++
			}
		}
		if score > bestScore || (score == bestScore && len(parts) < strings.Count(best, ".")+1) {
			best, bestScore = p, score
		}
	}
	return best
}

// nearestKey is the known key closest to name (edit distance at most 2).
func nearestKey(name string, sch skey) string {
	best, bestD := "", 3
	for k := range sch {
		if k == "*" {
			continue
		}
		if d := editDistance(name, k); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if best != "" {
		return best
	}
	// A word left out or shortened (trace_level for traceback_level): the
	// one known key sharing its first word and its last.
	first, last := strings.Split(name, "_")[0], name[strings.LastIndex(name, "_")+1:]
	var cands []string
	for k := range sch {
		if k != "*" && strings.Contains(name, "_") && strings.HasPrefix(k, first) && strings.HasSuffix(k, "_"+last) {
			cands = append(cands, k)
		}
	}
	if len(cands) == 1 {
		return cands[0]
	}
	return ""
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// patroniUserVarRe is a user named by Patroni's own variables.
var patroniUserVarRe = regexp.MustCompile(`^\$\{?PATRONI_(?:SUPERUSER|REPLICATION|REWIND)_USERNAME\b`)

// patroniUsers are the users Patroni makes itself from a config's
// postgresql.authentication (postgres, the superuser, replication and
// rewind users, also when a variable names them).
func (l *linter) patroniUsers() map[string]bool {
	own := map[string]bool{"postgres": true}
	for _, n := range append(slices.Clone(l.nodes), l.templates...) {
		if n.conf == nil {
			continue
		}
		for _, role := range []string{"superuser", "replication", "rewind"} {
			if _, v := getPath(n.conf.root, "postgresql", "authentication", role, "username"); v != nil {
				if name, ok := scalar(v); ok {
					own[name] = true
				}
			}
		}
	}
	return own
}

// connectsAs is the first of the users that a file of the answer other than
// a Patroni config connects as (psql -U NAME, user=NAME, a *_USER variable,
// postgres://NAME@, a HAProxy pgsql-check user), and that file. Patroni's
// own variables (PATRONI_SUPERUSER_USERNAME) do not count.
func (l *linter) connectsAs(names []string) (user, file string) {
	if len(names) == 0 {
		return "", ""
	}
	confs := map[string]bool{}
	for _, n := range append(slices.Clone(l.nodes), l.templates...) {
		confs[n.file] = true
	}
	compose := ""
	if l.composeFile != "" {
		if data, ok := l.read(l.composeFile); ok {
			compose = string(data)
		}
	}
	var res []*regexp.Regexp
	for _, u := range names {
		res = append(res, regexp.MustCompile(`(?i)(?:-U\s*|--username[= ]|\buser\s*=\s*["']?|\busername\s*[=:]\s*["']?|\b(\w*(?:DB|PG|POSTGRES|POSTGRESQL|DATABASE|DATASOURCE)_?USER(?:NAME)?)\s*[=:]\s*["']?|postgres(?:ql)?(?:\+\w+)?://|pgsql-check\s+user\s+)`+regexp.QuoteMeta(u)+`(?:$|[^\w-])`))
	}
	for _, f := range l.textFiles() {
		p := f.path
		if user != "" {
			break
		}
		if confs[p] || strings.HasSuffix(p, ".md") {
			continue
		}
		// An env file's variable is a connection only when the compose
		// file hands it on (${POSTGRES_USER}); a service's environment is
		// read by its image.
		envFile := strings.HasPrefix(path.Base(p), ".env") || strings.HasSuffix(p, ".env")
	lines:
		for _, line := range strings.Split(f.text, "\n") {
			if strings.Contains(line, "PATRONI_") {
				continue // Patroni's own settings: it makes those users
			}
			for i, re := range res {
				m := re.FindStringSubmatch(line)
				if m == nil || (envFile && m[1] != "" && !strings.Contains(compose, "$"+m[1]) && !strings.Contains(compose, "${"+m[1])) {
					continue
				}
				user, file = names[i], p
				break lines
			}
		}
	}
	return user, file
}

// createdElsewhere: a script or SQL file of the answer creates the user
// (CREATE USER/ROLE name, createuser name), as a post_bootstrap does.
func (l *linter) createdElsewhere(name string) bool {
	re := regexp.MustCompile(`(?i)(?:create\s+(?:user|role)\s+(?:if\s+not\s+exists\s+)?["']?|createuser\s+(?:-\S+\s+)*)` + regexp.QuoteMeta(name) + `(?:$|[^\w-])`)
	return slices.ContainsFunc(l.textFiles(), func(f answerFile) bool {
		return !strings.HasSuffix(f.path, ".md") && re.MatchString(f.text)
	})
}

// roleVarRe: a user named by a variable (${POSTGRES_USER}).
var roleVarRe = regexp.MustCompile(`^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$`)

// anyRoleMadeRe: a statement that makes a role, whatever its name (CREATE
// ROLE %I in a format(), CREATE USER :"name", createuser "$X").
var anyRoleMadeRe = regexp.MustCompile(`(?i)\bcreate\s+(?:user|role)\b|\bcreateuser\s`)

// createdByVar: a script of the answer makes a role and reads the variable
// that names the user (psql -v app_user="${POSTGRES_USER}" feeding CREATE
// ROLE %I ... :'app_user'), so the user bootstrap.users names by that
// variable is made there (batch 38: nse09940-warehouse).
func (l *linter) createdByVar(name string) bool {
	m := roleVarRe.FindStringSubmatch(name)
	if m == nil {
		return false
	}
	ref := regexp.MustCompile(`\$(?:\{` + m[1] + `[}:?+=-]|` + m[1] + `\b)`)
	return slices.ContainsFunc(l.textFiles(), func(f answerFile) bool {
		return !strings.HasSuffix(f.path, ".md") && !isPatroniConfText(f.text) && anyRoleMadeRe.MatchString(f.text) && ref.MatchString(f.text)
	})
}

// isPatroniConfText: the text is a Patroni config (its bootstrap.users is
// what is being judged, not a script that makes them).
func isPatroniConfText(t string) bool {
	return strings.Contains(t, "\nbootstrap:") && (strings.Contains(t, "\npostgresql:") || strings.Contains(t, "\nrestapi:"))
}

// patroniCmdline is what Patroni passes PostgreSQL on its command line when
// no parameters section sets it (Patroni's postgresql/config.py,
// CMDLINE_OPTIONS; wal_level's hot_standby is replica since 9.6).
var patroniCmdline = map[string][]string{
	"wal_level":                 {"hot_standby", "replica"},
	"hot_standby":               {"on"},
	"max_connections":           {"100"},
	"max_wal_senders":           {"10"},
	"wal_keep_segments":         {"8"},
	"wal_keep_size":             {"128mb"},
	"max_prepared_transactions": {"0"},
	"max_locks_per_transaction": {"64"},
	"track_commit_timestamp":    {"off"},
	"max_replication_slots":     {"10"},
	"max_worker_processes":      {"8"},
	"wal_log_hints":             {"on"},
}

// patroniDefault: v is the value Patroni gives the setting name anyway.
func patroniDefault(name, v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "true", "yes", "1":
		if name == "hot_standby" || name == "wal_log_hints" || name == "track_commit_timestamp" {
			v = "on"
		}
	case "false", "no", "0":
		if name == "hot_standby" || name == "wal_log_hints" || name == "track_commit_timestamp" {
			v = "off"
		}
	}
	return v != "" && slices.Contains(patroniCmdline[strings.ToLower(name)], v)
}

// getKey: the mapping m has the key path.
func getKey(m *yaml.Node, keys ...string) bool {
	k, _ := getPath(m, keys...)
	return k != nil
}

// patroniTagKeys are the keys of Patroni's top-level tags: section.
var patroniTagKeys = map[string]bool{"nofailover": true, "failover_priority": true, "sync_priority": true, "clonefrom": true, "noloadbalance": true, "replicatefrom": true, "nosync": true, "nostream": true}

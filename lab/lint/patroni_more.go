package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkTTL: Patroni raises a ttl below 20 to 20 ("ttl=10 can't be smaller
// than 20, adjusting..."), so the leader key lives longer than written and
// a failover after a crash takes longer than the author planned.
func (l *linter) checkTTL(n *nodeConf) {
	_, dcs := getPath(n.conf.root, "bootstrap", "dcs")
	ttl, ok := intAt(dcs, "ttl")
	if !ok || ttl >= 20 || ttl <= 0 {
		return
	}
	k, _ := get(dcs, "ttl")
	l.add(n.file, k.Line, fmt.Sprintf("ttl %d is below Patroni's minimum of 20 (its documented minimum possible value): Patroni uses 20, so the leader key lives 20 s and a failover after a crash takes longer than configured", ttl),
		"ttl: 20 or more (with loop_wait + 2*retry_timeout <= ttl)")
}

// unhashableKeys: a mapping or a list used as a key ({{user}} unquoted is
// a flow mapping): PyYAML refuses the file ("found unhashable key") and
// Patroni cannot load its config at all. One finding per file.
func (l *linter) unhashableKeys(file string, root *yaml.Node) bool {
	var lines []int
	var texts []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Kind == yaml.MappingNode || k.Kind == yaml.SequenceNode {
					t := flowText(k)
					if n.Style&yaml.FlowStyle != 0 && len(n.Content) == 2 && isNull(n.Content[1]) {
						t = "{" + t + "}" // {{x}}: the key of a one-key flow mapping
					}
					lines = append(lines, k.Line)
					if !slices.Contains(texts, t) {
						texts = append(texts, t)
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	if len(lines) == 0 {
		return false
	}
	l.add(file, lines[0], fmt.Sprintf("%s is a YAML mapping used as a key (an unquoted {{...}}): PyYAML refuses the file (found unhashable key), so Patroni cannot load this config%s", strings.Join(texts, ", "), alsoLines(lines)),
		"quote the values (username: \"{{replicator}}\") or write the real ones")
	return true
}

// flowText shows a node as written in flow style ({{replicator}}).
func flowText(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		var parts []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := flowText(n.Content[i])
			if !isNull(n.Content[i+1]) {
				k += ": " + flowText(n.Content[i+1])
			}
			parts = append(parts, k)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case yaml.SequenceNode:
		var parts []string
		for _, c := range n.Content {
			parts = append(parts, flowText(c))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return n.Value
}

// checkNoHBA: a config with no pg_hba anywhere (postgresql.pg_hba,
// bootstrap.pg_hba, bootstrap.dcs.postgresql.pg_hba, an hba_file) keeps
// the pg_hba.conf initdb writes, which accepts local connections only: the
// replica cannot replicate and HAProxy's clients are refused.
func (l *linter) checkNoHBA(n *nodeConf) {
	root := n.conf.root
	for _, p := range [][]string{
		{"postgresql", "pg_hba"}, {"bootstrap", "pg_hba"}, {"bootstrap", "dcs", "postgresql", "pg_hba"},
		{"postgresql", "parameters", "hba_file"}, {"bootstrap", "dcs", "postgresql", "parameters", "hba_file"},
		{"bootstrap", "method"},
		// (pg_hba indented under parameters: checkSchema's finding says
		// it is lost, with the same consequence)
		{"postgresql", "parameters", "pg_hba"}, {"bootstrap", "dcs", "postgresql", "parameters", "pg_hba"},
	} {
		if k, _ := getPath(root, p...); k != nil {
			return
		}
	}
	if v := l.val(n, "PATRONI_POSTGRESQL_PG_HBA", "postgresql", "pg_hba"); v.set || v.unknown {
		return
	}
	if n.svc != nil && (n.svc.envUnknown || n.svc.hasEnv("PATRONI_CONFIGURATION")) {
		return
	}
	k, pg := get(root, "postgresql")
	if k == nil || !isMap(pg) {
		return
	}
	// Another node of the cluster may set it: a node that joins gets the
	// bootstrap node's pg_hba.conf with its base backup (and the DCS's).
	for _, o := range l.nodes {
		if o != n && o.conf != nil {
			for _, p := range [][]string{{"postgresql", "pg_hba"}, {"bootstrap", "pg_hba"}, {"bootstrap", "dcs", "postgresql", "pg_hba"}} {
				if k, _ := getPath(o.conf.root, p...); k != nil {
					return
				}
			}
		}
	}
	l.add(n.file, k.Line, "no pg_hba in this config (postgresql.pg_hba or bootstrap.pg_hba): Patroni keeps the pg_hba.conf initdb writes, which accepts local connections only, so the other node cannot replicate and clients through HAProxy are refused",
		"add pg_hba under postgresql: (- host replication <replication user> 0.0.0.0/0 md5, - host all all 0.0.0.0/0 md5)")
}

// hbaHostOnlyZero: 0.0.0.0/32 matches the address 0.0.0.0 alone (no
// client has it), not every address as 0.0.0.0/0 does.
func hbaHostOnlyZero(addr string) bool {
	return addr == "0.0.0.0/32" || addr == "0.0.0.0 255.255.255.255"
}

// unhashable: a mapping with a mapping or list as a key.
func unhashable(v *yaml.Node) bool {
	v = resolve(v)
	if v == nil || v.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i < len(v.Content); i += 2 {
		if k := v.Content[i]; k.Kind == yaml.MappingNode || k.Kind == yaml.SequenceNode {
			return true
		}
	}
	return false
}

// checkUnrunConfigs: when a node's config was not found, the answer's
// Patroni configs that no node reads are the ones meant for it (postgres1.yml
// next to a compose file that mounts none): their own mistakes are still
// mistakes of the answer, so their pg_hba, keys and ttl are judged (not what
// depends on the node that would run them).
func (l *linter) checkUnrunConfigs() {
	if len(l.noConfig) == 0 {
		return
	}
	used := map[string]bool{}
	for _, n := range append(slices.Clone(l.nodes), l.templates...) {
		used[n.file] = true
	}
	var files []string
	for _, pat := range []string{"*.y*ml", "*/*.y*ml"} {
		m, _ := globFS(l, pat)
		files = append(files, m...)
	}
	slices.Sort(files)
	for _, f := range slices.Compact(files) {
		if used[f] || f == l.composeFile || !l.looksPatroni(f) {
			continue
		}
		n := &nodeConf{file: f, name: strings.TrimSuffix(path.Base(f), path.Ext(f))}
		l.guard(f, func() {
			if n.conf = l.parsePatroni(f); n.conf != nil {
				l.checkPgHBA(n)
				l.checkSchema(n)
				l.checkTTL(n)
			}
		})
	}
}

// checkSSLKeyMount: ssl on with ssl_key_file in a directory bind-mounted
// from the answer. A git checkout gives the key mode 0644 owned by the host
// user, and PostgreSQL refuses a key with group or world access (or owned
// by someone other than postgres or root): it does not start. A start
// script or RUN that chmods the key is trusted to fix it.
func (l *linter) checkSSLKeyMount(n *nodeConf) {
	if n.svc == nil || n.conf == nil {
		return
	}
	for _, p := range [][]string{{"bootstrap", "dcs", "postgresql", "parameters"}, {"postgresql", "parameters"}} {
		_, params := getPath(n.conf.root, p...)
		var on bool
		var key string
		var line int
		for _, q := range pairs(params) {
			v, _ := scalar(q.v)
			v = strings.ToLower(strings.Trim(v, `"' `))
			switch q.k.Value {
			case "ssl":
				on = v == "on" || v == "true" || v == "yes" || v == "1"
			case "ssl_key_file":
				key, line = strings.Trim(strings.TrimSpace(v), `"'`), q.k.Line
			}
		}
		if !on || !strings.HasPrefix(key, "/") {
			continue
		}
		src := ""
		for _, m := range n.svc.mounts {
			if !m.bind || (key != m.target && !strings.HasPrefix(key, strings.TrimSuffix(m.target, "/")+"/")) {
				continue
			}
			if s, _, ok := l.mountSource(m); ok {
				if f := path.Join(s, strings.TrimPrefix(key, m.target)); l.exists(f) {
					src = f
				}
			}
		}
		if src == "" || l.chmodsKey(n.svc, path.Base(key)) {
			continue
		}
		l.add(n.file, line, fmt.Sprintf("ssl_key_file %s is bind-mounted from %s with ssl on: a git checkout gives it mode 0644 owned by the host user, and PostgreSQL refuses a private key with group or world access (or not owned by postgres or root), so it does not start", key, src),
			"COPY the key into the image with chmod 600 and chown postgres (or copy it at start with install -m 600 -o postgres) and point ssl_key_file at the copy")
		return
	}
}

// chmodsKey: a start script or a RUN of the service changes the key's mode.
func (l *linter) chmodsKey(s *service, base string) bool {
	cmd, _ := l.commandOf(s)
	if sc := l.runScript(s, cmd); sc != nil && strings.Contains(sc.text, "chmod") && strings.Contains(sc.text, base) {
		return true
	}
	if s.df != nil {
		for _, in := range s.df.instrs {
			if in.cmd == "RUN" && strings.Contains(in.text, "chmod") && strings.Contains(in.text, base) {
				return true
			}
		}
	}
	return false
}

// etcdEnvSuffixes are the PATRONI_ETCD_* variables that make Patroni build
// an etcd: section from the environment (config.py,
// _build_environment_configuration: PATRONI_<DCS>_<HOST|HOSTS|URL|PROXY|SRV...>).
var etcdEnvSuffixes = []string{"HOST", "HOSTS", "URL", "PROXY", "SRV"}

// checkEnvEtcdV2: PATRONI_ETCD_HOSTS (or _HOST, _URL, ...) in a node's
// environment gives Patroni an etcd: section, i.e. its etcd v2 client, and
// Patroni takes it before an etcd3: one (dcs/__init__.py tries the DCS
// modules in order). On etcd 3.4 and 3.5 without --enable-v2 (or with
// --enable-v2=false), and on 3.6, which removed v2, Patroni has no DCS: no
// leader, no cluster. A config file's own etcd: section is judged there.
func (l *linter) checkEnvEtcdV2() {
	if l.compose == nil || l.rules.dcs != "etcd" || (len(l.etcds()) == 0 && !l.splitStack()) {
		return // (no etcd at all is said as such)
	}
	serves, why := l.etcdV2()
	if serves || why == "" {
		return
	}
	for _, s := range l.compose.services {
		if s.kind != kindNode {
			continue
		}
		if slices.ContainsFunc(append(slices.Clone(l.nodes), l.templates...), func(n *nodeConf) bool {
			if n.svc != s || n.conf == nil || n.conf.root == nil {
				return false
			}
			k, _ := get(n.conf.root, "etcd")
			return k != nil
		}) {
			continue
		}
		var vars []string
		line := 0
		for _, suf := range etcdEnvSuffixes {
			if v, ok := s.env["PATRONI_ETCD_"+suf]; ok && v.line > 0 {
				vars = append(vars, "PATRONI_ETCD_"+suf)
				if line == 0 || v.line < line {
					line = v.line
				}
			}
		}
		if len(vars) == 0 {
			continue
		}
		what := strings.Join(vars, " and ")
		l.gatherEach("env-etcd-v2", l.composeFile, line, s.name, func(items []string) string {
			return fmt.Sprintf("%s (%s) %s Patroni an etcd: section, its etcd v2 client, taken before any etcd3: section: the v2 API, which %s: Patroni fails with Failed to get list of machines from .../v2, no leader is elected and no node bootstraps",
				what, joinAnd(items), plural(len(vars), "gives", "give"), why)
		}, "use PATRONI_ETCD3_HOSTS (the v3 API) instead")
	}
}

// runsSpiloLauncher: a Spilo container runs Spilo's launcher (launch.sh,
// its image's CMD, which has configure_spilo.py write Patroni's config and
// pg_hba from the environment) unless its command: or entrypoint: runs
// something else (patroni /etc/patroni/patroni.yml on a config of its own).
func runsSpiloLauncher(s *service) bool {
	if len(s.command)+len(s.entrypoint) == 0 {
		return true
	}
	for _, w := range append(slices.Clone(s.entrypoint), s.command...) {
		if strings.Contains(w.s, "launch.sh") || strings.Contains(w.s, "configure_spilo") {
			return true
		}
	}
	return false
}

// checkSpiloReplicationUser: Spilo writes pg_hba itself, and its only
// replication line is `hostssl replication {{PGUSER_STANDBY}} all md5`
// (configure_spilo.py; PGUSER_STANDBY defaults to "standby"), while
// PATRONI_REPLICATION_USERNAME makes Patroni connect for replication as
// another user: every replica's pg_basebackup is refused ("no pg_hba.conf
// entry for replication connection") and no replica is ever built.
func (l *linter) checkSpiloReplicationUser() {
	if l.compose == nil {
		return
	}
	for _, s := range l.compose.services {
		if s.build != nil || !s.hasImage {
			continue
		}
		if repo, _ := imageRef(s.image.s); !strings.Contains(path.Base(repo), "spilo") {
			continue
		}
		if !runsSpiloLauncher(s) {
			continue // patroni on a config of its own: Spilo's pg_hba is never written
		}
		v, ok := s.env["PATRONI_REPLICATION_USERNAME"]
		if !ok || !v.ok || v.s == "" || strings.Contains(v.s, "$") {
			continue
		}
		if _, ok := s.env["SPILO_CONFIGURATION"]; ok {
			continue // its own pg_hba may be there
		}
		standby, set := "standby", false
		if sv, ok := s.env["PGUSER_STANDBY"]; ok {
			if !sv.ok {
				continue
			}
			standby, set = sv.s, true
		}
		if standby == v.s {
			continue
		}
		user, std := v.s, standby
		how := "Spilo's default, PGUSER_STANDBY is not set"
		if set {
			how = "PGUSER_STANDBY"
		}
		l.gatherEach("spilo-replication-user:"+user+":"+std, l.composeFile, v.line, s.name, func(items []string) string {
			return fmt.Sprintf("PATRONI_REPLICATION_USERNAME=%s (%s) makes Patroni replicate as %s, but Spilo's pg_hba allows replication only for %s (%s): the replicas' pg_basebackup is refused (no pg_hba.conf entry for replication connection) and no replica is ever built",
				user, joinAnd(items), user, std, how)
		}, fmt.Sprintf("set Spilo's PGUSER_STANDBY=%s and PGPASSWORD_STANDBY instead of PATRONI_REPLICATION_USERNAME/PASSWORD", user))
	}
}

// archiveCpRe finds the directory an archive_command copies WAL into: cp
// (or cp -i, rsync) %p DIR/%f or %p DIR/.
var archiveCpRe = regexp.MustCompile(`\b(?:cp|rsync)(?:\s+-[\w-]+)*\s+["']?%p["']?\s+["']?(/[\w./-]*?)/(?:%f)?["']?(?:\s|$|;|&|\|)`)

// knownDirs exist in every image a node is built from (Debian or Alpine
// with PostgreSQL): an archive there needs no mkdir.
var knownDirs = []string{"/tmp", "/var/tmp", "/var/lib/postgresql", "/var/lib/postgresql/data", "/var/run/postgresql", "/home", "/var/log"}

// scriptLike: a file that can make a directory when the stack is built or
// started (a script, a Dockerfile, a compose file, a Makefile), not notes.
func scriptLike(name string) bool {
	switch path.Ext(name) {
	case ".sh", ".bash", ".yml", ".yaml", ".py", ".conf":
		return true
	}
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "dockerfile") || strings.HasSuffix(l, ".dockerfile") || l == "makefile" || !strings.Contains(name, ".") && strings.Contains(l, "entrypoint")
}

// checkArchiveDir: archive_command copies each WAL segment into a directory
// that neither the image (a mkdir, COPY, WORKDIR, VOLUME naming it), nor a
// mount, nor a script of the answer, nor the command itself creates: every
// archive attempt fails (cp: No such file or directory), the archiver
// retries for ever and PostgreSQL keeps every segment in pg_wal, as with no
// archive_command at all. Judged only for a node built here, whose image
// lint reads whole.
func (l *linter) checkArchiveDir(n *nodeConf, cmd *yaml.Node) {
	v, ok := scalar(cmd)
	if !ok || n.svc == nil || n.svc.df == nil || strings.Contains(v, "mkdir") || strings.Contains(v, "$") {
		return
	}
	m := archiveCpRe.FindStringSubmatch(v)
	if m == nil {
		return
	}
	dir := path.Clean(m[1])
	if slices.Contains(knownDirs, dir) || dir == "/" {
		return
	}
	// Mounted there (or below it: Docker creates the mount point's parents).
	for _, mt := range n.svc.mounts {
		if t := path.Clean(mt.target); t == dir || strings.HasPrefix(t, dir+"/") {
			return
		}
	}
	// Named in the image (mkdir, COPY, WORKDIR, VOLUME) or made by any
	// script or file of the answer (mkdir -p DIR, install -d DIR).
	for _, in := range n.svc.df.instrs {
		if strings.Contains(in.text, dir) {
			return
		}
	}
	made := false
	for _, f := range l.textFiles() {
		if made || inHiddenDir(f.path) || !scriptLike(path.Base(f.path)) {
			continue
		}
		for _, ln := range strings.Split(f.text, "\n") {
			if strings.Contains(ln, dir) && (strings.Contains(ln, "mkdir") || strings.Contains(ln, "install -d")) {
				made = true
				break
			}
		}
	}
	if made {
		return
	}
	l.add(n.file, resolve(cmd).Line, fmt.Sprintf("archive_command copies each WAL segment into %s, which nothing creates (no mkdir in the image or a script, no volume there): every archive attempt fails (cp: No such file or directory), the archiver retries for ever and PostgreSQL keeps every segment in pg_wal until the disk is full", dir),
		fmt.Sprintf("create it for postgres in the Dockerfile (RUN mkdir -p %s && chown postgres:postgres %s) or mount a volume at %s", dir, dir, dir))
}

// checkHookScripts: bootstrap.post_init / post_bootstrap name a script
// Patroni runs right after initdb (post_bootstrap in Patroni 4; post_init
// is its older name). When nothing puts that file in the container (no
// mount of it or of a directory above it, no COPY/ADD or RUN that makes
// it, no start script that writes it), running it fails: Patroni logs
// "post_bootstrap ... failed", removes the new data directory and exits
// ("Failed to bootstrap cluster"), on every node that tries (Patroni's
// bootstrap.py, post_bootstrap; docs/yaml_configuration.rst).
func (l *linter) checkHookScripts(n *nodeConf) {
	s := n.svc
	if s == nil || s.df == nil {
		return // an image lint cannot see into may hold it
	}
	for _, hook := range []string{"post_init", "post_bootstrap"} {
		k, v := getPath(n.conf.root, "bootstrap", hook)
		if k == nil {
			continue
		}
		val, ok := scalar(v)
		if !ok {
			continue
		}
		fields := strings.Fields(strings.Trim(val, `"'`))
		if len(fields) == 0 {
			continue
		}
		p := fields[0]
		if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "${}") {
			continue // a command on PATH, or a path filled in at start
		}
		p = path.Clean(p)
		if path.Ext(p) == "" && systemBinDirRe.MatchString(path.Dir(p)) {
			continue // a program of the image (/usr/local/bin/psql -f ...)
		}
		if l.putInContainer(s, p) || l.joinsBootstrapped(s) {
			continue
		}
		where := "the container"
		for _, o := range l.servicesOfConfig(n.file) {
			if o != s && l.putInContainer(o, p) {
				where = s.name + "'s container" // others sharing the config have it
			}
		}
		l.add(n.file, k.Line, fmt.Sprintf("bootstrap.%s runs %s, but nothing puts %s in %s (no bind mount of it or of a directory above it, no COPY/ADD or RUN in %s, no start script that writes it): after initdb Patroni fails to run it, removes the new data directory and exits (Failed to bootstrap cluster)", hook, p, p, where, s.dfPath),
			fmt.Sprintf("mount the script (- ./%s:%s:ro) or COPY it into the image at %s (executable)", path.Base(p), p, p))
	}
}

// joinsBootstrapped: s waits (depends_on condition: service_healthy) for
// another Patroni node, whose health check passes only with PostgreSQL
// running: the cluster is bootstrapped before s starts, so s joins it as a
// replica and never runs a bootstrap hook (batch 22: devapprentice-etcd,
// postgresql_backup).
func (l *linter) joinsBootstrapped(s *service) bool {
	if l.compose == nil {
		return false
	}
	for d := range s.healthyDeps {
		if t := l.compose.byName[d]; t != nil && t != s && t.kind == kindNode {
			return true
		}
	}
	return false
}

// servicesOfConfig: the node services that read the Patroni config file f.
func (l *linter) servicesOfConfig(f string) []*service {
	var out []*service
	for _, n := range l.nodes {
		if n.file == f && n.svc != nil && !slices.Contains(out, n.svc) {
			out = append(out, n.svc)
		}
	}
	return out
}

var systemBinDirRe = regexp.MustCompile(`^/(usr/(local/)?)?s?bin$|^/usr/lib/postgresql/[^/]+/bin$`)

// putInContainer: a mount, a Dockerfile instruction or the start script
// puts the file p into the service's container.
func (l *linter) putInContainer(s *service, p string) bool {
	if l.mountedOrBuiltIn(s, p) {
		return true
	}
	words, _ := l.commandOf(s)
	sc := l.runScript(s, words)
	return sc != nil && (strings.Contains(sc.text, p) || scriptNamesVia(sc.text, s.env, p))
}

// scriptNamesVia: the script names p through a variable of the service's
// environment whose value is p or a directory above it ($POST_INIT_PATH,
// ${SCRIPTS_DIR}, $(dirname "$POST_INIT_PATH")): what it writes there is
// p as much as a literal path would be (batch 27: devrtc0-patroni).
func scriptNamesVia(text string, env map[string]sval, p string) bool {
	for name, v := range env {
		if !v.ok || !strings.HasPrefix(v.s, "/") {
			continue
		}
		if d := path.Clean(v.s); d != p && (d == "/" || !strings.HasPrefix(p, d+"/")) {
			continue
		}
		if regexp.MustCompile(`\$(?:\{` + regexp.QuoteMeta(name) + `\}|` + regexp.QuoteMeta(name) + `\b)`).MatchString(text) {
			return true
		}
	}
	return false
}

// mountedOrBuiltIn: a mount of p or of a directory above it, or an
// instruction of the service's Dockerfile that puts p in the image: a
// COPY/ADD of it or of a directory above it, a RUN or VOLUME that names it.
func (l *linter) mountedOrBuiltIn(s *service, p string) bool {
	for _, m := range s.mounts {
		if t := path.Clean(m.target); t != "/" && (t == p || strings.HasPrefix(p, t+"/")) {
			return true
		}
	}
	if s.df == nil {
		return false
	}
	if s.df.copySource(p) != "" {
		return true
	}
	for _, in := range s.df.instrs {
		switch in.cmd {
		case "RUN", "VOLUME":
			if strings.Contains(in.text, p) {
				return true
			}
		case "COPY", "ADD":
			ws := in.words()
			if len(ws) < 2 {
				continue
			}
			dst := path.Clean(ws[len(ws)-1])
			if dst == p || !strings.HasPrefix(dst, "/") || dst == "/" || !strings.HasPrefix(p, dst+"/") {
				continue
			}
			// A directory copied above it (COPY scripts/ /scripts/).
			for _, src := range ws[:len(ws)-1] {
				if src == "." || strings.HasSuffix(src, "/") || l.isDir(path.Join(s.df.context, src)) {
					return true
				}
			}
		}
	}
	return false
}

// initdbCmdRe is a command line that runs initdb itself (directly, through
// gosu/su-exec/sudo -u/su -c, or pg_ctl initdb), not a YAML initdb: key.
var initdbCmdRe = regexp.MustCompile(`(?m)^[ \t]*(?:exec[ \t]+)?(?:(?:gosu|su-exec|chpst[ \t]+-u)[ \t]+\S+[ \t]+|sudo[ \t]+-u[ \t]*\S+[ \t]+|su[ \t]+(?:-[ \t]+)?\S+[ \t]+-c[ \t]+["']?)?(?:\S*/)?(?:initdb[ \t]|pg_ctl[ \t]+(?:[^\n]*[ \t])?(?:initdb|init)(?:[ \t]|$))`)

// checkSelfInitdb: a start script that runs initdb itself before it starts
// Patroni makes the data directory outside Patroni: the node either races
// the other nodes' bootstrap (whichever initialises the cluster in the DCS,
// the other data directory has another system ID and Patroni refuses to
// join it) or Patroni adopts a cluster it did not bootstrap, so none of its
// bootstrap steps run (no replication or rewind user, no post_bootstrap).
// Patroni initialises the data directory itself (bootstrap.initdb).
func (l *linter) checkSelfInitdb() {
	var scripts []*script
	add := func(sc *script) {
		if sc != nil && sc.file != "" && !slices.ContainsFunc(scripts, func(o *script) bool { return o.file == sc.file }) {
			scripts = append(scripts, sc)
		}
	}
	for _, p := range sortedKeys(l.dfs) {
		if d := l.dfs[p]; d != nil && d.mentionsPatroni() {
			add(l.runScript(&service{df: d}, d.finalCmd()))
		}
	}
	if l.compose != nil {
		for _, s := range l.compose.ofKind(kindNode) {
			words, _ := l.commandOf(s)
			add(l.runScript(s, words))
		}
	}
	for _, sc := range scripts {
		_, _, at := patroniArgVar(sc.text)
		if at < 0 {
			continue // it does not start Patroni
		}
		loc := initdbCmdRe.FindStringIndex(sc.text)
		if loc == nil || loc[0] > at {
			continue
		}
		l.add(sc.file, sc.lineIn(loc[0]), "the start script runs initdb itself before it starts Patroni: the data directory is made outside Patroni, so this node either races the other nodes' bootstrap (the cluster another node initialises has another system ID, and Patroni refuses to join this data directory) or Patroni adopts a cluster it did not bootstrap and skips its bootstrap (no replication or rewind user, no post_bootstrap)",
			"drop the initdb/pg_ctl steps from the script and let Patroni bootstrap the cluster (bootstrap.initdb, users and databases in bootstrap.post_bootstrap)")
	}
}

// appDBURLRe is a database URL an application is given: JDBC or libpq.
var appDBURLRe = regexp.MustCompile(`(?:jdbc:postgresql|postgres(?:ql)?(?:\+\w+)?)://(?:[^@/\s]*@)?([A-Za-z0-9_.-]+)(?::\d+)?/([A-Za-z0-9_]+)`)

// createVarRe is a CREATE DATABASE or createdb whose name is a shell
// variable ($APP_DB, ${APP_DB}, ${APP_DB:-default}): 1 the variable, 2 its default.
var createVarRe = regexp.MustCompile(`(?i)(?:create\s+database\s+(?:if\s+not\s+exists\s+)?|(?:^|[\s;&|(])createdb\s+(?:-\S+\s+)*)["']?\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-([A-Za-z0-9_]+))?\}?`)

// checkAppDatabase: an application service whose database URL points at
// the cluster (HAProxy or a node) names a database that nothing in the
// answer creates (no CREATE DATABASE or createdb in any file: a
// post_bootstrap script, init SQL, an entrypoint). Patroni's bootstrap
// creates only postgres (initdb's databases), so the application fails
// with database "X" does not exist.
func (l *linter) checkAppDatabase() {
	if l.compose == nil {
		return
	}
	type use struct {
		svc  *service
		line int
	}
	var order []string
	uses := map[string][]use{}
	for _, s := range l.compose.services {
		if s.kind != kindOther || idleCommand(s) {
			continue // (a container kept idle connects nowhere by itself)
		}
		for _, k := range sortedKeys(s.env) {
			v := s.env[k]
			if !v.ok {
				continue
			}
			for _, m := range appDBURLRe.FindAllStringSubmatch(v.s, -1) {
				host, db := m[1], m[2]
				t := l.compose.lookupHost(host)
				if t == nil || (t.kind != kindHAProxy && t.kind != kindNode) || db == "postgres" || strings.HasPrefix(db, "template") {
					continue
				}
				if uses[db] == nil {
					order = append(order, db)
				}
				uses[db] = append(uses[db], use{s, v.line})
			}
		}
	}
	if len(order) == 0 {
		return
	}
	var texts []string
	for _, f := range l.textFiles() {
		texts = append(texts, f.text)
	}
	// Databases created through a variable (CREATE DATABASE ${APP_DB}):
	// the values the nodes' environment gives it, and its default.
	viaVar := map[string]bool{}
	for _, t := range texts {
		for _, m := range createVarRe.FindAllStringSubmatch(t, -1) {
			if m[2] != "" {
				viaVar[m[2]] = true
			}
			for _, s := range l.compose.ofKind(kindNode) {
				if v, ok := s.env[m[1]]; ok && v.ok && v.s != "" {
					viaVar[v.s] = true
				}
			}
		}
	}
	for _, db := range order {
		if viaVar[db] {
			continue
		}
		created := regexp.MustCompile(`(?i)create\s+database\s+(?:if\s+not\s+exists\s+)?["']?` + db + `\b|(?:^|[\s;&|(])createdb\s+(?:-\S+\s+)*["']?` + db + `\b|POSTGRES_DB\s*[:=]\s*["']?` + db + `\b`)
		if slices.ContainsFunc(texts, created.MatchString) {
			continue
		}
		us := uses[db]
		var names []string
		var lines []int
		for _, u := range us {
			if !slices.Contains(names, u.svc.name) {
				names = append(names, u.svc.name)
			}
			lines = append(lines, u.line)
		}
		l.add(l.composeFile, lines[0], fmt.Sprintf("%s %s to the database %s, which nothing in the answer creates (no CREATE DATABASE or createdb in a post_bootstrap script, init SQL or start script): Patroni's bootstrap creates only postgres, so the application fails (database \"%s\" does not exist)%s",
			joinAnd(names), plural(len(names), "connects", "connect"), db, db, alsoLines(lines)),
			fmt.Sprintf("create it in a bootstrap.post_bootstrap script (psql -c 'CREATE DATABASE %s')", db))
	}
}

// checkReadyImageDataBind: a node on a ready-made image (no build:, no
// Dockerfile of the answer) whose data_dir is (under) a bind mount of a
// relative host directory the answer does not hold. docker compose creates
// that directory owned by root (0755), and neither Patroni nor PostgreSQL
// runs as root, so initdb cannot write it, whatever user the image runs
// as, unless its entrypoint chowns it as root first (Spilo's launch.sh
// does; a start script of the answer that chowns is taken to). One finding
// for every node, as one cause.
func (l *linter) checkReadyImageDataBind() {
	if l.compose == nil {
		return
	}
	var hosts, targets []string
	var lines []int
	dataDir, demo := "", false
	type ready struct {
		s  *service
		dd located
	}
	var rs []ready
	for _, n := range l.nodes {
		if n.svc != nil && n.conf != nil {
			rs = append(rs, ready{n.svc, l.val(n, "PATRONI_POSTGRESQL_DATA_DIR", "postgresql", "data_dir")})
		}
	}
	// Patroni's demo image: its data directory is its PGDATA,
	// /home/postgres/data, unless the service sets another.
	for _, s := range l.compose.ofKind(kindNode) {
		if !l.patroniDemoImage(s) || slices.ContainsFunc(rs, func(r ready) bool { return r.s == s }) {
			continue
		}
		if s.hasUser && s.user.ok && isRootUser(s.user.s) {
			continue
		}
		dd := located{s: patroniDemoData, set: true}
		for _, e := range []string{"PATRONI_POSTGRESQL_DATA_DIR", "PGDATA"} {
			if v, ok := s.env[e]; ok {
				dd = located{s: v.s, set: v.ok}
				break
			}
		}
		rs = append(rs, ready{s, dd})
	}
	for _, r := range rs {
		s, dd := r.s, r.dd
		if s.build != nil || s.df != nil || !s.image.ok || s.image.s == "" || strings.Contains(strings.ToLower(s.image.s), "spilo") {
			continue
		}
		if words, _ := l.commandOf(s); len(words) > 0 {
			if sc := l.runScript(s, words); sc != nil && strings.Contains(sc.text, "chown") {
				continue
			}
		}
		if !dd.set || !strings.HasPrefix(dd.s, "/") {
			continue
		}
		for _, m := range s.mounts {
			if !m.bind || !strings.HasPrefix(m.target, "/") {
				continue
			}
			t := path.Clean(m.target)
			p, inside := projectPath(m.source)
			if !inside || l.isDir(p) || l.exists(p) || !(dd.s == t || strings.HasPrefix(dd.s, t+"/")) || t == "/" {
				continue
			}
			if !slices.Contains(lines, m.line) {
				hosts, targets, lines = append(hosts, m.source), append(targets, t), append(lines, m.line)
				dataDir = dd.s
				demo = demo || l.patroniDemoImage(s)
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	what := fmt.Sprintf("the host directory %s (not in the answer) is bind-mounted at %s", hosts[0], targets[0])
	if len(hosts) > 1 {
		what = fmt.Sprintf("the host directories %s (not in the answer) are bind-mounted at %s", joinAnd(hosts), joinAnd(slices.Compact(slices.Clone(targets))))
	}
	if demo {
		whose := "the data directory of Patroni's demo image (its PGDATA)"
		if dataDir != targets[0] {
			whose = "over the data directory " + dataDir + " of Patroni's demo image"
		}
		l.add(l.composeFile, lines[0], fmt.Sprintf("%s, %s: docker compose creates %s owned by root (0755), and that image runs Patroni as postgres with an entrypoint that chowns nothing, so initdb and pg_basebackup cannot write %s (Permission denied)%s", what, whose, plural(len(hosts), "it", "them"), plural(len(hosts), "it", "them"), alsoLines(lines)),
			fmt.Sprintf("use a named volume (pgdata:%s, declared under volumes:), whose ownership comes from the image, or create %s and chown it to the image's postgres uid before docker compose up", targets[0], hosts[0]))
		return
	}
	l.add(l.composeFile, lines[0], fmt.Sprintf("%s, Patroni's data_dir %s: docker compose creates %s owned by root (0755), and neither Patroni nor PostgreSQL runs as root, so unless the image's entrypoint chowns it as root first, initdb cannot write it (Permission denied)%s", what, dataDir, plural(len(hosts), "it", "them"), alsoLines(lines)),
		fmt.Sprintf("use a named volume (pgdata:%s, declared under volumes:), whose ownership comes from the image, or create %s and chown it to the image's postgres uid before docker compose up", targets[0], hosts[0]))
}

// patroniDemoData is the data directory of Patroni's demo image (its
// docker/Dockerfile: PGHOME=/home/postgres, PGDATA=$PGHOME/data, USER
// postgres; docker/entrypoint.sh hands PGDATA to Patroni as
// PATRONI_POSTGRESQL_DATA_DIR).
const patroniDemoData = "/home/postgres/data"

// patroniDemoImage: s runs Patroni's demo image, the image `patroni` that
// Patroni's docker/Dockerfile makes (docker build -t patroni . in Patroni's
// repository) and nothing of the answer builds, in a compose file that runs
// the same image in the entrypoint's other modes (a service whose command is
// haproxy or etcd), as Patroni's docker-compose.yml does (batch 20:
// librecode-nextcloud, radarslan-billing).
func (l *linter) patroniDemoImage(s *service) bool {
	if l.compose == nil || !s.hasImage || !s.image.ok || s.build != nil || s.df != nil || s.handBuilt {
		return false
	}
	if repo, _ := imageRef(s.image.s); repo != "patroni" {
		return false
	}
	for _, o := range l.compose.services {
		if o.image.s != s.image.s || len(o.command) == 0 || o.build != nil {
			continue
		}
		if c := o.command[0].s; c == "haproxy" || c == "etcd" {
			return true
		}
	}
	return false
}

// checkBakedDataDir: the node's Dockerfile creates something inside the
// data directory (RUN mkdir DATA_DIR/archive, COPY ... DATA_DIR/x) and a
// named volume is mounted at the data directory (or above it): Docker fills
// a new named volume from the image (BuildKit keeps what a RUN writes under
// the base image's VOLUME), so Patroni finds a data directory that is not
// empty (only dotfiles and lost+found are ignored) and has no valid system
// ID: it never runs initdb ("data dir for the cluster is not empty, but
// system ID is invalid") and no node bootstraps (batch 22: ubaje-consul).
// Not judged when the node runs a start script of its own (it may clean
// the directory) or the data directory is a variable.
func (l *linter) checkBakedDataDir(n *nodeConf) {
	s := n.svc
	if s == nil || s.df == nil || s.df.final() == nil {
		return
	}
	dd := l.val(n, "PATRONI_POSTGRESQL_DATA_DIR", "postgresql", "data_dir")
	if !dd.set || !strings.HasPrefix(dd.s, "/") || strings.Contains(dd.s, "$") {
		return
	}
	data := path.Clean(dd.s)
	named := false
	for _, m := range s.mounts {
		t := path.Clean(m.target)
		if t == data || strings.HasPrefix(data, t+"/") {
			named = !m.bind && m.volume != ""
		}
	}
	if !named {
		return
	}
	if words, _ := l.commandOf(s); slices.ContainsFunc(words, func(w string) bool {
		sc := l.scriptOf(s, w)
		return sc != nil && !isYAMLName(w) // (the config it is handed is no script)
	}) {
		return
	}
	for _, in := range s.df.final().chain() {
		var made []string
		switch in.cmd {
		case "RUN":
			for _, m := range mkdirRe.FindAllStringSubmatch(in.text, -1) {
				for _, w := range strings.Fields(m[1]) {
					if !strings.HasPrefix(w, "-") {
						made = append(made, strings.Trim(w, `"'`))
					}
				}
			}
		case "COPY", "ADD":
			if len(in.args) >= 2 {
				made = append(made, in.args[len(in.args)-1])
			}
		}
		for _, p := range made {
			if strings.Contains(p, "$") || !strings.HasPrefix(path.Clean(p), data+"/") {
				continue
			}
			l.add(s.df.file, in.line, fmt.Sprintf("%s creates %s inside the data directory %s, where the node mounts a named volume: Docker fills the new volume from the image, so Patroni finds %s not empty without a valid system ID and never runs initdb (data dir for the cluster is not empty, but system ID is invalid): no node bootstraps", in.cmd, path.Clean(p), data, data),
				"create it outside the data directory (e.g. /var/lib/postgresql/archive) and point archive_command there, or create it at start after initdb (post_bootstrap)")
			return
		}
	}
}

// mkdirRe: the operands of a mkdir in a shell line (up to ; & | or a newline).
var mkdirRe = regexp.MustCompile(`\bmkdir\s+([^;&|\n]+)`)

// spiloDCSPrefixes: the environment variables Spilo's configure_spilo.py
// turns into Patroni's DCS section (<DCS>_<PARAM>: ETCD_HOST, ETCD3_HOSTS,
// ZOOKEEPER_HOSTS, CONSUL_HOST, EXHIBITOR_HOSTS ...); Patroni's own
// PATRONI_<DCS>_* do it as well.
var spiloDCSPrefixes = []string{"ETCD_", "ETCD3_", "ZOOKEEPER_", "EXHIBITOR_", "CONSUL_", "RAFT_", "PATRONI_ETCD_", "PATRONI_ETCD3_", "PATRONI_ZOOKEEPER_", "PATRONI_EXHIBITOR_", "PATRONI_CONSUL_", "PATRONI_RAFT_", "PATRONI_KUBERNETES_"}

// spiloLaunched: the service runs Spilo's launcher, whose config comes
// from the environment alone (no SPILO_CONFIGURATION/PATRONI_CONFIGURATION,
// no env_file lint could not read).
func spiloLaunched(s *service) bool {
	if s.build != nil || !s.hasImage || s.envUnknown || !runsSpiloLauncher(s) {
		return false
	}
	if repo, _ := imageRef(s.image.s); !strings.Contains(path.Base(repo), "spilo") {
		return false
	}
	_, a := s.env["SPILO_CONFIGURATION"]
	_, b := s.env["PATRONI_CONFIGURATION"]
	return !a && !b
}

// checkSpiloDCS: Spilo's launcher with no DCS variable (configure_spilo.py:
// on a local provider, a config with no DCS section) starts an etcd inside
// the container and points Patroni at 127.0.0.1:2379, so each node is a
// cluster of its own, and the project's DCS service is used by nobody.
// Said when two such nodes run, or one beside a DCS service.
func (l *linter) checkSpiloDCS() {
	if l.compose == nil {
		return
	}
	var bare []*service
	for _, s := range l.compose.ofKind(kindNode) {
		if !spiloLaunched(s) {
			continue
		}
		has := false
		for k := range s.env {
			for _, p := range spiloDCSPrefixes {
				has = has || strings.HasPrefix(k, p)
			}
			has = has || (strings.HasPrefix(k, "KUBERNETES_") && s.env["DCS_ENABLE_KUBERNETES_API"].s != "")
		}
		if !has {
			bare = append(bare, s)
		}
	}
	dcs := append(append(l.compose.ofKind(kindEtcd), l.compose.ofKind(kindConsul)...), l.compose.ofKind(kindZooKeeper)...)
	if len(bare) == 0 || (len(bare) < 2 && len(dcs) == 0) {
		return
	}
	unused, fix := "", "set ETCD3_HOSTS (or ZOOKEEPER_HOSTS, CONSUL_HOST) to the DCS on every node"
	if len(dcs) > 0 {
		var names []string
		for _, d := range dcs {
			names = append(names, d.name)
		}
		unused = fmt.Sprintf(", and %s %s used by nobody", joinAnd(names), plural(len(names), "is", "are"))
		switch dcs[0].kind {
		case kindEtcd:
			fix = fmt.Sprintf("set ETCD3_HOSTS=%s:2379 (Spilo hands it to Patroni's etcd3:) on every node", dcs[0].name)
		case kindZooKeeper:
			fix = fmt.Sprintf("set ZOOKEEPER_HOSTS=%s:2181 on every node", dcs[0].name)
		case kindConsul:
			fix = fmt.Sprintf("set CONSUL_HOST=%s:8500 on every node", dcs[0].name)
		}
	}
	for _, s := range bare {
		l.gatherEach("spilo-no-dcs", l.composeFile, s.line, s.name, func(items []string) string {
			return fmt.Sprintf("%s %s Spilo's launcher with no DCS variable (ETCD_HOST, ETCD3_HOSTS, ZOOKEEPER_HOSTS, CONSUL_HOST...): Spilo then starts an etcd inside each container and points Patroni at 127.0.0.1:2379, so each node is a cluster of its own, with its own leader and no failover between them%s",
				joinAnd(items), plural(len(items), "runs", "run"), unused)
		}, fix)
	}
}

// checkSpiloStandbyOfItself: STANDBY_HOST makes Spilo write
// bootstrap.dcs.standby_cluster, so the node bootstraps a standby cluster,
// whose standby leader Patroni never promotes. Pointed at a member of the
// node's own cluster (a Spilo node of the same SCOPE), the cluster has no
// primary once that member goes: no failover.
func (l *linter) checkSpiloStandbyOfItself() {
	if l.compose == nil {
		return
	}
	for _, s := range l.compose.ofKind(kindNode) {
		if !spiloLaunched(s) {
			continue
		}
		h, ok := s.env["STANDBY_HOST"]
		if !ok || !h.ok || h.s == "" || strings.Contains(h.s, "$") {
			continue
		}
		t := l.compose.lookupHost(h.s)
		if t == nil || t == s || t.kind != kindNode || !spiloLaunched(t) || s.env["SCOPE"].s != t.env["SCOPE"].s {
			continue
		}
		scope := s.env["SCOPE"].s
		if scope == "" {
			scope = "the same default SCOPE"
		} else {
			scope = "SCOPE " + scope
		}
		host := h.s
		l.gatherEach("spilo-standby-itself:"+host, l.composeFile, h.line, s.name, func(items []string) string {
			return fmt.Sprintf("STANDBY_HOST: %s (%s) makes Spilo write bootstrap.dcs.standby_cluster, so %s %s a standby cluster following %s, a member of %s own cluster (%s): Patroni never promotes a standby cluster's leader, so when %s goes nothing becomes primary and there is no failover",
				host, joinAnd(items), joinAnd(items), plural(len(items), "bootstraps", "bootstrap"), host, plural(len(items), "its", "their"), scope, host)
		}, "remove STANDBY_HOST/STANDBY_PORT: the members of one cluster replicate from its leader by themselves (a standby cluster is for following another cluster, another SCOPE)")
	}
}

var unreadAuthEnvRe = regexp.MustCompile(`^PATRONI_POSTGRESQL_AUTHENTICATION_(SUPERUSER|REPLICATION|REWIND)_([A-Z_]+)$`)

// checkUnreadPatroniAuthEnv: PATRONI_POSTGRESQL_AUTHENTICATION_<USER>_<KEY>
// is not a variable Patroni reads. From the environment Patroni takes a
// user's credentials as PATRONI_SUPERUSER_*, PATRONI_REPLICATION_* and
// PATRONI_REWIND_*, and of the postgresql section only LISTEN,
// CONNECT_ADDRESS, PROXY_ADDRESS, CONFIG_DIR, DATA_DIR, PGPASS, BIN_DIR and
// BIN_<program> (patroni/config.py, _build_environment_configuration): the
// value is dropped and the config's own credentials stay (batch 36:
// codedock-ha, kind 5). One finding for the stack, at the first such line.
func (l *linter) checkUnreadPatroniAuthEnv() {
	if l.compose == nil {
		return
	}
	type hit struct {
		name string
		line int
	}
	var hits []hit
	for _, s := range l.compose.services {
		var hs []hit
		for k, v := range s.env {
			if unreadAuthEnvRe.MatchString(k) {
				hs = append(hs, hit{k, v.line})
			}
		}
		sort.Slice(hs, func(i, j int) bool { return hs[i].line < hs[j].line })
		hits = append(hits, hs...)
	}
	if len(hits) == 0 {
		return
	}
	var names, fixes, also []string
	for _, h := range hits {
		if !slices.Contains(names, h.name) {
			names = append(names, h.name)
			m := unreadAuthEnvRe.FindStringSubmatch(h.name)
			fixes = append(fixes, h.name+" -> PATRONI_"+m[1]+"_"+m[2])
		}
		if h.line != hits[0].line && h.line != 0 {
			also = append(also, fmt.Sprint(h.line))
		}
	}
	more := ""
	if len(also) > 0 {
		more = " (also lines " + strings.Join(also, ", ") + ")"
	}
	are := "is not a variable"
	if len(names) > 1 {
		are = "are not variables"
	}
	l.add(l.composeFile, hits[0].line, fmt.Sprintf("%s %s Patroni reads: from the environment Patroni takes a user's credentials as PATRONI_SUPERUSER_*, PATRONI_REPLICATION_* and PATRONI_REWIND_*, and of postgresql: only LISTEN, CONNECT_ADDRESS, PROXY_ADDRESS, CONFIG_DIR, DATA_DIR, PGPASS and BIN_DIR, so the values are ignored and the config's own postgresql.authentication credentials stay%s", joinAnd(names), are, more),
		"rename them: "+strings.Join(fixes, ", "))
}

// schemeInHost: an etcd host:port entry (etcd.host/hosts, etcd3.host/hosts,
// PATRONI_ETCD_HOST(S), PATRONI_ETCD3_HOST(S)) written as a URL. Patroni
// splits each entry at its last colon and builds the URL itself from
// protocol: (split_host_port, then uri in patroni/utils.py), so
// http://etcd1:2379 becomes http://[http://etcd1]:2379, which reaches no
// etcd: Patroni waits for the DCS forever. Said once per line; true when
// said (the entry is then no host to look up).
func (l *linter) schemeInHost(it located) bool {
	if !strings.Contains(it.s, "://") || !hostKey(it) {
		return false
	}
	key := fmt.Sprintf("scheme\x00%s\x00%d", it.file, it.line)
	if l.once[key] {
		return true
	}
	l.once[key] = true
	entry := strings.TrimSpace(it.s)
	for _, h := range splitHostList(it.s) {
		if strings.Contains(h, "://") {
			entry = h
			break
		}
	}
	scheme, rest, _ := strings.Cut(entry, "://")
	rest, _, _ = strings.Cut(rest, "/")
	host, port := rest, "2379"
	if i := strings.LastIndex(rest, ":"); i > 0 {
		host, port = rest[:i], rest[i+1:]
	}
	holds := "the URL " + entry
	if strings.Count(it.s, "://") > 1 {
		holds = "URLs (" + entry + ", ...)"
	}
	fix := fmt.Sprintf("%s: %s (host:port only; the scheme goes in protocol:)", it.what, schemeLess(it.s))
	if strings.HasPrefix(it.what, "PATRONI_") {
		fix = fmt.Sprintf("%s=%s (host:port only; http is Patroni's default protocol)", it.what, schemeLess(it.s))
	}
	l.add(it.file, it.line, fmt.Sprintf("%s holds %s where Patroni takes host:port: it cuts at the last colon and builds %s://[%s://%s]:%s itself, which reaches no etcd, so Patroni never gets the leader key", it.what, holds, scheme, scheme, host, port), fix)
	return true
}

// hostKey: the item is an etcd host or hosts entry (not a url).
func hostKey(it located) bool {
	w := it.what
	return strings.HasSuffix(w, ".hosts") || strings.HasSuffix(w, ".host") || strings.HasSuffix(w, "_HOSTS") || strings.HasSuffix(w, "_HOST")
}

// schemeLess drops the scheme of every entry of a host list.
func schemeLess(s string) string {
	var out []string
	for _, h := range splitHostList(s) {
		if _, rest, ok := strings.Cut(h, "://"); ok {
			h, _, _ = strings.Cut(rest, "/")
		}
		out = append(out, h)
	}
	return strings.Join(out, ",")
}

// checkEnvDCSScheme: nodes configured by PATRONI_* variables alone (an
// image whose config lint has not read) get the URL-in-hosts check on
// their PATRONI_ETCD(3)_HOST(S), as nodes with a config do.
func (l *linter) checkEnvDCSScheme() {
	if l.compose == nil {
		return
	}
	for _, s := range l.compose.services {
		if s.kind != kindNode || slices.ContainsFunc(l.nodes, func(n *nodeConf) bool { return n.svc == s }) {
			continue
		}
		for _, e := range []string{"PATRONI_ETCD3_HOSTS", "PATRONI_ETCD_HOSTS", "PATRONI_ETCD3_HOST", "PATRONI_ETCD_HOST"} {
			if v, ok := s.env[e]; ok && v.ok {
				l.schemeInHost(located{s: v.s, file: l.composeFile, line: v.line, set: true, env: e, what: e})
			}
		}
	}
}

// checkStrictSyncTwoNodes: bootstrap.dcs with synchronous_mode (on or
// quorum) and synchronous_mode_strict on, in a stack of exactly two
// Patroni members. Patroni's strict mode keeps synchronous_standby_names
// set ('*') when no synchronous standby is left (replication_modes.rst:
// "the primary will block all writes" until a replica streams again), so
// with two members either one being down stops every commit on the
// other: after docker stop of the primary the promoted replica takes
// reads, but an INSERT through HAProxy waits forever. Three or more
// members (replicas/scale counted), a split stack, and strict mode off or
// without synchronous_mode stay silent. Said once per config file.
func (l *linter) checkStrictSyncTwoNodes() {
	if l.compose == nil || l.splitStack() || len(l.perHost) > 0 || len(l.alternatives) > 0 {
		return
	}
	members := 0
	for _, s := range l.compose.ofKind(kindNode) {
		members += max(1, s.deployReplicas, s.scale)
	}
	if members != 2 {
		return
	}
	done := map[string]bool{}
	for _, n := range append(append([]*nodeConf{}, l.nodes...), l.templates...) {
		if n.conf == nil || n.conf.root == nil || done[n.file] {
			continue
		}
		done[n.file] = true
		_, dcs := getPath(n.conf.root, "bootstrap", "dcs")
		mode, okM := scalar(get2(dcs, "synchronous_mode"))
		strict, okS := scalar(get2(dcs, "synchronous_mode_strict"))
		if !okM || !okS || !(patroniBool(mode) || strings.EqualFold(strings.TrimSpace(mode), "quorum")) || !patroniBool(strict) {
			continue
		}
		k, _ := get(dcs, "synchronous_mode_strict")
		l.add(n.file, k.Line, "synchronous_mode_strict with two Patroni members: when either node is down the other has no synchronous standby, and strict mode keeps synchronous_standby_names set, so every commit waits: after the primary is stopped the promoted replica answers reads but an INSERT through HAProxy hangs until the other node is back",
			"synchronous_mode_strict: false (synchronous_mode then falls back to asynchronous while no standby is left), or run a third Patroni node")
	}
}

// patroniBool reads a Patroni boolean setting as Patroni's parse_bool
// does: true, on, yes, 1 (any case) are true.
func patroniBool(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "on", "yes", "1":
		return true
	}
	return false
}

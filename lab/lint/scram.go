package lint

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// pgMajorInstalled is the PostgreSQL major a node image runs: the
// postgresql-NN package its RUNs install (variables expanded, PGDG or
// not), else its postgres:NN base; and where that was decided.
func (l *linter) pgMajorInstalled(d *dockerfile) (major int, where string) {
	final := d.final()
	if final == nil {
		return 0, ""
	}
	for _, in := range final.chain() {
		if in.cmd != "RUN" {
			continue
		}
		for _, p := range d.aptPackages(in) {
			if m := pgServerPkgRe.FindStringSubmatch(p.name); m != nil {
				n, _ := strconv.Atoi(m[1])
				return n, fmt.Sprintf("%s:%d installs %s", d.file, p.line, p.name)
			}
		}
	}
	if root := final.root(); root.baseOK {
		if repo, tag := imageRef(root.base); isPostgresRepo(repo) {
			if m := regexp.MustCompile(`^\d+`).FindString(tag); m != "" {
				n, _ := strconv.Atoi(m)
				return n, "FROM " + root.base
			}
		}
	}
	return 0, ""
}

// checkScramOnMD5: pg_hba lines that ask for scram-sha-256 on PostgreSQL
// 10 to 13, whose password_encryption is md5 by default, with nothing
// that changes it (a password_encryption parameter, initdb's
// auth/auth-host/auth-local scram-sha-256, which writes it into
// postgresql.conf). The passwords Patroni sets (replication, superuser,
// rewind) are stored as MD5 hashes, and a role with an MD5 hash cannot
// authenticate with scram-sha-256 (PostgreSQL docs, 20.5): the replica's
// connection fails (password authentication failed for user "replicator").
// Batch 35: es-fermin-lasa. One finding per config, at its first such line.
func (l *linter) checkScramOnMD5(n *nodeConf) {
	root := n.conf.root
	d := l.nodeDockerfile(n)
	if d == nil || (n.svc != nil && (n.svc.envUnknown || n.svc.hasEnv("PATRONI_CONFIGURATION"))) {
		return
	}
	major, where := l.pgMajorInstalled(d)
	if major < 10 || major >= 14 {
		return
	}
	for _, p := range [][]string{{"postgresql", "parameters", "password_encryption"}, {"bootstrap", "dcs", "postgresql", "parameters", "password_encryption"},
		{"postgresql", "custom_conf"}, {"bootstrap", "post_bootstrap"}, {"bootstrap", "post_init"}, {"bootstrap", "method"}} {
		if k, _ := getPath(root, p...); k != nil {
			return // set, or out of sight (a script, a conf file, another bootstrap)
		}
	}
	if _, init := getPath(root, "bootstrap", "initdb"); init != nil && hasScalar(init, "scram-sha-256") {
		return // initdb --auth-host=scram-sha-256 writes password_encryption = scram-sha-256
	}
	var lines []int
	for _, p := range [][]string{{"postgresql", "pg_hba"}, {"bootstrap", "pg_hba"}, {"bootstrap", "dcs", "postgresql", "pg_hba"}} {
		_, v := getPath(root, p...)
		if !isSeq(v) {
			continue
		}
		for _, it := range resolve(v).Content {
			s, ok := scalar(it)
			if !ok {
				continue
			}
			f := strings.Fields(s)
			if len(f) >= 4 && strings.HasPrefix(f[0], "host") && f[len(f)-1] == "scram-sha-256" {
				lines = append(lines, resolve(it).Line)
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	l.add(n.file, lines[0], fmt.Sprintf("pg_hba uses scram-sha-256, but PostgreSQL %d (%s) hashes passwords with md5 by default (password_encryption is md5 until PostgreSQL 14) and no password_encryption parameter changes it: the passwords Patroni sets for its users are stored as MD5 hashes, and a role with an MD5 password cannot log in by scram-sha-256, so the replica's connection fails (password authentication failed for user ...)%s", major, where, alsoLines(lines)),
		"add password_encryption: scram-sha-256 under bootstrap.dcs.postgresql.parameters (or postgresql.parameters), or use md5 in these pg_hba lines")
}

// hasScalar: some scalar at or under y holds want.
func hasScalar(y *yaml.Node, want string) bool {
	if y = resolve(y); y == nil {
		return false
	}
	if y.Kind == yaml.ScalarNode {
		return strings.Contains(y.Value, want)
	}
	for _, c := range y.Content {
		if hasScalar(c, want) {
			return true
		}
	}
	return false
}

package lint

import (
	"fmt"
	"path"
	"strings"
)

// checkEnvOnlyHBA: every node runs Patroni with no config file, configured
// by PATRONI_* variables alone (docs/ENVIRONMENT.rst). Patroni reads no
// variable for pg_hba: its postgresql section takes listen,
// connect_address, proxy_address, config_dir, data_dir, pgpass and bin_dir
// from the environment (config.py _build_environment_configuration), and
// only PATRONI_CONFIGURATION, the whole config as YAML, could carry it.
// Patroni then runs initdb itself and keeps the pg_hba.conf initdb writes,
// which accepts the local socket and 127.0.0.1/::1 only: the replica's
// pg_basebackup is refused (no pg_hba.conf entry for replication
// connection from host ...) and so is every client through HAProxy.
// Not said when a node's env is out of sight (an env_file lint could not
// read), when its command gives Patroni anything but no argument at all
// (a script may write a config or pg_hba.conf), when some node has a config
// file (checkNoHBA and checkRaceHBA judge those), or when any file of the
// answer speaks of pg_hba or hba_file (a script or a documented
// patronictl edit-config may set it). One finding, at the first node
// (batch 42 kind 2: es-candela-ibarra).
func (l *linter) checkEnvOnlyHBA() {
	if l.compose == nil || len(l.envOnly) == 0 || len(l.nodes) > 0 || len(l.templates) > 0 || len(l.noConfig) > 0 {
		return
	}
	nodes := l.compose.ofKind(kindNode)
	if len(nodes) != len(l.envOnly) {
		return
	}
	for _, s := range l.envOnly {
		words, _ := l.commandOf(s)
		if s.envUnknown || s.hasEnv("PATRONI_CONFIGURATION") || s.df == nil || !s.hasEnv("PATRONI_SCOPE") {
			return
		}
		if len(words) == 0 || path.Base(words[len(words)-1]) != "patroni" {
			return
		}
		for _, w := range words[:len(words)-1] {
			switch path.Base(w) {
			case "exec", "gosu", "su-exec", "postgres":
			default:
				return // a shell, a script or an option: out of sight
			}
		}
	}
	for _, f := range l.textFiles() {
		if t := strings.ToLower(f.text); strings.Contains(t, "pg_hba") || strings.Contains(t, "hba_file") {
			return
		}
	}
	var names []string
	var lines []int
	for _, s := range l.envOnly {
		names = append(names, s.name)
		lines = append(lines, s.line)
	}
	l.add(l.composeFile, lines[0], fmt.Sprintf("%s %s Patroni with no config file, from PATRONI_* variables alone, and Patroni reads no variable for pg_hba (only PATRONI_CONFIGURATION, a whole config, could hold it): it keeps the pg_hba.conf initdb writes, which accepts local and 127.0.0.1 connections only, so the other node's pg_basebackup is refused (no pg_hba.conf entry for replication connection from host ...) and so are clients through HAProxy%s",
		joinAnd(names), plural(len(names), "runs", "run"), alsoLines(lines)),
		"give Patroni a config file with postgresql.pg_hba (- host replication <replication user> 0.0.0.0/0 md5, - host all all 0.0.0.0/0 md5) and run patroni with its path, or put the whole config, pg_hba included, in PATRONI_CONFIGURATION")
}

package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// b38PostBootstrap: batch 37's shell-expanded stack with a post_bootstrap
// command cmd in both nodes' configs, and PW in postgres1's environment.
func b38PostBootstrap(cmd string) fstest.MapFS {
	m := b37ShellFS(b37GoodHBA)
	for _, f := range []string{"config/postgres1.yml", "config/postgres2.yml"} {
		m[f].Data = []byte(strings.Replace(string(m[f].Data), "bootstrap:\n", "bootstrap:\n  post_bootstrap: "+cmd+"\n", 1))
	}
	m["compose.yaml"].Data = []byte(strings.Replace(string(m["compose.yaml"].Data), "      NODE_NAME: postgres1\n", "      NODE_NAME: postgres1\n      PW: secret\n", 1))
	return m
}

// TestShellCommandExpandsVars: a ${VAR} in a command-valued key whose
// command is a shell (post_bootstrap: bash -c "... '${PW}' ...") is
// expanded by that shell when Patroni runs it with its environment; not
// "Patroni does not expand ${...} ... the placeholder itself is the value"
// (batch 38 kind 1: mangust-yandexid). A variable set nowhere lint reads
// is a note; the same ${VAR} in a command that is no shell is still said.
func TestShellCommandExpandsVars(t *testing.T) {
	got := lintMap(t, b38PostBootstrap(`bash -c "psql -U postgres -c \"ALTER ROLE postgres PASSWORD '${PW}'\""`))
	if findingWith(got, "does not expand") {
		t.Errorf("a shell's ${VAR} taken for an unexpanded placeholder: %v", got)
	}
	if !printed(got, "config/postgres2.yml:12: note: bootstrap.post_bootstrap runs a shell, which expands $PW when Patroni runs it, but PW is set nowhere lint reads for postgres2") {
		t.Errorf("the variable postgres2 lacks not a note: %v", got)
	}
	if printed(got, "config/postgres1.yml:12: note: bootstrap.post_bootstrap") {
		t.Errorf("a variable postgres1 sets said unset: %v", got)
	}
	got = lintMap(t, b38PostBootstrap(`/usr/bin/psql -c "ALTER ROLE postgres PASSWORD '${PW}'"`))
	if !findingWith(got, "Patroni does not expand ${...} in its config") {
		t.Errorf("a ${VAR} no shell expands not said: %v", got)
	}
}

// TestBootstrapUsersMadeByVarScript: bootstrap.users names its user by a
// variable (${APP_USER}) and a script of the answer makes a role from that
// variable (psql -v u="${APP_USER}" feeding CREATE ROLE :"u"): the user
// exists, so Patroni 4 ignoring bootstrap.users loses nothing, a note, not
// "so ${APP_USER} ... does not exist" with advice to write the script the
// answer has (batch 38 kind 2: nse09940-warehouse). Without the script the
// problem stands.
func TestBootstrapUsersMadeByVarScript(t *testing.T) {
	const blamed = "patroni.yml:33: bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it and creates none of these users, so ${APP_USER}, which haproxy.cfg connects as, does not exist"
	m := realFS(t, "dennie-compose")
	variantOf(t, m, []edit{{file: "patroni.yml", old: "        admin:", new: "        ${APP_USER}:"}, {file: "haproxy.cfg", old: "pgsql-check user admin", new: "pgsql-check user ${APP_USER}"}})
	if got := lintMap(t, m); !printed(got, blamed) {
		t.Errorf("no script makes ${APP_USER}: want the problem, got %v", got)
	}
	m["bootstrap.sh"] = &fstest.MapFile{Data: []byte("#!/bin/bash\npsql -v u=\"${APP_USER}\" <<'SQL'\nSELECT format('CREATE ROLE %I LOGIN', :'u')\\gexec\nSQL\n")}
	got := lintMap(t, m)
	if printed(got, blamed) || !printed(got, "patroni.yml:33: note: bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it, but the users it lists (${APP_USER}) are made anyway") {
		t.Errorf("a script makes the role from ${APP_USER}: want the note, got %v", got)
	}
}

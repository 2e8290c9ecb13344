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

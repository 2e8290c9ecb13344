package lint

import (
	"strings"
	"testing"
)

// TestHAProxySocketDirMissing: stats socket /var/run/haproxy/admin.sock in
// the official haproxy image (user haproxy): the directory /var/run/haproxy
// does not exist in the image (only /var/lib/haproxy is made), so the
// error is "No such file or directory", not "Permission denied" (batch 36:
// alanconq-predictml, wording). A socket directly in /run is still root's.
func TestHAProxySocketDirMissing(t *testing.T) {
	got := lintMap(t, realFS(t, "alanconq-predictml"))
	if !findingWith(got, "/var/run/haproxy does not exist in the image (nor could the haproxy user create it): HAProxy exits at start (cannot bind UNIX socket (No such file or directory))") {
		t.Errorf("the missing socket directory not said as such: %v", got)
	}
	v := variantOf(t, realFS(t, "alanconq-predictml"), []edit{{file: "docker/haproxy-postgres.cfg", old: "/var/run/haproxy/admin.sock", new: "/var/run/admin.sock"}})
	got = lintMap(t, v)
	if !findingWith(got, "cannot create a socket in /var/run (root's)") {
		t.Errorf("a socket in /var/run itself: want Permission denied: %v", got)
	}
}

// TestComposeFileNamedInDocs: a compose file of a name docker compose does
// not look for, named by the project's README (docker/README.md: "for
// compose.ha-patroni.yml"), is run with -f: a note, as when the answer
// spells out docker compose -f (batch 36: codedock-ha, Th).
func TestComposeFileNamedInDocs(t *testing.T) {
	got := lintMap(t, realFS(t, "codedock-ha"))
	if !printed(got, "compose.ha-patroni.yml: note: docker compose does not find compose.ha-patroni.yml by itself") || !findingWith(got, "names it (docker/README.md)") {
		t.Errorf("a compose file the README names: want the note: %v", got)
	}
	v := variantOf(t, realFS(t, "codedock-ha"), []edit{{file: "docker/README.md", old: "`compose.ha-patroni.yml`", new: "the HA compose file"}})
	got = lintMap(t, v)
	if !printed(got, "compose.ha-patroni.yml: docker compose does not find compose.ha-patroni.yml: it reads") {
		t.Errorf("a compose file nothing names: want the finding: %v", got)
	}
}

// TestUnreadPatroniAuthEnv: PATRONI_POSTGRESQL_AUTHENTICATION_SUPERUSER_PASSWORD
// is not a variable Patroni reads (its postgresql section takes only
// listen, connect_address, proxy_address, config_dir, data_dir, pgpass,
// bin_dir and BIN_<program> from the environment; the users' credentials
// are PATRONI_SUPERUSER_*, PATRONI_REPLICATION_*, PATRONI_REWIND_*): the
// secret is dropped and the config's password stays (batch 36:
// codedock-ha, kind 5). One finding for the cause, naming the variables
// Patroni reads.
func TestUnreadPatroniAuthEnv(t *testing.T) {
	got := lintMap(t, realFS(t, "codedock-ha"))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, "PATRONI_POSTGRESQL_AUTHENTICATION_") {
			n++
			if !strings.Contains(f.Fix, "PATRONI_SUPERUSER_PASSWORD") || !strings.Contains(f.Fix, "PATRONI_REPLICATION_PASSWORD") {
				t.Errorf("the fix does not name the variables Patroni reads: %s", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("want one finding for the unread authentication variables, got %d: %v", n, got)
	}
	v := variantOf(t, realFS(t, "codedock-ha"), []edit{{file: "compose.ha-patroni.yml", old: "PATRONI_POSTGRESQL_AUTHENTICATION_", new: "PATRONI_"}})
	for _, f := range lintMap(t, v) {
		if strings.Contains(f.Problem, "not a variable Patroni reads") {
			t.Errorf("PATRONI_SUPERUSER_PASSWORD is read: %s", f)
		}
	}
}

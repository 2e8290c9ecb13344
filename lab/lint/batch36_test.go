package lint

import "testing"

// TestHAProxySocketDirMissing: stats socket /var/run/haproxy/admin.sock in
// the official haproxy image (user haproxy): the directory /var/run/haproxy
// does not exist in the image (only /var/lib/haproxy is made), so the
// error is "No such file or directory", not "Permission denied" (batch 36:
// alanconq-predictml, wording). A socket directly in /run is still root's.
func TestHAProxySocketDirMissing(t *testing.T) {
	got := lintMap(t, realFS(t, "alanconq-predictml"))
	if !findingWith(got, "/var/run/haproxy does not exist in the image, and the haproxy user could not create it: HAProxy exits at start (cannot bind UNIX socket (No such file or directory))") {
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

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

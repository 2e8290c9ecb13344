package lint

import (
	"strings"
	"testing"
)

// b49EtcdEnvFS: three etcd members on the etcd image's own command,
// configured by env_files alone (common.env, then etcdN.env), as batch 49's
// yolanda_rebollo did; etcdEnv[i] is etcd<i+1>.env's text and extra is put
// under etcd3 (environment:, command: ...).
func b49EtcdEnvFS(etcdEnv [3]string, extra string) map[string]string {
	compose := "services:\n"
	files := map[string]string{
		"etcd/common.env": "ETCD_DATA_DIR=/etcd-data\nETCD_LISTEN_PEER_URLS=http://0.0.0.0:2380\nETCD_LISTEN_CLIENT_URLS=http://0.0.0.0:2379\n" +
			"ETCD_INITIAL_CLUSTER=etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380\nETCD_INITIAL_CLUSTER_STATE=new\n",
	}
	for i, n := range []string{"etcd1", "etcd2", "etcd3"} {
		compose += "  " + n + ":\n    image: quay.io/coreos/etcd:v3.5.12\n    env_file: [etcd/common.env, etcd/" + n + ".env]\n"
		if n == "etcd3" {
			compose += extra
		}
		files["etcd/"+n+".env"] = etcdEnv[i]
	}
	files["compose.yaml"] = compose
	return files
}

func b49Member(n, peer string) string {
	return "ETCD_NAME=" + n + "\nETCD_INITIAL_ADVERTISE_PEER_URLS=" + peer + "\nETCD_ADVERTISE_CLIENT_URLS=http://" + n + ":2379\n"
}

// TestEtcdEnvFileAdvertisesAnotherPeer: a member configured by ETCD_*
// variables of an env_file, run by the etcd image's own command, that
// advertises a peer URL other than its own entry in ETCD_INITIAL_CLUSTER
// (etcd3 advertising http://etcd2:2380, copied from etcd2) exits at start,
// as the same flags on a command line do: said at the env_file's line.
// Not said when environment: (which wins over env_file) or a later
// env_file gives the right URL, nor when a command: of the answer's runs
// etcd (a script may set the URL itself). Batch 49 kind 2.
func TestEtcdEnvFileAdvertisesAnotherPeer(t *testing.T) {
	good := [3]string{b49Member("etcd1", "http://etcd1:2380"), b49Member("etcd2", "http://etcd2:2380"), b49Member("etcd3", "http://etcd3:2380")}
	bad := good
	bad[2] = b49Member("etcd3", "http://etcd2:2380")
	const said = "etcd3's ETCD_INITIAL_ADVERTISE_PEER_URLS is http://etcd2:2380"
	got := lintMap(t, mapOf(b49EtcdEnvFS(bad, "")))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, said) {
			n++
			if f.File != "etcd/etcd3.env" || f.Line != 2 {
				t.Errorf("said at %s:%d, want etcd/etcd3.env:2", f.File, f.Line)
			}
			if !strings.Contains(f.Fix, "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://etcd3:2380") {
				t.Errorf("fix does not give etcd3's own URL: %s", f.Fix)
			}
		}
	}
	if n != 1 {
		t.Errorf("the member advertising another's peer URL said %d times, want once: %v", n, got)
	}
	for name, m := range map[string]map[string]string{
		"right URLs":               b49EtcdEnvFS(good, ""),
		"environment: wins":        b49EtcdEnvFS(bad, "    environment:\n      ETCD_INITIAL_ADVERTISE_PEER_URLS: http://etcd3:2380\n"),
		"a script runs etcd":       b49EtcdEnvFS(bad, "    entrypoint: [/start-etcd.sh]\n"),
		"the image's start script": b49EtcdEnvFS(bad, "    image: bitnami/etcd:3.5\n"),
	} {
		if name == "the image's start script" {
			m["compose.yaml"] = strings.Replace(m["compose.yaml"], "    image: quay.io/coreos/etcd:v3.5.12\n    env_file: [etcd/common.env, etcd/etcd3.env]\n    image: bitnami/etcd:3.5\n", "    image: bitnami/etcd:3.5\n    env_file: [etcd/common.env, etcd/etcd3.env]\n", 1)
		}
		if got := lintMap(t, mapOf(m)); findingWith(got, "ETCD_INITIAL_ADVERTISE_PEER_URLS is") {
			t.Errorf("%s: said: %v", name, got)
		}
	}
	// The last env_file that sets a variable wins: a wrong URL in
	// common.env that etcd3.env sets right is not said, and the other way
	// round it is.
	m := b49EtcdEnvFS(good, "")
	m["etcd/common.env"] += "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://etcd2:2380\n"
	if got := lintMap(t, mapOf(m)); findingWith(got, "ETCD_INITIAL_ADVERTISE_PEER_URLS is") {
		t.Errorf("a URL the later env_file overrides said: %v", got)
	}
	m = b49EtcdEnvFS(bad, "")
	m["etcd/common.env"] += "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://etcd3:2380\n"
	m["etcd/etcd1.env"] = "ETCD_NAME=etcd1\nETCD_INITIAL_ADVERTISE_PEER_URLS=http://etcd1:2380\n"
	m["etcd/etcd2.env"] = "ETCD_NAME=etcd2\nETCD_INITIAL_ADVERTISE_PEER_URLS=http://etcd2:2380\n"
	if got := lintMap(t, mapOf(m)); !findingWith(got, said) {
		t.Errorf("the later env_file's wrong URL not said: %v", got)
	}
}

// TestHAProxyMountFixNamesOwnFile: the haproxy service mounts its config
// away from where the image reads it (./haproxy.cfg at /etc/haproxy): the
// fix retargets that mount, naming the answer's own file, not a
// ./haproxy/haproxy.cfg it does not have; with no mount at all, the fix
// names the answer's HAProxy config file (batch 49: valentina_zorrilla's
// fix text).
func TestHAProxyMountFixNamesOwnFile(t *testing.T) {
	m := realFS(t, "es-valentina-zorrilla")
	fixOf := func(got []Finding) string {
		for _, f := range got {
			if strings.Contains(f.Problem, "mounts no config at /usr/local/etc/haproxy/haproxy.cfg") {
				return f.Fix
			}
		}
		t.Fatalf("the unread config mount not said: %v", got)
		return ""
	}
	if fix := fixOf(lintMap(t, m)); !strings.Contains(fix, "- ./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro") || strings.Contains(fix, "./haproxy/haproxy.cfg") {
		t.Errorf("fix does not retarget the answer's own mount: %s", fix)
	}
	c := string(m["docker-compose.yml"].Data)
	m["docker-compose.yml"].Data = []byte(strings.Replace(c, "    volumes:\n      - ./haproxy.cfg:/etc/haproxy/haproxy.cfg:ro\n", "", 1))
	if fix := fixOf(lintMap(t, m)); !strings.Contains(fix, "add - ./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro") {
		t.Errorf("fix does not name the answer's haproxy.cfg: %s", fix)
	}
}

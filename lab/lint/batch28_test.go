package lint

import (
	"strings"
	"testing"
)

// TestWaitLoopNoNode: a ready-made curl image whose entrypoint: is sh -c
// with a loop that curls patroni1:8008/health and echoes "Waiting for
// Patroni" runs no Patroni: the word in echo strings and in a host:port is
// no command, so no "runs Patroni, but lint found no config". A script
// that runs patroni still makes a node (batch 28: 3manuek-labs, kind 1).
func TestWaitLoopNoNode(t *testing.T) {
	m := realFS(t, "3manuek-labs")
	if got := lintMap(t, m); findingWith(got, "patroni-wait runs Patroni") {
		t.Errorf("a curl wait loop taken for a Patroni node: %v", got)
	}
	variantOf(t, m, []edit{{file: "docker-compose.yml", old: "        echo \"Patroni1 did not start in time.\" >&2\n        exit 1", new: "        exec patroni /etc/patroni/patroni.yml"}})
	if got := lintMap(t, m); !findingWith(got, "patroni-wait runs ") {
		t.Errorf("a loop that then runs patroni is no node: %v", got)
	}
}

// TestEtcdMemberByName: the service etcd is the member ETCD_NAME=etcd1, and
// etcd1 is in its ETCD_INITIAL_CLUSTER: it is not left out, whatever host
// its URL names. A member whose name is not listed still is (batch 28:
// oris-odoo, kind 3).
func TestEtcdMemberByName(t *testing.T) {
	m := realFS(t, "oris-odoo")
	if got := lintMap(t, m); findingWith(got, "leaves out") {
		t.Errorf("members listed by their ETCD_NAME reported left out: %v", got)
	}
	variantOf(t, m, []edit{{file: "patroni/docker-compose.yml", old: "      - ETCD_NAME=etcd_witness", new: "      - ETCD_NAME=witness"}})
	if got := lintMap(t, m); !findingWith(got, "leaves out etcd_witness") {
		t.Errorf("a member whose name is not listed not reported: %v", got)
	}
}

// TestEtcdMultiHostMembers: two etcd services that advertise their peer
// URLs on a machine's address (172.16.0.20) through published ports, in an
// ETCD_INITIAL_CLUSTER of three members whose third (etcd2 on
// 172.16.0.21) no service runs: a cluster spread over machines. The
// majority is 2 of 3, not "2 of 2"; the host addresses are said once, as a
// note, not one finding per host per member; and a client URL advertised
// on the machine's port 2479, published to the listener's 2379, is right.
// With the peer URLs on the services' names the majority finding stands
// (batch 28: oris-odoo, kinds 4 and 5, and the four harmless lines).
func TestEtcdMultiHostMembers(t *testing.T) {
	m := realFS(t, "oris-odoo")
	got := lintMap(t, m)
	for _, bad := range []string{"2 of 2", "which is not a compose service", "advertises client port 2479"} {
		if findingWith(got, bad) {
			t.Errorf("%q for members reached through the machine's address: %v", bad, got)
		}
	}
	var notes int
	for _, f := range got {
		if f.Note && findingWith([]Finding{f}, "172.16.0.21") {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("want one note on the members outside this file, got %d: %v", notes, got)
	}
	variantOf(t, m, []edit{
		{file: "patroni/docker-compose.yml", old: "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://172.16.0.20:2380", new: "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://etcd:2380"},
		{file: "patroni/docker-compose.yml", old: "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://172.16.0.20:2381", new: "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://etcd_witness:2380"},
		{file: "patroni/docker-compose.yml", old: "etcd1=http://172.16.0.20:2380,etcd2=http://172.16.0.21:2380,etcd_witness=http://172.16.0.20:2381", new: "etcd1=http://etcd:2380,etcd_witness=http://etcd_witness:2380"},
	})
	if got := lintMap(t, m); !findingWith(got, "2 of 2") {
		t.Errorf("two members on service names not reported: %v", got)
	}
}

// TestPoolerFollowedByCallback: HAProxy's only server is a PgBouncer
// service, and Patroni's on_role_change callback
// (/opt/scripts/pgbouncer_control.sh) repoints PgBouncer at the leader: the
// pooler is the answer's path to the primary, so neither "not a PostgreSQL
// node" nor "no server for patroni1/patroni2". Without the callback the
// pooler stays pinned to one node and is reported (batch 28: 3manuek-labs,
// kind 2).
func TestPoolerFollowedByCallback(t *testing.T) {
	m := realFS(t, "3manuek-labs")
	got := lintMap(t, m)
	for _, bad := range []string{"which is not a PostgreSQL node", "has no server for"} {
		if findingWith(got, bad) {
			t.Errorf("%q for a pooler a Patroni callback repoints: %v", bad, got)
		}
	}
	variantOf(t, m, []edit{{file: "docker/patroni/patroni.yml", old: "  callbacks:\n    on_start: \"/opt/scripts/pgbouncer_control.sh\"\n    on_role_change: \"/opt/scripts/pgbouncer_control.sh\"\n", new: ""}})
	if got := lintMap(t, m); !findingWith(got, "which is not a PostgreSQL node") {
		t.Errorf("a pooler no callback repoints not reported: %v", got)
	}
}

// TestScopeLeftToTemplate: a config with no scope whose answer carries
// .env.example with PATRONI_SCOPE= for the user: the fix says to set it in
// .env, not "the same in both configs" (there is one config) (batch 28:
// seocahill-wale, harmless wording).
func TestScopeLeftToTemplate(t *testing.T) {
	m := realFS(t, "seocahill-wale")
	for _, f := range lintMap(t, m) {
		if f.Problem == "no scope: Patroni requires it" && f.Fix != "set PATRONI_SCOPE in .env (the template .env.example leaves it for you to fill)" {
			t.Errorf("no scope: fix %q", f.Fix)
		}
	}
}

// TestDeepComposeFolder: the answer's only compose file three folders down
// (a build plugin's fixture, src/main/compose/) is its stack, not "unknown
// layout"; its haproxy mounts ./config/haproxy, a folder that is not there,
// at the image's config folder: reported at the candidate's own mount and
// path, not as pglab's haproxy/haproxy.cfg. With the file in that folder
// the finding goes (batch 28: xenit-patroni, kind 7).
func TestDeepComposeFolder(t *testing.T) {
	m := realFS(t, "xenit-patroni")
	got, err := FS(m)
	if err != nil {
		t.Fatalf("a compose file three folders down: %v", err)
	}
	if !findingWith(got, "haproxy mounts ./config/haproxy at /usr/local/etc/haproxy, but there is no such folder") {
		t.Errorf("the missing config folder not reported at the candidate's mount: %v", got)
	}
	if findingWith(got, "no haproxy.cfg for the haproxy service") {
		t.Errorf("the missing config reported at a path the answer does not use: %v", got)
	}
	variantOf(t, m, []edit{{file: "src/main/compose/config/haproxy/haproxy.cfg", new: "global\n\ndefaults\n    mode tcp\n\nlisten primary\n    bind *:5000\n    option httpchk GET /primary\n    server a postgresqlalpha:5432 check port 8008\n    server b postgresqlbravo:5432 check port 8008\n"}})
	if got := lintMap(t, m); findingWith(got, "mounts ./config/haproxy") {
		t.Errorf("the config folder is there now: %v", got)
	}
}

// TestUnsetImageNodes: services handed PATRONI_* variables on an image
// named only by a variable the answer leaves unset (${DOCKER_IMAGE}, set by
// the tool that runs the file) are nodes of an image lint cannot see into:
// a note, not "no service runs Patroni". Without Patroni's variables
// nothing says they are nodes, and the finding stands.
func TestUnsetImageNodes(t *testing.T) {
	m := realFS(t, "xenit-patroni")
	got := lintMap(t, m)
	if findingWith(got, "no service runs Patroni") || !findingWith(got, "a variable the answer leaves unset") {
		t.Errorf("nodes on an unset image variable: %v", got)
	}
	data := strings.ReplaceAll(string(m["src/main/compose/docker-compose.yml"].Data), "PATRONI_", "APP_")
	variantOf(t, m, []edit{{file: "src/main/compose/docker-compose.yml", new: data}})
	if got := lintMap(t, m); !findingWith(got, "no service runs Patroni") {
		t.Errorf("services with no sign of Patroni taken for nodes: %v", got)
	}
}

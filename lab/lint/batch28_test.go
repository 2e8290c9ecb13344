package lint

import (
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

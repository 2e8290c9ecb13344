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

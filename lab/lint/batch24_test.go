package lint

import (
	"testing"
	"testing/fstest"
)

// TestClientOnPostgresImage: a postgres:16 container whose bash -lc command
// runs pg_isready/psql and echoes "Waiting for patroni-primary" is a client,
// not a Patroni node: a host named patroni-primary is not the program
// patroni (batch 24: baldina-etcd, kind 1). Running patroni itself in the
// command still makes it one.
func TestClientOnPostgresImage(t *testing.T) {
	got := lintMap(t, realFS(t, "baldina-etcd"))
	if findingWith(got, "db-init runs Patroni") {
		t.Errorf("a client container taken for a node: %v", got)
	}
	v := variantOf(t, realFS(t, "baldina-etcd"), []edit{{file: "docker-compose.yml", old: `echo "Waiting for patroni-primary start...";`, new: `patroni /etc/patroni.yml;`}})
	if got := lintMap(t, v); !findingWith(got, "db-init runs patroni") {
		t.Errorf("a command running patroni on a postgres image not a node: %v", got)
	}
}

// TestWrapperExecPatroniArgs: ENTRYPOINT ["patroni-entrypoint.sh"] with
// CMD ["/etc/patroni/patroni.yml"], the script COPYed from the answer ending
// in exec patroni "$@": the CMD reaches Patroni (batch 24:
// juzefin-payments, kind 3). A wrapper that ends in something else still
// does not start Patroni.
func TestWrapperExecPatroniArgs(t *testing.T) {
	got := lintMap(t, realFS(t, "juzefin-payments"))
	if findingWith(got, "not Patroni: Patroni never starts") {
		t.Errorf("the wrapper's exec patroni \"$@\" not followed: %v", got)
	}
	v := variantOf(t, realFS(t, "juzefin-payments"), []edit{{file: "scripts/patroni-entrypoint.sh", old: `exec patroni "$@"`, new: `exec sleep infinity`}})
	if got := lintMap(t, v); !findingWith(got, "not Patroni: Patroni never starts") {
		t.Errorf("a wrapper that never runs patroni accepted: %v", got)
	}
}

// TestKafkaZooKeeperNotDCS: a cp-zookeeper service for Kafka next to an
// etcd service that every node's etcd3: section names: the DCS is etcd, no
// "the lab runs ZooKeeper" (batch 24: juzefin-payments, kind 4).
func TestKafkaZooKeeperNotDCS(t *testing.T) {
	got := lintMap(t, realFS(t, "juzefin-payments"))
	if findingWith(got, "but the lab runs ZooKeeper") {
		t.Errorf("Kafka's ZooKeeper taken for the DCS: %v", got)
	}
}

// TestHttpchkOnServerLine: server ... check port 8008 httpchk GET /master:
// httpchk is no server keyword, HAProxy refuses the file (batch 24:
// ldtrieu-etcd, kind 11). One finding per file, the other lines as "also".
func TestHttpchkOnServerLine(t *testing.T) {
	m := realFS(t, "ldtrieu-etcd")
	delete(m, "patroni-setup/docker-compose-ha-with-patroni.yml")
	delete(m, "patroni-setup/docker-compose-patroni-simple.yml")
	m["docker-compose.yml"] = &fstest.MapFile{Data: []byte("services:\n  haproxy:\n    image: haproxy:2.8\n    ports: [\"5432:5432\"]\n    volumes:\n      - ./config/haproxy-patroni.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro\n")}
	got := lintMap(t, m)
	if !printed(got, "config/haproxy-patroni.cfg:36: server postgres-node1: httpchk is not a server keyword") || !printed(got, "(also lines 37, 38, 39, 51, 52, 53, 54)") {
		t.Errorf("httpchk on server lines not reported: %v", got)
	}
	v := variantOf(t, m, []edit{{file: "config/haproxy-patroni.cfg", old: "check port 8008 httpchk GET /master", new: "check port 8008"}})
	if got := lintMap(t, v); printed(got, "haproxy-patroni.cfg:36: server postgres-node1: httpchk") || !printed(got, "haproxy-patroni.cfg:51: server postgres-node1: httpchk") {
		t.Errorf("clean server lines reported: %v", got)
	}
}

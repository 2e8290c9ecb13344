package lint

import (
	"strings"
	"testing"
)

// TestReplicaContainerNames: HAProxy servers patroni-pg_coord-1..3 where
// service pg_coord has deploy.replicas: 3 and no container_name: Compose
// names its containers <project>-pg_coord-1..3, which resolve; the project
// name (the directory's) is only noted, once, and with a top-level name:
// patroni not at all. A fourth replica that does not exist is still
// unresolvable (batch 27: devrtc0-patroni, kind 1).
func TestReplicaContainerNames(t *testing.T) {
	m := realFS(t, "devrtc0-patroni")
	got := lintMap(t, m)
	if findingWith(got, "which is not a compose service") {
		t.Errorf("a replica's generated container name taken for an unknown host: %v", got)
	}
	if !printed(got, "haproxy.cfg:25: note: the servers patroni-pg_coord-1, patroni-pg_coord-2 and patroni-pg_coord-3 are the names Compose gives the containers of pg_coord in a project called patroni") {
		t.Errorf("no note on the project name: %v", got)
	}
	named := realFS(t, "devrtc0-patroni")
	variantOf(t, named, []edit{{file: "docker-compose.yml", old: "networks:\n  pgnet:\n", new: "name: patroni\nnetworks:\n  pgnet:\n"}})
	if got := lintMap(t, named); findingWith(got, "in a project called patroni") {
		t.Errorf("noted although name: patroni fixes the project: %v", got)
	}
	variantOf(t, m, []edit{{file: "haproxy.cfg", old: "server coord3 patroni-pg_coord-3:5432 maxconn 100 check port 8008\n    server backup", new: "server coord3 patroni-pg_coord-4:5432 maxconn 100 check port 8008\n    server backup"}})
	if got := lintMap(t, m); !printed(got, "haproxy.cfg:37: server coord3 names the host patroni-pg_coord-4, which is not a compose service") {
		t.Errorf("a replica beyond deploy.replicas not reported: %v", got)
	}
}

// TestLoopbackHopToOwnListener: server backup 127.0.0.1:5000 backup in
// listen replica, where listen master binds *:5000: a deliberate hop to
// HAProxy's own primary pool, not a mistake. A loopback port no section
// binds is still HAProxy's own container with nothing there (batch 27:
// devrtc0-patroni, kind 2).
func TestLoopbackHopToOwnListener(t *testing.T) {
	m := realFS(t, "devrtc0-patroni")
	if got := lintMap(t, m); findingWith(got, "HAProxy's own container") {
		t.Errorf("a hop to HAProxy's own listener reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "haproxy.cfg", old: "127.0.0.1:5000 backup", new: "127.0.0.1:5999 backup"}})
	if got := lintMap(t, m); !printed(got, "haproxy.cfg:38: server backup points at 127.0.0.1: that is HAProxy's own container") {
		t.Errorf("a loopback server on a port nothing binds not reported: %v", got)
	}
}

// TestPostInitViaEnvPath: post_init /tmp/init.sh, which the entrypoint
// copies to $(dirname "$POST_INIT_PATH") with POST_INIT_PATH=/tmp/init.sh
// in the service's environment: the script puts it there. With the
// variable naming another path, nothing does (batch 27: devrtc0-patroni,
// kind 3).
func TestPostInitViaEnvPath(t *testing.T) {
	m := realFS(t, "devrtc0-patroni")
	if got := lintMap(t, m); findingWith(got, "bootstrap.post_init runs") {
		t.Errorf("a hook the start script copies through an environment variable reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "docker-compose.yml", old: "POST_INIT_PATH: /tmp/init.sh", new: "POST_INIT_PATH: /opt/init.sh"}})
	if got := lintMap(t, m); !findingWith(got, "bootstrap.post_init runs /tmp/init.sh, but nothing puts /tmp/init.sh") {
		t.Errorf("a hook the script copies elsewhere not reported: %v", got)
	}
}

// TestDCSInNodes: consul.host 127.0.0.1:8500 with each node's entrypoint
// starting a Consul server agent (consul agent -server ...) before
// Patroni: the DCS runs in the nodes, no Consul service is missing. An
// entrypoint that starts no agent leaves Consul missing (batch 27:
// classifieddotdev-pgdrip, kind 4).
func TestDCSInNodes(t *testing.T) {
	m := realFS(t, "classifieddotdev-pgdrip")
	if got := lintMap(t, m); findingWith(got, "no Consul service") {
		t.Errorf("Consul agents run by the nodes not seen: %v", got)
	}
	variantOf(t, m, []edit{{file: "entrypoint.sh", old: "gosu postgres consul agent", new: "gosu postgres consul version"}})
	if got := lintMap(t, m); !findingWith(got, "no Consul service") {
		t.Errorf("no Consul at all not reported: %v", got)
	}
}

// TestCitusGroups: the HAProxy backend lists the coordinators (citus group
// 0); the workers (groups 1, 2) elect their own primaries and are no
// failover targets of that backend. A coordinator left out is (batch 27:
// mmelmesary-citus, kind 5).
func TestCitusGroups(t *testing.T) {
	m := realFS(t, "mmelmesary-citus")
	if got := lintMap(t, m); findingWith(got, "has no server for") {
		t.Errorf("nodes of other Citus groups asked for: %v", got)
	}
	variantOf(t, m, []edit{{file: "patroni/worker1-1.yml", old: "  group: 1", new: "  group: 0"}})
	if got := lintMap(t, m); !findingWith(got, "backend pgsql_leader has no server for worker1-1") || findingWith(got, "has no server for worker2-1") {
		t.Errorf("a node of the backend's group left out not reported alone: %v", got)
	}
}

// TestAdvertisedOtherMember: etcd2 and etcd3 with --advertise-client-urls
// http://etcd1:2379 (etcd1's line copied): Patroni ends up on etcd1 alone;
// one finding names both. Each advertising itself is fine (batch 27:
// 2c9-swarm, kind 6).
func TestAdvertisedOtherMember(t *testing.T) {
	m := realFS(t, "2c9-swarm")
	if got := lintMap(t, m); !printed(got, "docker-compose.yml:33: etcd2 and etcd3 advertise etcd1's client URL (http://etcd1:2379) instead of their own") {
		t.Errorf("members advertising another member's client URL not reported: %v", got)
	}
	variantOf(t, m, []edit{
		{file: "docker-compose.yml", old: "http://etcd2:2380 --advertise-client-urls http://etcd1:2379", new: "http://etcd2:2380 --advertise-client-urls http://etcd2:2379"},
		{file: "docker-compose.yml", old: "http://etcd3:2380 --advertise-client-urls http://etcd1:2379", new: "http://etcd3:2380 --advertise-client-urls http://etcd3:2379"},
	})
	if got := lintMap(t, m); findingWith(got, "client URL") {
		t.Errorf("members advertising themselves reported: %v", got)
	}
}

// TestRunBeforeCopy: pip install -r /tmp/requirements.txt in a RUN before
// COPY requirements.txt /tmp/requirements.txt: the file is not there yet.
// With the COPY first, nothing (batch 27: mmelmesary-citus, kind 9).
func TestRunBeforeCopy(t *testing.T) {
	m := realFS(t, "mmelmesary-citus")
	if got := lintMap(t, m); !printed(got, "dockerfile:11: RUN reads /tmp/requirements.txt, which only the COPY at line 17 puts in the image") {
		t.Errorf("a RUN reading a file a later COPY adds not reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "dockerfile", old: "ENV PATH=", new: "COPY requirements.txt /tmp/requirements.txt\nENV PATH="}})
	if got := lintMap(t, m); findingWith(got, "RUN reads") {
		t.Errorf("a file COPYed before the RUN reported: %v", got)
	}
}

// TestEnvsubstUnexported: KAMAL_HOST=$(hostname -i ...) without export,
// then envsubst < /etc/patroni.yml: envsubst sees no KAMAL_HOST. Exported,
// or set in the services' environment, it does (batch 27:
// classifieddotdev-pgdrip, kind 11).
func TestEnvsubstUnexported(t *testing.T) {
	m := realFS(t, "classifieddotdev-pgdrip")
	if got := lintMap(t, m); !printed(got, "entrypoint.sh:21: envsubst fills ${KAMAL_HOST} in patroni.yml from its environment, but KAMAL_HOST is a plain shell variable here (set at line 6, never exported) and the environment of pgdrip1, pgdrip2, pgdrip3 and pgdrip4 does not set it") {
		t.Errorf("an unexported variable of an envsubst template not reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "entrypoint.sh", old: "  KAMAL_HOST=$(hostname", new: "  export KAMAL_HOST=$(hostname"}})
	if got := lintMap(t, m); findingWith(got, "envsubst fills") {
		t.Errorf("an exported variable reported: %v", got)
	}
}

// TestTrustOncePerFile: two pg_hba lines of one config that trust any
// address are one cause: one finding at the first, naming both lines; a
// config with one such line keeps its own finding (batch 27: the harmless
// wording SCORE.md asked for, mmelmesary-citus's twelve lines).
func TestTrustOncePerFile(t *testing.T) {
	m := realFS(t, "assisken-consul")
	var trust []Finding
	for _, f := range lintMap(t, m) {
		if strings.Contains(f.Problem, "lets anyone connect without a password") {
			trust = append(trust, f)
		}
	}
	if len(trust) != 1 || !strings.Contains(trust[0].Problem, "(also lines 35)") {
		t.Errorf("two trust lines of postgres.yml: want one finding naming both, got %v", trust)
	}
}

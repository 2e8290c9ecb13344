package lint

import (
	"testing"
	"testing/fstest"
)

// TestStandbyLeaderExpect: backend pgsql_replicas checks GET /patroni with
// http-check expect string "role\": \"standby_leader": the body match
// admits the standby leader only, a replica role, so the backend is a read
// pool and no write goes to a replica (batch 30: nedhsu-haspilo, kind 3;
// "standby_leader" holds "leader", which was read as the primary's role).
// Without the expect string the /patroni check still admits every member.
func TestStandbyLeaderExpect(t *testing.T) {
	if got := lintMap(t, realFS(t, "nedhsu-haspilo")); findingWith(got, "asks Patroni for /patroni") {
		t.Errorf("a /patroni check whose expect string selects standby_leader taken for a write check: %v", got)
	}
	v := variantOf(t, realFS(t, "nedhsu-haspilo"), []edit{{file: "haproxy/haproxy.cfg", old: "    http-check expect string \"role\\\": \\\"standby_leader\"\n", new: ""}})
	if got := lintMap(t, v); !findingWith(got, "asks Patroni for /patroni") {
		t.Errorf("a /patroni check with no role in its expect no longer reported: %v", got)
	}
}

// TestSpiloLauncherBypassed: patroni-postgres-N run ghcr.io/zalando/spilo-16
// with command: ["patroni", "/etc/patroni/patroni.yml"] on a mounted config
// of their own: Spilo's launcher, which writes Spilo's pg_hba (replication
// for PGUSER_STANDBY only), never runs, so PATRONI_REPLICATION_USERNAME is
// no clash with it (batch 30: gabri117-mediqueue, kind 2). With Spilo's
// own command (/launch.sh init) the finding stands.
func TestSpiloLauncherBypassed(t *testing.T) {
	const clash = "but Spilo's pg_hba allows replication only for"
	if got := lintMap(t, realFS(t, "gabri117-mediqueue")); findingWith(got, clash) {
		t.Errorf("Spilo's pg_hba applied to nodes that run patroni on their own config: %v", got)
	}
	v := variantOf(t, realFS(t, "gabri117-mediqueue"), []edit{{file: "docker-compose.patroni.yml", old: `command: ["patroni", "/etc/patroni/patroni.yml"]`, new: `command: ["/bin/sh", "/launch.sh", "init"]`}})
	if got := lintMap(t, v); !findingWith(got, clash) {
		t.Errorf("Spilo's launcher runs: the replication user clash not reported: %v", got)
	}
}

// TestSpiloEnvConfig: three registry.opensource.zalan.do/acid/spilo-14
// nodes with no command: run Spilo's launcher, which writes Patroni's
// config from their environment (SCOPE, PGUSER_*, ...): they have a
// config, so no "lint found no config" advising to mount one and run
// patroni (batch 30: nedhsu-haspilo, kind 1). A Spilo container whose
// command runs patroni itself, with no config, is still reported.
func TestSpiloEnvConfig(t *testing.T) {
	if got := lintMap(t, realFS(t, "nedhsu-haspilo")); findingWith(got, "lint found no config") {
		t.Errorf("Spilo's launcher taken for a node without a config: %v", got)
	}
	v := variantOf(t, realFS(t, "nedhsu-haspilo"), []edit{{file: "docker-compose.yml", old: "    image: registry.opensource.zalan.do/acid/spilo-14:latest\n", new: "    image: registry.opensource.zalan.do/acid/spilo-14:latest\n    command: [\"patroni\"]\n"}})
	if got := lintMap(t, v); !findingWith(got, "lint found no config") {
		t.Errorf("Spilo nodes running patroni with no config not reported: %v", got)
	}
}

// TestSpiloNoDCS: three Spilo nodes on Spilo's launcher set SCOPE,
// PGUSER_* and WAL-G variables but no ETCD_HOST/ETCD3_HOSTS (or any DCS
// variable): configure_spilo.py then runs an etcd in each container and
// points Patroni at 127.0.0.1:2379: three clusters, the etcd service
// unused (batch 30: nedhsu-haspilo, kind 4). With ETCD3_HOSTS on every
// node, nothing; with one node alone and no DCS service, Spilo's demo
// mode, nothing.
func TestSpiloNoDCS(t *testing.T) {
	const own = "Spilo's launcher with no DCS variable"
	if got := lintMap(t, realFS(t, "nedhsu-haspilo")); !printed(got, "docker-compose.yml:115: spilo-node1, spilo-node2 and spilo-node3 run "+own) {
		t.Errorf("Spilo nodes with no DCS variable beside an etcd not reported: %v", got)
	}
	v := variantOf(t, realFS(t, "nedhsu-haspilo"), []edit{{file: "docker-compose.yml", old: "      SCOPE: spilo-cluster\n", new: "      SCOPE: spilo-cluster\n      ETCD3_HOSTS: etcd:2379\n"}})
	if got := lintMap(t, v); findingWith(got, own) {
		t.Errorf("ETCD3_HOSTS not taken for a DCS: %v", got)
	}
	one := "services:\n  pg:\n    image: ghcr.io/zalando/spilo-16:3.2-p3\n    environment:\n      SCOPE: demo\n"
	if got := lintMap(t, fstest.MapFS{"docker-compose.yml": {Data: []byte(one)}}); findingWith(got, own) {
		t.Errorf("a lone Spilo in demo mode reported: %v", got)
	}
}

// TestSpiloStandbyOfItself: STANDBY_HOST: spilo-node1 on spilo-node2 and
// spilo-node3, all three of SCOPE spilo-cluster: Spilo makes them standby
// clusters following a member of their own cluster, and Patroni never
// promotes a standby leader, so there is no failover (batch 30:
// nedhsu-haspilo, kind 5). A standby following a node of another SCOPE
// (another cluster) is what standby clusters are for: nothing.
func TestSpiloStandbyOfItself(t *testing.T) {
	const self = "a member of their own cluster (SCOPE spilo-cluster)"
	if got := lintMap(t, realFS(t, "nedhsu-haspilo")); !printed(got, "docker-compose.yml:165: STANDBY_HOST: spilo-node1 (spilo-node2 and spilo-node3)") || !findingWith(got, self) {
		t.Errorf("a standby cluster of its own member not reported: %v", got)
	}
	v := variantOf(t, realFS(t, "nedhsu-haspilo"), []edit{{file: "docker-compose.yml", old: "      CLUSTER_NAME: spilo-cluster\n      SCOPE: spilo-cluster\n      APIPORT: 8008\n      PGPORT: 5432\n      PGUSER_SUPERUSER: postgres\n      PGPASSWORD_SUPERUSER: ${POSTGRES_PASSWORD}\n      PGUSER_STANDBY: standby\n      PGPASSWORD_STANDBY: ${PGPASSWORD_STANDBY}\n\n", new: "      CLUSTER_NAME: main\n      SCOPE: main\n      APIPORT: 8008\n      PGPORT: 5432\n      PGUSER_SUPERUSER: postgres\n      PGPASSWORD_SUPERUSER: ${POSTGRES_PASSWORD}\n      PGUSER_STANDBY: standby\n      PGPASSWORD_STANDBY: ${PGPASSWORD_STANDBY}\n\n"}})
	if got := lintMap(t, v); findingWith(got, "STANDBY_HOST: spilo-node1") {
		t.Errorf("a standby cluster following another SCOPE reported: %v", got)
	}
}

// TestScopeSameLiteral: scope: ${CLUSTER_SCOPE} in patroni1..3.yml, no
// PATRONI_SCOPE (the compose sets SCOPE, which Patroni does not read):
// the scope is the literal text, the same on all three, so they form one
// cluster: a note, once, not three problems; and a placeholder in a key
// that is no role or password is not said to be "a role literally named
// ${...}" (batch 30: kaleidostop-train, harmless wording). When one
// member's scope differs, the placeholder is a problem again.
func TestScopeSameLiteral(t *testing.T) {
	got := lintMap(t, realFS(t, "kaleidostop-train"))
	if findingWith(got, "replaces scope") || !printed(got, "patroni_configs/patroni1.yml:1: note: scope is literally ${CLUSTER_SCOPE} in every node's config") {
		t.Errorf("a scope placeholder the same on every member: want one note: %v", got)
	}
	v := variantOf(t, realFS(t, "kaleidostop-train"), []edit{{file: "patroni_configs/patroni2.yml", old: "scope: ${CLUSTER_SCOPE}", new: "scope: train"}})
	got = lintMap(t, v)
	if !printed(got, "patroni_configs/patroni1.yml:1: Patroni does not expand ${...} in its config, and no PATRONI_* variable of patroni1 replaces scope: Patroni uses the text as written (the placeholder itself is the value)") {
		t.Errorf("a scope placeholder on some members only: want the finding, worded for a scope: %v", got)
	}
}

// TestCommandPipPatroni: the patroni service runs timescale/timescaledb
// with a command: that pip-installs patroni[etcd3], unpinned, at every
// start, so it runs Patroni 4, which ignores bootstrap.users: the monctl
// role central-entrypoint.sh connects as (postgresql+asyncpg://monctl@,
// pg_isready -U monctl) is never made (batch 30: hansmeldgaard-monctl,
// kind 7a; blind, only its ${PG_PASSWORD} was said). Pinned to 3.x, the
// users are made (the placeholder password is then the finding).
func TestCommandPipPatroni(t *testing.T) {
	const gone = "docker/patroni.yml:40: bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it and creates none of these users, so monctl"
	if got := lintMap(t, realFS(t, "hansmeldgaard-monctl")); !printed(got, gone) {
		t.Errorf("an unpinned pip install in command: not taken for Patroni 4: %v", got)
	}
	v := variantOf(t, realFS(t, "hansmeldgaard-monctl"), []edit{{file: "docker/docker-compose.central-ha.yml", old: "patroni[etcd3] &&", new: "patroni[etcd3]==3.3.2 &&"}})
	if got := lintMap(t, v); printed(got, "bootstrap.users was removed") || !printed(got, "replaces bootstrap.users.monctl.password") {
		t.Errorf("a pinned Patroni 3 in command: taken for Patroni 4: %v", got)
	}
}

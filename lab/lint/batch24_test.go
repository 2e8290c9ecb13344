package lint

import (
	"strings"
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

// TestSpiloConfiguration: Spilo nodes whose whole Patroni config is in
// SPILO_CONFIGURATION have their config: no "lint found no config", a note
// that lint did not check it (batch 24: baldina-debezium, kind 2). Without
// the variable Spilo's launcher still writes a config, from the rest of
// the environment (batch 30, kind 1): no "lint found no config" either.
func TestSpiloConfiguration(t *testing.T) {
	got := lintMap(t, realFS(t, "baldina-debezium"))
	if findingWith(got, "lint found no config") || !printed(got, "docker-compose.yml:66: note: patroni-primary runs Spilo, whose entrypoint writes the Patroni config at start from SPILO_CONFIGURATION") {
		t.Errorf("SPILO_CONFIGURATION not taken for the config: %v", got)
	}
	v := variantOf(t, realFS(t, "baldina-debezium"), []edit{{file: "docker-compose.yml", old: "      SPILO_CONFIGURATION: |\n         scope: marketplace\n         name: patroni-primary", new: "      SPILO_X: |\n         scope: marketplace\n         name: patroni-primary"}})
	if got := lintMap(t, v); findingWith(got, "lint found no config") {
		t.Errorf("a Spilo node without SPILO_CONFIGURATION said to have no config: %v", got)
	}
}

// TestMakefileExportedVariable: "${API_PORT}:${API_PORT}" with API_PORT in
// env/common.env, which the answer's Makefile -includes and exports (a bare
// export line) to the docker compose it runs: the load error is a note, not
// a problem (batch 24: juzefin-payments, kind 5). Without the export line,
// the variable is unset wherever compose runs: a problem again.
func TestMakefileExportedVariable(t *testing.T) {
	got := lintMap(t, realFS(t, "juzefin-payments"))
	if !printed(got, "docker-compose.yaml: note: docker compose refuses this file (no port specified: :<empty>) unless the variables come from the environment: the Makefile exports those of env/common.env") || findingWith(got, "docker-compose.yaml: docker compose refuses") {
		t.Errorf("the Makefile's exported variables not read: %v", got)
	}
	v := variantOf(t, realFS(t, "juzefin-payments"), []edit{{file: "Makefile", old: "-include env/common.env\nexport\n", new: "-include env/common.env\n"}})
	if got := lintMap(t, v); !printed(got, "docker-compose.yaml: docker compose refuses this file: no port specified") {
		t.Errorf("a variable the Makefile does not export taken as set: %v", got)
	}
}

// TestEnvFileOfProfileService: payment-app, whose only profile (legacy)
// nothing activates, names a missing env_file .env: Compose 2.34+ reads it
// only for selected services, so a note, not "docker compose refuses"
// (batch 24: juzefin-payments, kind 5). With COMPOSE_PROFILES=legacy in
// .env, the problem is back.
func TestEnvFileOfProfileService(t *testing.T) {
	got := lintMap(t, realFS(t, "juzefin-payments"))
	if findingWith(got, "missing: env_file .env") || !printed(got, "docker-compose.yaml:71: note: env_file .env of payment-app does not exist; payment-app runs only with the profile legacy") {
		t.Errorf("the env_file of a profile-only service asserted: %v", got)
	}
	m := realFS(t, "juzefin-payments")
	m["docker-compose.yaml"].Data = []byte(strings.Replace(string(m["docker-compose.yaml"].Data), "    env_file: .env\n", "    env_file: env/missing.env\n", 1))
	m[".env"] = &fstest.MapFile{Data: []byte("COMPOSE_PROFILES=legacy\n")}
	if got := lintMap(t, m); !findingWith(got, "missing: env_file env/missing.env does not exist") {
		t.Errorf("the env_file of an activated profile not reported: %v", got)
	}
}

// TestEntrypointWritesConfigForCommand: command: patroni
// /var/lib/postgresql/patroni.yml on an image whose ENTRYPOINT script
// (COPYed from the answer) writes CFG=/var/lib/postgresql/patroni.yml with
// envsubst from a mounted template and ends in exec runuser ... "$@": the
// config is there, the template is checked (batch 24: elizonapp-dns, kind
// 7). A script that does not run "$@" is not followed.
func TestEntrypointWritesConfigForCommand(t *testing.T) {
	got := lintMap(t, realFS(t, "elizonapp-dns"))
	if findingWith(got, "but nothing puts /var/lib/postgresql/patroni.yml") || !printed(got, "patroni/entrypoint.sh:9: note: the Patroni config /var/lib/postgresql/patroni.yml is written by this script from patroni/patroni.yml.tpl") {
		t.Errorf("the entrypoint's envsubst not followed: %v", got)
	}
	v := variantOf(t, realFS(t, "elizonapp-dns"), []edit{{file: "patroni/entrypoint.sh", old: `exec runuser -u postgres -- "$@"`, new: `exec runuser -u postgres -- sleep infinity`}})
	if got := lintMap(t, v); !findingWith(got, "but nothing puts /var/lib/postgresql/patroni.yml") {
		t.Errorf("a script that does not run the command followed: %v", got)
	}
}

// TestHAProxyRenderedTemplate: the haproxy service's sh -c entrypoint runs
// render-haproxy.sh TPL /tmp/haproxy.cfg (which execs haproxy -f): no "mounts
// no config at /usr/local/etc/haproxy/haproxy.cfg"; the template's listen
// sections hold __SERVERS__ where the servers go: a note, not "no backend
// with servers" (batch 24: elizonapp-dns, kind 8).
func TestHAProxyRenderedTemplate(t *testing.T) {
	got := lintMap(t, realFS(t, "elizonapp-dns"))
	if findingWith(got, "mounts no config at") || findingWith(got, "no backend with servers") || !printed(got, "haproxy/haproxy.cfg:34: note: listen postgres_write has no server lines, only the placeholder __SERVERS__") {
		t.Errorf("the rendered HAProxy template not understood: %v", got)
	}
	v := variantOf(t, realFS(t, "elizonapp-dns"), []edit{{file: "haproxy/haproxy.cfg", old: "    __SERVERS__\n", new: ""}})
	if got := lintMap(t, v); !findingWith(got, "no backend with servers") {
		t.Errorf("a template with no servers and no placeholder not reported: %v", got)
	}
}

// TestComposeVariantCheckedFully: patroni-setup holds two variants of one
// stack, each run with -f; the second (three nodes, no Swarm stack) is
// checked as a stack of its own: its etcd v2 client and its broken HAProxy
// mount are found, and no note says it was checked for its format only
// (batch 24: ldtrieu-etcd, kind 9).
func TestComposeVariantCheckedFully(t *testing.T) {
	got := lintMap(t, realFS(t, "ldtrieu-etcd"))
	for _, want := range []string{
		"patroni-setup/docker-compose-patroni-simple.yml:33: PATRONI_ETCD_URL (postgres-node1, postgres-node2 and postgres-node3) gives Patroni an etcd: section",
		"patroni-setup/docker-compose-patroni-simple.yml:125: missing: haproxy mounts ./config/haproxy-patroni-simple.cfg",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	if findingWith(got, "only its compose format") {
		t.Errorf("the checked variant still noted as unchecked: %v", got)
	}
}

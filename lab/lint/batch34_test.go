package lint

import (
	"strings"
	"testing"
)

// TestDockerfileInline: build.dockerfile_inline is the Dockerfile, written
// in the compose file: Compose needs no file in the context, so "no
// Dockerfile there" is false (batch 34: toncenter-indexer, kind 2). Its
// text is read as the nodes' Dockerfile, with the compose file's line
// numbers: pip install into postgres:18's system Python (no venv) is
// reported at its line of the compose file. Six services sharing one
// anchored command that writes the config at start get one note.
func TestDockerfileInline(t *testing.T) {
	got := lintMap(t, realFS(t, "toncenter-indexer"))
	if findingWith(got, "but there is no Dockerfile there") {
		t.Errorf("a build with dockerfile_inline asked for a Dockerfile: %v", got)
	}
	notes := 0
	for _, f := range got {
		if f.Note && strings.Contains(f.Problem, "the Patroni config /tmp/patroni.yml is written by") {
			notes++
		}
	}
	if notes != 1 || !findingWith(got, "of the entrypoint:/command: of patroni1, patroni2, patroni3, patroni-cold1, patroni-cold2 and patroni-cold3 when the container starts") {
		t.Errorf("want one note naming the six services that share the command: %v", got)
	}
	v := variantOf(t, realFS(t, "toncenter-indexer"), []edit{{file: "docker-compose-patroni.yml",
		old: "              && python3 -m venv /opt/patroni \\\n              && /opt/patroni/bin/pip install --no-cache-dir --upgrade pip \\\n              && /opt/patroni/bin/pip install",
		new: "              && pip3 install --no-cache-dir --upgrade pip \\\n              && pip3 install \\\n              && pip3 install"}})
	if got := lintMap(t, v); !printed(got, "docker-compose-patroni.yml:120: pip3 install on postgres:18") {
		t.Errorf("the inline Dockerfile's pip install into the system Python not reported at its compose line: %v", got)
	}
}

// TestHAProxyCfgWrittenByCommand: a haproxy service whose entrypoint is
// sh -ec and whose command writes /tmp/haproxy.cfg from a heredoc, then
// runs exec haproxy -f /tmp/haproxy.cfg, has its config: nothing is
// missing, one note says lint did not check the text (batch 34:
// toncenter-indexer, kind 3). When the command writes another file than
// the one -f reads, the config is still missing.
func TestHAProxyCfgWrittenByCommand(t *testing.T) {
	got := lintMap(t, realFS(t, "toncenter-indexer"))
	if findingWith(got, "no haproxy.cfg for the haproxy service") {
		t.Errorf("a haproxy.cfg written by the service's own command reported missing: %v", got)
	}
	if !printed(got, "docker-compose-patroni.yml:282: note: the HAProxy config /tmp/haproxy.cfg is written by haproxy's entrypoint:/command: when the container starts") {
		t.Errorf("no note on the haproxy.cfg written at start: %v", got)
	}
	v := variantOf(t, realFS(t, "toncenter-indexer"), []edit{{file: "docker-compose-patroni.yml", old: "        cat > /tmp/haproxy.cfg <<'EOF'\n        global\n            maxconn 1000\n            log stdout format raw local0\n\n        defaults\n            log global\n            mode tcp\n            retries 2\n            timeout connect 5s\n            timeout client  1h\n            timeout server  1h\n\n        listen stats\n            mode http\n            bind *:7000\n", new: "        cat > /tmp/other.cfg <<'EOF'\n        global\n            maxconn 1000\n            log stdout format raw local0\n\n        defaults\n            log global\n            mode tcp\n            retries 2\n            timeout connect 5s\n            timeout client  1h\n            timeout server  1h\n\n        listen stats\n            mode http\n            bind *:7000\n"}})
	if got := lintMap(t, v); !findingWith(got, "no haproxy.cfg for the haproxy service") {
		t.Errorf("haproxy -f /tmp/haproxy.cfg with only /tmp/other.cfg written: want the config missing: %v", got)
	}
}

// TestServiceRoleFromScript: etcd1..3 run the image patroni-rhel8-etcd
// through /bin/bash /scripts/patroni/entrypoint_etcd.sh, a script of the
// answer (mounted from ./scripts) that ends in /usr/bin/etcd --name ...
// --initial-cluster ...: they are etcd members, not Patroni nodes that
// lack a config, whatever the image's or the folder's name (batch 34:
// jmrenouard-multidb, kind 1). The --initial-cluster the script hands etcd
// counts. A script that also starts Patroni keeps the service a node.
func TestServiceRoleFromScript(t *testing.T) {
	got := lintMap(t, realFS(t, "jmrenouard-multidb"))
	for _, f := range got {
		if strings.Contains(f.Problem, "run Patroni, but lint found no config") || strings.Contains(f.Problem, "no --initial-cluster") {
			t.Errorf("etcd members run by a script taken for Patroni nodes (or their script's flags ignored): %s", f)
		}
	}
	v := variantOf(t, realFS(t, "jmrenouard-multidb"), []edit{{file: "scripts/patroni/entrypoint_etcd.sh", old: "    --initial-cluster \"etcd1=", new: "    --initial-cluster-x \"etcd1="}})
	if got := lintMap(t, v); !findingWith(got, "etcd1, etcd2 and etcd3 have no --initial-cluster") {
		t.Errorf("a script that hands etcd no --initial-cluster: want it reported: %v", got)
	}
	v = variantOf(t, realFS(t, "jmrenouard-multidb"), []edit{{file: "scripts/patroni/entrypoint_etcd.sh", old: "/usr/bin/etcd \\\n", new: "patroni /etc/patroni.yml &\n/usr/bin/etcd \\\n"}})
	if got := lintMap(t, v); !findingWith(got, "etcd3 runs patroni /etc/patroni.yml, but nothing puts /etc/patroni.yml in the container") {
		t.Errorf("a script that starts Patroni too: want the services still nodes: %v", got)
	}
}

// TestComposeFileThroughMakeVariable: the answer's Makefile sets
// PATRONI_COMPOSE = docker-compose-patroni.yml and its patroni-up target
// runs docker compose -f $(PATRONI_COMPOSE) up -d: the odd file name is
// how the answer is meant to be run, a note, as for a literal -f (batch
// 34: jmrenouard-multidb, Th). A variable set to another file does not
// count.
func TestComposeFileThroughMakeVariable(t *testing.T) {
	got := lintMap(t, realFS(t, "jmrenouard-multidb"))
	if !printed(got, "docker-compose-patroni.yml: note: docker compose does not find docker-compose-patroni.yml by itself") || !findingWith(got, "runs it with docker compose -f $(PATRONI_COMPOSE) (Makefile, which sets it to docker-compose-patroni.yml)") {
		t.Errorf("docker compose -f $(PATRONI_COMPOSE) in the Makefile not taken as the way to run it: %v", got)
	}
	v := variantOf(t, realFS(t, "jmrenouard-multidb"), []edit{{file: "Makefile", old: "PATRONI_COMPOSE = docker-compose-patroni.yml", new: "PATRONI_COMPOSE = docker-compose-other.yml"}})
	if got := lintMap(t, v); !printed(got, "docker-compose-patroni.yml: docker compose does not find docker-compose-patroni.yml: it reads") {
		t.Errorf("a Makefile variable naming another file excused the name: %v", got)
	}
}

// TestConsulProtocolHTTPNote: consul.protocol is no Patroni key (consul
// takes scheme), but protocol: http asks for the default scheme: a note,
// not a problem (batch 34: sorrowless-ci, Th). protocol: https is lost
// for real and stays a problem.
func TestConsulProtocolHTTPNote(t *testing.T) {
	got := lintMap(t, realFS(t, "sorrowless-ci"))
	if !printed(got, "patroni.yml:10: note: consul.protocol is not a Patroni setting (ignored; consul's key is scheme), but http is the scheme Patroni uses by default") {
		t.Errorf("consul.protocol: http not a note: %v", got)
	}
	v := variantOf(t, realFS(t, "sorrowless-ci"), []edit{{file: "patroni.yml", old: "    protocol: http\n", new: "    protocol: https\n"}})
	if got := lintMap(t, v); !printed(got, "patroni.yml:10: consul.protocol is not a Patroni setting (ignored): consul takes") {
		t.Errorf("consul.protocol: https not a problem: %v", got)
	}
}

// TestConsulBootstrapExpect: the only Consul service runs agent -server
// -bootstrap-expect 3 -retry-join (two addresses of other machines): this
// answer runs one Consul server, so Consul never elects a leader and
// Patroni has no DCS (batch 34: sorrowless-ci, kind 4). -bootstrap-expect
// 1 is met.
func TestConsulBootstrapExpect(t *testing.T) {
	const want = "docker-compose.yml:35: consul runs a Consul server with -bootstrap-expect 3, but the answer runs 1 Consul server"
	if got := lintMap(t, realFS(t, "sorrowless-ci")); !printed(got, want) {
		t.Errorf("-bootstrap-expect 3 with one Consul server not reported: %v", got)
	}
	v := variantOf(t, realFS(t, "sorrowless-ci"), []edit{{file: "docker-compose.yml", old: "-bootstrap-expect 3", new: "-bootstrap-expect 1"}})
	if got := lintMap(t, v); findingWith(got, "-bootstrap-expect") {
		t.Errorf("-bootstrap-expect 1 with one Consul server reported: %v", got)
	}
}

// TestPGDGAptPatroni4: apt install patroni on postgres:18.0 takes PGDG's
// patroni (the official image has apt.postgresql.org configured), 4.x:
// bootstrap.users is ignored. Nothing in sorrowless-ci connects as admin,
// so it is the note that rule gives (batch 34: sorrowless-ci, kind 8). On
// postgres:15 lint keeps the version unknown and says nothing.
func TestPGDGAptPatroni4(t *testing.T) {
	const want = "patroni.yml:30: note: bootstrap.users was removed in Patroni 4.0, which this image installs"
	if got := lintMap(t, realFS(t, "sorrowless-ci")); !printed(got, want) {
		t.Errorf("apt install patroni on postgres:18.0 not taken for Patroni 4: %v", got)
	}
	v := variantOf(t, realFS(t, "sorrowless-ci"), []edit{{file: "Dockerfile", old: "FROM postgres:18.0", new: "FROM postgres:15"}})
	if got := lintMap(t, v); findingWith(got, "bootstrap.users was removed") {
		t.Errorf("apt install patroni on postgres:15 taken for Patroni 4: %v", got)
	}
}

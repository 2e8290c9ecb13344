package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// edit changes the embedded exercise: replace every old by new in file; an
// empty old writes the file from scratch; del removes it.
type edit struct {
	file, old, new string
	del            bool
}

// at is an expected finding whose line is found by looking for a piece of
// text in the edited file ("" for line 0), so these tests follow the assets.
type at struct {
	file, where, text string
}

func variant(t *testing.T, edits []edit) fstest.MapFS {
	t.Helper()
	return variantOf(t, embeddedFS(t), edits)
}

// variantOf applies edits to an exercise directory held in m.
func variantOf(t *testing.T, m fstest.MapFS, edits []edit) fstest.MapFS {
	t.Helper()
	for _, e := range edits {
		switch {
		case e.del:
			if _, ok := m[e.file]; !ok {
				t.Fatalf("delete %s: not in the exercise", e.file)
			}
			delete(m, e.file)
		case e.old == "":
			m[e.file] = &fstest.MapFile{Data: []byte(e.new), Mode: 0o644}
		default:
			f, ok := m[e.file]
			if !ok {
				t.Fatalf("edit %s: not in the exercise", e.file)
			}
			s := string(f.Data)
			if !strings.Contains(s, e.old) {
				t.Fatalf("edit %s: %q is not in it (did the asset change?)", e.file, e.old)
			}
			m[e.file] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(s, e.old, e.new)), Mode: 0o644}
		}
	}
	return m
}

// lineOf is the line of the first occurrence of where in file.
func lineOf(t *testing.T, m fstest.MapFS, file, where string) int {
	t.Helper()
	if where == "" {
		return 0
	}
	f, ok := m[file]
	if !ok {
		t.Fatalf("lineOf: no %s", file)
	}
	i := strings.Index(string(f.Data), where)
	if i < 0 {
		t.Fatalf("lineOf: %q not in %s", where, file)
	}
	if strings.HasPrefix(where, "\n") {
		i++ // a leading newline only anchors the match: the line is the next one
	}
	return strings.Count(string(f.Data[:i]), "\n") + 1
}

const (
	df  = "Dockerfile"
	dc  = "docker-compose.yaml"
	p1  = "postgres1-conf/patroni.yml"
	p2  = "postgres2-conf/patroni.yml"
	hap = "haproxy/haproxy.cfg"
)

const depsBlock = `    depends_on:
      postgres1:
        condition: service_started
      postgres2:
        condition: service_started
`

func TestVariants(t *testing.T) {
	cases := []struct {
		name  string
		edits []edit
		wants []at // exact: nothing else may be found
	}{
		// Dockerfile: PostgreSQL version.
		{"FROM postgres:15",
			[]edit{{file: df, old: "ARG BASE_IMAGE=postgres:12\nFROM ${BASE_IMAGE}", new: "FROM postgres:15"}},
			[]at{{df, "FROM postgres:15", "postgres:15 is PostgreSQL 15"}}},
		{"base image from a compose build arg",
			[]edit{{file: dc, old: "${PG_BASE_IMAGE:-postgres:12}", new: "${PG_BASE_IMAGE:-postgres:14}"}},
			[]at{{dc, "postgres:14", "postgres:14 is PostgreSQL 14"}}},
		{"ARG BASE_IMAGE default",
			[]edit{
				{file: dc, old: "        BASE_IMAGE: ${PG_BASE_IMAGE:-postgres:12}\n", new: ""},
				{file: df, old: "ARG BASE_IMAGE=postgres:12", new: "ARG BASE_IMAGE=postgres:13"},
			},
			[]at{{df, "ARG BASE_IMAGE=postgres:13", "postgres:13 is PostgreSQL 13"}}},
		{"ARG PG_MAJOR default",
			[]edit{
				{file: dc, old: "        PG_MAJOR: ${PG_MAJOR:-12}\n", new: ""},
				{file: df, old: "ARG PG_MAJOR=12", new: "ARG PG_MAJOR=13"},
			},
			[]at{{df, "ARG PG_MAJOR=13", "PG_MAJOR is 13"}}},
		// Dockerfile: user.
		{"final USER root",
			[]edit{{file: df, old: "USER postgres", new: "USER root"}},
			[]at{{df, "USER root\nENTRYPOINT", "the last USER is root: Patroni runs as root"}}},
		{"no USER postgres",
			[]edit{{file: df, old: "USER postgres\n", new: ""}},
			[]at{{df, "USER root", "the last USER is root"}}},
		{"no USER at all",
			[]edit{{file: df, old: "USER postgres\n", new: ""}, {file: df, old: "USER root\n", new: ""}},
			[]at{{df, "CMD [", "Patroni runs as root (no USER instruction): pg_ctl: cannot be run as root"}}},
		{"compose user: root",
			[]edit{{file: dc, old: "    hostname: postgres1\n", new: "    hostname: postgres1\n    user: root\n"}},
			[]at{{dc, "user: root", "postgres1 runs as root"}}},
		{"compose user: postgres instead of USER",
			[]edit{
				{file: df, old: "USER postgres\n", new: ""},
				{file: df, old: "USER root\n", new: ""},
				{file: dc, old: "    hostname: postgres1\n", new: "    hostname: postgres1\n    user: postgres\n"},
				{file: dc, old: "    hostname: postgres2\n", new: "    hostname: postgres2\n    user: postgres\n"},
			},
			nil},
		{"data volume not chowned",
			[]edit{{file: df, old: "chown -R postgres:postgres /opt/postgres /var/run/postgresql", new: "chown -R postgres:postgres /var/run/postgresql"}},
			[]at{{df, `VOLUME ["/opt/postgres"]`, "the data volume /opt/postgres is root-owned"}}},
		// Dockerfile: PostGIS.
		{"no PostGIS",
			[]edit{
				{file: df, old: `"postgresql-${PG_MAJOR}-postgis-3" "postgresql-${PG_MAJOR}-postgis-3-scripts"`, new: "postgresql-client-common"},
				{file: df, old: `apt-cache show "postgresql-${PG_MAJOR}-postgis-3"`, new: `apt-cache show postgresql-client-common`},
			},
			[]at{{df, "FROM ${BASE_IMAGE}", "no PostGIS 3"}}},
		{"PostGIS for another major",
			[]edit{{file: df, old: `"postgresql-${PG_MAJOR}-postgis-3" "postgresql-${PG_MAJOR}-postgis-3-scripts"`, new: `"postgresql-13-postgis-3" "postgresql-${PG_MAJOR}-postgis-3-scripts"`}},
			[]at{{df, "postgresql-13-postgis-3", "a package for PostgreSQL 13"}}},
		// Dockerfile: pip.
		{"unquoted specs on continuation lines, venv",
			[]edit{{file: df, old: "", new: `ARG BASE_IMAGE=postgres:12
FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y python3-venv postgresql-12-postgis-3 \
 && python3 -m venv /opt/patroni \
 && /opt/patroni/bin/pip install \
      'patroni[etcd3]==3.0.2' \
      psycopg[binary]>=3.0.0 \
      psycopg2-binary<3 \
      "urllib3>=1.19" 2>/dev/null \
 && mkdir -p /opt/postgres && chown postgres:postgres /opt/postgres
USER postgres
CMD ["patroni", "/etc/patroni/patroni.yml"]
`}},
			[]at{
				{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"},
				{df, "psycopg[binary]>=3.0.0", "unquoted version spec psycopg[binary]>=3.0.0"},
				{df, "psycopg2-binary<3", "unquoted version spec psycopg2-binary<3"},
				{df, " && /opt/patroni/bin/pip install", "postgres1 and postgres2 run patroni by name, but Dockerfile installs Patroni only in the virtualenv /opt/patroni"},
			}},
		{"comment inside a continuation",
			[]edit{{file: df, old: "", new: `FROM postgres:12
RUN apt-get update \
# a comment line inside the continuation
 && apt-get install -y python3-pip \
      postgresql-12-postgis-3 \
 && pip3 install psycopg>=3 \
 && mkdir -p /opt/postgres && chown postgres /opt/postgres
USER postgres
CMD ["patroni", "/etc/patroni/patroni.yml"]
`}},
			[]at{
				{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"},
				{df, "psycopg>=3", "unquoted version spec psycopg>=3"},
				{df, " && pip3", "externally-managed-environment"},
			}},
		{"bare pip3 on bookworm",
			[]edit{{file: df, old: "", new: `FROM postgres:12
RUN apt-get update && apt-get install -y python3-pip postgresql-12-postgis-3 \
 && pip3 install "patroni[etcd3]" psycopg2-binary \
 && mkdir -p /opt/postgres && chown -R postgres:postgres /opt/postgres
USER postgres
CMD ["patroni", "/etc/patroni/patroni.yml"]
`}},
			[]at{{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"}, {df, "pip3 install", "externally-managed-environment"}}},
		{"pip with --break-system-packages",
			[]edit{{file: df, old: "", new: `FROM postgres:12
RUN apt-get update && apt-get install -y python3-pip postgresql-12-postgis-3 \
 && pip3 install --break-system-packages "patroni[etcd3]" psycopg2-binary \
 && mkdir -p /opt/postgres && chown -R postgres:postgres /opt/postgres
USER postgres
CMD ["patroni", "/etc/patroni/patroni.yml"]
`}},
			[]at{{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"}}},
		{"pip on bullseye",
			[]edit{{file: df, old: "", new: `FROM postgres:12-bullseye
RUN apt-get update && apt-get install -y python3-pip postgresql-12-postgis-3 \
 && pip3 install "patroni[etcd3]" psycopg2-binary \
 && mkdir -p /opt/postgres && chown -R postgres:postgres /opt/postgres
USER postgres
CMD ["patroni", "/etc/patroni/patroni.yml"]
`}},
			[]at{{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"}}},
		{"venv without python3-venv",
			[]edit{{file: df, old: "", new: `FROM postgres:12
RUN apt-get update && apt-get install -y python3 postgresql-12-postgis-3 && python3 -m venv /opt/patroni && /opt/patroni/bin/pip install 'patroni[etcd3]' psycopg2-binary && mkdir -p /opt/postgres && chown postgres /opt/postgres
USER postgres
CMD ["patroni", "/etc/patroni/patroni.yml"]
`}},
			[]at{{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"}, {df, "RUN apt-get", "python3 -m venv without the python3-venv package"}, {df, "RUN apt-get", "postgres1 and postgres2 run patroni by name, but Dockerfile installs Patroni only in the virtualenv /opt/patroni"}}},
		{"config name from CMD",
			[]edit{{file: df, old: `CMD ["patroni", "/etc/patroni/patroni.yml"]`, new: `CMD ["patroni", "/etc/patroni/config.yml"]`}},
			[]at{
				{"postgres1-conf/config.yml", "", "missing: postgres1 mounts ./postgres1-conf at /etc/patroni and Patroni reads /etc/patroni/config.yml"},
				{"postgres2-conf/config.yml", "", "missing: postgres2 mounts"},
			}},
		// Compose: HAProxy.
		{"haproxy:2.4-alpine",
			[]edit{{file: dc, old: "haproxy:2.8}", new: "haproxy:2.4-alpine}"}},
			[]at{{dc, "haproxy:2.4-alpine", "HAProxy 2.4-alpine is older than the 2.7"}}},
		{"haproxytech image 2.6",
			[]edit{{file: dc, old: "${HAPROXY_IMAGE:-haproxy:2.8}", new: "haproxytech/haproxy-alpine:2.6"}},
			[]at{{dc, "haproxytech/haproxy-alpine:2.6", "older than the 2.7"}}},
		{"haproxy:latest", []edit{{file: dc, old: "haproxy:2.8}", new: "haproxy:latest}"}}, nil},
		{"haproxy without tag", []edit{{file: dc, old: "${HAPROXY_IMAGE:-haproxy:2.8}", new: "haproxy"}}, nil},
		{"haproxy:3.0", []edit{{file: dc, old: "haproxy:2.8}", new: "haproxy:3.0}"}}, nil},
		{"HAPROXY_IMAGE from .env",
			[]edit{{file: ".env", new: "HAPROXY_IMAGE=haproxy:2.4\n"}},
			[]at{{dc, "${HAPROXY_IMAGE", "HAProxy 2.4 is older"}}},
		{"haproxy may start before the nodes",
			[]edit{{file: dc, old: depsBlock, new: ""}, {file: hap, old: " init-addr last,libc,none", new: ""}},
			[]at{
				{dc, "  haproxy:", "haproxy does not depend on postgres1 and postgres2"},
			}},
		{"no haproxy.cfg",
			[]edit{{file: hap, del: true}},
			[]at{{dc, "./haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg", "missing: haproxy mounts ./haproxy/haproxy.cfg at /usr/local/etc/haproxy/haproxy.cfg, but there is no such file"}}},
		// Compose: etcd cluster.
		{"etcd member missing from --initial-cluster",
			[]edit{{file: dc, old: "--initial-advertise-peer-urls=http://etcd3:2380\n      - --initial-cluster=etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380",
				new: "--initial-advertise-peer-urls=http://etcd3:2380\n      - --initial-cluster=etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd-3:2380"}},
			[]at{
				{dc, "etcd3=http://etcd-3", "names the host etcd-3, which is not a compose service"},
				{dc, "etcd3=http://etcd-3", "--initial-cluster of etcd3 leaves out etcd3"},
				{dc, "--initial-advertise-peer-urls=http://etcd3:2380", "etcd3 advertises peer URL http://etcd3:2380 but --initial-cluster says etcd3=http://etcd-3:2380"},
				{dc, "etcd3=http://etcd-3", "--initial-cluster of etcd3 differs from etcd1's"},
			}},
		{"etcd without --initial-cluster",
			[]edit{{file: dc, old: "--initial-advertise-peer-urls=http://etcd2:2380\n      - --initial-cluster=etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380\n",
				new: "--initial-advertise-peer-urls=http://etcd2:2380\n"}},
			[]at{{dc, "  etcd2:", "etcd2 has no --initial-cluster"}}},
		{"etcd listening on loopback",
			[]edit{{file: dc, old: "--listen-client-urls=http://0.0.0.0:2379\n      - --advertise-client-urls=http://etcd1:2379",
				new: "--listen-client-urls=http://127.0.0.1:2379\n      - --advertise-client-urls=http://etcd1:2379"}},
			[]at{{dc, "http://127.0.0.1:2379", "etcd1 listens for clients on http://127.0.0.1:2379 only"}}},
		{"etcd 3.6 with --enable-v2",
			[]edit{
				{file: dc, old: "quay.io/coreos/etcd:v3.5.17", new: "quay.io/coreos/etcd:v3.6.1"},
				{file: dc, old: "      - --name=etcd1\n", new: "      - --name=etcd1\n      - --enable-v2\n"},
			},
			[]at{{dc, "--enable-v2", "has no v2 API: --enable-v2 is an unknown flag"}}},
		{"etcd command as a string",
			[]edit{{file: dc, old: `    command:
      - etcd
      - --name=etcd1
      - --data-dir=/etcd-data
      - --listen-client-urls=http://0.0.0.0:2379
      - --advertise-client-urls=http://etcd1:2379
      - --listen-peer-urls=http://0.0.0.0:2380
      - --initial-advertise-peer-urls=http://etcd1:2380
      - --initial-cluster=etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380
`, new: `    command: etcd --name etcd1 --data-dir /etcd-data --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://etcd1:2379 --listen-peer-urls http://0.0.0.0:2380 --initial-advertise-peer-urls http://etcd1:2380 --initial-cluster etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380
`}},
			nil},
		// Compose: file names and mount syntax.
		{"compose.yaml", []edit{{file: dc, del: true}, {file: "compose.yaml", new: composeText(t)}}, nil},
		{"compose.yaml next to docker-compose.yaml",
			[]edit{{file: "compose.yaml", new: composeText(t)}},
			[]at{{dc, "", "ignored: docker compose reads compose.yaml"}}},
		{"long mount syntax",
			[]edit{{file: dc, old: "      - ./postgres1-conf:/etc/patroni:ro\n", new: "      - type: bind\n        source: ./postgres1-conf\n        target: /etc/patroni\n        read_only: true\n"}},
			nil},
		{"local volume with driver: local",
			[]edit{
				{file: dc, old: "      - ./postgres1-conf:/etc/patroni:ro\n", new: "      - postgres1-conf:/etc/patroni:ro\n"},
				{file: dc, old: "\nvolumes:\n", new: "\nvolumes:\n  postgres1-conf:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: ./postgres1-conf\n"},
			},
			[]at{{dc, "device: ./postgres1-conf", "not every Compose v2 release makes it absolute"}}},
		{"config file mount",
			[]edit{{file: dc, old: "      - ./postgres1-conf:/etc/patroni:ro\n", new: "      - ./postgres1-conf/patroni.yml:/etc/patroni/patroni.yml:ro\n"}},
			nil},
		{"two services share one config",
			[]edit{{file: dc, old: "      - ./postgres2-conf:/etc/patroni:ro\n", new: "      - ./postgres1-conf:/etc/patroni:ro\n"}},
			[]at{
				{dc, "  postgres2:", "postgres1 and postgres2 mount the same Patroni config postgres1-conf/patroni.yml"},
				// (no per-key "belongs to postgres2" on the shared file:
				// one cause, one finding; batch 29, es-sofia)
			}},
		{"invalid compose YAML",
			[]edit{{file: dc, old: "    hostname: etcd2\n", new: "    hostname: etcd2\n   bad: [\n"}},
			[]at{{dc, "   bad: [", "invalid YAML"}}},
		{"env var overrides connect_address",
			[]edit{{file: dc, old: "    hostname: postgres1\n    environment:\n",
				new: "    hostname: postgres1\n    environment:\n      PATRONI_RESTAPI_CONNECT_ADDRESS: 127.0.0.1:8008\n"}},
			[]at{{dc, "PATRONI_RESTAPI_CONNECT_ADDRESS", "PATRONI_RESTAPI_CONNECT_ADDRESS 127.0.0.1:8008 is loopback"}}},
		// Patroni.
		{"pg_hba 0.0.0.0/0 trust",
			[]edit{{file: p1, old: "  - host all all samenet md5", new: "  - host all all 0.0.0.0/0 trust"}},
			[]at{{p1, "0.0.0.0/0 trust", "without a password"}}},
		{"pg_hba all trust",
			[]edit{{file: p2, old: "  - host all all samenet md5", new: "  - host all all all trust"}},
			[]at{{p2, "all all all trust", "without a password"}}},
		{"no replication line in postgresql.pg_hba",
			[]edit{{file: p1, old: "  - host replication replicator samenet md5\n", new: ""}},
			[]at{{p1, "  pg_hba:", "postgresql.pg_hba has no host replication line"}}},
		{"pg_hba on 0.0.0.0/32",
			[]edit{{file: p1, old: "  - host replication replicator samenet md5\n", new: "  - host replication replicator 0.0.0.0/32 md5\n"}},
			[]at{{p1, "0.0.0.0/32", "matches only the address 0.0.0.0"}}},
		{"ttl below 20",
			[]edit{{file: p1, old: "ttl: 30", new: "ttl: 10"}},
			[]at{{p1, "ttl: 10", "ttl 10 is below Patroni's minimum of 20"}}},
		{"scope differs",
			[]edit{{file: p2, old: "scope: service", new: "scope: other"}},
			[]at{{p2, "scope: other", `scope "other" differs from "service"`}}},
		{"duplicate name",
			[]edit{{file: p2, old: "name: postgres2", new: "name: postgres1"}},
			[]at{{p2, "name: postgres1", `name "postgres1" is also the name in postgres1-conf/patroni.yml`}}},
		{"connect_address of the other node",
			[]edit{{file: p2, old: "connect_address: postgres2:8008", new: "connect_address: postgres1:8008"}},
			[]at{{p2, "connect_address: postgres1:8008", "points at postgres1, but this config belongs to postgres2"}}},
		{"connect_address port differs from listen",
			[]edit{{file: p1, old: "connect_address: postgres1:8008", new: "connect_address: postgres1:8009"}},
			[]at{{p1, "postgres1:8009", "says port 8009 but restapi.listen is on 8008"}}},
		{"etcd3 hosts list with an unknown host",
			[]edit{{file: p1, old: "  hosts: etcd1:2379,etcd2:2379,etcd3:2379\n", new: "  hosts:\n  - etcd1:2379\n  - etcd4:2379\n"}},
			[]at{{p1, "etcd4:2379", "etcd3.hosts names the host etcd4, which is not a compose service"}}},
		{"etcd3 hosts naming a PostgreSQL node",
			[]edit{{file: p1, old: "  hosts: etcd1:2379,etcd2:2379,etcd3:2379\n", new: "  host: postgres2:2379\n"}},
			[]at{{p1, "postgres2:2379", "names postgres2, which is not an etcd service"}}},
		{"etcd and etcd3 both",
			[]edit{{file: p1, old: "etcd3:\n", new: "etcd:\n  host: etcd1:2379\netcd3:\n"}},
			[]at{
				{p1, "etcd:\n", "etcd: uses the v2 API, which etcd 3.5 (etcd1) serves only with --enable-v2, which it does not set"},
				{p1, "etcd:\n", "both etcd: and etcd3: are present"},
			}},
		{"relative data_dir",
			[]edit{{file: p1, old: "data_dir: /opt/postgres/data", new: "data_dir: data/postgres1"}},
			[]at{{p1, "data_dir: data/postgres1", "postgresql.data_dir data/postgres1 is relative"}}},
		{"nofailover",
			[]edit{{file: p2, old: "nofailover: false", new: "nofailover: true"}},
			[]at{{p2, "nofailover: true", "never promoted"}}},
		{"empty patroni.yml",
			[]edit{{file: p2, new: "# nothing yet\n"}},
			[]at{{p2, "", "the Patroni config is empty"}}},
		{"restapi is a list",
			[]edit{{file: p1, old: "restapi:\n  listen: 0.0.0.0:8008\n  connect_address: postgres1:8008\n", new: "restapi: [1, 2]\n"}},
			[]at{{p1, "restapi: [1, 2]", "restapi: is a list, not a mapping"}}},
		{"scope is a list",
			[]edit{{file: p1, old: "scope: service", new: "scope: [service]"}},
			[]at{{p1, "scope: [service]", "scope is a list, expected a string"}}},
		{"pg_hba is a string",
			[]edit{{file: p1, old: "  pg_hba:\n  - local all all trust\n  - host replication replicator samenet md5\n  - host all all samenet md5\n", new: "  pg_hba: host all all samenet md5\n"}},
			[]at{{p1, "pg_hba: host", "postgresql.pg_hba is a string, not a list"}}},
		// A value written twice differently: the first is lost (written
		// twice the same, nothing is, and lint says nothing).
		{"duplicate key",
			[]edit{{file: p1, old: "name: postgres1\n", new: "name: postgres0\nname: postgres1\n"}},
			[]at{{p1, "\nname: postgres1\n\n", "duplicate key name (first at line 6)"}}},
		{"duplicate key, same value",
			[]edit{{file: p1, old: "name: postgres1\n", new: "name: postgres1\nname: postgres1\n"}},
			nil},
		// HAProxy.
		{"no httpchk",
			[]edit{{file: hap, old: "    option httpchk GET /primary\n    http-check expect status 200\n", new: ""}},
			[]at{{hap, "listen postgres", "listen postgres has no option httpchk"}}},
		{"check on /replica",
			[]edit{{file: hap, old: "GET /primary", new: "GET /replica"}},
			[]at{{hap, "GET /replica", "asks Patroni for /replica: it answers 200 only on replicas"}}},
		{"check on /health",
			[]edit{{file: hap, old: "GET /primary", new: "GET /health"}},
			[]at{{hap, "GET /health", "asks Patroni for /health: it answers 200 on the replica too"}}},
		{"expect status 503",
			[]edit{{file: hap, old: "expect status 200", new: "expect status 503"}},
			[]at{{hap, "expect status 503", "http-check expect status 503"}}},
		{"check without port",
			[]edit{{file: hap, old: "postgres1:5432 maxconn 100 check port 8008", new: "postgres1:5432 maxconn 100 check"}},
			[]at{{hap, "server postgres1", "server postgres1 checks without a port"}}},
		{"server without check",
			[]edit{{file: hap, old: "postgres2:5432 maxconn 100 check port 8008", new: "postgres2:5432 maxconn 100"}},
			[]at{{hap, "server postgres2", "server postgres2 has no check"}}},
		{"not listening on 5432",
			[]edit{{file: hap, old: "bind *:5432", new: "bind *:5000"}},
			[]at{{hap, "bind *:5000", "HAProxy does not listen on 5432"}}},
		{"mode http",
			[]edit{{file: hap, old: "listen postgres\n", new: "listen postgres\n    mode http\n"}},
			[]at{{hap, "    mode http\n    bind *:5432", "mode http on the PostgreSQL port"}}},
		{"one server only",
			[]edit{{file: hap, old: "    server postgres2 postgres2:5432 maxconn 100 check port 8008\n", new: ""}},
			[]at{{hap, "listen postgres", "has no server for postgres2"}}},
		{"server on loopback",
			[]edit{{file: hap, old: "server postgres1 postgres1:5432", new: "server postgres1 127.0.0.1:5432"}},
			[]at{{hap, "127.0.0.1:5432", "that is HAProxy's own container"}}},
		{"frontend and backend",
			[]edit{{file: hap, old: "listen postgres\n    bind *:5432\n", new: "frontend pg\n    bind *:5432\n    default_backend postgres\n\nbackend postgres\n"}},
			nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkFS(t, variant(t, c.edits), c.wants)
		})
	}
}

// checkFS lints m and expects exactly wants, their lines looked up in m.
func checkFS(t *testing.T, m fstest.MapFS, wants []at) {
	t.Helper()
	got, err := FS(m)
	if err != nil {
		t.Fatal(err)
	}
	var ws []want
	for _, w := range wants {
		ws = append(ws, want{w.file, lineOf(t, m, w.file, w.where), w.text})
	}
	expect(t, got, ws, true)
}

func composeText(t *testing.T) string {
	t.Helper()
	return string(embeddedFS(t)[dc].Data)
}

// TestOnlySomeFiles: a partial directory is linted, with the missing files reported.
func TestOnlySomeFiles(t *testing.T) {
	m := embeddedFS(t)
	only := fstest.MapFS{df: m[df]}
	got, err := FS(only)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, got, []want{
		{dc, 0, "missing: no docker-compose.yaml"},
		{"postgres1-conf/patroni.yml", 0, "missing: no Patroni config found"},
	}, false)

	// Patroni configs alone: found by the postgres*-conf fallback and checked.
	confs := fstest.MapFS{p1: m[p1], p2: m[p2]}
	got, err = FS(confs)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, got, []want{{dc, 0, "missing"}, {df, 0, "missing"}}, true)
}

// TestNeverPanics feeds odd content to every file.
func TestNeverPanics(t *testing.T) {
	odd := []string{
		"", "\x00\x01\x02", "- a\n- b\n", "just a string", "{", "a: *nope", "a: &x [*x]\n", "services: 3\n",
		"services:\n  postgres1:\n    volumes: 5\n    command: {a: b}\n    environment: [1, 2]\n    build: {args: [X]}\n",
		"restapi: {listen: [1], connect_address: {a: 1}}\netcd3: {hosts: {a: b}}\npostgresql: {pg_hba: [[1]], listen: ''}\nbootstrap: {pg_hba: 7}\n",
		"FROM\nRUN \\\n", "RUN pip install a>=1\n", "listen x\n    server\n    server a\n    bind\n",
		strings.Repeat("\t", 100), "\xff\xfe",
	}
	for _, file := range []string{df, dc, p1, p2, hap} {
		for _, s := range odd {
			m := embeddedFS(t)
			m[file] = &fstest.MapFile{Data: []byte(s)}
			got, err := FS(m)
			if err != nil {
				t.Errorf("%s = %q: error %v", file, s, err)
			}
			for _, f := range got {
				if strings.Contains(f.Problem, "internal error") {
					t.Errorf("%s = %q: %s", file, s, f)
				}
			}
		}
	}
}

func TestYAMLErrorLine(t *testing.T) {
	for _, c := range []struct {
		yaml string
		line int
	}{
		{"a:\n  b: 1\n  c: 2\n d: [\ne: 1\n", 4},
		{"a:\n\tb: 1\n", 2},
		{"a: 1\nb: 2\nc 2\nd: 3\n", 3},
		{"a: 1\nb: \"abc\nc: 1\n", 2},
		{"a: 1\nb: 1\nkey: value: x\n", 3},
		{"a:\n  b: 1\n c: 2\n", 3},
		{"a:\n  - 1\n  - 2\n  b: 3\n", 4},
		{"x:\n  y:\n    z: 1\n   w: 2\n", 4},
	} {
		_, line, err := parseYAML([]byte(c.yaml))
		if err == nil {
			t.Errorf("%q: no error", c.yaml)
			continue
		}
		if line != c.line {
			t.Errorf("%q: line %d (%v), want %d", c.yaml, line, err, c.line)
		}
		if strings.HasPrefix(err.Error(), "yaml: line") {
			t.Errorf("%q: the message repeats the line: %v", c.yaml, err)
		}
	}
}

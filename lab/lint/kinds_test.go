package lint

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pglab/pglab/lab/exercise"
)

// Answers built for each kind of mistake issue 14 lists, from pglab's own
// answers of both exercises: each asserts the exact set of findings, so a
// working layout lint must follow produces no complaint and a broken one
// exactly its cause.
func TestMistakeKinds(t *testing.T) {
	ops := func(t *testing.T) fstest.MapFS { return embeddedFS(t) }
	lab := func(t *testing.T) fstest.MapFS { return profileFS(t, exercise.ZooKeeper) }
	const (
		zdc = "docker-compose.yml"
		zdf = "Dockerfile"
	)
	pgBuild := "    build:\n      context: .\n      args:\n        BASE_IMAGE: ${PG_BASE_IMAGE:-postgres:12}\n        PG_MAJOR: ${PG_MAJOR:-12}\n    image: ${PG_IMAGE:-pglab/postgres-patroni:12}\n    hostname: postgres2\n"
	cases := []struct {
		name  string
		base  func(*testing.T) fstest.MapFS
		edits func(m fstest.MapFS) []edit
		wants []at
	}{
		// 1. Configs found the way Docker finds them.
		{"config file mounted elsewhere, path in command:", ops, func(m fstest.MapFS) []edit {
			conf := strings.Replace(string(m[p2].Data), "connect_address: postgres2:8008", "connect_address: 127.0.0.1:8008", 1)
			return []edit{
				{file: dc, old: "      - ./postgres2-conf:/etc/patroni:ro\n", new: "      - ./node2.yml:/etc/node2.yml:ro\n    command: [\"patroni\", \"/etc/node2.yml\"]\n"},
				{file: "node2.yml", new: conf},
				{file: p2, del: true},
			}
		}, []at{{"node2.yml", "connect_address: 127.0.0.1:8008", "restapi.connect_address 127.0.0.1:8008 is loopback"}}},
		{"Dockerfile named by build.dockerfile", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: "Dockerfile.pg", new: string(m[df].Data)}, {file: df, del: true},
				{file: dc, old: "      context: .\n", new: "      context: .\n      dockerfile: Dockerfile.pg\n"},
			}
		}, nil},
		{"lowercase dockerfile", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: "dockerfile", new: string(m[df].Data)}, {file: df, del: true}}
		}, nil},
		{"a service built from the project that is not a node", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: "Dockerfile.app", new: "FROM python:3.12-slim\nCMD [\"python3\", \"-m\", \"http.server\"]\n"},
				{file: dc, old: "  haproxy:\n", new: "  app:\n    build:\n      context: .\n      dockerfile: Dockerfile.app\n\n  haproxy:\n"},
			}
		}, nil},
		{"config made by a script", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: "start.sh", new: "#!/bin/sh\nenvsubst < /etc/patroni/patroni.yml > /tmp/patroni.yml\nexec patroni /tmp/patroni.yml\n"},
				// envsubst is gettext-base's, which the postgres image lacks.
				{file: df, old: "python3-psycopg2 python3-urllib3 \\\n", new: "python3-psycopg2 python3-urllib3 gettext-base \\\n"},
				{file: dc, old: "      - ./postgres1-conf:/etc/patroni:ro\n", new: "      - ./postgres1-conf:/etc/patroni:ro\n      - ./start.sh:/start.sh:ro\n    entrypoint: [\"/bin/sh\", \"/start.sh\"]\n"},
			}
		}, []at{{"start.sh", "envsubst", "the Patroni config /tmp/patroni.yml is written by this script from postgres1-conf/patroni.yml when the container starts: lint checked the template's keys, not the values filled in"}}},
		// 2. Patroni keys in the wrong place.
		{"section indented one level off", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: p1, old: "    postgresql:\n      use_pg_rewind: true\n      use_slots: true\n      parameters:\n        wal_level: replica\n        hot_standby: \"on\"\n        max_connections: 100\n        max_wal_senders: 10\n        max_replication_slots: 10\n        wal_log_hints: \"on\"\n",
				new: "  postgresql:\n    use_pg_rewind: true\n    use_slots: true\n    parameters:\n      wal_level: replica\n      hot_standby: \"on\"\n      max_connections: 100\n      max_wal_senders: 10\n      max_replication_slots: 10\n      wal_log_hints: \"on\"\n"}}
		}, []at{{p1, "\n  postgresql:\n    use_pg_rewind", "bootstrap.postgresql is not read by Patroni: bootstrap takes no postgresql"}}},
		{"keys under a section that takes none", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: p1, old: "  hosts: etcd1:2379,etcd2:2379,etcd3:2379\n", new: "  hosts: etcd1:2379,etcd2:2379,etcd3:2379\n  ttl: 30\n  loop_wait: 10\n"}}
		}, []at{{p1, "  ttl: 30\n  loop_wait", "etcd3 takes none of ttl, loop_wait: Patroni silently ignores them here (also lines 16); they belong under bootstrap.dcs"}}},
		{"a typo in a key", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: p1, old: "      use_slots: true", new: "      use_slot: true"}}
		}, []at{{p1, "use_slot: true", "bootstrap.dcs.postgresql.use_slot is not a Patroni setting (ignored): did you mean bootstrap.dcs.postgresql.use_slots?"}}},
		// 3. Compose files docker compose rejects.
		{"interpolation compose refuses", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: dc, old: "    hostname: haproxy\n", new: "    hostname: haproxy\n    environment:\n      SHORT: ${HOSTNAME%%.*}\n"}}
		}, []at{{dc, "SHORT:", "docker compose refuses this file: invalid interpolation format for services.haproxy.environment.SHORT"}}},
		// 4. Ports that don't line up.
		{"published stats port haproxy.cfg does not bind", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: dc, old: "\"${HAPROXY_STATS_PORT:-7000}:7000\"", new: "\"7000:8404\""}}
		}, []at{{dc, "7000:8404", "haproxy publishes container port 8404, but haproxy/haproxy.cfg binds no such port (it binds 7000, 5432)"}}},
		// 5. Stacks that never start Patroni.
		{"a node on the plain postgres image", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: dc, old: "  postgres2:\n" + pgBuild, new: "  postgres2:\n    image: postgres:16\n    hostname: postgres2\n"},
				{file: hap, old: "    server postgres2 postgres2:5432", new: "    server postgres2 postgres2:5432"},
			}
		}, []at{
			{dc, "image: postgres:16", "postgres2 runs postgres:16, which has no Patroni in it"},
			{dc, "image: postgres:16", "postgres:16 is PostgreSQL 16: the operations test fixes PostgreSQL at 12"},
		}},
		// 6. Versions in play.
		{"etcd: section on etcd 3.6", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: dc, old: "quay.io/coreos/etcd:v3.5.17", new: "quay.io/coreos/etcd:v3.6.4"},
				{file: p1, old: "\netcd3:\n", new: "\netcd:\n"},
			}
		}, []at{{p1, "\netcd:\n", "etcd: uses the v2 API, which etcd 3.6 (etcd1) does not serve: 3.6 removed it"}}},
		{"etcd: section on etcd 3.5 with --enable-v2 in a variant", ops, func(m fstest.MapFS) []edit {
			c1 := strings.Replace(strings.Replace(string(m[p1].Data), "\netcd3:\n", "\netcd:\n", 1), "postgres1:", "pg1:", -1)
			c2 := strings.Replace(string(m[p2].Data), "postgres2:", "pg2:", -1)
			return []edit{
				{file: "pg1-conf/patroni.yml", new: c1}, {file: "pg2-conf/patroni.yml", new: c2},
				{file: dc, old: "./postgres1-conf:", new: "./pg1-conf:"}, {file: dc, old: "./postgres2-conf:", new: "./pg2-conf:"},
				{file: dc, old: "      - --initial-cluster-state=new\n", new: "      - --initial-cluster-state=new\n      - --enable-v2\n"},
				{file: dc, old: "  postgres1:", new: "  pg1:"}, {file: dc, old: "  postgres2:", new: "  pg2:"},
				{file: p1, del: true}, {file: p2, del: true},
				{file: hap, old: " postgres1:", new: " pg1:"}, {file: hap, old: " postgres2:", new: " pg2:"},
			}
		}, nil},
		// 7. One finding per cause, fixes that agree with the file.
		{"pip on a PEP 668 image, CMD naming /usr/local/bin/patroni", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: df, new: "FROM postgres:12\nRUN apt-get update && apt-get install -y python3-pip postgresql-12-postgis-3\nRUN pip3 install 'patroni[etcd3]'\nRUN pip3 install psycopg2-binary\nRUN mkdir -p /opt/postgres && chown postgres:postgres /opt/postgres\nUSER postgres\nCMD [\"/usr/local/bin/patroni\", \"/etc/patroni/patroni.yml\"]\n"}}
		}, []at{{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"}, {df, "RUN pip3 install 'patroni", "pip3 install on postgres:12: its Debian Python refuses it (PEP 668: error: externally-managed-environment) (also lines 4)"}}},
		// Recall (lint4): what held-out answers broke that lint did not see.
		{"an etcd image on CentOS 8", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: "etcd/Dockerfile", new: "FROM centos:8\nRUN yum -y install etcd\nCMD [\"etcd\"]\n"},
				{file: dc, old: "\n  etcd1:\n", new: "\n  extra:\n    build: ./etcd\n\n  etcd1:\n"},
			}
		}, []at{{"etcd/Dockerfile", "FROM centos:8", "FROM centos:8 is CentOS 8, end of life: its package sources are gone from the mirrors, so yum at line 2 fails to download any repository metadata and the build stops"}}},
		{"PostgreSQL 9.6 from PGDG", lab, func(m fstest.MapFS) []edit {
			return []edit{{file: zdf, old: "patroni python3-kazoo python3-psycopg2;", new: "patroni python3-kazoo python3-psycopg2 postgresql-9.6-repack;"}}
		}, []at{{zdf, "postgresql-9.6", "installs postgresql-9.6-repack on postgres:15: PostgreSQL 9.6 is end of life"}}},
		{"TLS on HAProxy's PostgreSQL side", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: hap, old: "    bind *:5432\n", new: "    bind *:5432 ssl crt /etc/haproxy/cert.pem\n"},
				{file: hap, old: "    server postgres2 postgres2:5432 maxconn 100 check port 8008", new: "    server postgres2 postgres2:5432 maxconn 100 check port 8008 ssl verify none"},
			}
		}, []at{
			{hap, "bind *:5432 ssl", "bind ... ssl on a PostgreSQL pool: HAProxy expects a TLS hello"},
			{hap, "server postgres2 postgres2:5432", "server ... ssl to PostgreSQL's port: HAProxy opens with a TLS hello"},
		}},
		{"listen on a public address the container does not have", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: p1, old: "  listen: 0.0.0.0:8008", new: "  listen: 203.0.113.7:8008"}}
		}, []at{{p1, "203.0.113.7:8008", "restapi.listen 203.0.113.7:8008: 203.0.113.7 is not an address of the postgres1 container"}}},
		{"listen on a private address docker may assign: not judged", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: p1, old: "  listen: 0.0.0.0:8008", new: "  listen: 172.20.0.5:8008"}}
		}, nil},
		{"a host directory compose creates as the data dir", ops, func(m fstest.MapFS) []edit {
			return []edit{{file: dc, old: "      - postgres1-data:/opt/postgres\n", new: "      - ./pgdata1:/opt/postgres\n"}}
		}, []at{{dc, "./pgdata1:/opt/postgres", "the host directory ./pgdata1 (not in the answer) is bind-mounted at /opt/postgres: docker compose creates it owned by root"}}},
		{"a package install on the haproxy image, which runs as haproxy", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: "haproxy/Dockerfile", new: "FROM haproxy:2.9-alpine\nRUN apk add --no-cache curl\nCOPY haproxy.cfg /usr/local/etc/haproxy/haproxy.cfg\n"},
				{file: dc, old: "    image: ${HAPROXY_IMAGE:-haproxy:2.8}\n", new: "    build: ./haproxy\n"},
			}
		}, []at{{"haproxy/Dockerfile", "RUN apk", "apk add runs as haproxy, the user haproxy:2.9-alpine already runs as"}}},
		{"the same with USER root first: not judged", ops, func(m fstest.MapFS) []edit {
			return []edit{
				{file: "haproxy/Dockerfile", new: "FROM haproxy:2.9-alpine\nUSER root\nRUN apk add --no-cache curl\nUSER haproxy\nCOPY haproxy.cfg /usr/local/etc/haproxy/haproxy.cfg\n"},
				{file: dc, old: "    image: ${HAPROXY_IMAGE:-haproxy:2.8}\n", new: "    build: ./haproxy\n"},
			}
		}, nil},
		// 8. Messages for the exercise and the candidate's own paths.
		{"the HA lab's missing haproxy.cfg at the path its compose mounts", lab, func(m fstest.MapFS) []edit {
			return []edit{{file: "haproxy.cfg", del: true}}
		}, []at{{zdc, "./haproxy.cfg:", "missing: haproxy mounts ./haproxy.cfg at /usr/local/etc/haproxy/haproxy.cfg, but there is no such file"}}},
		// The lab's text names no PostgreSQL version (its files start from
		// postgres:15), unlike the operations test's "no modifiques la
		// versión": another major is no finding, and no PostGIS is asked.
		{"the HA lab on PostgreSQL 12: no version finding, no PostGIS", lab, func(m fstest.MapFS) []edit {
			return []edit{{file: zdf, old: "ARG BASE_IMAGE=postgres:15\nFROM ${BASE_IMAGE}", new: "FROM postgres:12"}}
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := c.base(t)
			checkFS(t, variantOf(t, m, c.edits(m)), c.wants)
		})
	}
}

// TestPEP668FixAgreesWithCMD: the fix names the path the CMD uses.
func TestPEP668FixAgreesWithCMD(t *testing.T) {
	m := variantOf(t, embeddedFS(t), []edit{{file: df, new: "FROM postgres:12\nRUN apt-get install -y postgresql-12-postgis-3\nRUN pip3 install patroni\nUSER postgres\nCMD [\"/usr/local/bin/patroni\", \"/etc/patroni/patroni.yml\"]\n"}})
	got, err := FS(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		if strings.Contains(f.Problem, "PEP 668") && !strings.Contains(f.Fix, "the CMD names /usr/local/bin/patroni") {
			t.Errorf("the PEP 668 fix does not mention the CMD's /usr/local/bin/patroni: %s", f.Fix)
		}
	}
}

package lint

import (
	"strings"
	"testing"
)

// TestTopLevelDCSKeyOwnSection: a DCS key at the top level (hosts: under an
// empty zookeeper: whose indentation was lost) belongs in the DCS section
// the file already has, or else the one the project runs, never in etcd:
// by default: moving zoo:2181 under etcd would point an etcd client at
// ZooKeeper. With the section empty right above, it is one finding (the
// lost indentation), not "zookeeper: has no hosts" beside it (batch 35:
// ru-zlata, kind 1). In an etcd3 answer the key goes to etcd3, and with no
// DCS section at all to the one the compose file runs.
func TestTopLevelDCSKeyOwnSection(t *testing.T) {
	got := lintMap(t, realFS(t, "ru-zlata"))
	if !printed(got, "config/postgres1.yml:9: hosts is at the top level, where Patroni does not read it, and zookeeper: above it (line 8) is empty: the indentation of hosts was lost, so zookeeper.hosts is not defined and Patroni does not start") {
		t.Errorf("the lost indentation not said as one finding: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f.Problem+f.Fix, "etcd") || strings.Contains(f.Problem+f.Fix, "consul") {
			t.Errorf("advice toward another DCS in a ZooKeeper answer: %s", f)
		}
		if strings.Contains(f.Problem, "zookeeper: has no hosts") {
			t.Errorf("the missing hosts said twice: %s", f)
		}
	}
	// No zookeeper: at all: the project's DCS decides.
	v := variantOf(t, realFS(t, "ru-zlata"), []edit{{file: "config/postgres1.yml", old: "zookeeper:\nhosts:", new: "hosts:"}})
	got = lintMap(t, v)
	if !findingWith(got, "it belongs at zookeeper.hosts") {
		t.Errorf("top-level hosts in a ZooKeeper answer not sent to zookeeper: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f.Problem+f.Fix, "etcd") {
			t.Errorf("advice toward etcd in a ZooKeeper answer: %s", f)
		}
	}
	// An etcd3 answer: etcd3, not etcd (v2).
	v = variantOf(t, realFS(t, "es-itziar-goikoetxea-b35"), []edit{{file: "postgres1-conf/patroni.yml", old: "etcd3:\n  hosts:", new: "etcd3:\nhosts:"}})
	got = lintMap(t, v)
	if !printed(got, "postgres1-conf/patroni.yml:10: hosts is at the top level, where Patroni does not read it, and etcd3: above it (line 9) is empty: the indentation of hosts was lost") {
		t.Errorf("etcd3's lost indentation not said: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f.Problem+f.Fix, "etcd.hosts") || strings.Contains(f.Fix, "under etcd ") {
			t.Errorf("an etcd3 answer sent to etcd (v2): %s", f)
		}
	}
}

// TestDCSHostList: etcd3: host: etcd1:2379,etcd2:2379,etcd3:2379 is a list
// in the key that takes one host:port. Patroni splits the value at its last
// colon (split_host_port), so it tries the one host
// "etcd1:2379,etcd2:2379,etcd3", which does not resolve: said as such, not
// as an unknown host etcd1:2379 (batch 35: es-rocio-mendizabal, kind 3).
// hosts: with the same list is right.
func TestDCSHostList(t *testing.T) {
	got := lintMap(t, realFS(t, "es-rocio-mendizabal"))
	for _, f := range []string{"postgres1-conf/patroni.yml", "postgres2-conf/patroni.yml"} {
		if !printed(got, f+":10: etcd3.host takes one host:port, but it holds a comma-separated list: Patroni splits it at the last colon and tries the single host etcd1:2379,etcd2:2379,etcd3 (port 2379), which does not resolve, so Patroni never reaches etcd") {
			t.Errorf("%s: the list in host not said as such: %v", f, got)
		}
	}
	if findingWith(got, "names the host etcd1:2379") || findingWith(got, "names no etcd host") {
		t.Errorf("the list taken for one unknown host: %v", got)
	}
	v := variantOf(t, realFS(t, "es-rocio-mendizabal"), []edit{{file: "postgres1-conf/patroni.yml", old: "  host: etcd1", new: "  hosts: etcd1"}})
	if got := lintMap(t, v); findingWith(got, "postgres1-conf/patroni.yml:10") {
		t.Errorf("hosts: with the list still reported: %v", got)
	}
}

// TestRootFixNamesOwnEntrypoint: on an ubuntu:22.04 base whose ENTRYPOINT
// is the answer's own script (chown the volume, exec patroni, no gosu or
// su), the fix for Patroni running as root says that script never drops
// to postgres; the postgres image's step-down ("only drops to postgres
// when the command is postgres") is said only on a postgres base (batch 35:
// es-rocio-mendizabal, kind 2).
func TestRootFixNamesOwnEntrypoint(t *testing.T) {
	fixOf := func(got []Finding) string {
		for _, f := range got {
			if strings.HasPrefix(f.Problem, "Patroni runs as root (no USER instruction)") {
				return f.Fix
			}
		}
		return ""
	}
	fix := fixOf(lintMap(t, realFS(t, "es-rocio-mendizabal")))
	if fix == "" || strings.Contains(fix, "postgres image") || !strings.Contains(fix, "docker-entrypoint.sh runs as root and execs patroni") {
		t.Errorf("fix on an ubuntu base with its own entrypoint: %q", fix)
	}
	v := variantOf(t, realFS(t, "es-rocio-mendizabal"), []edit{{file: "Dockerfile", old: "FROM ubuntu:22.04", new: "FROM postgres:12"}})
	if fix := fixOf(lintMap(t, v)); !strings.Contains(fix, "the postgres image only drops to postgres when the command is postgres") {
		t.Errorf("fix on a postgres base: %q", fix)
	}
}

// TestConfigPathOtherExtension: the image runs patroni
// /etc/patroni/patroni.yml while the directories mounted at /etc/patroni
// hold patroni.yaml: Patroni reads a config file only when the path exists,
// falls back to the (empty) PATRONI_* environment and exits. Said once for
// the services that share the cause; the .yaml is still checked, as the
// file meant (batch 35: es-nerea-ochoa, kind 6). With no path given (lint's
// own guess of patroni.yml) nothing is said.
func TestConfigPathOtherExtension(t *testing.T) {
	got := lintMap(t, realFS(t, "es-nerea-ochoa"))
	const want = "docker-compose.yml:56: Patroni is started with /etc/patroni/patroni.yml, but postgres1 and postgres2 mount ./conf/pg1 and ./conf/pg2 there, which hold patroni.yaml, not patroni.yml: Patroni reads a config file only when its path exists"
	if !printed(got, want) {
		t.Errorf("the .yml/.yaml mismatch not reported: %v", got)
	}
	if !printed(got, "conf/pg1/patroni.yaml:35: postgresql.pg_hba has no host replication line: the other node can't replicate from this one") {
		t.Errorf("the .yaml no longer checked: %v", got)
	}
	v := variantOf(t, realFS(t, "es-nerea-ochoa"), []edit{{file: "Dockerfile", old: `"/etc/patroni/patroni.yml"`, new: `"/etc/patroni/patroni.yaml"`}})
	if got := lintMap(t, v); findingWith(got, "not patroni.yml") {
		t.Errorf("the right name still reported: %v", got)
	}
}

// TestScramOnMD5Default: pg_hba lines with scram-sha-256 on PostgreSQL 12
// (postgresql-${PG_MAJOR}, PG_MAJOR=12, from PGDG on debian) with no
// password_encryption parameter and no initdb --auth-host=scram-sha-256:
// PostgreSQL 12 hashes the passwords Patroni sets with md5 (its default
// until 14), and a role whose password is an MD5 hash cannot authenticate
// with scram-sha-256, so the replica's connection is refused (batch 35:
// es-fermin-lasa, kind 5). password_encryption: scram-sha-256, an initdb
// auth-host: scram-sha-256, or PostgreSQL 14: no finding.
func TestScramOnMD5Default(t *testing.T) {
	const want = "patroni/patroni.yml:47: pg_hba uses scram-sha-256, but PostgreSQL 12 (Dockerfile:19 installs postgresql-12) hashes passwords with md5 by default (password_encryption is md5 until PostgreSQL 14) and no password_encryption parameter changes it"
	got := lintMap(t, realFS(t, "es-fermin-lasa"))
	if !printed(got, want) {
		t.Errorf("scram-sha-256 on PostgreSQL 12's md5 passwords not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "patroni/patroni.yml", old: "    unix_socket_directories: /tmp\n", new: "    unix_socket_directories: /tmp\n    password_encryption: scram-sha-256\n"},
		{file: "patroni/patroni.yml", old: "        max_replication_slots: 10\n", new: "        max_replication_slots: 10\n        password_encryption: scram-sha-256\n"},
		{file: "patroni/patroni.yml", old: "    - data-checksums\n", new: "    - data-checksums\n    - auth-host: scram-sha-256\n"},
		{file: "Dockerfile", old: "ENV PG_MAJOR=12", new: "ENV PG_MAJOR=14"},
	} {
		v := variantOf(t, realFS(t, "es-fermin-lasa"), []edit{e})
		if e.file == "Dockerfile" {
			v = variantOf(t, v, []edit{{file: "patroni/patroni.yml", old: "postgresql/12/bin", new: "postgresql/14/bin"}})
		}
		if got := lintMap(t, v); findingWith(got, "pg_hba uses scram-sha-256") {
			t.Errorf("%s %q: want no scram finding: %v", e.file, e.new, got)
		}
	}
}

// TestLivePGDGEndOfLifeNote: debian:bookworm-slim writes the live PGDG
// source (bookworm-pgdg main) and installs postgresql-${PG_MAJOR} with
// PG_MAJOR=12. PostgreSQL 12 is end of life and PGDG moves such majors to
// apt-archive.postgresql.org; lint cannot establish whether the live
// repository still serves 12, so it is a note (not a problem) naming the
// -pgdg-archive suite (batch 35: es-fermin-lasa, kind 4). With the archive
// source, or a supported major, nothing is said.
func TestLivePGDGEndOfLifeNote(t *testing.T) {
	var note *Finding
	got := lintMap(t, realFS(t, "es-fermin-lasa"))
	for i, f := range got {
		if strings.Contains(f.Problem, "from the live apt.postgresql.org") {
			note = &got[i]
		}
	}
	if note == nil || !note.Note || note.File != "Dockerfile" || note.Line != 19 || !strings.Contains(note.Fix, "bookworm-pgdg-archive") {
		t.Fatalf("no note at Dockerfile:19 on PostgreSQL 12 from the live PGDG: %v", got)
	}
	for _, e := range []edit{
		{file: "Dockerfile", old: "https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main", new: "https://apt-archive.postgresql.org/pub/repos/apt bookworm-pgdg-archive main"},
		{file: "Dockerfile", old: "ENV PG_MAJOR=12", new: "ENV PG_MAJOR=16"},
	} {
		if got := lintMap(t, variantOf(t, realFS(t, "es-fermin-lasa"), []edit{e})); findingWith(got, "from the live apt.postgresql.org") {
			t.Errorf("%q: want no note: %v", e.new, got)
		}
	}
}

// TestReplicationFromDocker0Only: pg_hba allows replication from
// 172.17.0.0/16 only, docker0's default subnet, while the nodes are on a
// compose network with no ipam subnet: Docker gives it a subnet from its
// other default pools (172.18.0.0/16 ...), never docker0's, so the
// replica's connection matches no line (batch 35: ru-zlata, kind 8). An
// ipam subnet inside 172.17.0.0/16, samenet, or network_mode: host: no
// finding.
func TestReplicationFromDocker0Only(t *testing.T) {
	const want = "config/postgres0.yml:49: pg_hba allows replication from 172.17.0.0/16 only, the subnet of Docker's default bridge (docker0), but the nodes are on the compose network lab, which Docker gives a subnet from its other default pools (172.18.0.0/16 and up), never docker0's"
	got := lintMap(t, realFS(t, "ru-zlata"))
	if !printed(got, want) {
		t.Errorf("replication from docker0's subnet only not reported: %v", got)
	}
	for _, es := range [][]edit{
		{{file: "config/postgres0.yml", old: "replicator 172.17.0.0/16", new: "replicator samenet"}, {file: "config/postgres1.yml", old: "replicator 172.17.0.0/16", new: "replicator samenet"}},
		{{file: "docker-compose.yaml", old: "networks:\n  lab:\n", new: "networks:\n  lab:\n    ipam:\n      config:\n        - subnet: 172.17.5.0/24\n"}},
	} {
		v := variantOf(t, realFS(t, "ru-zlata"), es)
		if got := lintMap(t, v); findingWith(got, "docker0") {
			t.Errorf("%q: want no docker0 finding: %v", es[0].new, got)
		}
	}
}

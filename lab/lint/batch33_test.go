package lint

import (
	"strings"
	"testing"
)

// TestDCSKeyTypoNotRelocated: zookeeper: host: zoo:2181 in the ZooKeeper
// lab is a typo of hosts, the key one letter away in the same section, not
// consul's host put under the wrong DCS: the advice renames it, never moves
// it to a DCS the answer does not use. zookeeper.hosts is required
// (patroni/validator.py), so Patroni does not start, which is said, and
// "zookeeper: has no hosts" is not said again beside it (batch 33:
// ru-gennady, kind 1). A key no near-miss explains (url) is not moved to
// etcd or consul either.
func TestDCSKeyTypoNotRelocated(t *testing.T) {
	got := lintMap(t, realFS(t, "ru-gennady"))
	for _, f := range []string{"patroni/postgres0.yml", "patroni/postgres1.yml"} {
		if !printed(got, f+":10: zookeeper.host is not a Patroni setting: zookeeper's key is hosts, and with no zookeeper.hosts Patroni's configuration check fails (zookeeper.hosts is not defined), so Patroni does not start") {
			t.Errorf("%s: zookeeper.host not said as a typo of the required hosts: %v", f, got)
		}
	}
	for _, f := range got {
		if strings.Contains(f.Problem, "consul") || strings.Contains(f.Fix, "consul") || strings.Contains(f.Problem, "silently ignored") {
			t.Errorf("advice toward consul, or 'silently ignored', in a ZooKeeper answer: %s", f)
		}
		if strings.Contains(f.Problem, "zookeeper: has no hosts") {
			t.Errorf("the missing hosts said twice: %s", f)
		}
	}
	v := variantOf(t, realFS(t, "ru-gennady"), []edit{{file: "patroni/postgres0.yml", old: "  host: zoo:2181\n", new: "  hosts: zoo:2181\n  url: http://zoo:2181\n"}})
	got = lintMap(t, v)
	if !findingWith(got, "zookeeper.url is not a Patroni setting (ignored): zookeeper takes") {
		t.Errorf("zookeeper.url not said as unknown in zookeeper: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f.Problem, "belongs at") && strings.HasPrefix(f.File, "patroni/postgres0.yml") {
			t.Errorf("zookeeper.url moved to another DCS: %s", f)
		}
	}
}

// TestDistroPostgresBinDir: an image FROM debian:bookworm-slim that
// installs postgresql-12 with apt has pg_ctl and initdb in
// /usr/lib/postgresql/12/bin, off $PATH (the official postgres image adds
// it with ENV PATH): a config with no postgresql.bin_dir fails Patroni's
// check ("does not contain 'pg_ctl' in '$PATH'") and no node starts
// (batch 33: es-baltasar, kind 2). bin_dir in the config, or
// PATRONI_POSTGRESQL_BIN_DIR on the services, or an ENV PATH naming the
// directory: no finding.
func TestDistroPostgresBinDir(t *testing.T) {
	const want = "patroni/patroni.yml:34: no postgresql.bin_dir, but the node image (debian:bookworm-slim, imagen/Dockerfile:17 installs postgresql-12 with apt) has pg_ctl and initdb in /usr/lib/postgresql/12/bin, which is not on $PATH"
	got := lintMap(t, realFS(t, "es-baltasar"))
	if !printed(got, want) {
		t.Errorf("a Debian-packaged PostgreSQL without bin_dir not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "patroni/patroni.yml", old: "  data_dir: /var/lib/postgresql/data/pgdata\n", new: "  data_dir: /var/lib/postgresql/data/pgdata\n  bin_dir: /usr/lib/postgresql/12/bin\n"},
		{file: "compose.yaml", old: "  PATRONI_SUPERUSER_USERNAME: postgres\n", new: "  PATRONI_SUPERUSER_USERNAME: postgres\n  PATRONI_POSTGRESQL_BIN_DIR: /usr/lib/postgresql/12/bin\n"},
		{file: "imagen/Dockerfile", old: "ENV DEBIAN_FRONTEND=noninteractive\n", new: "ENV DEBIAN_FRONTEND=noninteractive\nENV PATH=/usr/lib/postgresql/12/bin:$PATH\n"},
	} {
		v := variantOf(t, realFS(t, "es-baltasar"), []edit{e})
		if got := lintMap(t, v); findingWith(got, "no postgresql.bin_dir") {
			t.Errorf("%s %q: want no bin_dir finding: %v", e.file, e.new, got)
		}
	}
}

// TestPostgisPackageName: apt-get install postgis (PostGIS's command-line
// tools; the extension it recommends, postgresql-postgis, is for the
// newest major and skipped by --no-install-recommends) on an image of
// PostgreSQL 12: no postgresql-12-postgis-3, so CREATE EXTENSION postgis
// fails, and the operations test's PostGIS question is unanswered (batch
// 33: es-nerea, kind 3). Any PostGIS package next to postgresql-12 makes a
// postgres1/postgres2 + etcd1 stack the operations test. With
// postgresql-12-postgis-3 there is no finding.
func TestPostgisPackageName(t *testing.T) {
	const want = "postgres/Dockerfile:14: installs postgis, PostGIS's command-line tools (shp2pgsql, raster2pgsql), not the extension for PostgreSQL 12"
	if got := lintMap(t, realFS(t, "es-nerea")); !printed(got, want) {
		t.Errorf("the postgis package for the extension not reported: %v", got)
	}
	v := variantOf(t, realFS(t, "es-nerea"), []edit{{file: "postgres/Dockerfile", old: "postgresql-${PG_VERSION} postgis", new: "postgresql-${PG_VERSION} postgresql-postgis"}})
	if got := lintMap(t, v); !findingWith(got, "installs postgresql-postgis, the meta-package for the newest PostgreSQL major") {
		t.Errorf("postgresql-postgis not reported: %v", got)
	}
	v = variantOf(t, realFS(t, "es-nerea"), []edit{{file: "postgres/Dockerfile", old: "postgresql-${PG_VERSION} postgis", new: "postgresql-${PG_VERSION} postgresql-${PG_VERSION}-postgis-3"}})
	if got := lintMap(t, v); findingWith(got, "PostGIS") || findingWith(got, "postgis") {
		t.Errorf("postgresql-12-postgis-3: want no PostGIS finding: %v", got)
	}
}

// TestUserFixNamesEntrypoint: no USER, a custom ENTRYPOINT (no CMD) and a
// RUN mkdir -p /var/lib/postgresql/patroni as root: the fix says to add
// USER postgres before the ENTRYPOINT, and to chown what the RUN created,
// which USER alone leaves root-owned (batch 33: ru-milana, wording).
func TestUserFixNamesEntrypoint(t *testing.T) {
	got := lintMap(t, realFS(t, "ru-milana"))
	ok := false
	for _, f := range got {
		if strings.Contains(f.Problem, "Patroni runs as root (no USER instruction)") {
			ok = true
			if !strings.Contains(f.Fix, "add USER postgres before ENTRYPOINT") || !strings.Contains(f.Fix, "chown -R postgres:postgres /var/lib/postgresql/patroni") {
				t.Errorf("fix does not name the ENTRYPOINT and the chown: %s", f)
			}
		}
	}
	if !ok {
		t.Errorf("Patroni as root not reported: %v", got)
	}
}

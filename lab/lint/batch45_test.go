package lint

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pglab/pglab/lab/exercise"
)

// Rules from batches 45 and 46 (synthetic classes), by the lead.

// A package named through an ARG (postgresql-12-postgis-${POSTGIS_MAJOR},
// ARG POSTGIS_MAJOR=3) is the package the build installs (batch 45:
// candela_ferrero's false "no PostGIS 3").
func TestPostgisPackageFromArg(t *testing.T) {
	m := variantOf(t, embeddedFS(t), []edit{
		{file: "Dockerfile", old: "postgis-3", new: "postgis-${POSTGIS_MAJOR}"},
		{file: "Dockerfile", old: "ARG PG_MAJOR=12\n", new: "ARG PG_MAJOR=12\nARG POSTGIS_MAJOR=3\n"},
	})
	if got := lintMap(t, m); findingWith(got, "no PostGIS 3") {
		t.Errorf("postgis-${POSTGIS_MAJOR} with ARG POSTGIS_MAJOR=3: want no 'no PostGIS 3', got:%s", dump(got))
	}
	m = variantOf(t, embeddedFS(t), []edit{
		{file: "Dockerfile", old: "postgis-3", new: "postgis-${POSTGIS_MAJOR}"},
		{file: "Dockerfile", old: "ARG PG_MAJOR=12\n", new: "ARG PG_MAJOR=12\nARG POSTGIS_MAJOR=2.5\n"},
	})
	if got := lintMap(t, m); !findingWith(got, "PostGIS 2.5") {
		t.Errorf("ARG POSTGIS_MAJOR=2.5: want the old-PostGIS finding, got:%s", dump(got))
	}
}

// USER postgres before the RUN steps that need root stops the build
// (batch 46: pilar_oyarzun).
func TestUserBeforeRootSteps(t *testing.T) {
	m := variantOf(t, embeddedFS(t), []edit{{file: "Dockerfile", old: "USER root\n", new: "USER postgres\n"}})
	if got := lintMap(t, m); !findingWith(got, "apt-get update runs as postgres, set by USER at line") {
		t.Errorf("want the build-stops finding, got:%s", dump(got))
	}
	if got := lintMap(t, embeddedFS(t)); findingWith(got, "set by USER at line") {
		t.Errorf("USER root before the root steps: want no finding, got:%s", dump(got))
	}
}

// A template filled in by sed on placeholder tokens keeps its other
// pg_hba lines as written: a loopback-only replication line is the
// node's (batch 46: telmo_arrieta). sed on other text (Patroni's demo
// image rewrites pg_hba lines) may change them: not judged.
func TestTemplateLiteralHBA(t *testing.T) {
	for _, c := range []struct {
		sed  string
		want bool
	}{
		{`sed -e "s/__NODE__/${NODE_NAME}/g" /etc/patroni/patroni.yml.tpl > /tmp/patroni.yml`, true},
		{`sed -e "s/127.0.0.1\/32/0.0.0.0\/0/" /etc/patroni/patroni.yml.tpl > /tmp/patroni.yml`, false},
	} {
		m := embeddedFS(t)
		conf := strings.Replace(string(m["postgres1-conf/patroni.yml"].Data), "host replication replicator samenet md5", "host replication replicator 127.0.0.1/32 md5", 1)
		m["postgres1-conf/patroni.yml.tpl"] = &fstest.MapFile{Data: []byte(conf)}
		m["start.sh"] = &fstest.MapFile{Data: []byte("#!/bin/sh\n" + c.sed + "\nexec patroni /tmp/patroni.yml\n")}
		m = variantOf(t, m, []edit{{file: "docker-compose.yaml", old: "      - ./postgres1-conf:/etc/patroni:ro\n", new: "      - ./postgres1-conf:/etc/patroni:ro\n      - ./start.sh:/start.sh:ro\n    entrypoint: [\"/bin/sh\", \"/start.sh\"]\n"}})
		got := lintMap(t, m)
		if findingWith(got, "allows replication from 127.0.0.1/32 only") != c.want {
			t.Errorf("%s: want the loopback replication finding: %v, got:%s", c.sed, c.want, dump(got))
		}
	}
}

// synchronous_mode_strict on two Patroni members blocks every commit once
// one node is down (batch 45: egor_lebedev, missed blind); off, without
// synchronous_mode, or with a third member it stays silent.
func TestStrictSyncTwoNodes(t *testing.T) {
	const strict = "synchronous_mode_strict with two Patroni members"
	lab := func(edits ...edit) fstest.MapFS { return variantOf(t, profileFS(t, exercise.ZooKeeper), edits) }
	on := []edit{
		{file: "postgres0.yml", old: "    synchronous_mode: true\n", new: "    synchronous_mode: true\n    synchronous_mode_strict: true\n"},
		{file: "postgres1.yml", old: "    synchronous_mode: true\n", new: "    synchronous_mode: true\n    synchronous_mode_strict: \"on\"\n"},
	}
	got := lintMap(t, lab(on...))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, strict) {
			n++
		}
	}
	if n != 2 {
		t.Errorf("strict mode in both configs of two nodes: want it said twice (one per config), got %d:%s", n, dump(got))
	}
	if got := lintMap(t, lab()); findingWith(got, strict) {
		t.Errorf("synchronous_mode without strict: want silence, got:%s", dump(got))
	}
	off := []edit{
		{file: "postgres0.yml", old: "    synchronous_mode: true\n", new: "    synchronous_mode: false\n    synchronous_mode_strict: true\n"},
		{file: "postgres1.yml", old: "    synchronous_mode: true\n", new: "    synchronous_mode: false\n    synchronous_mode_strict: true\n"},
	}
	if got := lintMap(t, lab(off...)); findingWith(got, strict) {
		t.Errorf("strict without synchronous_mode: want silence, got:%s", dump(got))
	}
	three := append(append([]edit{}, on...), edit{file: "docker-compose.yml", old: "  pg-slave:\n", new: "  pg-slave:\n    scale: 2\n"})
	if got := lintMap(t, lab(three...)); findingWith(got, strict) {
		t.Errorf("three members (pg-slave scale: 2): want silence, got:%s", dump(got))
	}
}

// A Dockerfile that COPYs its own apt source over pgdg.list gets no
// live-PGDG note (batch 52: yolanda_zubiri). (Her etcd members, whose
// --name $(hostname) sits in an entrypoint [/bin/sh, -c] string, are in
// the corpus: es-yolanda-zubiri expects no name finding.)
func TestCopiedAptSource(t *testing.T) {
	plain := "FROM postgres:12\nRUN apt-get update && apt-get install -y --no-install-recommends patroni python3-etcd postgresql-12-postgis-3\nUSER postgres\nCMD [\"patroni\", \"/etc/patroni/patroni.yml\"]\n"
	m := embeddedFS(t)
	m["Dockerfile"] = &fstest.MapFile{Data: []byte(plain)}
	if got := lintMap(t, m); !findingWith(got, "from the PGDG source the postgres:12 image comes with") {
		t.Fatalf("postgres:12 installing postgresql-12-postgis-3 from its own source: want the live-PGDG note, got:%s", dump(got))
	}
	m["Dockerfile"] = &fstest.MapFile{Data: []byte(strings.Replace(plain, "RUN apt-get", "COPY pgdg-archive.list /etc/apt/sources.list.d/pgdg.list\nRUN apt-get", 1))}
	m["pgdg-archive.list"] = &fstest.MapFile{Data: []byte("deb http://apt-archive.postgresql.org/pub/repos/apt bookworm-pgdg-archive main\n")}
	if got := lintMap(t, m); findingWith(got, "from the PGDG source the postgres:12 image comes with") {
		t.Errorf("COPY of its own pgdg.list: want no live-PGDG note, got:%s", dump(got))
	}
}

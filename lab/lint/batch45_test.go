package lint

import (
	"strings"
	"testing"
	"testing/fstest"
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

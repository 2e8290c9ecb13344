package lint

import (
	"strings"
	"testing"
)

// TestRelativeConfigFromRoot: `patroni ./config/patroni.yml` on an image lint
// cannot see into (ongres/patroni), with the answer's config bind-mounted at
// /config/patroni.yml: read from Docker's default WORKDIR / the path is that
// mount, so the config is checked (etcd v2 against etcd 3.5, no pg_hba)
// instead of skipped (batch 18: rrafids-etcd, kind 6).
func TestRelativeConfigFromRoot(t *testing.T) {
	m := realFS(t, "rrafids-etcd")
	got := lintMap(t, m)
	for _, want := range []string{
		"patroni/patroni1/config.yml:9: etcd: uses the v2 API",
		"patroni/patroni2/config.yml:29: no pg_hba in this config",
		"lint took the working directory to be /",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	// Mounted somewhere the relative path does not reach: still only a note.
	m["docker-compose.yml"].Data = []byte(strings.ReplaceAll(string(m["docker-compose.yml"].Data), "config.yml:/config/patroni.yml", "config.yml:/etc/patroni.yml"))
	got = lintMap(t, m)
	if printed(got, "config.yml:9: etcd: uses the v2 API") || !printed(got, "which lint cannot see into: it did not check that config") {
		t.Errorf("a config mounted elsewhere was taken for ./config/patroni.yml: %v", got)
	}
}

// TestPostgresTagDebian: postgres:9.6 and postgres:10 were last built on
// bullseye (no PEP 668), postgres:10.1 on stretch (batch 18:
// assisken-consul, 3manuek-consul, kind 1).
func TestPostgresTagDebian(t *testing.T) {
	for tag, want := range map[string]string{"9.6": "bullseye", "10": "bullseye", "10.1": "stretch", "9.6.24": "bullseye", "10.17": "buster", "11": "", "16.2": ""} {
		if got := postgresTagDebian(tag); got != want {
			t.Errorf("postgres:%s: %q, want %q", tag, got, want)
		}
	}
	if pep668("postgres:9.6") {
		t.Errorf("postgres:9.6 taken for a PEP 668 image")
	}
	got := lintMap(t, realFS(t, "assisken-consul"))
	if printed(got, "PEP 668") {
		t.Errorf("PEP 668 on postgres:9.6: %v", got)
	}
}

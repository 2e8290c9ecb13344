package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// b40PulledFS: nodes on a pulled PostgreSQL-family image (no build:) whose
// command is patroni with a mounted config (batch 40:
// igorbogdanoski-olympiad, citusdata/citus:12.1).
func b40PulledFS(image, command string) fstest.MapFS {
	conf := func(n string) string {
		return `scope: demo
name: ` + n + `
restapi:
  listen: 0.0.0.0:8008
  connect_address: ` + n + `:8008
etcd3:
  hosts: etcd:2379
postgresql:
  listen: 0.0.0.0:5432
  connect_address: ` + n + `:5432
  data_dir: /var/lib/postgresql/data/pg
  authentication:
    superuser: {username: postgres, password: pw}
    replication: {username: replicator, password: rpw}
`
	}
	node := func(n string) string {
		return `  ` + n + `:
    image: ` + image + `
    command: ` + command + `
    volumes:
      - ./` + n + `.yml:/etc/patroni/patroni.yml:ro
`
	}
	return fstest.MapFS{
		"docker-compose.yml": {Data: []byte(`services:
  etcd:
    image: quay.io/coreos/etcd:v3.5.9
    command: etcd --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://etcd:2379
` + node("pg1") + node("pg2") + `  haproxy:
    image: haproxy:2.9
    volumes:
      - ./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro
`)},
		"pg1.yml": {Data: []byte(conf("pg1"))},
		"pg2.yml": {Data: []byte(conf("pg2"))},
		"haproxy.cfg": {Data: []byte(`listen primary
    bind *:5000
    option httpchk GET /primary
    http-check expect status 200
    server pg1 pg1:5432 check port 8008
    server pg2 pg2:5432 check port 8008
`)},
	}
}

// TestPulledPostgresImageRunsPatroni: a pulled image of the PostgreSQL
// family (postgres, postgis, citus, pgvector) has no Patroni in it, so a
// command of patroni fails (patroni: not found) and no node starts (batch
// 40 kind 1). Said once for all the services on that image. Not said of a
// shell command (which may install Patroni first) nor of an image that is
// not of that family.
func TestPulledPostgresImageRunsPatroni(t *testing.T) {
	for _, img := range []string{"citusdata/citus:12.1", "postgres:16", "postgis/postgis:16-3.4", "pgvector/pgvector:pg16"} {
		got := lintMap(t, b40PulledFS(img, "patroni /etc/patroni/patroni.yml"))
		n := 0
		for _, f := range got {
			if strings.Contains(f.Problem, "patroni: not found") {
				n++
				if f.Note || !strings.Contains(f.Problem, "pg1, pg2") {
					t.Errorf("%s: %s", img, f)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: want one 'patroni: not found', got %d: %v", img, n, got)
		}
	}
	for _, c := range []struct{ img, cmd string }{
		{"citusdata/citus:12.1", `sh -c "pip install patroni && patroni /etc/patroni/patroni.yml"`},
		{"patroni/patroni:4.0.4", "patroni /etc/patroni/patroni.yml"},
	} {
		if got := lintMap(t, b40PulledFS(c.img, c.cmd)); findingWith(got, "patroni: not found") {
			t.Errorf("%s %s: %v", c.img, c.cmd, got)
		}
	}
}

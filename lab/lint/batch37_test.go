package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// b37Conf is a Patroni config of node name for the batch 37 fixtures, with
// the pg_hba lines given.
func b37Conf(name, hba string) string {
	return "scope: demo\nname: " + name + "\nrestapi:\n  listen: 0.0.0.0:8008\n  connect_address: " + name + ":8008\n" +
		"etcd3:\n  hosts:\n  - etcd1:2379\n  - etcd2:2379\n  - etcd3:2379\n" +
		"bootstrap:\n  dcs:\n    ttl: 30\n" +
		"postgresql:\n  listen: 0.0.0.0:5432\n  connect_address: " + name + ":5432\n  data_dir: /data/pg\n" +
		"  authentication:\n    replication:\n      username: replicator\n      password: rep\n    superuser:\n      username: postgres\n      password: pw\n" +
		"  pg_hba:\n" + hba
}

func mapOf(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

// b37ShellFS: configs COPYed as a directory (COPY config/ /etc/patroni/)
// and the node's file chosen in the container by a shell: CMD ["sh", "-c",
// "exec patroni /etc/patroni/${NODE_NAME}.yml"] with NODE_NAME in each
// service's environment: (batch 37: soledad_echeverria).
func b37ShellFS(hba string) fstest.MapFS {
	return mapOf(map[string]string{
		"compose.yaml": `services:
  etcd1:
    image: quay.io/coreos/etcd:v3.5.15
    command: etcd --name etcd1 --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://etcd1:2379 --listen-peer-urls http://0.0.0.0:2380 --initial-advertise-peer-urls http://etcd1:2380 --initial-cluster etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380
  etcd2:
    image: quay.io/coreos/etcd:v3.5.15
    command: etcd --name etcd2 --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://etcd2:2379 --listen-peer-urls http://0.0.0.0:2380 --initial-advertise-peer-urls http://etcd2:2380 --initial-cluster etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380
  etcd3:
    image: quay.io/coreos/etcd:v3.5.15
    command: etcd --name etcd3 --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://etcd3:2379 --listen-peer-urls http://0.0.0.0:2380 --initial-advertise-peer-urls http://etcd3:2380 --initial-cluster etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380
  postgres1:
    build: .
    environment:
      NODE_NAME: postgres1
  postgres2:
    build: .
    environment:
      NODE_NAME: postgres2
  haproxy:
    image: haproxy:2.8
    ports:
      - "5432:5432"
    depends_on: [postgres1, postgres2]
    volumes:
      - ./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro
`,
		"Dockerfile": `FROM postgres:12
RUN sed -i "s/apt.postgresql.org/apt-archive.postgresql.org/; s/pgdg main/pgdg-archive main/" /etc/apt/sources.list.d/pgdg.list && apt-get update && apt-get install -y --no-install-recommends python3-venv postgresql-12-postgis-3 postgresql-12-postgis-3-scripts && python3 -m venv /opt/p && /opt/p/bin/pip install "patroni[etcd3,psycopg3]==3.3.2"
ENV PATH=/opt/p/bin:$PATH
COPY config/ /etc/patroni/
USER postgres
CMD ["sh", "-c", "exec patroni /etc/patroni/${NODE_NAME}.yml"]
`,
		"config/postgres1.yml": b37Conf("postgres1", hba),
		"config/postgres2.yml": b37Conf("postgres2", hba),
		"haproxy.cfg": `defaults
  mode tcp
  timeout connect 5s
  timeout client 30m
  timeout server 30m
listen pg
  bind *:5432
  option httpchk GET /primary
  http-check expect status 200
  server postgres1 postgres1:5432 check port 8008
  server postgres2 postgres2:5432 check port 8008
`,
	})
}

const b37GoodHBA = "  - local all all trust\n  - host replication replicator 0.0.0.0/0 md5\n  - host all all 0.0.0.0/0 md5\n"

// TestShellExpandedConfigPath: a config path built from ${NODE_NAME} in an
// sh -c command is expanded as the shell does, with the service's
// environment:, and found in the directory COPYed there; not "nothing puts
// /etc/patroni/${NODE_NAME}.yml in the container" with advice to mount a
// file the answer lacks (batch 37 kind 1). The configs found are checked
// as the nodes' (kind 2: a pg_hba with no replication line is then said).
// A variable set nowhere lint reads is a note.
func TestShellExpandedConfigPath(t *testing.T) {
	got := lintMap(t, b37ShellFS(b37GoodHBA))
	for _, f := range got {
		if !f.Note {
			t.Errorf("a finding on a working answer: %s", f)
		}
	}
	got = lintMap(t, b37ShellFS("  - local all all trust\n  - host all all 0.0.0.0/0 md5\n"))
	if findingWith(got, "nothing puts") {
		t.Errorf("the shell-expanded path taken literally: %v", got)
	}
	for _, f := range []string{"config/postgres1.yml", "config/postgres2.yml"} {
		if !printed(got, f+":25: postgresql.pg_hba has no host replication line") {
			t.Errorf("%s: pg_hba with no replication line not said: %v", f, got)
		}
	}
	m := b37ShellFS(b37GoodHBA)
	m["compose.yaml"].Data = []byte(strings.ReplaceAll(string(m["compose.yaml"].Data), "    environment:\n      NODE_NAME: postgres2\n", ""))
	got = lintMap(t, m)
	if findingWith(got, "nothing puts") {
		t.Errorf("an unset variable taken literally: %v", got)
	}
	if !printed(got, "Dockerfile:6: note: postgres2 runs patroni /etc/patroni/${NODE_NAME}.yml, whose value lint cannot tell") {
		t.Errorf("an unset variable not a note: %v", got)
	}
}

// TestPublishedPortNothingListens: a node's ports: entry whose container
// side is neither PostgreSQL's listen port nor the REST API's ("5434:5433"
// while PostgreSQL listens on 5432) forwards the host port to nothing
// (batch 37: timur_galiullin, kind 4). A port the image EXPOSEs, or one of
// a node whose start lint does not see, is left alone.
func TestPublishedPortNothingListens(t *testing.T) {
	m := b37ShellFS(b37GoodHBA)
	c := string(m["compose.yaml"].Data)
	c = strings.Replace(c, "      NODE_NAME: postgres1\n", "      NODE_NAME: postgres1\n    ports: [\"5433:5432\", \"8008:8008\"]\n", 1)
	c = strings.Replace(c, "      NODE_NAME: postgres2\n", "      NODE_NAME: postgres2\n    ports: [\"5434:5433\"]\n", 1)
	m["compose.yaml"].Data = []byte(c)
	got := lintMap(t, m)
	if !printed(got, "compose.yaml:20: postgres2 publishes host port 5434 to container port 5433, where nothing listens: PostgreSQL on postgres2 listens on 5432 and Patroni's REST API on 8008") {
		t.Errorf("the published port to nothing not said: %v", got)
	}
	if findingWith(got, "postgres1 publishes") {
		t.Errorf("a right mapping reported: %v", got)
	}
	m["Dockerfile"].Data = []byte(strings.Replace(string(m["Dockerfile"].Data), "USER postgres\n", "USER postgres\nEXPOSE 5433\n", 1))
	if got := lintMap(t, m); findingWith(got, "publishes host port") {
		t.Errorf("a port the image EXPOSEs reported: %v", got)
	}
}

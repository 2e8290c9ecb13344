package docker

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/topology"
)

// An HA-lab answer as a teacher receives it: servers named after Patroni's
// members, stats on 7007, a pooler built from the folder, a node whose
// connect_address is wrong.
const answerCompose = `
services:
  zoo: {image: zookeeper:3.9}
  pg-master:
    build: .
    command: patroni /postgres0.yml
    networks: {net: {aliases: [master-db]}}
  pg-slave:
    build: .
    command: patroni /postgres1.yml
    networks: {net: {}}
  pgbouncer: {build: ./pgbouncer, networks: {net: {}}}
  haproxy:
    image: haproxy:3.0
    container_name: postgres_entrypoint
    volumes: [./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro]
    networks: {net: {}}
networks: {net: {}}
`

const answerHAProxy = `
global
    maxconn 100
listen stats
    mode http
    bind *:7007
    stats enable
    stats uri /
listen postgres
    bind *:5432
    option httpchk GET /primary
    http-check expect status 200
    server postgresql_pg_master_5432 master-db:5432 check port 8008
    server postgresql_pg_slave_5432 pg-slave:5432 check port 8008
`

const answerPatroni = `
scope: lab
name: %s
zookeeper: {hosts: ['zoo:2181']}
restapi: {listen: 0.0.0.0:8008, connect_address: %s:8008}
postgresql:
  listen: 0.0.0.0:5432
  connect_address: %s:5432
  data_dir: /data/pg
  authentication:
    superuser: {username: admin, password: s3cret-admin}
    replication: {username: replicator, password: rep-pass}
`

func answerClient(t *testing.T) *Client {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("docker-compose.yml", answerCompose)
	write("haproxy.cfg", answerHAProxy)
	write("Dockerfile", "FROM postgres:15\nRUN pip install patroni[zookeeper]\nCOPY postgres0.yml postgres1.yml /\nUSER postgres\n")
	write("pgbouncer/Dockerfile", "FROM debian\nRUN apt-get install -y pgbouncer\nCMD [\"pgbouncer\", \"/etc/pgbouncer.ini\"]\n")
	// pg-slave's connect_address names pg-master: wrong, and it must not
	// mislabel the members.
	write("postgres0.yml", fmt.Sprintf(answerPatroni, "postgresql0", "pg-master", "pg-master"))
	write("postgres1.yml", fmt.Sprintf(answerPatroni, "postgresql1", "pg-master", "pg-master"))
	write(".env", "PATRONI_SUPERUSER_PASSWORD=unused\n")
	lay, err := inspectLayout(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := loadProject(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	topo, err := topology.FromProjectKinds(p, kinds(lay))
	if err != nil {
		t.Fatal(err)
	}
	if again, err := loadLayout(dir); err != nil || again == nil || again.HAProxy.StatsPort != lay.HAProxy.StatsPort {
		t.Fatalf("the kept layout reads back as %+v, %v", again, err)
	}
	return &Client{Project: p, Topo: topo, layout: lay}
}

func TestAnswerLayout(t *testing.T) {
	c := answerClient(t)
	if n, _ := c.Topo.Node("pgbouncer"); n.Kind != topology.Other {
		t.Errorf("pgbouncer is %q, want other: it runs no Patroni", n.Kind)
	}
	if got := c.pgNodes(); len(got) != 2 {
		t.Errorf("PostgreSQL nodes %v, want pg-master and pg-slave", got)
	}
	b := c.balancer()
	if b.StatsPort != 7007 || b.Proxy != "postgres" {
		t.Errorf("stats port %d, proxy %q; want 7007 and postgres", b.StatsPort, b.Proxy)
	}
	if b.Servers["postgresql_pg_master_5432"] != "pg-master" || b.Servers["postgresql_pg_slave_5432"] != "pg-slave" {
		t.Errorf("servers %v: the alias master-db is pg-master", b.Servers)
	}
	if u := c.sqlUser(); u != "admin" {
		t.Errorf("SQL user %q, want the answer's superuser admin", u)
	}
	// Both members claim pg-master as their host; their names decide.
	for member, node := range map[string]string{"postgresql0": "pg-master", "postgresql1": "pg-slave"} {
		if got := c.nodeOf(patroni.Member{Name: member, Host: "pg-master"}, nil); got != node {
			t.Errorf("member %s on %s, want %s", member, got, node)
		}
	}
	// A member whose host is empty (a connect_address a start script
	// left blank) names no service: not whichever has no fixed address.
	for range 20 { // the services are a map: any order must hold
		if got := serviceOfHost(c.Project, ""); got != "" {
			t.Fatalf("the empty host is service %s", got)
		}
	}
}

// The scratch copy of someone's files: its own image tags, container
// names and the lab's label on what it builds, in a file docker-compose
// merges (same version as theirs).
func TestScratchNames(t *testing.T) {
	c := answerClient(t)
	got := string(scratchNames(c.Project, "grd1", composeVersion([]byte("version: '3.8'\nservices: {}\n"))))
	for _, want := range []string{`version: "3.8"`, "image: pglab/scratch-grd1-pg-master:latest", `io.pglab.lab: "grd1"`, "container_name: pglab-grd1-scratch_haproxy_1"} {
		if !strings.Contains(got, want) {
			t.Errorf("override lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "postgres_entrypoint") {
		t.Errorf("the answer's container_name is kept:\n%s", got)
	}
}

package topology

import (
	"context"
	"reflect"
	"testing"

	"github.com/pglab/pglab"
)

func TestEmbeddedComposeLoads(t *testing.T) {
	content, err := pglab.Files.ReadFile("docker-compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	topo, err := FromCompose(context.Background(), "docker-compose.yaml", content)
	if err != nil {
		t.Fatalf("compose-go rejects the embedded compose file: %v", err)
	}
	want := []string{"etcd1", "etcd2", "etcd3", "postgres1", "postgres2", "haproxy"}
	if got := topo.Names(); !reflect.DeepEqual(got, want) {
		t.Fatalf("start order = %v, want %v", got, want)
	}
	pg, _ := topo.Node("postgres1")
	if !reflect.DeepEqual(pg.Ports, []int{PortPostgres, PortPatroni}) {
		t.Errorf("postgres1 ports = %v", pg.Ports)
	}
	e, _ := topo.Node("etcd2")
	if !reflect.DeepEqual(e.Ports, []int{PortEtcdClient, PortEtcdPeer}) {
		t.Errorf("etcd2 ports = %v", e.Ports)
	}
	h, _ := topo.Node("haproxy")
	if !reflect.DeepEqual(h.Ports, []int{PortPostgres, PortStats}) {
		t.Errorf("haproxy ports = %v", h.Ports)
	}
}

func TestComposeRequiresSecretsAndTakesOverrides(t *testing.T) {
	content, _ := pglab.Files.ReadFile("docker-compose.yaml")
	p, err := Load(context.Background(), "docker-compose.yaml", content, map[string]string{
		"PATRONI_SUPERUSER_PASSWORD": "s3cret",
		"HAPROXY_IMAGE":              "local/haproxy:3.0",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Services["haproxy"].Image; got != "local/haproxy:3.0" {
		t.Errorf("haproxy image = %q, want the override", got)
	}
	if got := *p.Services["postgres1"].Environment["PATRONI_SUPERUSER_PASSWORD"]; got != "s3cret" {
		t.Errorf("superuser password = %q", got)
	}
}

func TestStartOrderRejectsCycles(t *testing.T) {
	_, err := FromCompose(context.Background(), "c.yaml", []byte(`
services:
  etcd1: {image: etcd, depends_on: [postgres1]}
  postgres1: {image: postgres, depends_on: [etcd1]}
  haproxy: {image: haproxy}
`))
	if err == nil {
		t.Fatal("a depends_on cycle loaded without error")
	}
}

func TestZooKeeperProfileLoads(t *testing.T) {
	content, err := pglab.Files.ReadFile("assets/zookeeper/docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	topo, err := FromCompose(context.Background(), "docker-compose.yml", content)
	if err != nil {
		t.Fatalf("compose-go rejects the zookeeper profile: %v", err)
	}
	want := []string{"zoo", "pg-master", "pg-slave", "haproxy"}
	if got := topo.Names(); !reflect.DeepEqual(got, want) {
		t.Fatalf("start order = %v, want %v", got, want)
	}
	kind, dcs := topo.DCS()
	if kind != ZooKeeper || len(dcs) != 1 || !reflect.DeepEqual(dcs[0].Ports, []int{PortZooKeeper}) {
		t.Fatalf("DCS = %s %v", kind, dcs)
	}
	pg, _ := topo.Node("pg-master")
	if !reflect.DeepEqual(pg.Ports, []int{PortPostgres, PortPatroni}) {
		t.Errorf("pg-master ports = %v", pg.Ports)
	}
}

// Someone's files: a pooler built from the folder is not a PostgreSQL
// node when lint says it is something else, and does not stop the load.
func TestKindsFromTheCaller(t *testing.T) {
	p, err := Load(context.Background(), "c.yaml", []byte(`
services:
  etcd1: {image: etcd}
  pg1: {build: ., depends_on: [etcd1]}
  pgbouncer: {build: ./pgbouncer, depends_on: [pg1]}
  monitor: {image: grafana/grafana}
  haproxy: {image: haproxy, depends_on: [pgbouncer]}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FromProject(p); err == nil {
		t.Fatal("an unknown image loaded without a kind")
	}
	topo, err := FromProjectKinds(p, map[string]Kind{"pgbouncer": Other, "monitor": Other})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(topo.Of(Postgres)); got != 1 {
		t.Errorf("%d PostgreSQL nodes, want 1 (pg1)", got)
	}
	names := topo.Names()
	pos := map[string]int{}
	for i, n := range names {
		pos[n] = i
	}
	if pos["pgbouncer"] > pos["haproxy"] || pos["pg1"] > pos["pgbouncer"] {
		t.Errorf("start order %v: haproxy depends on pgbouncer, which depends on pg1", names)
	}
}

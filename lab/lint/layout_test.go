package lint

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/exercise"
)

// The layout of pglab's own files is the one the docker runtime assumes
// for them: nothing a grader reads from it may differ.
func TestInspectOwnFiles(t *testing.T) {
	for _, p := range []exercise.Profile{exercise.Etcd, exercise.ZooKeeper} {
		dir := t.TempDir()
		if _, err := p.Init(dir, false); err != nil {
			t.Fatal(err)
		}
		lay, _, err := Inspect(dir)
		if err != nil {
			t.Fatal(err)
		}
		if lay.Exercise != p.Exercise || lay.Variant {
			t.Errorf("%s: exercise %q variant %v, want %q", p.Name, lay.Exercise, lay.Variant, p.Exercise)
		}
		if lay.HAProxy.StatsPort != 7000 {
			t.Errorf("%s: stats port %d, want 7000", p.Name, lay.HAProxy.StatsPort)
		}
		if !slices.Equal(lay.HAProxy.EntryPorts, []int{5432}) {
			t.Errorf("%s: entry ports %v, want [5432]", p.Name, lay.HAProxy.EntryPorts)
		}
		if len(lay.Nodes) != 2 || len(lay.HAProxy.Servers) != 2 {
			t.Errorf("%s: nodes %v, servers %v: want two of each", p.Name, lay.Nodes, lay.HAProxy.Servers)
		}
		for n, nl := range lay.Nodes {
			if nl.Superuser != "postgres" {
				t.Errorf("%s: %s superuser %q", p.Name, n, nl.Superuser)
			}
		}
	}
}

// A real HA-lab answer: stats on 7007, servers named after Patroni's
// members, not the compose services; its own superuser password.
func TestInspectRealAnswer(t *testing.T) {
	lay, _, err := Inspect("testdata/real/aleksashako-acn")
	if err != nil {
		t.Fatal(err)
	}
	if lay.Exercise != "lab" || lay.HAProxy.StatsPort != 7007 || lay.HAProxy.Proxy != "postgres" {
		t.Errorf("exercise %q, stats %d, proxy %q", lay.Exercise, lay.HAProxy.StatsPort, lay.HAProxy.Proxy)
	}
	hosts := map[string]bool{}
	for h := range maps.Values(lay.HAProxy.Servers) {
		hosts[h] = true
	}
	if !hosts["pg-master"] || !hosts["pg-slave"] {
		t.Errorf("servers %v: want hosts pg-master and pg-slave", lay.HAProxy.Servers)
	}
	if m := lay.Nodes["pg-master"]; m.Member != "postgresql0" || m.SuperuserPassword != "postgres" {
		t.Errorf("pg-master: %+v", m)
	}
	if lay.Kinds["zoo"] != "zookeeper" || lay.Kinds["haproxy"] != "haproxy" {
		t.Errorf("kinds %v", lay.Kinds)
	}
}

// The config path Patroni is started with, in the container: from the
// compose command, or from an `sh -c` line in the Dockerfile.
func TestInspectContainerConfigPath(t *testing.T) {
	dir := t.TempDir()
	if _, err := exercise.Etcd.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	df := filepath.Join(dir, "Dockerfile")
	b, _ := os.ReadFile(df)
	b = []byte(strings.Replace(string(b), `CMD ["patroni", "/etc/patroni/patroni.yml"]`, `CMD ["su", "postgres", "-s", "/bin/sh", "-c", "exec patroni /etc/patroni/patroni.yml"]`, 1))
	if err := os.WriteFile(df, b, 0o644); err != nil {
		t.Fatal(err)
	}
	lay, _, err := Inspect(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p := lay.Nodes["postgres1"].Path; p != "/etc/patroni/patroni.yml" {
		t.Errorf("postgres1's config in the container: %q", p)
	}
	lab, _, err := Inspect("testdata/real/aleksashako-acn")
	if err != nil {
		t.Fatal(err)
	}
	if p := lab.Nodes["pg-slave"].Path; p != "/postgres1.yml" {
		t.Errorf("pg-slave's config in the container: %q", p)
	}
}

// The stats page's `stats uri` is read where it is set: utsavpal's
// `frontend stats` answers at /stats only.
func TestInspectStatsURI(t *testing.T) {
	lay, _, err := Inspect("testdata/real/utsavpal-pgha")
	if err != nil {
		t.Fatal(err)
	}
	if lay.HAProxy.StatsPort != 8404 || lay.HAProxy.StatsURI != "/stats" {
		t.Errorf("stats port %d uri %q, want 8404 and /stats", lay.HAProxy.StatsPort, lay.HAProxy.StatsURI)
	}
	// pglab's own files: `stats uri /`.
	dir := t.TempDir()
	if _, err := exercise.Etcd.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	if lay, _, err = Inspect(dir); err != nil || lay.HAProxy.StatsURI != "/" {
		t.Errorf("own files: stats uri %q (%v), want /", lay.HAProxy.StatsURI, err)
	}
}

// The layout says where the Dockerfile installs PostGIS 3, whatever the
// variant asks of lint: pglab's own files do (the package), the real
// variants graded as the operations test do not.
func TestInspectPostgis3Evidence(t *testing.T) {
	dir := t.TempDir()
	if _, err := exercise.Etcd.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	lay, _, err := Inspect(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(lay.Postgis3, "postgis-3") || !strings.HasPrefix(lay.Postgis3, "Dockerfile:") {
		t.Errorf("own files: PostGIS 3 evidence %q, want Dockerfile:LINE: postgresql-12-postgis-3", lay.Postgis3)
	}
	for _, real := range []string{"khoidang-pg-ha", "utsavpal-pgha", "mbogner-pgclusterp"} {
		lay, _, err := Inspect(filepath.Join("testdata/real", real))
		if err != nil {
			t.Fatal(err)
		}
		if !lay.Variant || lay.Postgis3 != "" {
			t.Errorf("%s: variant %v, PostGIS 3 evidence %q: want a variant with none", real, lay.Variant, lay.Postgis3)
		}
	}
	// A postgis base image is evidence too.
	df := filepath.Join(dir, "Dockerfile")
	os.WriteFile(df, []byte("FROM postgis/postgis:12-3.4\nUSER postgres\n"), 0o644)
	if lay, _, _ = Inspect(dir); !strings.Contains(lay.Postgis3, "FROM postgis/postgis:12-3.4") {
		t.Errorf("postgis base image: evidence %q", lay.Postgis3)
	}
}

// The ports that lead to the write pool: a listen section's own bind (an
// answer listening on 5000, not the exercise's 5432), a frontend's whose
// default_backend is the pool.
func TestEntryPorts(t *testing.T) {
	for dir, want := range map[string][]int{"testdata/real/mbogner-pgclusterp": {5000}, "testdata/real/utsavpal-pgha": {5432}} {
		lay, _, err := Inspect(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(lay.HAProxy.EntryPorts, want) {
			t.Errorf("%s: entry ports %v (proxy %q), want %v", dir, lay.HAProxy.EntryPorts, lay.HAProxy.Proxy, want)
		}
	}
}

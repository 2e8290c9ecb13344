package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestServerTemplateIsServer: listen sections whose only servers are
// server-template lines (server-template a 6 patroni-a:5432 check port 8008
// resolvers docker init-addr none) have servers: HAProxy fills the slots
// from the service's DNS records (batch 17: premtsd-linkedin, kind 3).
func TestServerTemplateIsServer(t *testing.T) {
	got := lintMap(t, realFS(t, "premtsd-linkedin"))
	if findingWith(got, "no backend with servers") {
		t.Errorf("server-template lines not counted as servers: %v", got)
	}
}

// TestCreateDatabaseThroughVariable: a post_bootstrap script's CREATE
// DATABASE ${APP_DB}, APP_DB set in each node service's environment
// (linkedin, linkedin_feed), creates the databases the application uses
// (batch 17: premtsd-linkedin, kind 2).
func TestCreateDatabaseThroughVariable(t *testing.T) {
	m := realFS(t, "premtsd-linkedin")
	got := lintMap(t, m)
	if findingWith(got, "which nothing in the answer creates") {
		t.Errorf("CREATE DATABASE ${APP_DB} not followed to the nodes' APP_DB: %v", got)
	}
	// Without the variable in the nodes' environment, nothing names linkedin_feed.
	variantOf(t, m, []edit{{file: "docker-compose.yml", old: "APP_DB: linkedin_feed", new: "APP_DB_UNUSED: linkedin_feed"}})
	if got := lintMap(t, m); !findingWith(got, "the database linkedin_feed, which nothing in the answer creates") {
		t.Errorf("linkedin_feed reported created with no APP_DB naming it: %v", got)
	}
}

// TestPatroniStackBelowHelper: the one folder with a compose file near the
// top (dashboard/: TimescaleDB, Prometheus, Grafana) runs no Patroni, the
// stack three levels down (dcs/consul/06-x/docker-compose.yml) does: that
// one is checked, its nodes built from a context above it keep their
// bind-mounted Patroni config (consul: as the DCS) (batch 17:
// jlluesma-bench, kind 1).
func TestPatroniStackBelowHelper(t *testing.T) {
	got := lintMap(t, realFS(t, "jlluesma-bench"))
	for _, bad := range []string{"no HAProxy service", "no service runs Patroni", "no etcd service", "dashboard/"} {
		if printed(got, bad) {
			t.Errorf("finding %q: %v", bad, got)
		}
	}
	if !printed(got, "dcs/consul/06-haproxy-rest-polling/docker-compose.yml:30: note: the build context") {
		t.Errorf("the Patroni stack was not the one checked: %v", got)
	}
}

// printed: a finding whose printed form (file:line: problem) contains s.
func printed(got []Finding, s string) bool {
	for _, f := range got {
		if strings.Contains(f.String(), s) {
			return true
		}
	}
	return false
}

// TestAptOnTimescaleAlpine: timescale/timescaledb:latest-pg16 is built on
// postgres:16-alpine: a RUN apt-get on it stops the build (batch 17:
// xcloak-ha, kind 7); its -bitnami tags are Debian.
func TestAptOnTimescaleAlpine(t *testing.T) {
	m := realFS(t, "xcloak-ha")
	if got := lintMap(t, m); !printed(got, "patroni/Dockerfile:3: apt-get is Debian's package manager, but timescale/timescaledb:latest-pg16 is Alpine") {
		t.Errorf("apt-get on timescale/timescaledb not reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "patroni/Dockerfile", old: "latest-pg16", new: "latest-pg16-bitnami"}})
	if got := lintMap(t, m); findingWith(got, "is Alpine") {
		t.Errorf("a -bitnami tag taken for Alpine: %v", got)
	}
}

// TestUsersOnLatestImage: bootstrap.users on a ready-made image's unpinned
// tag (ghcr.io/patroni/patroni:latest, no build:) is ignored if that image
// carries Patroni 4: lint cannot read its version, so a note on each config
// (batch 17: xnat-bundle, kind 5); a pinned tag says nothing.
func TestUsersOnLatestImage(t *testing.T) {
	m := realFS(t, "xnat-bundle")
	got := lintMap(t, m)
	for _, f := range []string{"patroni-primary.yml:27: note: bootstrap.users", "patroni-replica1.yml:27: note: bootstrap.users"} {
		if !printed(got, f) {
			t.Errorf("no %q: %v", f, got)
		}
	}
	variantOf(t, m, []edit{{file: "docker-compose.patroni-only.yml", old: "patroni:latest", new: "patroni:3.3.2"}})
	if got := lintMap(t, m); findingWith(got, "bootstrap.users") {
		t.Errorf("a pinned tag taken for unpinned: %v", got)
	}
}

// TestReadyImageDataBind: a node on a ready-made image (no build:) whose
// data_dir is a bind mount of a host directory the answer does not hold:
// docker compose makes it root-owned and neither Patroni nor PostgreSQL
// runs as root, whatever the image's user (batch 17: xnat-bundle, kind 6).
// A named volume, or Spilo (whose launch.sh chowns as root), is fine.
func TestReadyImageDataBind(t *testing.T) {
	m := realFS(t, "xnat-bundle")
	const bad = "docker-compose.patroni-only.yml:32: the host directories ./pgdata-primary and ./pgdata-replica1 (not in the answer) are bind-mounted at /var/lib/postgresql/data"
	if got := lintMap(t, m); !printed(got, bad) {
		t.Errorf("no %q: %v", bad, got)
	}
	spilo := fstest.MapFS{}
	for k, v := range m {
		spilo[k] = &fstest.MapFile{Data: v.Data}
	}
	variantOf(t, spilo, []edit{{file: "docker-compose.patroni-only.yml", old: "ghcr.io/patroni/patroni:latest", new: "ghcr.io/zalando/spilo-16:3.2-p3"}})
	if got := lintMap(t, spilo); findingWith(got, "are bind-mounted at") {
		t.Errorf("Spilo chowns its data directory as root: %v", got)
	}
	m["docker-compose.patroni-only.yml"].Data = []byte(strings.NewReplacer("./pgdata-primary:", "pgdata-primary:", "./pgdata-replica1:", "pgdata-replica1:").Replace(string(m["docker-compose.patroni-only.yml"].Data)))
	if got := lintMap(t, m); findingWith(got, "bind-mounted at") {
		t.Errorf("named volumes taken for bind mounts: %v", got)
	}
}

// TestOddNameRunWithFile: a compose file under a name docker compose does
// not look for is a note when the answer runs it with docker compose -f
// (its own header, xcloak-ha) or deploys it as a Swarm stack (its comments,
// dom133-logmara); with nothing saying so, it stays a finding (batch 17,
// the "true but harmless" list).
func TestOddNameRunWithFile(t *testing.T) {
	for _, name := range []string{"xcloak-ha", "dom133-logmara"} {
		m := realFS(t, name)
		got := lintMap(t, m)
		for _, f := range got {
			if !f.Note && strings.Contains(f.Problem, "docker compose does not find") {
				t.Errorf("%s: a finding, not a note: %s", name, f)
			}
		}
		if !findingWith(got, "by itself") {
			t.Errorf("%s: no note: %v", name, got)
		}
	}
	m := realFS(t, "xcloak-ha")
	for k, f := range m {
		f.Data = []byte(strings.NewReplacer("docker compose -f", "docker compose", "docker-compose -f", "docker-compose").Replace(string(f.Data)))
		m[k] = f
	}
	if got := lintMap(t, m); !findingWith(got, "docker compose does not find docker-compose.ha.yml: it reads") {
		t.Errorf("nothing runs it with -f, yet no finding: %v", got)
	}
}

// TestUnpublishedPoolOnExternalNetwork: a pool HAProxy binds but does not
// publish is a note when HAProxy joins an external network, whose
// containers reach it unpublished (batch 17: dom133-logmara); without that
// network it stays a finding.
func TestUnpublishedPoolOnExternalNetwork(t *testing.T) {
	m := realFS(t, "dom133-logmara")
	got := lintMap(t, m)
	if !printed(got, "haproxy/haproxy.cfg:46: note: HAProxy binds PostgreSQL port 5001") {
		t.Errorf("no note: %v", got)
	}
	f := m["docker-stack.postgres.yml"]
	f.Data = []byte(strings.ReplaceAll(string(f.Data), "external: true", "driver: overlay"))
	if got := lintMap(t, m); !printed(got, "haproxy/haproxy.cfg:46: HAProxy binds PostgreSQL port 5001") {
		t.Errorf("no finding without the external network: %v", got)
	}
}

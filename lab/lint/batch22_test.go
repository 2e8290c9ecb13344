package lint

import (
	"regexp"
	"strings"
	"testing"
)

// TestPGProxyAmongSeveral: a compose file with two HAProxy services, a
// Redis cluster's proxy (redis-proxy, redis/haproxy.cfg with Redis
// backends) and the PostgreSQL one (haproxy, postgres/haproxy.cfg with
// check port 8008): the PostgreSQL balancer is the one checked, so no "share
// no network" for the Redis proxy and no "no backend with servers" of the
// Redis config (batch 22: ubaje-consul, kind 1). With the PostgreSQL
// proxy's config naming no node and checking no 8008, lint keeps the first.
func TestPGProxyAmongSeveral(t *testing.T) {
	got := lintMap(t, realFS(t, "ubaje-consul"))
	for _, f := range got {
		if strings.Contains(f.String(), "redis-proxy") || strings.Contains(f.File, "redis/haproxy.cfg") {
			t.Errorf("the Redis proxy judged as PostgreSQL's: %s", f)
		}
	}
	// The PostgreSQL proxy off the nodes' network is still reported.
	v := variantOf(t, realFS(t, "ubaje-consul"), []edit{{file: "compose.yml", old: "        container_name: haproxy\n        networks:\n            - postgres-network\n", new: "        container_name: haproxy\n        networks:\n            - redis-network\n"}})
	if got := lintMap(t, v); !printed(got, "haproxy and patroni1 share no network") {
		t.Errorf("the PostgreSQL proxy's network not checked: %v", got)
	}
}

// TestHookScriptPerService: patroni1..3 bind-mount init.sh at the
// post_bootstrap path; postgresql_backup, reading the same patroni.yml,
// does not, but it waits for patroni1 to be healthy and so joins a
// bootstrapped cluster: no "nothing puts" (batch 22: devapprentice-etcd,
// kind 2). A bootstrapping service without the mount is named.
func TestHookScriptPerService(t *testing.T) {
	const cf = "14-docker-compose.Infra.dev.DBpostgres.yml"
	if got := lintMap(t, realFS(t, "devapprentice-etcd")); printed(got, "nothing puts") {
		t.Errorf("a service that never bootstraps judged on its hook script: %v", got)
	}
	v := variantOf(t, realFS(t, "devapprentice-etcd"), []edit{{file: cf, old: "      patroni1:\n        condition: service_healthy\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres -h ${HOST} -p 5432 && curl -f http://${HOST}:8008/health || exit 1\"]", new: "      etcd2:\n        condition: service_healthy\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres -h ${HOST} -p 5432 && curl -f http://${HOST}:8008/health || exit 1\"]"}})
	if got := lintMap(t, v); !printed(got, "nothing puts /docker-entrypoint-initdb.d/init.sh in postgresql_backup's container") {
		t.Errorf("a bootstrapping service without the script not named: %v", got)
	}
}

// TestSwarmNoStartOrder: a Swarm stack (overlay network, deploy.placement)
// gets no depends_on / init-addr none advice: docker stack deploy ignores
// depends_on and a service's name resolves to its VIP once it exists
// (batch 22: linus-swarm, kind 3). The same file as a Compose project (no
// overlay, no placement) still gets it.
func TestSwarmNoStartOrder(t *testing.T) {
	if got := lintMap(t, realFS(t, "linus-swarm")); printed(got, "init-addr none") {
		t.Errorf("Compose start-order advice for a Swarm stack: %v", got)
	}
	v := variantOf(t, realFS(t, "linus-swarm"), []edit{{file: "compose.yml", old: "    driver: overlay\n", new: "    driver: bridge\n"}})
	delete(v, "SOURCE") // SOURCE and expected quote the README's docker stack deploy
	delete(v, "expected")
	v["compose.yml"].Data = regexp.MustCompile(`(?m)^      placement:\n(?:        .*\n)+`).ReplaceAll(v["compose.yml"].Data, nil)
	if got := lintMap(t, v); !printed(got, "have no init-addr none") {
		t.Errorf("a Compose project's start order not checked: %v", got)
	}
}

// TestTagKeyMoveUnderTags: nofailover, noloadbalance and clonefrom written
// under postgresql: are node tags in the wrong section: the fix says to move
// them under tags:, not to delete them (batch 22: devapprentice-etcd,
// wording).
func TestTagKeyMoveUnderTags(t *testing.T) {
	got := lintMap(t, realFS(t, "devapprentice-etcd"))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, "postgresql.nofailover is not a Patroni setting") || strings.Contains(f.Problem, "postgresql.noloadbalance is not") || strings.Contains(f.Problem, "postgresql.clonefrom is not") {
			n++
			if !strings.HasPrefix(f.Fix, "move it under tags:") {
				t.Errorf("a tag key's fix does not say tags: %s", f)
			}
		}
	}
	if n != 3 {
		t.Errorf("want 3 tag-key findings, got %d: %v", n, got)
	}
}

// TestConfigBesideDockerfile: postgres/Dockerfile.patroni COPYs patroni.yml
// from the build context ., which has none (a finding at the COPY), while
// postgres/patroni.yml sits beside the Dockerfile: that config is checked,
// with a note, so its ${...} literals (connect_address, superuser) are
// reported and not taken for a missing port (batch 22: maithanhduyan-odoo,
// kind 10). With no such file beside it, nothing is checked and no note.
func TestConfigBesideDockerfile(t *testing.T) {
	got := lintMap(t, realFS(t, "maithanhduyan-odoo"))
	if !printed(got, "postgres/patroni.yml: note: postgres/Dockerfile.patroni copies patroni.yml from the build context .") {
		t.Errorf("no note on the config beside the Dockerfile: %v", got)
	}
	if !printed(got, "postgres/patroni.yml:6: Patroni does not expand ${...}") {
		t.Errorf("the config beside the Dockerfile not checked: %v", got)
	}
	if printed(got, "has no port") {
		t.Errorf("a ${NAME:-host}:port literal taken for a missing port: %v", got)
	}
	v := realFS(t, "maithanhduyan-odoo")
	delete(v, "postgres/patroni.yml")
	if got := lintMap(t, v); printed(got, "beside the Dockerfile") || printed(got, "postgres/patroni.yml:") {
		t.Errorf("a config that is not there checked: %v", got)
	}
}

// TestBitnamiEtcdLatestGone: docker.io/bitnami/etcd has no tag left, latest
// included: bitnami/etcd:latest is reported as unpullable (batch 22:
// linus-swarm, kind 8); another Bitnami image's latest is not.
func TestBitnamiEtcdLatestGone(t *testing.T) {
	const want = "bitnami/etcd:latest: docker.io/bitnami/etcd has no tag left, latest included"
	if got := lintMap(t, realFS(t, "linus-swarm")); !printed(got, want) {
		t.Errorf("bitnami/etcd:latest taken for pullable: %v", got)
	}
	v := variantOf(t, realFS(t, "linus-swarm"), []edit{{file: "compose.yml", old: "image: bitnami/etcd:latest", new: "image: quay.io/coreos/etcd:v3.5.15"}})
	if got := lintMap(t, v); printed(got, "has no tag left") {
		t.Errorf("the official etcd image reported: %v", got)
	}
}

// TestBakedDataDir: postgres/dockerfile RUNs mkdir -p
// /var/lib/postgresql/data/archive, inside data_dir, where the nodes mount
// named volumes: Docker fills each new volume from the image, Patroni finds
// the data directory not empty without a system ID and never bootstraps
// (batch 22: ubaje-consul, kind 4). A bind mount there (it hides the
// image's content), or the directory made outside data_dir, is no finding.
func TestBakedDataDir(t *testing.T) {
	const want = "postgres/dockerfile:33: RUN creates /var/lib/postgresql/data/archive inside the data directory /var/lib/postgresql/data"
	if got := lintMap(t, realFS(t, "ubaje-consul")); !printed(got, want) {
		t.Errorf("a directory baked into the data directory not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "postgres/dockerfile", old: "RUN mkdir -p /var/lib/postgresql/data/archive && \\\n    chown postgres:postgres /var/lib/postgresql/data/archive", new: "RUN mkdir -p /var/lib/postgresql/archive && \\\n    chown postgres:postgres /var/lib/postgresql/archive"},
		{file: "compose.yml", old: "            - patroni1_data:/var/lib/postgresql/data\n", new: "            - ./pg1:/var/lib/postgresql/data\n"},
	} {
		v := variantOf(t, realFS(t, "ubaje-consul"), []edit{e})
		if e.file == "compose.yml" {
			v = variantOf(t, v, []edit{
				{file: "compose.yml", old: "            - patroni2_data:/var/lib/postgresql/data\n", new: "            - ./pg2:/var/lib/postgresql/data\n"},
				{file: "compose.yml", old: "            - patroni3_data:/var/lib/postgresql/data\n", new: "            - ./pg3:/var/lib/postgresql/data\n"},
			})
		}
		if got := lintMap(t, v); printed(got, "inside the data directory") {
			t.Errorf("%q: reported: %v", e.new, got)
		}
	}
}

// TestProfilesNeverActivated: patroni1..3 are under profiles: ["postgres"]
// and postgres/patroni_setup.sh runs docker-compose up -d without
// --profile: no node starts (batch 22: ubaje-consul, kind 6). With the
// profile activated (--profile, COMPOSE_PROFILES) or no start instruction
// in sight, nothing is said.
func TestProfilesNeverActivated(t *testing.T) {
	const want = "patroni1, patroni2 and patroni3 start only with the profile postgres (profiles:), but nothing in the answer activates it"
	m := realFS(t, "ubaje-consul")
	delete(m, "expected")
	if got := lintMap(t, m); !printed(got, want) {
		t.Errorf("profiles never activated not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "postgres/patroni_setup.sh", old: "docker-compose up -d\n", new: "docker-compose --profile postgres up -d\n"},
		{file: ".env", new: "COMPOSE_PROFILES=postgres\n"},
		{file: "postgres/patroni_setup.sh", old: "docker-compose up -d\n", new: "echo start\n"},
	} {
		v := realFS(t, "ubaje-consul")
		delete(v, "expected")
		if got := lintMap(t, variantOf(t, v, []edit{e})); printed(got, "start only with the profile") {
			t.Errorf("%q: reported: %v", e.new, got)
		}
	}
}

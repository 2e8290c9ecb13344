package lint

import (
	"strings"
	"testing"
)

// TestEnvInPackageNames: ENV PG_MAJOR=12 then apt-get install
// postgresql-${PG_MAJOR} on ubuntu:22.04 installs a server: the ENV value
// is in every later RUN's environment, so the shell expands it (batch 29:
// es-diego, kind 1). A variable nothing sets leaves the package unknown:
// no "no PostgreSQL server" either. Without any postgresql package the
// finding stands.
func TestEnvInPackageNames(t *testing.T) {
	m := realFS(t, "es-diego")
	if got := lintMap(t, m); findingWith(got, "the image has no PostgreSQL server") {
		t.Errorf("postgresql-${PG_MAJOR} with ENV PG_MAJOR=12 not taken for a server: %v", got)
	}
	v := variantOf(t, realFS(t, "es-diego"), []edit{{file: "Dockerfile", old: "    PG_MAJOR=12\n", new: "    PG_OTHER=12\n"}})
	if got := lintMap(t, v); findingWith(got, "the image has no PostgreSQL server") {
		t.Errorf("postgresql-${PG_MAJOR} with PG_MAJOR unknown claimed absent: %v", got)
	}
	v = variantOf(t, realFS(t, "es-diego"), []edit{{file: "Dockerfile", old: "postgresql-${PG_MAJOR} postgresql-${PG_MAJOR}-postgis-3", new: "postgis"}})
	if got := lintMap(t, v); !findingWith(got, "the image has no PostgreSQL server") {
		t.Errorf("an image without any postgresql package not reported: %v", got)
	}
}

// TestRuntimeVarInConfigPath: entrypoint.sh runs patroni "$CONFIG" with
// CONFIG="/etc/patroni/${NODE_NAME}.yml", NODE_NAME: postgres1 in the
// service's environment: and postgres1.yml COPYed into /etc/patroni/: the
// script expands the variable in the container, so the config is there
// (batch 29: es-diego, kind 2). A NODE_NAME naming no file the image has
// is still reported, with the expanded path; one set nowhere lint reads is
// a note, never a mount target holding ${...} (Compose would interpolate it
// on the host).
func TestRuntimeVarInConfigPath(t *testing.T) {
	got := lintMap(t, realFS(t, "es-diego"))
	if findingWith(got, "but nothing puts") {
		t.Errorf("/etc/patroni/${NODE_NAME}.yml not expanded with the service's NODE_NAME: %v", got)
	}
	v := variantOf(t, realFS(t, "es-diego"), []edit{{file: "docker-compose.yaml", old: "NODE_NAME: postgres2", new: "NODE_NAME: postgres3"}})
	if got := lintMap(t, v); !findingWith(got, "postgres2 runs patroni /etc/patroni/postgres3.yml, but nothing puts /etc/patroni/postgres3.yml in the container") {
		t.Errorf("a NODE_NAME naming no config not reported: %v", got)
	}
	v = variantOf(t, realFS(t, "es-diego"), []edit{{file: "docker-compose.yaml", old: "NODE_NAME: postgres2", new: "OTHER: postgres2"}})
	got = lintMap(t, v)
	if findingWith(got, "but nothing puts") || !findingWith(got, "whose value lint cannot tell") {
		t.Errorf("a NODE_NAME set nowhere: want a note, no finding: %v", got)
	}
}

// TestOpsDockerfileElsewhere: postgres1/postgres2 next to etcd1, built from
// docker/Dockerfile, which installs postgresql-12 and PostGIS 3: the
// operations test's own image under another path, so its demands apply
// (HAProxy 2.4 is older than the 2.7 it asks for; batch 29: es-irene,
// kind 5). The same layout building PostgreSQL 16 stays another project's
// stack, held to Patroni's rules only (as aviator-db's Dockerfile.patroni
// on postgres:14).
func TestOpsDockerfileElsewhere(t *testing.T) {
	if got := lintMap(t, realFS(t, "es-irene")); !findingWith(got, "HAProxy 2.4-alpine is older than the 2.7 the exercise asks for") {
		t.Errorf("docker/Dockerfile with PostgreSQL 12 + PostGIS not taken for the operations test: %v", got)
	}
	v := variantOf(t, realFS(t, "es-irene"), []edit{{file: "docker/Dockerfile", old: "postgresql-12 postgresql-12-postgis-3 postgresql-12-postgis-3-scripts", new: "postgresql-16 postgresql-16-postgis-3 postgresql-16-postgis-3-scripts"}})
	if got := lintMap(t, v); findingWith(got, "older than the 2.7 the exercise asks for") {
		t.Errorf("a PostgreSQL 16 stack held to the operations test's HAProxy floor: %v", got)
	}
}

// TestDocEtcdctlV2Command: the README answers "etcd cluster health" with
// docker compose exec etcd1 etcdctl cluster-health, etcd1 being
// quay.io/coreos/etcd:v3.5.9, whose etcdctl speaks the v3 API by default
// and has no such command (batch 29: es-pablo, kind 6). With
// ETCDCTL_API=2 on the line, or an etcd 3.3 image (v2 by default), it is
// no finding; nor is etcdctl endpoint health.
func TestDocEtcdctlV2Command(t *testing.T) {
	if got := lintMap(t, realFS(t, "es-pablo")); !printed(got, "README.md:12: etcdctl cluster-health is an etcdctl v2 command") {
		t.Errorf("etcdctl cluster-health against etcd 3.5 not reported: %v", got)
	}
	for _, e := range [][]edit{
		{{file: "README.md", old: "exec etcd1 etcdctl cluster-health", new: "exec -e ETCDCTL_API=2 etcd1 etcdctl cluster-health"}},
		{{file: "README.md", old: "exec etcd1 etcdctl cluster-health", new: "exec etcd1 etcdctl endpoint health --cluster"}},
		{{file: "docker-compose.yml", old: "quay.io/coreos/etcd:v3.5.9", new: "quay.io/coreos/etcd:v3.3.25"}},
	} {
		if got := lintMap(t, variantOf(t, realFS(t, "es-pablo"), e)); findingWith(got, "is an etcdctl v2 command") {
			t.Errorf("%v: reported: %v", e, got)
		}
	}
}

// TestSharedConfigOneFinding: postgres2 mounts ./conf/pg1 like postgres1,
// conf/pg2 unused: one finding, at the shared mount, naming the unused
// conf/pg2 as postgres2's config; no per-key "belongs to postgres2" on
// the shared file, whose advice (write postgres2 into it) would break
// postgres1 (batch 29: es-sofia, advice defects). A config used by one
// service only still gets the per-key findings (ru-dima).
func TestSharedConfigOneFinding(t *testing.T) {
	got := lintMap(t, realFS(t, "es-sofia"))
	if findingWith(got, "but this config belongs to") {
		t.Errorf("per-key findings on a config two services share: %v", got)
	}
	want := false
	for _, f := range got {
		if strings.Contains(f.Problem, "mount the same Patroni config") && strings.Contains(f.Fix, "conf/pg2") && !strings.Contains(f.Fix, "postgres2-conf") {
			want = true
		}
	}
	if !want {
		t.Errorf("the shared config's advice does not name the unused conf/pg2: %v", got)
	}
	if got := lintMap(t, realFS(t, "ru-dima")); !findingWith(got, "restapi.connect_address points at pg-master, but this config belongs to pg-slave") {
		t.Errorf("a config of one service lost its per-key finding: %v", got)
	}
}

// TestPatroniKeyUnderParameters: pg_hba: with its list indented under
// postgresql.parameters is Patroni's own postgresql.pg_hba one level too
// deep: one finding per file at that line, advising to move it up (not
// "give pg_hba a value"), and no second "no pg_hba in this config" for the
// same cause (batch 29: es-irene, advice defect). A list under another
// parameter name keeps the generic advice.
func TestPatroniKeyUnderParameters(t *testing.T) {
	got := lintMap(t, realFS(t, "es-irene"))
	if findingWith(got, "no pg_hba in this config") || findingWith(got, "give pg_hba a value") {
		t.Errorf("pg_hba under parameters: a second finding or the generic advice: %v", got)
	}
	want := false
	for _, f := range got {
		if f.File == "patroni/postgres1/patroni.yml" && f.Line == 43 && strings.Contains(f.Problem, "postgresql.parameters.pg_hba is Patroni's postgresql.pg_hba") && strings.Contains(f.Fix, "up one level") {
			want = true
		}
	}
	if !want {
		t.Errorf("no finding at patroni/postgres1/patroni.yml:43 saying pg_hba belongs under postgresql: %v", got)
	}
	v := variantOf(t, realFS(t, "es-irene"), []edit{{file: "patroni/postgres1/patroni.yml", old: "    pg_hba:\n    - local", new: "    my_list:\n    - local"}})
	if got := lintMap(t, v); !findingWith(got, "postgresql.parameters.my_list is a list, not a value") {
		t.Errorf("a list under another parameter name lost its finding: %v", got)
	}
}

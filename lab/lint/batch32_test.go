package lint

import (
	"strings"
	"testing"
)

// TestTaggedImageNothingTags: image: ${PATRONI_TEST_IMAGE:-patroni:7.3}
// with no build:, the variable set nowhere Compose reads (the file is
// ",env"), and the only build the answer gives is docker build -t patroni
// (patroni:latest): nothing makes patroni:7.3, the pull fails (batch 32:
// vinh1507-dbaas, kind 4). A Dockerfile that installs Patroni excuses a
// bare "patroni" only; a build that tags patroni:7.3 excuses the tag.
func TestTaggedImageNothingTags(t *testing.T) {
	const want = "docker-compose.yml:62: patroni1, patroni2 and patroni3 run the image patroni:7.3, which nothing in docker-compose.yml builds"
	if got := lintMap(t, realFS(t, "vinh1507-dbaas")); !printed(got, want) {
		t.Errorf("image patroni:7.3 that nothing tags not reported: %v", got)
	}
	v := variantOf(t, realFS(t, "vinh1507-dbaas"), []edit{{file: "docker-compose.yml", old: "# $ docker build -t patroni .", new: "# $ docker build -t patroni:7.3 ."}})
	if got := lintMap(t, v); findingWith(got, "run the image patroni:7.3") {
		t.Errorf("docker build -t patroni:7.3 in the compose file's header ignored: %v", got)
	}
}

// TestHAProxyCfgNoService: a haproxy.cfg beside a compose file with no
// HAProxy service and nothing that mounts or COPYs it is read by nothing:
// one note, not a problem per server line (batch 32: vinh1507-dbaas, Th).
func TestHAProxyCfgNoService(t *testing.T) {
	got := lintMap(t, realFS(t, "vinh1507-dbaas"))
	if findingWith(got, "points at 127.0.0.1: that is HAProxy's own container") {
		t.Errorf("servers of a haproxy.cfg no service reads reported: %v", got)
	}
	if !printed(got, "haproxy.cfg: note: no service reads haproxy.cfg") {
		t.Errorf("no note on the unused haproxy.cfg: %v", got)
	}
}

// TestEnvFileTemplateNote: env_file .env missing with .env.example beside
// it is the answer's first step (cp .env.example .env), a note; without a
// template it stays a problem (batch 32: edwinadvine-erp, Th).
func TestEnvFileTemplateNote(t *testing.T) {
	got := lintMap(t, realFS(t, "edwinadvine-erp"))
	if !printed(got, "docker-compose.yml:119: note: env_file .env does not exist") {
		t.Errorf("env_file .env with .env.example beside it not a note: %v", got)
	}
	m := realFS(t, "edwinadvine-erp")
	delete(m, ".env.example")
	if got := lintMap(t, m); !printed(got, "docker-compose.yml:119: missing: env_file .env does not exist") {
		t.Errorf("env_file .env with no template not a problem: %v", got)
	}
}

// TestTimeoutRuleNote: loop_wait + 2*retry_timeout > ttl is repaired by
// Patroni at start (it lowers both and logs it): a note (batch 32:
// edwinadvine-erp, Th).
func TestTimeoutRuleNote(t *testing.T) {
	got := lintMap(t, realFS(t, "edwinadvine-erp"))
	if !printed(got, "postgres/patroni.yml:27: note: loop_wait + 2*retry_timeout = 70 exceeds ttl 30") {
		t.Errorf("the timeout rule Patroni repairs not a note: %v", got)
	}
}

// TestPreloadLibraries: shared_preload_libraries: pgvector,...,pgaudit on
// pgvector/pgvector:pg16 with no pgaudit installed: pgvector's library is
// vector, pgaudit is not there, PostgreSQL refuses to start (batch 32:
// edwinadvine-erp, kind 1). Installing pgaudit and naming vector is fine.
func TestPreloadLibraries(t *testing.T) {
	got := lintMap(t, realFS(t, "edwinadvine-erp"))
	if !printed(got, "postgres/patroni.yml:79: shared_preload_libraries names pgvector (its library is vector, which needs no preloading) and pgaudit (not in pgvector/pgvector:pg16") {
		t.Errorf("wrong preload libraries not reported: %v", got)
	}
	v := variantOf(t, realFS(t, "edwinadvine-erp"), []edit{
		{file: "postgres/patroni.yml", old: "pgvector,pg_stat_statements,pgaudit", new: "vector,pg_stat_statements,pgaudit"},
		{file: "postgres/Dockerfile.patroni", old: "    pgbackrest \\\n", new: "    pgbackrest postgresql-16-pgaudit \\\n"},
	})
	if got := lintMap(t, v); findingWith(got, "shared_preload_libraries") {
		t.Errorf("vector and an installed pgaudit reported: %v", got)
	}
}

// TestUnrunConfigPlaceholders: a Patroni config no service runs (no
// compose file runs Patroni) with ${VAR:-default} placeholders: nothing in
// the answer sets the PATRONI_* variables that would replace them, Patroni
// reads the text as written (batch 32: henrypeters-aframp, kind 5).
func TestUnrunConfigPlaceholders(t *testing.T) {
	got := lintMap(t, realFS(t, "henrypeters-aframp"))
	if !printed(got, "config/patroni.yml:10: Patroni does not expand ${...} in its config, and nothing in the answer sets a PATRONI_* variable that replaces name") {
		t.Errorf("placeholders of an unrun config not reported: %v", got)
	}
}

// TestDockerfileAdviceMajor: with no Dockerfile at all, the advice names
// the PostgreSQL major the answer's config is written for (bin_dir
// /usr/lib/postgresql/15/bin), not the exercise's 12 (batch 32:
// henrypeters-aframp, wording).
func TestDockerfileAdviceMajor(t *testing.T) {
	got := lintMap(t, realFS(t, "henrypeters-aframp"))
	if !printed(got, "add a Dockerfile FROM postgres:15 ") {
		t.Errorf("the Dockerfile advice ignores bin_dir's major 15: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f.Fix, "FROM postgres:12") {
			t.Errorf("the exercise's major in the advice: %s", f)
		}
	}
}

package lint

import (
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

package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// b39EnvScriptFS: both configs COPYed into the image, an ENTRYPOINT script
// (COPYed from the answer) that ends in exec patroni
// "/etc/patroni/${PATRONI_CONFIG}", and each service choosing its file with
// PATRONI_CONFIG in its environment: (batch 39: taisiya_lebedeva). No CMD,
// no mounts of the configs.
func b39EnvScriptFS(hba string) fstest.MapFS {
	m := b37ShellFS(hba)
	c := string(m["compose.yaml"].Data)
	c = strings.Replace(c, "      NODE_NAME: postgres1\n", "      PATRONI_CONFIG: postgres1.yml\n", 1)
	c = strings.Replace(c, "      NODE_NAME: postgres2\n", "      PATRONI_CONFIG: postgres2.yml\n", 1)
	m["compose.yaml"].Data = []byte(c)
	m["Dockerfile"].Data = []byte(`FROM postgres:12
RUN sed -i "s/apt.postgresql.org/apt-archive.postgresql.org/; s/pgdg main/pgdg-archive main/" /etc/apt/sources.list.d/pgdg.list && apt-get update && apt-get install -y --no-install-recommends python3-venv postgresql-12-postgis-3 postgresql-12-postgis-3-scripts && python3 -m venv /opt/p && /opt/p/bin/pip install "patroni[etcd3,psycopg3]==3.3.2"
ENV PATH=/opt/p/bin:$PATH
COPY config/postgres1.yml config/postgres2.yml /etc/patroni/
COPY docker/entrypoint.sh /usr/local/bin/patroni-entrypoint.sh
USER postgres
ENTRYPOINT ["/usr/local/bin/patroni-entrypoint.sh"]
`)
	m["docker/entrypoint.sh"] = &fstest.MapFile{Data: []byte(`#!/bin/sh
set -e
: "${PATRONI_CONFIG:?set PATRONI_CONFIG to postgres1.yml or postgres2.yml}"
echo "starting patroni with /etc/patroni/${PATRONI_CONFIG}"
exec patroni "/etc/patroni/${PATRONI_CONFIG}"
`), Mode: 0o755}
	return m
}

// TestEntrypointScriptEnvConfig: an ENTRYPOINT script that execs patroni
// with a path built from a variable ("/etc/patroni/${PATRONI_CONFIG}") runs
// Patroni, with the file the service's environment: names (batch 39 kinds 1
// and 2): not "the container runs the script, not Patroni", not "both
// services mount the same config" (the first COPYed file taken for both).
// The files so found are checked as the nodes' configs.
func TestEntrypointScriptEnvConfig(t *testing.T) {
	got := lintMap(t, b39EnvScriptFS(b37GoodHBA))
	for _, f := range got {
		if !f.Note {
			t.Errorf("a finding on a working answer: %s", f)
		}
	}
	got = lintMap(t, b39EnvScriptFS("  - local all all trust\n  - host all all 0.0.0.0/0 md5\n"))
	for _, bad := range []string{"not Patroni", "the same Patroni config", "nothing puts"} {
		if findingWith(got, bad) {
			t.Errorf("%q said of a script that runs Patroni with the service's config: %v", bad, got)
		}
	}
	for _, f := range []string{"config/postgres1.yml", "config/postgres2.yml"} {
		if !printed(got, f+":25: postgresql.pg_hba has no host replication line") {
			t.Errorf("%s: not checked as a node's config: %v", f, got)
		}
	}
}

// TestSameConfigNotMounted: two services that run with one config COPYed
// into the image (the same PATRONI_CONFIG on both) are said to run with the
// same config, not to mount it, and the fix does not ask for a mount the
// answer does not use (batch 39 kind 2's wording).
func TestSameConfigNotMounted(t *testing.T) {
	m := b39EnvScriptFS(b37GoodHBA)
	m["compose.yaml"].Data = []byte(strings.Replace(string(m["compose.yaml"].Data), "PATRONI_CONFIG: postgres2.yml", "PATRONI_CONFIG: postgres1.yml", 1))
	got := lintMap(t, m)
	if !printed(got, "compose.yaml:15: postgres1 and postgres2 run with the same Patroni config config/postgres1.yml") {
		t.Errorf("the shared COPYed config not said as such: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f.Problem, "the same Patroni config") && (strings.Contains(f.Fix, "use ./") || strings.Contains(f.Problem, "mount")) {
			t.Errorf("a mount named where there is none: %s", f)
		}
	}
}

// TestConfigMountedUnderOtherName: the CMD runs patroni
// /etc/patroni/patroni.yml while the volume mounts the node's config at
// /etc/patroni/patroni.yaml: said at the mount, naming the answer's own
// file and the two names to make agree, not at the service line with
// advice to mount ./postgres1.yml, a file the answer lacks (batch 39
// wording: baltasar_iturbe).
func TestConfigMountedUnderOtherName(t *testing.T) {
	m := b37ShellFS(b37GoodHBA)
	c := string(m["compose.yaml"].Data)
	for _, n := range []string{"1", "2"} {
		c = strings.Replace(c, "      NODE_NAME: postgres"+n+"\n", "      NODE_NAME: postgres"+n+"\n    volumes:\n      - ./config/postgres"+n+".yml:/etc/patroni/patroni.yaml:ro\n", 1)
	}
	m["compose.yaml"].Data = []byte(c)
	d := string(m["Dockerfile"].Data)
	d = strings.Replace(d, "COPY config/ /etc/patroni/\n", "", 1)
	d = strings.Replace(d, `CMD ["sh", "-c", "exec patroni /etc/patroni/${NODE_NAME}.yml"]`, `CMD ["patroni", "/etc/patroni/patroni.yml"]`, 1)
	m["Dockerfile"].Data = []byte(d)
	got := lintMap(t, m)
	if !printed(got, "compose.yaml:16: postgres1 runs patroni /etc/patroni/patroni.yml") || !printed(got, "compose.yaml:22: postgres2 runs patroni /etc/patroni/patroni.yml") {
		t.Errorf("the mismatch not said at the mounts: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f.Fix, "./postgres1.yml") || strings.Contains(f.Fix, "./postgres2.yml") {
			t.Errorf("advice names a file the answer lacks: %s", f)
		}
		if strings.Contains(f.Problem, "nothing puts") && !strings.Contains(f.Fix, "/etc/patroni/patroni.yaml") {
			t.Errorf("the fix does not name the mounted path: %s", f)
		}
	}
}

package lint

import (
	"strings"
	"testing"
)

// TestCopyDirectoryTree: COPY config/ /etc/patroni/ puts the directory's
// whole tree in the image (Dockerfile reference, COPY: the contents, not
// the directory itself), so config/postgres1/patroni.yml is
// /etc/patroni/postgres1/patroni.yml, the file command: runs (batch 31:
// es-itziar, kind 1). With the configs known, the second node's copied
// name: postgres1 is found (kind 2). Without the slashes it is the same; a
// path the tree does not hold is still reported.
func TestCopyDirectoryTree(t *testing.T) {
	got := lintMap(t, realFS(t, "es-itziar"))
	if findingWith(got, "but nothing puts") {
		t.Errorf("a config in a COPYed directory's tree not found: %v", got)
	}
	if !printed(got, `config/postgres2/patroni.yml:3: name "postgres1" is also the name in config/postgres1/patroni.yml`) {
		t.Errorf("the two nodes' equal names not compared: %v", got)
	}
	v := variantOf(t, realFS(t, "es-itziar"), []edit{{file: "Dockerfile", old: "COPY config/ /etc/patroni/", new: "COPY config /etc/patroni"}})
	if got := lintMap(t, v); findingWith(got, "but nothing puts") {
		t.Errorf("COPY config /etc/patroni (no slashes) not followed: %v", got)
	}
	v = variantOf(t, realFS(t, "es-itziar"), []edit{{file: "compose.yaml", old: "/etc/patroni/postgres2/patroni.yml", new: "/etc/patroni/postgres3/patroni.yml"}})
	if got := lintMap(t, v); !findingWith(got, "nothing puts /etc/patroni/postgres3/patroni.yml") {
		t.Errorf("a path the COPYed tree does not hold not reported: %v", got)
	}
}

// TestScriptVarChain: entrypoint.sh runs patroni "/etc/patroni/${NODE}.yml"
// after NODE="${PATRONI_NODE:?...}", PATRONI_NODE in each service's
// environment: the shell's value is known, the configs are checked and no
// note is printed (batch 31: ru-timofey, kind 7); with PATRONI_NODE set
// nowhere the note names the path and the variable as written, never
// "patroni $" with the name lost. CONFIG="${PATRONI_CONFIG_PATH:-/etc/
// patroni/patroni.yml}" with PATRONI_CONFIG_PATH set nowhere is the
// default, the mounted config: no note (es-remedios, kind 8).
func TestScriptVarChain(t *testing.T) {
	if got := lintMap(t, realFS(t, "ru-timofey")); findingWith(got, "whose value lint cannot tell") || findingWith(got, "is written by this script") {
		t.Errorf("NODE=\"${PATRONI_NODE:?...}\" not followed to the service's environment: %v", got)
	}
	v := variantOf(t, realFS(t, "ru-timofey"), []edit{{file: "docker-compose.yml", old: "      PATRONI_NODE: postgres1\n", new: "      OTHER: postgres1\n"}})
	got := lintMap(t, v)
	if !findingWith(got, "pg-slave runs patroni /etc/patroni/${NODE}.yml, whose value lint cannot tell ($PATRONI_NODE is set outside what it read)") {
		t.Errorf("the note on an unset PATRONI_NODE does not name the path and the variable: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f.Problem, "patroni $,") || strings.Contains(f.Fix, "set  in") {
			t.Errorf("a note with the variable's name lost: %s", f)
		}
	}
	if got := lintMap(t, realFS(t, "es-remedios")); findingWith(got, "whose value lint cannot tell") {
		t.Errorf("${PATRONI_CONFIG_PATH:-/etc/patroni/patroni.yml} with the variable unset not taken for its default: %v", got)
	}
}

// TestDCSClientInstalled: pip install "patroni[etcd]" while both configs
// have only zookeeper: kazoo is not installed, Patroni exits "Can not find
// suitable configuration of distributed configuration store" (batch 31:
// ru-timofey, kind 5): one finding at the pip line for both configs.
// patroni[zookeeper], or kazoo beside patroni[etcd], is no finding; a
// requirements file lint does not read leaves it unsaid.
func TestDCSClientInstalled(t *testing.T) {
	const want = `Dockerfile:8: pip installs patroni[etcd], but the nodes' Patroni configs patroni-conf/postgres0.yml and patroni-conf/postgres1.yml use zookeeper:, whose client kazoo nothing installs`
	if got := lintMap(t, realFS(t, "ru-timofey")); !printed(got, want) {
		t.Errorf("patroni[etcd] with zookeeper: configs not reported: %v", got)
	}
	for _, e := range []string{`"patroni[zookeeper]"`, `"patroni[etcd]" kazoo`, `"patroni[etcd]" -r /tmp/requirements.txt`} {
		v := variantOf(t, realFS(t, "ru-timofey"), []edit{{file: "Dockerfile", old: `"patroni[etcd]"`, new: e}})
		if got := lintMap(t, v); findingWith(got, "nothing installs") {
			t.Errorf("pip install %s: want no finding: %v", e, got)
		}
	}
}

// TestUserOnOneNodeOnly: user: postgres on postgres1 only, no USER in
// pg/Dockerfile and ENTRYPOINT ["patroni"]: postgres2 runs Patroni as root
// (batch 31: es-bautista, kind 4). With user: on both, or USER postgres in
// the Dockerfile, no finding.
func TestUserOnOneNodeOnly(t *testing.T) {
	if got := lintMap(t, realFS(t, "es-bautista")); !printed(got, "docker-compose.yml:65: postgres2 sets no user: (postgres1 has one), and its image runs as root") {
		t.Errorf("a node without the user: the other has not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "docker-compose.yml", old: "    hostname: postgres2\n", new: "    hostname: postgres2\n    user: postgres\n"},
		{file: "pg/Dockerfile", old: "EXPOSE 5432 8008\n", new: "USER postgres\nEXPOSE 5432 8008\n"},
	} {
		if got := lintMap(t, variantOf(t, realFS(t, "es-bautista"), []edit{e})); findingWith(got, "runs as root") {
			t.Errorf("%s: want no root finding: %v", e.new, got)
		}
	}
}

// TestHealthcheckProgramMissing: the nodes' healthcheck runs curl in an
// image built FROM postgres:12 that installs no curl, and haproxy waits for
// them with condition: service_healthy: docker compose up stops (batch 31:
// es-itziar, kind 3); one finding for both healthchecks. With curl
// installed, or a pg_isready test, none; without a service_healthy waiter,
// a note.
func TestHealthcheckProgramMissing(t *testing.T) {
	const want = "compose.yaml:43: the healthcheck of postgres1 and postgres2 runs curl, which the image (postgres:12, built from Dockerfile) does not have"
	got := lintMap(t, realFS(t, "es-itziar"))
	if !printed(got, want) || !findingWith(got, "haproxy waits for them (depends_on: condition: service_healthy)") {
		t.Errorf("curl healthchecks in a postgres:12 image gating haproxy not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "Dockerfile", old: "python3 python3-venv", new: "python3 python3-venv curl"},
		{file: "compose.yaml", old: `["CMD", "curl", "-fsS", "http://localhost:8008/health"]`, new: `["CMD-SHELL", "pg_isready -h localhost"]`},
	} {
		if got := lintMap(t, variantOf(t, realFS(t, "es-itziar"), []edit{e})); findingWith(got, "runs curl") {
			t.Errorf("%s: want no healthcheck finding: %v", e.new, got)
		}
	}
	v := variantOf(t, realFS(t, "es-itziar"), []edit{{file: "compose.yaml", old: "condition: service_healthy", new: "condition: service_started"}})
	for _, f := range lintMap(t, v) {
		if strings.Contains(f.Problem, "runs curl") && !f.Note {
			t.Errorf("no service_healthy waiter: want a note: %s", f)
		}
	}
}

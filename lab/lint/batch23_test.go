package lint

import (
	"testing"
)

// TestConfigPathVariable: the entrypoint runs patroni "$PATRONI_CONFIG"
// after PATRONI_CONFIG=${PATRONI_CONFIG:-/etc/patroni/patroni.yml}, the
// service sets PATRONI_CONFIG: /etc/patroni/patroni.yml and bind-mounts its
// YAML there: the path is that mount, so no "nothing puts /$PATRONI_CONFIG"
// and the mounted configs are checked (their literal ${...} rewind
// password found) (batch 23: andreantama-etcd, kinds 1, 6 and 7). The
// service's value wins over the script's default; with neither readable,
// a note.
func TestConfigPathVariable(t *testing.T) {
	m := realFS(t, "andreantama-etcd")
	got := lintMap(t, m)
	if findingWith(got, "$PATRONI_CONFIG") {
		t.Errorf("the config variable taken for a path: %v", got)
	}
	for _, want := range []string{
		"config/patroni/patroni-primary.yml:60: Patroni does not expand ${...}",
		"config/patroni/patroni-replica-2.yml:60: Patroni does not expand ${...}",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	v := variantOf(t, realFS(t, "andreantama-etcd"), []edit{{file: "docker-compose.yml", old: "PATRONI_CONFIG: /etc/patroni/patroni.yml", new: "PATRONI_CONFIG: /etc/patroni/nosuch.yml"}})
	if got := lintMap(t, v); !printed(got, "patroni-primary runs patroni /etc/patroni/nosuch.yml") || !printed(got, "but nothing puts /etc/patroni/nosuch.yml in the container") {
		t.Errorf("the service's PATRONI_CONFIG not followed: %v", got)
	}
	v = variantOf(t, realFS(t, "andreantama-etcd"), []edit{
		{file: "docker-compose.yml", old: "      PATRONI_CONFIG: /etc/patroni/patroni.yml\n", new: ""},
		{file: "docker/patroni/entrypoint.sh", old: "PATRONI_CONFIG=${PATRONI_CONFIG:-/etc/patroni/patroni.yml}", new: "PATRONI_CONFIG=${PATRONI_CONFIG:-/etc/patroni/default.yml}"},
	})
	if got := lintMap(t, v); !printed(got, "patroni-primary runs patroni /etc/patroni/default.yml") || !printed(got, "but nothing puts /etc/patroni/default.yml in the container") {
		t.Errorf("the script's default not followed: %v", got)
	}
	v = variantOf(t, realFS(t, "andreantama-etcd"), []edit{
		{file: "docker-compose.yml", old: "      PATRONI_CONFIG: /etc/patroni/patroni.yml\n", new: ""},
		{file: "docker/patroni/entrypoint.sh", old: "PATRONI_CONFIG=${PATRONI_CONFIG:-/etc/patroni/patroni.yml}\n", new: ""},
	})
	got = lintMap(t, v)
	if findingWith(got, "but nothing puts") || !printed(got, "note: patroni-primary runs patroni $PATRONI_CONFIG, whose value lint cannot tell") || !printed(got, "patroni-primary.yml:60: Patroni does not expand") {
		t.Errorf("an unknown config variable not a note on the mounted config: %v", got)
	}
}

// TestShellEntrypointWritesConfig: a compose entrypoint: /bin/sh -c "...
// envsubst < T > C && exec gosu postgres patroni C" is read like a start
// script: C is written at start from the bind-mounted template T, which is
// checked as a template (batch 23: vvenger-otus, kind 2). Without the
// template's mount, the template is what is missing.
func TestShellEntrypointWritesConfig(t *testing.T) {
	got := lintMap(t, realFS(t, "vvenger-otus"))
	if findingWith(got, "but nothing puts") || !printed(got, "docker-compose.yaml:84: note: the Patroni config /etc/patroni/patroni.yml is written by the sh -c string of patroni-1's entrypoint:/command: from patroni/patroni.template.yml") {
		t.Errorf("the sh -c entrypoint not read: %v", got)
	}
	v := variantOf(t, realFS(t, "vvenger-otus"), []edit{{file: "docker/docker-compose.yaml", old: "      - ./patroni/patroni.template.yml:/etc/patroni/patroni.template.yml:ro\n", new: ""}})
	if got := lintMap(t, v); !printed(got, "patroni-1 runs patroni /etc/patroni/patroni.yml, which docker-compose.yaml writes from /etc/patroni/patroni.template.yml, but nothing puts /etc/patroni/patroni.template.yml in this container") {
		t.Errorf("an unmounted template not reported: %v", got)
	}
}

// TestGosuFromRootUser: user: root whose entrypoint ends in exec gosu
// postgres patroni ...: Patroni runs as postgres, not root (batch 23:
// vvenger-otus, kind 3). Without the gosu it runs as root.
func TestGosuFromRootUser(t *testing.T) {
	if got := lintMap(t, realFS(t, "vvenger-otus")); findingWith(got, "runs as root") {
		t.Errorf("gosu postgres not followed: %v", got)
	}
	v := variantOf(t, realFS(t, "vvenger-otus"), []edit{{file: "docker/docker-compose.yaml", old: "exec gosu postgres patroni", new: "exec patroni"}})
	if got := lintMap(t, v); !printed(got, "patroni-1 runs as root: Patroni runs as root") {
		t.Errorf("Patroni exec'd as root not reported: %v", got)
	}
	for text, want := range map[string]string{
		"exec su-exec postgres patroni /c.yml":                                   "postgres",
		"setpriv --reuid=postgres --regid=postgres --init-groups patroni /c.yml": "postgres",
		"su postgres -c 'patroni /c.yml'":                                        "postgres",
		"exec gosu root patroni /c.yml":                                          "root",
		"runuser -u postgres -- patroni /c.yml":                                  "postgres",
	} {
		m := dropToRe.FindStringSubmatch(text)
		u := ""
		for _, g := range m[1:] {
			if g != "" {
				u = g
			}
		}
		if u != want {
			t.Errorf("%q: user %q, want %q", text, u, want)
		}
	}
}

// TestToolServiceOnNodeImage: a service on the nodes' image whose command:
// is sleep infinity (a demo shell to exec into) is no Patroni node, and its
// database URLs are used by hand, not by the container (batch 23:
// realbaty-etcd, kind 4). Alone on the image, it is still taken for one.
func TestToolServiceOnNodeImage(t *testing.T) {
	got := lintMap(t, realFS(t, "realbaty-etcd"))
	if findingWith(got, "client is built to run Patroni") || findingWith(got, "client runs") || findingWith(got, "which nothing in the answer creates") {
		t.Errorf("the demo shell taken for a node: %v", got)
	}
	v := variantOf(t, realFS(t, "realbaty-etcd"), []edit{{file: "docker-compose.yml", old: `command: ["sleep", "infinity"]`, new: `command: ["psql", "-c", "select 1"]`}})
	if got := lintMap(t, v); findingWith(got, "client is built to run Patroni") {
		t.Errorf("a psql client taken for a node: %v", got)
	}
}

// TestMkdirRunAsUser: the start script, run as the image's USER postgres
// under set -e, makes /run/patroni-bootstrap before exec patroni: mkdir
// fails in root's /run, the container exits (batch 23: andreantama-etcd,
// kind 5). Not when the Dockerfile makes the directory.
func TestMkdirRunAsUser(t *testing.T) {
	const want = "docker/patroni/entrypoint.sh:17: the start script of patroni-primary, patroni-replica-1 and patroni-replica-2 makes /run/patroni-bootstrap as user postgres, under set -e"
	if got := lintMap(t, realFS(t, "andreantama-etcd")); !printed(got, want) {
		t.Errorf("no %q: %v", want, got)
	}
	v := variantOf(t, realFS(t, "andreantama-etcd"), []edit{{file: "docker/patroni/Dockerfile", old: "USER postgres", new: "RUN mkdir -p /run/patroni-bootstrap && chown postgres /run/patroni-bootstrap\nUSER postgres"}})
	if got := lintMap(t, v); findingWith(got, "makes /run/patroni-bootstrap") {
		t.Errorf("a directory the image makes reported: %v", got)
	}
	v = variantOf(t, realFS(t, "andreantama-etcd"), []edit{{file: "docker/patroni/Dockerfile", old: "USER postgres", new: "USER root"}})
	if got := lintMap(t, v); findingWith(got, "makes /run/patroni-bootstrap") {
		t.Errorf("reported for a script run as root: %v", got)
	}
}

// TestConfigPathVariableIdioms: the start script's other ways to give the
// config variable a value, : "${VAR:=default}" and declare -x VAR=...,
// are followed like VAR=${VAR:-default} (one shell-variable reader,
// shVarValue, serves them all).
func TestConfigPathVariableIdioms(t *testing.T) {
	for _, line := range []string{`: "${PATRONI_CONFIG:=/etc/patroni/idiom.yml}"`, `declare -x PATRONI_CONFIG=/etc/patroni/idiom.yml`} {
		v := variantOf(t, realFS(t, "andreantama-etcd"), []edit{
			{file: "docker-compose.yml", old: "      PATRONI_CONFIG: /etc/patroni/patroni.yml\n", new: ""},
			{file: "docker/patroni/entrypoint.sh", old: "PATRONI_CONFIG=${PATRONI_CONFIG:-/etc/patroni/patroni.yml}", new: line},
		})
		if got := lintMap(t, v); !printed(got, "patroni-primary runs patroni /etc/patroni/idiom.yml") {
			t.Errorf("%s not followed: %v", line, got)
		}
	}
}

package lint

import (
	"strings"
	"testing"
)

// b42EnvOnlyFS: two nodes built from a Dockerfile whose CMD is patroni
// with no file: every Patroni setting comes from PATRONI_* variables in
// the compose file (batch 42: candela_ibarra, which used env_file).
// extra is added to each node's environment.
func b42EnvOnlyFS(extra string) map[string]string {
	node := func(n string) string {
		return "  " + n + ":\n    build: .\n    user: postgres\n    environment:\n" +
			"      PATRONI_SCOPE: demo\n      PATRONI_NAME: " + n + "\n" +
			"      PATRONI_ETCD3_HOSTS: etcd1:2379\n" +
			"      PATRONI_RESTAPI_LISTEN: 0.0.0.0:8008\n      PATRONI_RESTAPI_CONNECT_ADDRESS: " + n + ":8008\n" +
			"      PATRONI_POSTGRESQL_LISTEN: 0.0.0.0:5432\n      PATRONI_POSTGRESQL_CONNECT_ADDRESS: " + n + ":5432\n" +
			"      PATRONI_POSTGRESQL_DATA_DIR: /opt/postgres/data\n" +
			"      PATRONI_SUPERUSER_USERNAME: postgres\n      PATRONI_SUPERUSER_PASSWORD: example\n" +
			"      PATRONI_REPLICATION_USERNAME: replicator\n      PATRONI_REPLICATION_PASSWORD: example\n" + extra +
			"    volumes:\n      - " + n + "data:/opt/postgres\n    depends_on: [etcd1]\n"
	}
	compose := "services:\n" +
		"  etcd1:\n    image: quay.io/coreos/etcd:v3.5.7\n    command: [/usr/local/bin/etcd, --name=etcd1, --listen-client-urls=http://0.0.0.0:2379, --advertise-client-urls=http://etcd1:2379]\n" +
		node("postgres1") + node("postgres2") +
		"  haproxy:\n    image: haproxy:2.8\n    ports: [\"5432:5432\"]\n    volumes:\n      - ./haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro\n" +
		"volumes:\n  postgres1data:\n  postgres2data:\n"
	return map[string]string{
		"compose.yaml": compose,
		"Dockerfile": "FROM postgres:12\n" +
			"RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv postgresql-12-postgis-3 && rm -rf /var/lib/apt/lists/*\n" +
			"RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install \"patroni[etcd3]==3.2.2\" psycopg2-binary\n" +
			"ENV PATH=/opt/venv/bin:$PATH\n" +
			"RUN mkdir -p /opt/postgres && chown postgres:postgres /opt/postgres\n" +
			"CMD [\"patroni\"]\n",
		"haproxy/haproxy.cfg": "global\n    maxconn 100\ndefaults\n    mode tcp\n    timeout connect 4s\n    timeout client 30m\n    timeout server 30m\n" +
			"listen postgres\n    bind *:5432\n    option httpchk GET /primary\n    http-check expect status 200\n    default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions\n" +
			"    server postgres1 postgres1:5432 maxconn 100 check port 8008\n    server postgres2 postgres2:5432 maxconn 100 check port 8008\n",
	}
}

// TestEnvOnlyNoHBA: Patroni started with no config file reads its settings
// from PATRONI_* variables, and none of them sets pg_hba (Patroni's
// config.py: the postgresql section's variables are listen,
// connect_address, proxy_address, config_dir, data_dir, pgpass, bin_dir),
// so initdb's local-only pg_hba.conf stays and the replica is refused
// (batch 42 kind 2, a miss). Said once, at the first node. Not said when
// PATRONI_CONFIGURATION gives the whole config, nor when a file of the
// answer speaks of pg_hba (a script or a patronictl edit-config may set
// it).
func TestEnvOnlyNoHBA(t *testing.T) {
	const said = "run Patroni with no config file, from PATRONI_* variables alone, and Patroni reads no variable for pg_hba"
	got := lintMap(t, mapOf(b42EnvOnlyFS("")))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, said) {
			n++
			if f.File != "compose.yaml" || f.Note {
				t.Errorf("said at %s (note %v), not as a problem at compose.yaml", f.File, f.Note)
			}
		}
	}
	if n != 1 {
		t.Errorf("env-only nodes without pg_hba said %d times, want once: %v", n, got)
	}
	whole := "      PATRONI_CONFIGURATION: |\n        postgresql:\n          pg_hba: [host all all 0.0.0.0/0 md5]\n"
	if got := lintMap(t, mapOf(b42EnvOnlyFS(whole))); findingWith(got, said) {
		t.Errorf("said although PATRONI_CONFIGURATION may hold pg_hba: %v", got)
	}
	m := b42EnvOnlyFS("")
	m["README.md"] = "After the first start: patronictl edit-config, and add postgresql.pg_hba: host replication replicator 0.0.0.0/0 md5\n"
	if got := lintMap(t, mapOf(m)); findingWith(got, said) {
		t.Errorf("said although the answer sets pg_hba another way: %v", got)
	}
}

// b42RenderFS: nodes built FROM postgres:15 whose ENTRYPOINT script fills
// the Patroni config from a COPYed template with envsubst (batch 42:
// gleb_morozov). install is the apt-get line of the Dockerfile.
func b42RenderFS(install, script string) map[string]string {
	m := b42EnvOnlyFS("")
	m["Dockerfile"] = "FROM postgres:15\n" +
		install +
		"RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install \"patroni[etcd3]\" psycopg2-binary\n" +
		"ENV PATH=/opt/venv/bin:$PATH\n" +
		"COPY patroni.yml.tmpl /etc/patroni/patroni.yml.tmpl\nCOPY render.sh /usr/local/bin/render.sh\n" +
		"USER postgres\nENTRYPOINT [\"/usr/local/bin/render.sh\"]\n"
	m["render.sh"] = script
	conf := b37Conf("postgres1", b37GoodHBA)
	conf = strings.Replace(conf, "name: postgres1", "name: ${NODE}", 1)
	m["patroni.yml.tmpl"] = conf
	return m
}

// TestStartScriptProgramMissing: a start script that runs envsubst in an
// image built FROM postgres (Debian slim underneath) that does not install
// gettext-base stops with envsubst: command not found (batch 42 kind 1, a
// miss). Said at the envsubst line of the script, once for both nodes.
// Not said when the Dockerfile installs gettext-base, when an apt install
// takes recommended packages (lint does not follow them), or when the
// script tests for envsubst first.
func TestStartScriptProgramMissing(t *testing.T) {
	const said = "runs envsubst, which the image of"
	noRec := "RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv && rm -rf /var/lib/apt/lists/*\n"
	script := "#!/bin/bash\nset -e\n\nenvsubst < /etc/patroni/patroni.yml.tmpl > /tmp/patroni.yml\nexec patroni /tmp/patroni.yml\n"
	got := lintMap(t, mapOf(b42RenderFS(noRec, script)))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, said) {
			n++
			if f.File != "render.sh" || f.Line != 4 || f.Note {
				t.Errorf("said at %s:%d (note %v), not as a problem at render.sh:4", f.File, f.Line, f.Note)
			}
		}
	}
	if n != 1 {
		t.Errorf("envsubst missing from the image said %d times, want once: %v", n, got)
	}
	for what, m := range map[string]map[string]string{
		"gettext-base installed": b42RenderFS(strings.Replace(noRec, "python3-venv", "python3-venv gettext-base", 1), script),
		"recommends installed":   b42RenderFS(strings.Replace(noRec, " --no-install-recommends", "", 1), script),
		"tested first":           b42RenderFS(noRec, strings.Replace(script, "envsubst <", "command -v envsubst >/dev/null || exit 1\nenvsubst <", 1)),
	} {
		if got := lintMap(t, mapOf(m)); findingWith(got, said) {
			t.Errorf("%s: said anyway: %v", what, got)
		}
	}
}

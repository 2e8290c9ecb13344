package lint

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// b44TemplateFS: one Patroni config template (config/patroni.yml.tmpl, the
// node's name a ${PATRONI_NODE} placeholder) COPYed into the image and
// rendered by the entrypoint with envsubst, then run (batch 44:
// teodoro_villalba). preload is the template's shared_preload_libraries.
func b44TemplateFS(preload string) fstest.MapFS {
	m := b37ShellFS(b37GoodHBA)
	c := string(m["compose.yaml"].Data)
	c = strings.ReplaceAll(c, "NODE_NAME:", "PATRONI_NODE:")
	files := map[string]string{"compose.yaml": c}
	for k, v := range m {
		if !strings.HasPrefix(k, "config/") && k != "compose.yaml" {
			files[k] = string(v.Data)
		}
	}
	files["Dockerfile"] = `FROM postgres:12
RUN sed -i "s/apt.postgresql.org/apt-archive.postgresql.org/; s/pgdg main/pgdg-archive main/" /etc/apt/sources.list.d/pgdg.list && apt-get update && apt-get install -y --no-install-recommends gettext-base python3-venv postgresql-12-postgis-3 postgresql-12-postgis-3-scripts && python3 -m venv /opt/p && /opt/p/bin/pip install "patroni[etcd3,psycopg3]==3.3.2"
ENV PATH=/opt/p/bin:$PATH
COPY config/patroni.yml.tmpl /etc/patroni/patroni.yml.tmpl
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chmod 755 /usr/local/bin/entrypoint.sh && chown postgres /etc/patroni
USER postgres
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
`
	files["entrypoint.sh"] = `#!/bin/bash
set -e
export PATRONI_NODE
envsubst '${PATRONI_NODE}' < /etc/patroni/patroni.yml.tmpl > /etc/patroni/patroni.yml
exec patroni /etc/patroni/patroni.yml
`
	conf := b37Conf("${PATRONI_NODE}", b37GoodHBA)
	conf = strings.Replace(conf, "bootstrap:\n  dcs:\n    ttl: 30\n", "bootstrap:\n  dcs:\n    ttl: 30\n    postgresql:\n      parameters:\n        shared_preload_libraries: '"+preload+"'\n", 1)
	files["config/patroni.yml.tmpl"] = conf
	return mapOf(files)
}

// TestPreloadPostGISInTemplate: shared_preload_libraries naming postgis is
// said (there is no postgis.so: PostGIS's library is postgis-3, loaded by
// CREATE EXTENSION; the postmaster stops with could not access file
// "postgis"), also when the value is a literal of a template a start
// script renders, which is the same in every rendered config (batch 44
// kind 2). pg_stat_statements alone (contrib) is fine.
func TestPreloadPostGISInTemplate(t *testing.T) {
	got := lintMap(t, b44TemplateFS("pg_stat_statements,postgis"))
	if !printed(got, `config/patroni.yml.tmpl:16: shared_preload_libraries names postgis (its library is postgis-3, which needs no preloading): PostgreSQL refuses to start (FATAL: could not access file "postgis"`) {
		t.Errorf("postgis in a template's shared_preload_libraries not said: %v", got)
	}
	got = lintMap(t, b44TemplateFS("pg_stat_statements"))
	if findingWith(got, "shared_preload_libraries") {
		t.Errorf("a contrib preload library said: %v", got)
	}
	for _, f := range got {
		if !f.Note {
			t.Errorf("a finding on a working answer: %s", f)
		}
	}
}

// TestOverrideFilePortClash: docker compose up merges
// docker-compose.override.yml (compose.override.yaml ...) into the compose
// file of a default name unasked; a host port it publishes for one service
// that another service of the compose file publishes (haproxy's 5432) is
// said at the override (batch 44 kind 4: valeria_ibarra). Another host
// port, the same service's port, or an override beside a file docker
// compose does not pair it with (a -f name) is not.
func TestOverrideFilePortClash(t *testing.T) {
	with := func(name, base, ov string) []Finding {
		m := b37ShellFS(b37GoodHBA)
		files := map[string]string{}
		for k, v := range m {
			files[k] = string(v.Data)
		}
		files[base] = files["compose.yaml"]
		if base != "compose.yaml" {
			delete(files, "compose.yaml")
		}
		files[name] = ov
		return lintMap(t, mapOf(files))
	}
	clash := "services:\n  postgres1:\n    ports:\n      - \"5432:5432\"\n"
	got := with("docker-compose.override.yml", "docker-compose.yml", clash)
	if !printed(got, "docker-compose.override.yml:4: docker compose up reads docker-compose.override.yml with docker-compose.yml unasked, and here postgres1 publishes host port 5432, which haproxy publishes too (docker-compose.yml:") {
		t.Errorf("an override's host port that haproxy publishes too not said: %v", got)
	}
	got = with("compose.override.yaml", "compose.yaml", clash)
	if !printed(got, "compose.override.yaml:4: docker compose up reads compose.override.yaml with compose.yaml unasked") {
		t.Errorf("compose.override.yaml's clash not said: %v", got)
	}
	for _, ok := range []string{
		"services:\n  postgres1:\n    ports:\n      - \"5433:5432\"\n",
		"services:\n  haproxy:\n    ports:\n      - \"5432:5432\"\n",
	} {
		if got := with("docker-compose.override.yml", "docker-compose.yml", ok); findingWith(got, "unasked") {
			t.Errorf("no clash, but said: %v", got)
		}
	}
}

// b44EtcdHealthFS: b37ShellFS with the three etcd members on image, each
// with the healthcheck test given, and the two nodes waiting for them with
// condition: service_healthy when wait.
func b44EtcdHealthFS(image, test string, wait bool) fstest.MapFS {
	m := b37ShellFS(b37GoodHBA)
	c := string(m["compose.yaml"].Data)
	c = strings.ReplaceAll(c, "    image: quay.io/coreos/etcd:v3.5.15\n", "    image: "+image+"\n    healthcheck:\n      test: "+test+"\n      interval: 5s\n")
	if wait {
		for _, n := range []string{"postgres1", "postgres2"} {
			c = strings.Replace(c, "  "+n+":\n    build: .\n", "  "+n+":\n    build: .\n    depends_on:\n      etcd1: {condition: service_healthy}\n      etcd2: {condition: service_healthy}\n      etcd3: {condition: service_healthy}\n", 1)
		}
	}
	m["compose.yaml"] = &fstest.MapFile{Data: []byte(c)}
	return m
}

// TestShellHealthcheckOnDistrolessEtcd: etcd's images from v3.5.7 on are
// distroless (no /bin/sh): a CMD-SHELL or string healthcheck never passes,
// and nodes waiting for service_healthy never start (batch 44 kind 1:
// pilar_arrieta); said once for the three members. Without waiters a note.
// The exec form (CMD etcdctl) and an image with a shell (v3.5.6, busybox
// based) are fine.
func TestShellHealthcheckOnDistrolessEtcd(t *testing.T) {
	shell := `["CMD-SHELL", "etcdctl endpoint health || exit 1"]`
	got := lintMap(t, b44EtcdHealthFS("quay.io/coreos/etcd:v3.5.7", shell, true))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, "runs a shell (/bin/sh -c), but quay.io/coreos/etcd:v3.5.7 is distroless") {
			n++
			if f.Note || !strings.Contains(f.Problem, "postgres1 and postgres2 wait for them (depends_on: condition: service_healthy)") {
				t.Errorf("not a problem naming the waiters: %s", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("the shell healthcheck on distroless etcd said %d times, want once: %v", n, got)
	}
	got = lintMap(t, b44EtcdHealthFS("gcr.io/etcd-development/etcd:v3.6.4", `etcdctl endpoint health`, false))
	if !slices.ContainsFunc(got, func(f Finding) bool { return f.Note && strings.Contains(f.Problem, "is distroless") }) {
		t.Errorf("a string healthcheck on etcd v3.6 without waiters: no note: %v", got)
	}
	for _, ok := range []fstest.MapFS{
		b44EtcdHealthFS("quay.io/coreos/etcd:v3.5.7", `["CMD", "etcdctl", "endpoint", "health"]`, true),
		b44EtcdHealthFS("quay.io/coreos/etcd:v3.5.6", shell, true),
	} {
		if got := lintMap(t, ok); findingWith(got, "distroless") {
			t.Errorf("a healthcheck that runs said: %v", got)
		}
	}
}

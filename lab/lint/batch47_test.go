package lint

import (
	"strings"
	"testing"

	"testing/fstest"
)

// b47BuildArgFS: one Dockerfile built by both nodes with a build arg that
// picks the config the image COPYs (ARG NODE=1, COPY
// postgres${NODE}-conf/patroni.yml /etc/patroni/patroni.yml, args: NODE:
// "2" for postgres2; batch 47: alvaro_dominguez). hba1, hba2 are the two
// configs' pg_hba lines.
func b47BuildArgFS(hba1, hba2 string) fstest.MapFS {
	m := b37ShellFS(b37GoodHBA)
	c := string(m["compose.yaml"].Data)
	for _, n := range []string{"1", "2"} {
		c = strings.Replace(c, "    build: .\n    environment:\n      NODE_NAME: postgres"+n+"\n",
			"    build:\n      context: .\n      args:\n        NODE: \""+n+"\"\n", 1)
	}
	m["compose.yaml"] = &fstest.MapFile{Data: []byte(c)}
	df := string(m["Dockerfile"].Data)
	df = strings.Replace(df, "FROM postgres:12\n", "FROM postgres:12\nARG NODE=1\n", 1)
	df = strings.Replace(df, "COPY config/ /etc/patroni/\n", "COPY postgres${NODE}-conf/patroni.yml /etc/patroni/patroni.yml\n", 1)
	df = strings.Replace(df, `CMD ["sh", "-c", "exec patroni /etc/patroni/${NODE_NAME}.yml"]`, `CMD ["patroni", "/etc/patroni/patroni.yml"]`, 1)
	m["Dockerfile"] = &fstest.MapFile{Data: []byte(df)}
	delete(m, "config/postgres1.yml")
	delete(m, "config/postgres2.yml")
	m["postgres1-conf/patroni.yml"] = &fstest.MapFile{Data: []byte(b37Conf("postgres1", hba1))}
	m["postgres2-conf/patroni.yml"] = &fstest.MapFile{Data: []byte(b37Conf("postgres2", hba2))}
	return m
}

// TestCopySourceFromBuildArg: a COPY source naming a build arg is expanded
// as BuildKit does, with each service's own build args, so each node's
// config is checked as its own: postgres2's replication pg_hba line left at
// 127.0.0.1/32 is said at postgres2-conf, postgres1's good one is not
// (batch 47 kind 2: alvaro_dominguez, missed blind because neither config
// was found). With both configs good, nothing is said.
func TestCopySourceFromBuildArg(t *testing.T) {
	got := lintMap(t, b47BuildArgFS(b37GoodHBA, b37GoodHBA))
	for _, f := range got {
		if !f.Note {
			t.Errorf("a finding on a working answer: %s", f)
		}
	}
	loop := "  - local all all trust\n  - host replication replicator 127.0.0.1/32 md5\n  - host all all 0.0.0.0/0 md5\n"
	got = lintMap(t, b47BuildArgFS(b37GoodHBA, loop))
	said := false
	for _, f := range got {
		if strings.Contains(f.Problem, "allows replication from 127.0.0.1/32 only") {
			if f.File != "postgres2-conf/patroni.yml" {
				t.Errorf("loopback replication said at %s, not at postgres2-conf/patroni.yml: %s", f.File, f)
			}
			said = true
		}
	}
	if !said {
		t.Errorf("postgres2's loopback-only replication line not said: %v", got)
	}
}

// TestVenvNotOnPath: Patroni installed only with a virtualenv's pip
// (python3 -m venv /opt/p; /opt/p/bin/pip install patroni) whose bin is not
// on PATH, and the image runs bare patroni: exec: patroni: not found, no
// node starts (batch 47 kind 1: evgenia_morozova, missed blind). Said once,
// at the pip line, naming both services. Silent with ENV PATH, with a link
// into /usr/local/bin, with the program named by its path, or with a
// system pip.
func TestVenvNotOnPath(t *testing.T) {
	const env = "ENV PATH=/opt/p/bin:$PATH\n"
	edit := func(old, new string) fstest.MapFS {
		m := b47BuildArgFS(b37GoodHBA, b37GoodHBA)
		df := strings.Replace(string(m["Dockerfile"].Data), env, "", 1)
		if old != "" {
			df = strings.Replace(df, old, new, 1)
		}
		m["Dockerfile"] = &fstest.MapFile{Data: []byte(df)}
		return m
	}
	const want = "postgres1 and postgres2 run patroni by name, but Dockerfile installs Patroni only in the virtualenv /opt/p, whose bin directory is not on PATH"
	got := lintMap(t, edit("", ""))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, want) {
			n++
			if f.File != "Dockerfile" || f.Line != 3 {
				t.Errorf("said at %s:%d, not at the pip line Dockerfile:3", f.File, f.Line)
			}
		}
	}
	if n != 1 {
		t.Errorf("venv not on PATH said %d times, want once: %v", n, got)
	}
	for name, m := range map[string]fstest.MapFS{
		"ENV PATH": b47BuildArgFS(b37GoodHBA, b37GoodHBA),
		"a link":   edit(`"patroni[etcd3,psycopg3]==3.3.2"`, `"patroni[etcd3,psycopg3]==3.3.2" && ln -s /opt/p/bin/patroni /usr/local/bin/patroni`),
		"a path":   edit(`CMD ["patroni", "/etc/patroni/patroni.yml"]`, `CMD ["/opt/p/bin/patroni", "/etc/patroni/patroni.yml"]`),
		"system pip": edit(`/opt/p/bin/pip install "patroni[etcd3,psycopg3]==3.3.2"`,
			`pip3 install --break-system-packages "patroni[etcd3,psycopg3]==3.3.2"`),
	} {
		if got := lintMap(t, m); findingWith(got, "whose bin directory is not on PATH") {
			t.Errorf("%s: said although patroni is found: %v", name, got)
		}
	}
}

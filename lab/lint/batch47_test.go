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

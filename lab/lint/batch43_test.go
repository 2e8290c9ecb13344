package lint

import (
	"strings"
	"testing"
)

// b43ExtendsFS: b37's stack with both nodes defined by extends: of a base
// service patroni-node (build: ., the command that starts Patroni), in the
// file common, and an image
// whose own CMD does not start Patroni (batch 43: matias_quiroga).
func b43ExtendsFS(common, hba string) map[string]string {
	m := b37ShellFS(hba)
	files := map[string]string{}
	for k, v := range m {
		files[k] = string(v.Data)
	}
	c := files["compose.yaml"]
	ref := "      file: " + common + "\n      service: patroni-node\n"
	for _, n := range []string{"postgres1", "postgres2"} {
		c = strings.Replace(c, "  "+n+":\n    build: .\n", "  "+n+":\n    extends:\n"+ref, 1)
	}
	base := "services:\n  patroni-node:\n    build: .\n    command: [\"sh\", \"-c\", \"exec patroni /etc/patroni/$${NODE_NAME}.yml\"]\n    environment:\n      PGTZ: UTC\n"
	files[common] = base
	files["compose.yaml"] = c
	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "CMD [\"sh\", \"-c\", \"exec patroni /etc/patroni/${NODE_NAME}.yml\"]\n", "", 1)
	return files
}

// TestExtendsResolved: a service's extends: of another file's service is
// resolved as docker compose does: the base's
// command, build and environment become the service's, the local ones kept
// (batch 43 kind F1). The nodes then start Patroni: not "the image does not
// start Patroni", their servers are PostgreSQL nodes, and the extended file
// is no part of a split stack (its services are not the project's). The
// nodes' configs are still checked: a pg_hba with no replication line is said.
func TestExtendsResolved(t *testing.T) {
	for _, common := range []string{"common-services.yaml"} {
		got := lintMap(t, mapOf(b43ExtendsFS(common, b37GoodHBA)))
		for _, f := range got {
			if !f.Note || strings.Contains(f.Problem, "split over several compose files") {
				t.Errorf("extends file %q: said on a working answer: %s", common, f)
			}
		}
		bad := "  - local all all trust\n  - host all all 0.0.0.0/0 md5\n"
		got = lintMap(t, mapOf(b43ExtendsFS(common, bad)))
		if !findingWith(got, "replication") {
			t.Errorf("extends file %q: the nodes' pg_hba without a replication line not said: %v", common, got)
		}
		for _, no := range []string{"does not start Patroni", "not PostgreSQL nodes"} {
			if findingWith(got, no) {
				t.Errorf("extends file %q: %q said although the base service's command starts Patroni: %v", common, no, got)
			}
		}
	}
}

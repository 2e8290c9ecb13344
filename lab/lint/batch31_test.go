package lint

import (
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

package labdir

import "testing"

// A hint names the lab unless pglab would pick it anyway.
func TestHintNamesTheLab(t *testing.T) {
	t.Setenv("PGLAB_NAME", "")
	if got := Hint("t", "down"); got != "pglab --name t down" {
		t.Errorf("named lab: %q", got)
	}
	if got := Hint(DefaultName, "psql", "--via", "haproxy"); got != "pglab psql --via haproxy" {
		t.Errorf("default lab: %q", got)
	}
	t.Setenv("PGLAB_NAME", "other")
	if got := Hint(DefaultName, "down"); got != "pglab --name pglab down" {
		t.Errorf("default lab with PGLAB_NAME=other: %q", got)
	}
}

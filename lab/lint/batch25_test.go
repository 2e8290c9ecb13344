package lint

import "testing"

// TestSupervisorIncludedProgram: ENTRYPOINT supervisord, whose
// supervisord.conf has no [program:] of its own but [include] files =
// /etc/supervisor/conf.d/*.conf, where the Dockerfile COPYs patroni.conf
// ([program:patroni] command = patroni patroni.yaml): Patroni starts, so no
// "not Patroni" (and the named volume over /var/lib/postgresql is filled
// with the image's patroni.yaml, not empty). A program file that runs
// something else still leaves Patroni unstarted (batch 25: apetrunev-test,
// kind 1).
func TestSupervisorIncludedProgram(t *testing.T) {
	m := realFS(t, "apetrunev-test")
	got := lintMap(t, m)
	for _, bad := range []string{"not Patroni: Patroni never starts", "it starts empty, so Patroni finds no config"} {
		if findingWith(got, bad) {
			t.Errorf("%q with a supervisord program that runs Patroni: %v", bad, got)
		}
	}
	variantOf(t, m, []edit{{file: "patroni.conf", old: "command = patroni patroni.yaml", new: "command = sleep infinity"}})
	if got := lintMap(t, m); !findingWith(got, "the container runs supervisord, not Patroni: Patroni never starts") {
		t.Errorf("a supervisord without a Patroni program not reported: %v", got)
	}
}

// TestRelativeDataDirWorkingDir: data_dir test.postgres, relative, with
// Patroni run by a supervisord program whose directory= is
// /var/lib/postgresql, the named volume's mount point: the data is inside
// the volume, no finding. With directory=/tmp it is outside (batch 25:
// apetrunev-test, kind 2).
func TestRelativeDataDirWorkingDir(t *testing.T) {
	m := realFS(t, "apetrunev-test")
	if got := lintMap(t, m); findingWith(got, "is relative") {
		t.Errorf("a relative data_dir inside the volume reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "patroni.conf", old: "directory = /var/lib/postgresql", new: "directory = /tmp"}})
	if got := lintMap(t, m); !findingWith(got, "postgresql.data_dir test.postgres is relative") {
		t.Errorf("a relative data_dir outside the volume not reported: %v", got)
	}
}

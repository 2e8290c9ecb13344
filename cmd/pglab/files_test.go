package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
)

func TestInitThenLintIsClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "answer")
	if out, err := exec.Command(e2etest.Binary(t), "init", dir).CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	out, err := exec.Command(e2etest.Binary(t), "lint", dir).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "no problems found") {
		t.Fatalf("lint of a fresh init: %v\n%s", err, out)
	}
	out, err = exec.Command(e2etest.Binary(t), "init", dir).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "--force") {
		t.Fatalf("second init without --force: %v\n%s", err, out)
	}
}

func TestLintOfTheOriginalExercise(t *testing.T) {
	out, err := exec.Command(e2etest.Binary(t), "lint", "../../lab/lint/testdata/original").CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("lint of the original files: exit %v, want 1\n%s", err, out)
	}
	for _, want := range []string{
		"postgres1-conf/patroni.yml:9: etcd: uses the v2 API",
		"postgres2-conf/patroni.yml:34: postgresql.connect_address 127.0.0.1:5432 is loopback",
		"Dockerfile:13: Patroni runs as root",
		"docker-compose.yaml:3: no HAProxy service",
		"Dockerfile:1: no PostGIS 3",
		"unquoted version spec psycopg>=3.0.0",
		"22 problems",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
}

func TestFilesListsAndShows(t *testing.T) {
	out, err := exec.Command(e2etest.Binary(t), "files").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "haproxy/haproxy.cfg") {
		t.Fatalf("files: %v\n%s", err, out)
	}
	out, err = exec.Command(e2etest.Binary(t), "files", "haproxy/haproxy.cfg").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "option httpchk GET /primary") {
		t.Fatalf("files haproxy/haproxy.cfg: %v\n%s", err, out)
	}
	out, err = exec.Command(e2etest.Binary(t), "files", "nope.txt").CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "pglab files") {
		t.Fatalf("files nope.txt: %v\n%s", err, out)
	}
}

// The student's own tool must accept the compose file pglab writes.
func TestDockerComposeConfigAcceptsInit(t *testing.T) {
	bin, err := exec.LookPath("docker-compose")
	if err != nil {
		t.Skip("docker-compose not installed")
	}
	dir := filepath.Join(t.TempDir(), "answer")
	if out, err := exec.Command(e2etest.Binary(t), "init", dir).CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "config", "-q")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("docker-compose config: %v\n%s", err, out)
	}
	// Without the generated .env it must refuse, naming the fix.
	cmd = exec.Command(bin, "config", "-q")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin"}
	if err := exec.Command("rm", filepath.Join(dir, ".env")).Run(); err != nil {
		t.Fatal(err)
	}
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "pglab init") {
		t.Fatalf("docker-compose config without .env: %v\n%s", err, out)
	}
}

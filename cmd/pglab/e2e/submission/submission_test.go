// Package submission holds the end-to-end test of the operations test's
// deliverable: a docker run of a candidate's folder, its zip, and that zip
// started as the person grading it would, with no pglab.
package submission

import (
	"archive/zip"
	"bufio"
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
	"github.com/pglab/pglab/lab/wait"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

// run all on the docker runtime from a candidate's folder → submission
// --from that folder → unzip into a fresh folder → docker-compose config
// -q → docker-compose up -d with the local images → a write and a read
// through the balancer → down, nothing left.
func TestSubmissionStartsAsHandedIn(t *testing.T) {
	e2etest.NeedStack(t)
	e2etest.NeedDocker(t)
	if _, err := exec.LookPath("docker-compose"); err != nil {
		t.Skip("no docker-compose")
	}
	e := e2etest.NewEnv(t, "subzip")
	answer := filepath.Join(t.TempDir(), "answer")
	e.Must("init", answer)
	// What a candidate's folder also holds: version control, not handed in.
	if err := os.MkdirAll(filepath.Join(answer, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(answer, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	results := t.TempDir()
	if out, err := e.Run("run", "scenario", "all", "--runtime", "docker", "--from", answer, "--lang", "es", "--out", results); err != nil {
		t.Fatalf("run scenario all --runtime docker --from: %v\n%s", err, out)
	}
	e2etest.NothingLeftInEngine(t, e.Name)
	transcript := filepath.Join(results, e.Name+"-transcript.json")
	report, err := os.ReadFile(filepath.Join(results, e.Name+"-report.es.md"))
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(strings.SplitN(string(report), "\n", 8)[:7], "\n")
	if !strings.Contains(head, "Ficheros del ejercicio: el directorio `"+answer+"`") {
		t.Errorf("the report's first lines do not name the directory it ran:\n%s", head)
	}
	if !strings.Contains(string(report), "$ psql -h localhost -p ") {
		t.Errorf("the balancer is not reached as psql -h localhost")
	}

	zipPath := filepath.Join(t.TempDir(), "answer.zip")
	out := e.Must("submission", "--transcript", transcript, "--from", answer, "-o", zipPath)
	t.Logf("pglab submission:\n%s", out)

	// The folder changed after the run: refused, naming the run to redo.
	if err := os.WriteFile(filepath.Join(answer, "notes.txt"), []byte("late edit\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if o, err := e.Run("submission", "--transcript", transcript, "--from", answer, "-o", zipPath+".2"); err == nil ||
		!strings.Contains(o, "new: notes.txt") || !strings.Contains(o, "`pglab run scenario all --runtime docker --from "+answer+"`") {
		t.Errorf("a changed folder was not refused: %v\n%s", err, o)
	}

	unzipped := filepath.Join(t.TempDir(), "graded")
	names := unzip(t, zipPath, unzipped)
	want := ".env DOCUMENTACION.md Dockerfile docker-compose.yaml haproxy/haproxy.cfg postgres1-conf/patroni.yml postgres2-conf/patroni.yml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("the zip holds %s, want %s", got, want)
	}
	doc, _ := os.ReadFile(filepath.Join(unzipped, "DOCUMENTACION.md"))
	if first := strings.Join(strings.SplitN(string(doc), "\n", 6)[:5], "\n"); !strings.Contains(first, "`docker compose up -d`") {
		t.Errorf("the document's first lines do not say how to start it:\n%s", first)
	}

	// Started as the grader would: docker-compose in the folder, nothing
	// of pglab. This machine cannot pull, so the compose file's image
	// variables choose the local images; ports are any free ones (5432
	// may be taken here).
	ports := freePorts(t, 2)
	project := "pglab-test-subzip"
	env := append(os.Environ(), "COMPOSE_PROJECT_NAME="+project,
		"HAPROXY_PORT="+strconv.Itoa(ports[0]), "HAPROXY_STATS_PORT="+strconv.Itoa(ports[1]))
	imgs, err := exec.Command(e2etest.Binary(t), "images", "env").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(imgs)), "\n") {
		env = append(env, strings.TrimPrefix(l, "export "))
	}
	compose := func(ctx context.Context, args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "docker-compose", args...)
		cmd.Dir, cmd.Env = unzipped, env
		b, err := cmd.CombinedOutput()
		return string(b), err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if o, err := compose(ctx, "config", "-q"); err != nil {
		t.Fatalf("docker-compose config -q in the unzipped folder: %v\n%s", err, o)
	}
	t.Cleanup(func() {
		if o, err := compose(context.Background(), "down", "-v", "--remove-orphans"); err != nil {
			t.Errorf("docker-compose down -v: %v\n%s", err, o)
		}
		if left, _ := exec.Command("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project="+project).Output(); len(strings.TrimSpace(string(left))) > 0 {
			t.Errorf("containers of %s left after down: %s", project, left)
		}
		if left, _ := exec.Command("docker", "volume", "ls", "-q", "--filter", "label=com.docker.compose.project="+project).Output(); len(strings.TrimSpace(string(left))) > 0 {
			t.Errorf("volumes of %s left after down: %s", project, left)
		}
	})
	if o, err := compose(ctx, "up", "-d"); err != nil {
		t.Fatalf("docker-compose up -d in the unzipped folder: %v\n%s", err, o)
	}
	password := envValue(t, filepath.Join(unzipped, ".env"), "PATRONI_SUPERUSER_PASSWORD")
	psql := func(ctx context.Context, sql string) (string, error) {
		cmd := exec.CommandContext(ctx, "psql", "-h", "localhost", "-p", strconv.Itoa(ports[0]), "-U", "postgres", "-d", "postgres", "-Atc", sql)
		cmd.Env = append(os.Environ(), "PGPASSWORD="+password, "PGCONNECT_TIMEOUT=3")
		b, err := cmd.CombinedOutput()
		return strings.TrimSpace(string(b)), err
	}
	err = wait.Until(ctx, "a write through the unzipped stack's HAProxy", 4*time.Minute, func(ctx context.Context) (bool, string) {
		o, err := psql(ctx, "create table if not exists graded(v text); insert into graded values ('handed in') returning v")
		return err == nil && strings.Contains(o, "handed in"), o
	})
	if err != nil {
		ps, _ := compose(ctx, "ps")
		t.Fatalf("%v\n%s", err, ps)
	}
	if o, err := psql(ctx, "select v, pg_is_in_recovery() from graded"); err != nil || o != "handed in|f" {
		t.Fatalf("read back through HAProxy: %v %q", err, o)
	}
}

func unzip(t *testing.T, zipPath, dir string) []string {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, f.Mode().Perm())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
		r.Close()
		w.Close()
	}
	return names
}

func envValue(t *testing.T, path, key string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key+"="); ok {
			return v
		}
	}
	t.Fatalf("%s has no %s", path, key)
	return ""
}

func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var out []int
	for range n {
		// Held until all are picked, so none is handed out twice.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	return out
}

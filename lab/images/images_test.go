package images

import (
	"archive/tar"
	"bytes"
	"context"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/client"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/progress"
)

func TestSourceHashFollowsDockerfileAndArgs(t *testing.T) {
	a, err := PostgresSpec(exercise.Etcd, "x", map[string]string{"PG_MAJOR": "17"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PostgresSpec(exercise.Etcd, "x", map[string]string{"PG_MAJOR": "17"})
	if a.source() != b.source() {
		t.Fatal("the same context hashes differently")
	}
	b.Args["PG_MAJOR"] = "15"
	if a.source() == b.source() {
		t.Fatal("another PG_MAJOR hashes the same: the image would not be rebuilt")
	}
	c, _ := PostgresSpec(exercise.Etcd, "x", map[string]string{"PG_MAJOR": "17"})
	c.Files["Dockerfile"] = append(c.Files["Dockerfile"], '\n')
	if a.source() == c.source() {
		t.Fatal("an edited Dockerfile hashes the same")
	}
}

func TestEnvCoversTheComposeVariables(t *testing.T) {
	for _, p := range exercise.Profiles {
		compose, err := fs.ReadFile(pglab.Files, p.Compose)
		if err != nil {
			t.Fatal(err)
		}
		names := EnvNames(p.Name)
		for _, k := range names {
			if !bytes.Contains(compose, []byte("${"+k+":-")) {
				t.Errorf("profile %s: %s does not read %s", p.Name, p.Compose, k)
			}
		}
		// Every image the file names through a variable has a local one.
		for _, m := range regexp.MustCompile(`image: \$\{([A-Z_]+):-`).FindAllSubmatch(compose, -1) {
			if !slices.Contains(names, string(m[1])) {
				t.Errorf("profile %s: %s reads %s, which Env leaves unset", p.Name, p.Compose, m[1])
			}
		}
	}
}

func TestTailLinesKeepsTheEnd(t *testing.T) {
	tl := &tailLines{n: 2}
	tl.add("one\ntwo\n")
	tl.add("thr")
	tl.add("ee\nfour")
	if got := tl.String(); got != "   | three\n   | four" {
		t.Fatalf("tail = %q", got)
	}
}

func TestRootfsTarballNameFollowsItsFiles(t *testing.T) {
	a, b := RootfsTarball("/c", Mirror), RootfsTarball("/c", "http://mirror.example/debian")
	if a == b || filepath.Dir(a) != "/c" || !strings.HasPrefix(filepath.Base(a), "debian-"+Suite+"-minbase-") {
		t.Fatalf("tarballs %s, %s", a, b)
	}
}

// run starts a throwaway container and returns its output and exit code.
func run(t *testing.T, cli *client.Client, image string, mounts []mount.Mount, cmd ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := cli.ContainerCreate(ctx, client.ContainerCreateOptions{
		Config:     &container.Config{Image: image, Cmd: cmd, Labels: map[string]string{"io.pglab.test": t.Name()}},
		HostConfig: &container.HostConfig{Mounts: mounts},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.ContainerRemove(context.Background(), res.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
	waitRes := cli.ContainerWait(ctx, res.ID, client.ContainerWaitOptions{Condition: container.WaitConditionNextExit})
	if _, err := cli.ContainerStart(ctx, res.ID, client.ContainerStartOptions{}); err != nil {
		t.Fatal(err)
	}
	var code int
	select {
	case r := <-waitRes.Result:
		code = int(r.StatusCode)
	case err := <-waitRes.Error:
		t.Fatal(err)
	}
	logs, err := cli.ContainerLogs(ctx, res.ID, client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true})
	if err != nil {
		t.Fatal(err)
	}
	defer logs.Close()
	var out bytes.Buffer
	stdcopy.StdCopy(&out, &out, logs)
	return out.String(), code
}

// The local images build (or exist) and are what the compose file expects
// of the images they stand in for.
func TestLocalImages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds images: skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	cli, err := Connect(ctx)
	if err != nil {
		t.Skipf("no Docker engine: %v", err)
	}
	defer cli.Close()
	var log bytes.Buffer
	start := time.Now()
	res, err := BuildAll(ctx, cli, Options{}, progress.New(&log))
	t.Logf("%s", log.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		t.Logf("%-28s %5d MB built=%v %s", r.Ref, r.Size>>20, r.Built, r.Duration.Round(time.Second))
	}
	t.Logf("images ready after %s", time.Since(start).Round(time.Second))
	if missing, err := Missing(ctx, cli); err != nil || len(missing) > 0 {
		t.Fatalf("missing after build: %v %v", missing, err)
	}
	// A second build is a no-op.
	res, err = BuildAll(ctx, cli, Options{}, progress.Discard())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Built {
			t.Errorf("%s rebuilt although it exists", r.Ref)
		}
	}

	// The compose healthcheck runs etcdctl; the command is `etcd ...`.
	if out, code := run(t, cli, Etcd, nil, "sh", "-c", "etcd --version && etcdctl version"); code != 0 || !strings.Contains(out, "etcd Version: 3.5") {
		t.Errorf("etcd image: exit %d\n%s", code, out)
	}
	// HAProxy reads the exercise's config where the compose file mounts it.
	dir := t.TempDir()
	if _, err := exercise.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	cfg := []mount.Mount{{Type: mount.TypeBind, Source: filepath.Join(dir, "haproxy", "haproxy.cfg"), Target: "/usr/local/etc/haproxy/haproxy.cfg", ReadOnly: true}}
	if out, code := run(t, cli, HAProxy, cfg, "haproxy", "-c", "-f", "/usr/local/etc/haproxy/haproxy.cfg"); code != 0 {
		t.Errorf("haproxy -c of the exercise's haproxy.cfg: exit %d\n%s", code, out)
	}
	// The Patroni image runs as postgres, with PostgreSQL 17 and PostGIS 3 installed.
	out, code := run(t, cli, Postgres, nil, "sh", "-c", "id -un && patroni --version && postgres --version && ls /usr/share/postgresql/17/extension/postgis.control")
	if code != 0 || !strings.HasPrefix(out, "postgres\n") || !strings.Contains(out, "PostgreSQL) 17") {
		t.Errorf("postgres image: exit %d\n%s", code, out)
	}
	t.Logf("postgres image:\n%s", out)
	// The HA lab's image has Patroni with its ZooKeeper client and both
	// configs where the compose file's commands name them.
	out, code = run(t, cli, LabPostgres, nil, "sh", "-c", "id -un && python3 -c 'import kazoo' && grep -h '^name:' /postgres0.yml /postgres1.yml")
	if code != 0 || out != "postgres\nname: postgresql0\nname: postgresql1\n" {
		t.Errorf("lab postgres image: exit %d\n%s", code, out)
	}
	// ZooKeeper's image runs as zookeeper with a config that allows srvr.
	out, code = run(t, cli, ZooKeeper, nil, "sh", "-c", "id -un && grep -c srvr /etc/zookeeper/conf/zoo.cfg")
	if code != 0 || out != "zookeeper\n1\n" {
		t.Errorf("zookeeper image: exit %d\n%s", code, out)
	}
}

// A failed build says why with the build's last lines, not its whole output.
func TestBuildFailureShowsLastLines(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the engine: skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cli, err := Connect(ctx)
	if err != nil {
		t.Skipf("no Docker engine: %v", err)
	}
	defer cli.Close()
	if ok, _, _ := Inspect(ctx, cli, Base); !ok {
		t.Skipf("%s missing: run TestLocalImages or `pglab images build` first", Base)
	}
	err = Build(ctx, cli, BuildSpec{
		Ref:        "pglab-test/broken:" + strings.ToLower(t.Name()),
		Files:      map[string][]byte{"Dockerfile": []byte("FROM " + Base + "\nRUN for i in $(seq 1 100); do echo line $i; done; exit 3\n")},
		Dockerfile: "Dockerfile",
	}, progress.Discard())
	if err == nil {
		t.Fatal("a failing RUN built")
	}
	msg := err.Error()
	if !strings.Contains(msg, "line 100") || strings.Contains(msg, "line 50\n") || !strings.Contains(msg, "non-zero code: 3") {
		t.Fatalf("error does not end with the build's last lines:\n%s", msg)
	}
	t.Logf("%s", msg)
}

// COPY and ADD keep a file's mode: an executable start script must stay so
// in the build context.
func TestTarContextKeepsExecutables(t *testing.T) {
	buf, err := TarContext(map[string][]byte{"run.sh": []byte("#!/bin/sh\n"), "a.yml": []byte("x: 1\n")}, map[string]bool{"run.sh": true})
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(buf)
	modes := map[string]int64{}
	for {
		h, err := tr.Next()
		if err != nil {
			break
		}
		modes[h.Name] = h.Mode
	}
	if modes["run.sh"] != 0o755 || modes["a.yml"] != 0o644 {
		t.Errorf("modes = %v, want run.sh 0755 and a.yml 0644", modes)
	}
}

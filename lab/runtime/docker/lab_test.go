package docker

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/topology"
	"github.com/pglab/pglab/lab/wait"
)

// engine skips real-stack tests under -short and where no engine answers,
// and makes sure the local images exist (building them takes minutes the
// first time on a machine: `pglab images build` does it ahead).
func engine(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("real Docker stack: skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	cli, err := images.Connect(ctx)
	if err != nil {
		t.Skipf("no Docker engine: %v", err)
	}
	defer cli.Close()
	if _, err := images.BuildAll(ctx, cli, images.Options{}, progress.New(testWriter{t})); err != nil {
		t.Fatalf("local images: %v", err)
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// psql runs the host's psql against addr with the lab's superuser password.
func psql(ctx context.Context, c *Client, addr, sql string) (string, error) {
	host, port, _ := strings.Cut(addr, ":")
	cmd := exec.CommandContext(ctx, "psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
		"-h", host, "-p", port, "-U", "postgres", "-d", "postgres", "-c", sql)
	cmd.Env = append(os.Environ(), "PGPASSWORD="+c.State.Secrets.Superuser, "PGCONNECT_TIMEOUT=3")
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

func other(c *Client, node string) string {
	for _, n := range c.pgNodes() {
		if n != node {
			return n
		}
	}
	return ""
}

// The story on containers: boot, write through HAProxy, kill the
// leader's container, the replica takes over and HAProxy follows, the old
// leader rejoins, a partition is healed, and down leaves nothing behind.
func TestLifecycle(t *testing.T) {
	engine(t)
	if _, err := exec.LookPath("psql"); err != nil {
		t.Skip("no psql on the host")
	}
	t.Setenv("PGLAB_HOME", t.TempDir())
	const name = "d1"
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	t.Cleanup(func() { Down(context.Background(), name, false) })

	start := time.Now()
	lab, err := Start(ctx, Options{Name: name}, progress.New(testWriter{t}))
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	defer lab.Close()
	t.Logf("up to ready: %s", time.Since(start).Round(100*time.Millisecond))

	// A second invocation finds the lab by its state and labels.
	c, err := Connect(name)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := Start(ctx, Options{Name: name}, progress.Discard()); err == nil {
		t.Fatal("a second start of the same lab succeeded")
	}
	st, err := c.LabStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	leader, replica := "", ""
	for _, n := range st.Nodes {
		t.Logf("%-10s %-8s %-9s %-10s tl=%d lag=%s %s %s", n.Name, n.Kind, n.Role, n.State, n.Timeline, n.Lag, n.Address, n.Extra)
		if n.Kind == string(topology.Postgres) {
			switch {
			case n.Role == "leader":
				leader = n.Name
			case n.State == "streaming" || n.State == "running":
				replica = n.Name
			}
		}
	}
	if leader == "" || replica == "" {
		t.Fatalf("want one leader and one streaming replica, status: %+v", st.Nodes)
	}

	ha := c.Addr(ctx, "haproxy", topology.PortPostgres)
	if out, err := psql(ctx, c, ha, "CREATE TABLE t(v text); INSERT INTO t VALUES ('before'); SELECT inet_server_addr()"); err != nil {
		t.Fatalf("write through haproxy: %v\n%s", err, out)
	}
	replicaAddr := c.Addr(ctx, replica, topology.PortPostgres)
	if err := wait.Until(ctx, "the row on the replica", 30*time.Second, func(ctx context.Context) (bool, string) {
		out, err := psql(ctx, c, replicaAddr, "SELECT v FROM t")
		return err == nil && out == "before", out
	}); err != nil {
		t.Fatal(err)
	}
	out, _, err := c.Exec(ctx, leader, "", "patronictl", "-c", "/etc/patroni/patroni.yml", "list")
	if err != nil || !strings.Contains(out, "Leader") {
		t.Fatalf("patronictl list: %v\n%s", err, out)
	}
	t.Logf("patronictl list:\n%s", out)

	// Kill the leader's container: the leader key expires (ttl 30) and the replica is promoted.
	killed := time.Now()
	if _, err := c.Do(ctx, leader, Kill); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitLeader(ctx, 90*time.Second, replica); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitRoute(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	t.Logf("failover after kill: %s", time.Since(killed).Round(100*time.Millisecond))
	if out, err := psql(ctx, c, ha, "INSERT INTO t VALUES ('after'); SELECT count(*) FROM t"); err != nil || out != "2" {
		t.Fatalf("write through haproxy after failover: %v\n%s", err, out)
	}
	if st, _ := c.LabStatus(ctx); st.Nodes != nil {
		for _, n := range st.Nodes {
			if n.Name == leader && n.State != "killed" {
				t.Errorf("%s state %q after kill, want killed", leader, n.State)
			}
		}
	}

	// The old leader rejoins as a replica (pg_rewind).
	if _, err := c.Do(ctx, leader, Begin); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitStreaming(ctx, 2*time.Minute, 1); err != nil {
		t.Fatal(err)
	}
	if l := c.Leader(ctx); l != replica {
		t.Fatalf("leader after rejoin = %q, want %s", l, replica)
	}

	// Partition the replica off the network, then heal it.
	if _, err := c.Do(ctx, leader, Partition); err != nil {
		t.Fatal(err)
	}
	if st, _ := c.LabStatus(ctx); st.Nodes != nil {
		for _, n := range st.Nodes {
			if n.Name == leader && n.State != "partitioned" {
				t.Errorf("%s state %q, want partitioned", leader, n.State)
			}
		}
	}
	if _, err := c.Do(ctx, leader, Heal); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitStreaming(ctx, 2*time.Minute, 1); err != nil {
		t.Fatal(err)
	}

	var logs bytes.Buffer
	if err := c.Logs(ctx, leader, false, 5, &logs); err != nil || logs.Len() == 0 {
		t.Errorf("logs: %v (%d bytes)", err, logs.Len())
	}

	if err := c.Down(ctx, false); err != nil {
		t.Fatal(err)
	}
	if ok, err := Exists(ctx, name); err != nil || ok {
		t.Fatalf("after down: exists=%v err=%v", ok, err)
	}
	if _, err := os.Stat(labdir.Dir(name)); !os.IsNotExist(err) {
		t.Fatalf("lab directory still there: %v", err)
	}
}

// A failed start (here: ctx cancelled while waiting for etcd) removes
// everything it created.
func TestStartRollsBack(t *testing.T) {
	engine(t)
	t.Setenv("PGLAB_HOME", t.TempDir())
	const name = "d3"
	t.Cleanup(func() { Down(context.Background(), name, false) })
	old := HealthyTimeout
	HealthyTimeout = time.Second
	defer func() { HealthyTimeout = old }()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	_, err := Start(ctx, Options{Name: name}, progress.New(testWriter{t}))
	if err == nil {
		t.Fatal("start succeeded with a 1s health deadline")
	}
	t.Logf("start failed as expected: %v", err)
	if ok, err := Exists(ctx, name); err != nil || ok {
		t.Fatalf("after a failed start: exists=%v err=%v", ok, err)
	}
	if _, err := os.Stat(labdir.Dir(name)); !os.IsNotExist(err) {
		t.Fatalf("lab directory still there: %v", err)
	}
}

// The student's workflow: `pglab init` then plain `docker-compose up -d`
// with the local images selected through the compose file's variables.
func TestComposeUpFromInitDir(t *testing.T) {
	engine(t)
	if _, err := exec.LookPath("docker-compose"); err != nil {
		t.Skip("no docker-compose")
	}
	dir := t.TempDir()
	// What `pglab init DIR` writes.
	if _, err := exercise.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	ports, err := freePorts(2)
	if err != nil {
		t.Fatal(err)
	}
	env := os.Environ()
	for k, v := range images.Env("") {
		env = append(env, k+"="+v)
	}
	project := "pglab-test-d2"
	env = append(env, "COMPOSE_PROJECT_NAME="+project,
		"HAPROXY_PORT="+strconv.Itoa(ports[0]), "HAPROXY_STATS_PORT="+strconv.Itoa(ports[1]))
	compose := func(ctx context.Context, args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "docker-compose", args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	t.Cleanup(func() {
		if out, err := compose(context.Background(), "down", "-v", "--remove-orphans"); err != nil {
			t.Errorf("docker-compose down -v: %v\n%s", err, out)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if out, err := compose(ctx, "up", "-d"); err != nil {
		t.Fatalf("docker-compose up -d: %v\n%s", err, out)
	}
	envFile, err := readEnvFile(dir + "/.env")
	if err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", ports[0])
	c := &Client{State: &labdir.State{}}
	c.State.Secrets = secretsOf(envFile)
	if err := wait.Until(ctx, "a write through HAProxy", 3*time.Minute, func(ctx context.Context) (bool, string) {
		out, err := psql(ctx, c, addr, "CREATE TABLE IF NOT EXISTS t(v int); INSERT INTO t VALUES (1); SELECT pg_is_in_recovery()")
		return err == nil && out == "f", out
	}); err != nil {
		ps, _ := compose(ctx, "ps")
		t.Fatalf("%v\n%s", err, ps)
	}
	out, err := compose(ctx, "exec", "-T", "postgres1", "patronictl", "-c", "/etc/patroni/patroni.yml", "list")
	if err != nil || !strings.Contains(out, "Leader") {
		t.Fatalf("docker-compose exec patronictl list: %v\n%s", err, out)
	}
	t.Logf("patronictl list:\n%s", out)
}

func freePorts(n int) ([]int, error) {
	var out []int
	for range n {
		// Hold every port until all are picked, so none is handed out twice.
		l, err := net.Listen("tcp", Loopback+":0")
		if err != nil {
			return nil, err
		}
		defer l.Close()
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	return out, nil
}

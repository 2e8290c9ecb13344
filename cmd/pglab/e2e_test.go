package main

// End-to-end tests of the embedded runtime: they build the pglab binary and
// drive it as a user does, against real etcd, Patroni, PostgreSQL and
// HAProxy. They skip under -short and when the host lacks the programs
// (scripts/deps.sh installs them).

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime/embedded"
	"github.com/pglab/pglab/lab/wait"
)

var pglabBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pglab-bin-")
	if err != nil {
		panic(err)
	}
	pglabBin = filepath.Join(dir, "pglab")
	if out, err := exec.Command("go", "build", "-o", pglabBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build pglab: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// labEnv is one isolated lab home for a test.
type labEnv struct {
	t    testing.TB
	home string
	name string
}

func needStack(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("real-stack test: skipped under -short")
	}
	if os.Geteuid() != 0 {
		// Not root: PostgreSQL runs as this user; nothing else changes.
		t.Log("running as a non-root user")
	}
	for _, f := range []func() (hostbin.Program, error){hostbin.Patroni, hostbin.HAProxy, hostbin.Psql} {
		if _, err := f(); err != nil {
			t.Skipf("%v (scripts/deps.sh installs it)", err)
		}
	}
	if _, err := hostbin.FindPostgres(""); err != nil {
		t.Skip(err)
	}
}

// needZooKeeper skips a test of the HA lab's profile when the host lacks
// ZooKeeper or Patroni's client for it.
func needZooKeeper(t *testing.T) {
	t.Helper()
	for _, f := range []func() (hostbin.Program, error){hostbin.ZooKeeper, hostbin.Kazoo} {
		if _, err := f(); err != nil {
			t.Skipf("%v (scripts/deps.sh installs it)", err)
		}
	}
}

// newLabEnv makes a PGLAB_HOME that PostgreSQL's user can reach (t.TempDir's
// parents are private) and downs the lab at the end, checking that nothing
// of it is left running.
func newLabEnv(t testing.TB, name string) *labEnv {
	t.Helper()
	home, err := os.MkdirTemp("/tmp", "pglab-test-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(home, 0o755); err != nil {
		t.Fatal(err)
	}
	e := &labEnv{t: t, home: home, name: name}
	t.Cleanup(func() {
		dir := filepath.Join(home, name)
		if _, err := os.Stat(filepath.Join(dir, "state.json")); err == nil {
			out, err := e.run("down")
			t.Logf("cleanup down: %v %s", err, out)
		}
		if left := embedded.Leftovers(dir); len(left) > 0 {
			t.Errorf("processes left running from %s: %v", dir, left)
			for _, pid := range left {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		os.RemoveAll(home)
	})
	return e
}

func (e *labEnv) command(args ...string) *exec.Cmd {
	cmd := exec.Command(pglabBin, append([]string{"--name", e.name}, args...)...)
	cmd.Env = append(os.Environ(), "PGLAB_HOME="+e.home)
	return cmd
}

func (e *labEnv) run(args ...string) (string, error) {
	out, err := e.command(args...).CombinedOutput()
	return string(out), err
}

func (e *labEnv) must(args ...string) string {
	e.t.Helper()
	out, err := e.run(args...)
	if err != nil {
		e.t.Fatalf("pglab %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (e *labEnv) status() embedded.LabStatus {
	e.t.Helper()
	var ls embedded.LabStatus
	out := e.must("status", "--json")
	if err := json.Unmarshal([]byte(out), &ls); err != nil {
		e.t.Fatalf("status --json: %v\n%s", err, out)
	}
	return ls
}

// roles returns the running PostgreSQL nodes by Patroni role.
func roles(ls embedded.LabStatus) (leaders, replicas []string) {
	for _, n := range ls.Nodes {
		if n.Kind != "postgres" || !strings.HasPrefix(n.State, "running") && n.State != "streaming" {
			continue
		}
		switch n.Role {
		case "leader":
			leaders = append(leaders, n.Name)
		case "replica", "sync_standby":
			replicas = append(replicas, n.Name)
		}
	}
	return
}

// sql runs one statement with psql on a node or "haproxy"; unaligned, no headers.
func (e *labEnv) sql(target, stmt string) (string, error) {
	out, err := e.run("psql", target, "-c", stmt, "--", "-At", "-v", "ON_ERROR_STOP=1")
	return strings.TrimSpace(out), err
}

func (e *labEnv) waitFor(what string, timeout time.Duration, check func() (bool, string)) {
	e.t.Helper()
	err := wait.Until(context.Background(), what, timeout, func(context.Context) (bool, string) { return check() })
	if err != nil {
		e.t.Fatal(err)
	}
}

func other(nodes []string, not string) string {
	for _, n := range nodes {
		if n != not {
			return n
		}
	}
	return ""
}

// TestEmbeddedLifecycle runs both exercises' stacks through the same story:
// up, replicate, kill the leader, fail over, rejoin, down.
func TestEmbeddedLifecycle(t *testing.T) {
	needStack(t)
	for _, profile := range []string{"etcd", "zookeeper"} {
		t.Run(profile, func(t *testing.T) {
			if profile == "zookeeper" {
				needZooKeeper(t)
			}
			lifecycle(t, profile)
		})
	}
}

func lifecycle(t *testing.T, profile string) {
	e := newLabEnv(t, "e2e-"+profile)
	e.must("up", "-d", "--timing", "fast", "--profile", profile)
	st, err := loadState(e)
	if err != nil {
		t.Fatal(err)
	}

	leaders, replicas := roles(e.status())
	if len(leaders) != 1 || len(replicas) != 1 {
		t.Fatalf("after up: leaders %v, replicas %v; want exactly one of each", leaders, replicas)
	}
	leader, replica := leaders[0], replicas[0]
	// Patroni starts PostgreSQL detached; the lab's process adopts the
	// postmaster, so that a stopped server is reaped at once instead of
	// lingering as a zombie that Patroni waits for (docs/failover.md).
	postmaster := postmasterPID(t, st.Dir, leader)
	if ppid := embedded.ParentPID(postmaster); ppid != st.PID {
		t.Errorf("%s's postmaster (pid %d) has parent %d, want the lab's process %d", leader, postmaster, ppid, st.PID)
	}
	if out, err := e.sql(leader, "select application_name, state from pg_stat_replication"); err != nil || out != patroniName(t, profile, replica)+"|streaming" {
		t.Fatalf("pg_stat_replication on %s = %q (%v), want %s streaming", leader, out, err, replica)
	}

	// A write through HAProxy is read back on the replica.
	if out, err := e.sql("haproxy", "create table t (id int primary key, note text); insert into t values (1, 'before')"); err != nil {
		t.Fatalf("write through haproxy: %v\n%s", err, out)
	}
	e.waitFor("row 1 on the replica", 30*time.Second, func() (bool, string) {
		out, _ := e.sql(replica, "select note from t where id = 1")
		return out == "before", out
	})
	if out, err := e.sql(replica, "insert into t values (9, 'no')"); err == nil || !strings.Contains(out, "read-only") {
		t.Errorf("a write on the replica: %q (err %v), want a read-only error", out, err)
	}

	// Kill the leader's node: the replica takes over.
	e.must("kill", leader)
	e.waitFor("the killed postmaster reaped", 10*time.Second, func() (bool, string) {
		_, err := os.Stat(fmt.Sprintf("/proc/%d", postmaster))
		return os.IsNotExist(err), fmt.Sprintf("pid %d: parent %d", postmaster, embedded.ParentPID(postmaster))
	})
	e.waitFor(replica+" to lead", 90*time.Second, func() (bool, string) {
		l, r := roles(e.status())
		return len(l) == 1 && l[0] == replica, fmt.Sprintf("leaders %v replicas %v", l, r)
	})
	newPort := fmt.Sprint(st.Ports[replica+":5432"])
	e.waitFor("HAProxy to reach "+replica, 60*time.Second, func() (bool, string) {
		out, err := e.sql("haproxy", "select inet_server_port(), pg_is_in_recovery()")
		return err == nil && out == newPort+"|f", out
	})
	if out, err := e.sql("haproxy", "insert into t values (2, 'after') returning inet_server_port()"); err != nil || !strings.HasPrefix(out, newPort) {
		t.Fatalf("write through haproxy after failover: %q (%v), want it on port %s", out, err, newPort)
	}

	// The old leader comes back as a streaming replica, with both rows.
	e.must("start", leader)
	e.waitFor(leader+" to stream from "+replica, 90*time.Second, func() (bool, string) {
		out, _ := e.sql(replica, "select application_name, state from pg_stat_replication")
		return out == patroniName(t, profile, leader)+"|streaming", out
	})
	e.waitFor("rows on the rejoined "+leader, 30*time.Second, func() (bool, string) {
		out, _ := e.sql(leader, "select string_agg(note, ',' order by id) from t")
		return out == "before,after", out
	})
	// Patroni reports the rejoined node on its next loop, after PostgreSQL streams.
	e.waitFor("Patroni to report "+leader+" as a running replica", 30*time.Second, func() (bool, string) {
		l, r := roles(e.status())
		return len(l) == 1 && l[0] == replica && len(r) == 1 && r[0] == leader, fmt.Sprintf("leaders %v replicas %v", l, r)
	})

	// down leaves no process and no port open.
	e.must("down")
	if left := embedded.Leftovers(st.Dir); len(left) > 0 {
		t.Fatalf("after down, processes still run from %s: %v", st.Dir, left)
	}
	for key, port := range st.Ports {
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second); err == nil {
			c.Close()
			t.Errorf("after down, %s (port %d) still accepts connections", key, port)
		}
	}
	if _, err := os.Stat(st.Dir); !os.IsNotExist(err) {
		t.Errorf("after down, %s still exists (%v)", st.Dir, err)
	}
}

// postmasterPID reads the pid PostgreSQL wrote in node's data directory.
func postmasterPID(t *testing.T, labDir, node string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(labDir, node, "data", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		t.Fatalf("%s's postmaster.pid: %v", node, err)
	}
	return pid
}

func loadState(e *labEnv) (*labdir.State, error) {
	os.Setenv("PGLAB_HOME", e.home)
	defer os.Unsetenv("PGLAB_HOME")
	return labdir.Load(e.name)
}

// Ctrl-C at any phase of a foreground `up` leaves nothing behind.
func TestInterruptDuringUp(t *testing.T) {
	needStack(t)
	phases := []string{
		"Starting etcd",
		"for a leader",
		"streaming replica",
		"Starting HAProxy",
		"is ready",
	}
	for i, phase := range phases {
		t.Run(strings.ReplaceAll(phase, " ", "_"), func(t *testing.T) {
			e := newLabEnv(t, fmt.Sprintf("int%d", i))
			cmd := e.command("up")
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = cmd.Stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			seen := readUntil(t, out, phase, 2*time.Minute)
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(out)
			err = cmd.Wait()
			t.Logf("exit after SIGINT at %q: %v\n%s%s", phase, err, seen, rest)
			dir := filepath.Join(e.home, e.name)
			if left := embedded.Leftovers(dir); len(left) > 0 {
				t.Fatalf("SIGINT at %q left processes running: %v", phase, left)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Fatalf("SIGINT at %q left the lab directory %s", phase, dir)
			}
		})
	}
}

// readUntil reads lines until one contains want, and returns what it read.
func readUntil(t *testing.T, r io.Reader, want string, timeout time.Duration) string {
	t.Helper()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var seen strings.Builder
	deadline := time.After(timeout)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("output ended before %q:\n%s", want, seen.String())
			}
			seen.WriteString(l + "\n")
			if strings.Contains(l, want) {
				return seen.String()
			}
		case <-deadline:
			t.Fatalf("no %q after %s:\n%s", want, timeout, seen.String())
		}
	}
}

// Bad input gets one clear error line, a non-zero exit, and leaves nothing.
func TestUpErrors(t *testing.T) {
	needStack(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := fmt.Sprint(busy.Addr().(*net.TCPAddr).Port)

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"busy port", []string{"up", "--port", busyPort}, "address already in use"},
		{"missing postgres", []string{"up", "--pg-bin", "/nonexistent/bin"}, "lacks postgres"},
		{"bad timing", []string{"up", "--timing", "warp"}, "choose exercise or fast"},
		{"bad name", []string{"--name", "Bad_Name", "up"}, "lowercase letters"},
		{"unknown runtime", []string{"up", "--runtime", "podman"}, "choose embedded (host processes) or docker"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newLabEnv(t, "err")
			out, err := e.run(c.args...)
			if err == nil {
				t.Fatalf("pglab %v succeeded:\n%s", c.args, out)
			}
			if !strings.Contains(out, c.want) {
				t.Errorf("pglab %v said %q, want it to mention %q", c.args, out, c.want)
			}
			if n := strings.Count(strings.TrimSpace(out), "\n"); n > 0 {
				t.Errorf("want one error line, got %d:\n%s", n+1, out)
			}
			if entries, _ := os.ReadDir(e.home); len(entries) > 0 {
				t.Errorf("a failed up left %v in %s", entries, e.home)
			}
		})
	}

	t.Run("name in use", func(t *testing.T) {
		e := newLabEnv(t, "dup")
		e.must("up", "-d", "--timing", "fast")
		out, err := e.run("up", "-d")
		if err == nil || !strings.Contains(out, "already running") {
			t.Fatalf("second up with the same name: %v\n%s", err, out)
		}
		if ls := e.status(); ls.Phase != "ready" {
			t.Fatalf("the first lab suffered from the second up: phase %s", ls.Phase)
		}
		// The embedded runtime's etcd members live inside pglab: only a
		// PostgreSQL node can be cut off, and the error says what to do.
		if out, err := e.run("partition", "etcd1"); err == nil || !strings.Contains(out, "only a PostgreSQL node") || !strings.Contains(out, "pglab stop etcd1") {
			t.Fatalf("partition of an etcd member on the embedded runtime: %v\n%s", err, out)
		}
		if out, err := e.run("pause", "etcd1"); err == nil || !strings.Contains(out, "cannot be frozen") {
			t.Fatalf("pause of an etcd member on the embedded runtime: %v\n%s", err, out)
		}
		// Neither refusal touched the member.
		for _, n := range e.status().Nodes {
			if n.Name == "etcd1" && n.State != "running" {
				t.Errorf("etcd1 is %s after refused faults", n.State)
			}
		}
	})
}

// A lab whose hosting process died is reported as not running, and `down`
// still removes what it left: PostgreSQL servers outlive Patroni.
func TestDeadLabIsCleaned(t *testing.T) {
	needStack(t)
	e := newLabEnv(t, "dead")
	e.must("up", "-d")
	st, err := loadState(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(st.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	e.waitFor("the lab process to be gone", 10*time.Second, func() (bool, string) {
		_, err := os.FindProcess(st.PID)
		return err == nil && syscall.Kill(st.PID, 0) != nil, "still there"
	})
	out, err := e.run("status")
	if err == nil || !strings.Contains(out, "not running") || !strings.Contains(out, "pglab down") {
		t.Fatalf("status of a dead lab: %v\n%s", err, out)
	}
	if left := embedded.Leftovers(st.Dir); len(left) == 0 {
		t.Log("nothing outlived the lab process (Patroni's postmasters usually do)")
	}
	e.must("down")
	if left := embedded.Leftovers(st.Dir); len(left) > 0 {
		t.Fatalf("down of a dead lab left %v", left)
	}
	if _, err := os.Stat(st.Dir); !os.IsNotExist(err) {
		t.Fatalf("down of a dead lab left %s", st.Dir)
	}
}

// patroniName is the member name a node's Patroni config gives it: the
// replica's application_name in pg_stat_replication.
func patroniName(t *testing.T, profile, node string) string {
	t.Helper()
	p, err := exercise.ProfileByName(profile)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(pglab.Files, p.Patroni[node])
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct{ Name string }
	if err := yaml.Unmarshal(b, &cfg); err != nil || cfg.Name == "" {
		t.Fatalf("no name in %s's Patroni config: %v", node, err)
	}
	return cfg.Name
}

// The docker runtime end to end, as a teacher uses it: a directory of
// exercise files booted with --from (lint first), every scenario on it
// including the Compose questions (ports, rebuild) and the Dockerfile's
// (postgis, nonroot), a partition healed, and down leaving nothing of the
// lab in the engine: no container, network, volume or image.
func TestDockerRuntimeCLI(t *testing.T) {
	needStack(t)
	needDocker(t)
	e := newLabEnv(t, "dcli")
	answer := filepath.Join(t.TempDir(), "answer")
	e.must("init", answer)
	out := e.must("up", "-d", "--runtime", "docker", "--from", answer)
	t.Cleanup(func() { _, _ = e.run("down") })
	if !strings.Contains(out, "pglab lint "+answer+": no problems found") {
		t.Errorf("up --from does not show the lint result first:\n%s", out)
	}

	results := t.TempDir()
	if out, err := e.run("run", "scenario", "all", "--lang", "en", "--out", results); err != nil {
		t.Fatalf("run scenario all on docker: %v\n%s", err, out)
	}
	report, err := os.ReadFile(filepath.Join(results, "dcli-report.en.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"$ docker-compose exec postgres1 patronictl -c /etc/patroni/patroni.yml list", // as a student types it
		"$ docker-compose kill ",
		"Image for service postgres1 was built because it did not already exist", // rebuild, from Compose itself
		"Successfully tagged pglab/scratch-dcli:latest",
		"Connection refused", // ports: 8008 is only exposed
		`POSTGIS="3.`,
	} {
		if !strings.Contains(string(report), want) {
			t.Errorf("the docker run's report lacks %q", want)
		}
	}

	leaders, replicas := roles(e.status())
	if len(leaders) != 1 || len(replicas) != 1 {
		t.Fatalf("docker lab after the scenarios: leaders %v replicas %v", leaders, replicas)
	}
	e.must("partition", replicas[0])
	e.waitFor(replicas[0]+" shown partitioned", 30*time.Second, func() (bool, string) {
		for _, n := range e.status().Nodes {
			if n.Name == replicas[0] {
				return n.State == "partitioned", n.State
			}
		}
		return false, "not listed"
	})
	e.must("heal", replicas[0])
	e.must("down")
	nothingLeftInEngine(t, "dcli")
}

// nothingLeftInEngine checks that docker lists nothing of a lab after
// down: no container, network, volume or image, its scratch project's included.
func nothingLeftInEngine(t *testing.T, lab string) {
	t.Helper()
	for _, list := range [][]string{
		{"ps", "-aq", "--filter", "label=io.pglab.lab=" + lab},
		{"ps", "-aq", "--filter", "label=com.docker.compose.project=pglab-" + lab + "-scratch"},
		{"network", "ls", "-q", "--filter", "label=io.pglab.lab=" + lab},
		{"network", "ls", "-q", "--filter", "label=com.docker.compose.project=pglab-" + lab + "-scratch"},
		{"volume", "ls", "-q", "--filter", "label=com.docker.compose.project=pglab-" + lab},
		{"volume", "ls", "-q", "--filter", "label=com.docker.compose.project=pglab-" + lab + "-scratch"},
		{"images", "-q", "--filter", "label=io.pglab.lab=" + lab},
		{"images", "-q", "pglab/scratch-" + lab},
	} {
		out, err := exec.Command("docker", list...).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "" {
			t.Errorf("left after down (docker %s): %q %v", strings.Join(list, " "), out, err)
		}
	}
}

// needDocker skips a test when no engine answers, and builds the local
// images once (no registry here); later calls find them.
func needDocker(t *testing.T) {
	t.Helper()
	if _, err := os.Stat("/var/run/docker.sock"); err != nil {
		t.Skip("no Docker engine")
	}
	if out, err := exec.Command(pglabBin, "images", "build").CombinedOutput(); err != nil {
		t.Fatalf("images build: %v\n%s", err, out)
	}
}

// labToC checks the report's table of contents: every part and question
// of the HA lab listed with the mark wanted (✅ answered and passed, ➖ not
// covered here).
func labToC(t *testing.T, report string, marks map[string]string) {
	t.Helper()
	for _, item := range []string{"Часть 1, п. 4", "Часть 2, п. 2", "Часть 2, п. 3", "Часть 2, п. 4",
		"Часть 3, п. 3", "Часть 3, п. 4", "Задание", "Вопрос 1", "Вопрос 2"} {
		mark := marks[item]
		if mark == "" {
			mark = "✅"
		}
		if !strings.Contains(report, "  - "+mark+" "+item+" ") {
			t.Errorf("the Russian report does not list %q as %s", item, mark)
		}
	}
	if strings.Contains(report, "❌") {
		t.Errorf("the report shows a failed check")
	}
}

// The HA lab's own run on the embedded runtime: every scenario of its
// profile, and `report --profile zookeeper --lang ru` answering each part
// from what was recorded; the two Compose questions point to docker.
func TestHALabScenarios(t *testing.T) {
	needStack(t)
	needZooKeeper(t)
	e := newLabEnv(t, "halab")
	out := t.TempDir()
	if o, err := e.run("run", "scenario", "all", "--profile", "zookeeper", "--lang", "ru", "--out", out); err != nil {
		t.Fatalf("run scenario all --profile zookeeper: %v\n%s", err, o)
	}
	// The run booted the lab and removed it; its transcript stays in --out.
	report := e.must("report", "--profile", "zookeeper", "--lang", "ru", "--transcript", filepath.Join(out, "halab-transcript.json"))
	labToC(t, report, map[string]string{"Вопрос 1": "➖", "Вопрос 2": "➖"})
	for _, want := range []string{
		"zoo", "standalone", "postgresql0", "| ZooKeeper | 3.", // recorded from the ZooKeeper stack
		"cannot execute INSERT in a read-only transaction",
		"pglab run scenario ports --runtime docker", // where the Compose questions are answered
		"`pglab run scenario all --profile zookeeper`",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the Russian report lacks %q", want)
		}
	}
}

// The HA lab on the docker runtime, from its own compose file and images
// built here: every part and both questions answered from recorded
// output, the rebuild experiment on its COPYed configs, and nothing of it
// left in the engine after down.
func TestDockerHALab(t *testing.T) {
	needStack(t)
	needDocker(t)
	e := newLabEnv(t, "dzk")
	e.must("up", "-d", "--runtime", "docker", "--profile", "zookeeper")
	t.Cleanup(func() { _, _ = e.run("down") })
	if o, err := e.run("run", "scenario", "all", "--lang", "ru", "--out", t.TempDir()); err != nil {
		t.Fatalf("run scenario all on the docker HA lab: %v\n%s", err, o)
	}
	report := e.must("report", "--profile", "zookeeper", "--lang", "ru")
	labToC(t, report, nil)
	for _, want := range []string{
		"| ZooKeeper | 3.9", "zoo", "standalone", // its DCS, from its image
		"$ docker-compose exec pg-", "patronictl -c /postgres", // as a student types it, the config COPYed in
		"| Sync Standby | streaming |", // its synchronous_mode, in patronictl list
		"$ docker-compose kill ",
		"Connection refused", // Question 1: 8008 is only exposed
		"Image for service pg-master was built because it did not already exist", // Question 2, from Compose itself
		"COPY postgres0.yml",
		"Successfully tagged pglab/scratch-dzk:latest",
		"`pglab run scenario all --profile zookeeper --runtime docker`",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the docker HA lab's report lacks %q", want)
		}
	}
	if strings.Contains(report, "➖") {
		t.Errorf("the docker HA lab's report leaves a part or question uncovered")
	}
	e.must("down")
	nothingLeftInEngine(t, "dzk")
}

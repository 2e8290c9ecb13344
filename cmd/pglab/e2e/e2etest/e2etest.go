// Package e2etest is what the end-to-end tests of pglab share: the pglab
// binary built once per test package, an isolated lab home per test that
// is downed and checked for leftovers at the end, and the checks the
// tests make of a lab, a report or a bench run. The tests themselves live
// in the packages beside it, split so that each stays far from its
// timeout (scripts/test.sh: 20 minutes).
package e2etest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/embedded"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/wait"
)

var (
	buildOnce sync.Once
	binDir    string
	bin       string
	buildErr  error
)

// Binary is the pglab binary, built on first use (a package whose tests
// all skip under -short builds nothing) and removed by Main.
func Binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "pglab-bin-"); buildErr != nil {
			return
		}
		bin = filepath.Join(binDir, "pglab")
		if out, err := exec.Command("go", "build", "-o", bin, "github.com/pglab/pglab/cmd/pglab").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build pglab: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return bin
}

// Main runs the package's tests and removes the binary they built: call
// it from each test package's TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// Env is one isolated lab home for a test.
type Env struct {
	T    testing.TB
	Home string
	Name string
}

func NeedStack(t testing.TB) {
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

// NeedZooKeeper skips a test of the HA lab's profile when the host lacks
// ZooKeeper or Patroni's client for it.
func NeedZooKeeper(t *testing.T) {
	t.Helper()
	for _, f := range []func() (hostbin.Program, error){hostbin.ZooKeeper, hostbin.Kazoo} {
		if _, err := f(); err != nil {
			t.Skipf("%v (scripts/deps.sh installs it)", err)
		}
	}
}

// NewEnv makes a PGLAB_HOME that PostgreSQL's user can reach (t.TempDir's
// parents are private) and downs the lab at the end, checking that nothing
// of it is left running.
func NewEnv(t testing.TB, name string) *Env {
	t.Helper()
	home, err := os.MkdirTemp("/tmp", "pglab-test-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(home, 0o755); err != nil {
		t.Fatal(err)
	}
	e := &Env{T: t, Home: home, Name: name}
	t.Cleanup(func() {
		dir := filepath.Join(home, name)
		if _, err := os.Stat(filepath.Join(dir, "state.json")); err == nil {
			out, err := e.Run("down")
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

func (e *Env) Command(args ...string) *exec.Cmd {
	cmd := exec.Command(Binary(e.T), append([]string{"--name", e.Name}, args...)...)
	cmd.Env = append(os.Environ(), "PGLAB_HOME="+e.Home)
	return cmd
}

func (e *Env) Run(args ...string) (string, error) {
	out, err := e.Command(args...).CombinedOutput()
	return string(out), err
}

func (e *Env) Must(args ...string) string {
	e.T.Helper()
	out, err := e.Run(args...)
	if err != nil {
		e.T.Fatalf("pglab %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (e *Env) Status() runtime.LabStatus {
	e.T.Helper()
	var ls runtime.LabStatus
	out := e.Must("status", "--json")
	if err := json.Unmarshal([]byte(out), &ls); err != nil {
		e.T.Fatalf("status --json: %v\n%s", err, out)
	}
	return ls
}

// SQL runs one statement with psql on a node or "haproxy"; unaligned, no headers.
func (e *Env) SQL(target, stmt string) (string, error) {
	out, err := e.Run("psql", target, "-c", stmt, "--", "-At", "-v", "ON_ERROR_STOP=1")
	return strings.TrimSpace(out), err
}

func (e *Env) WaitFor(what string, timeout time.Duration, check func() (bool, string)) {
	e.T.Helper()
	err := wait.Until(context.Background(), what, timeout, func(context.Context) (bool, string) { return check() })
	if err != nil {
		e.T.Fatal(err)
	}
}

// Roles returns the running PostgreSQL nodes by Patroni role.
func Roles(ls runtime.LabStatus) (leaders, replicas []string) {
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

func Other(nodes []string, not string) string {
	for _, n := range nodes {
		if n != not {
			return n
		}
	}
	return ""
}

// PostmasterPID reads the pid PostgreSQL wrote in node's data directory.
func PostmasterPID(t *testing.T, labDir, node string) int {
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

func LoadState(e *Env) (*labdir.State, error) {
	os.Setenv("PGLAB_HOME", e.Home)
	defer os.Unsetenv("PGLAB_HOME")
	return labdir.Load(e.Name)
}

// ReadUntil reads lines until one contains want, and returns what it read.
func ReadUntil(t *testing.T, r io.Reader, want string, timeout time.Duration) string {
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

// PatroniName is the member name a node's Patroni config gives it: the
// replica's application_name in pg_stat_replication.
func PatroniName(t *testing.T, profile, node string) string {
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

// NothingLeftInEngine checks that docker lists nothing of a lab after
// down: no container, network, volume or image, its scratch project's included.
func NothingLeftInEngine(t testing.TB, lab string) {
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

// NeedDocker skips a test when no engine answers, and builds the local
// images once (no registry here); later calls find them.
func NeedDocker(t testing.TB) {
	t.Helper()
	if _, err := os.Stat("/var/run/docker.sock"); err != nil {
		t.Skip("no Docker engine")
	}
	// The docker test packages may run at once (go test -p): one builds
	// the images while the others wait on the lock, then find them built.
	lock, err := os.OpenFile(filepath.Join(os.TempDir(), "pglab-e2e-images.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if out, err := exec.Command(Binary(t), "images", "build").CombinedOutput(); err != nil {
		t.Fatalf("images build: %v\n%s", err, out)
	}
}

// LabToC checks the report's table of contents: every part and question
// of the HA lab listed with the mark wanted (✅ answered and passed, ➖ not
// covered here).
func LabToC(t *testing.T, report string, marks map[string]string) {
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

// BenchOnce runs one cycle of a fault under load the way a user does and
// checks it (CheckBenchRun), including that the fault step ran a command
// starting with faultCmd, as the report shows it.
func BenchOnce(t *testing.T, e *Env, fault string, maxRTO float64, faultCmd string, args ...string) {
	t.Helper()
	out := filepath.Join(e.Home, "results")
	log, err := e.Run(append([]string{"bench", "failover", "--cycles", "1", "--fault", fault, "--out", out}, args...)...)
	if err != nil {
		t.Fatalf("pglab bench failover --fault %s %v: %v\n%s", fault, args, err, log)
	}
	tr := CheckBenchRun(t, out, fault, maxRTO, log)
	var ran bool
	for _, st := range tr.Scenarios[0].Steps {
		ran = ran || strings.HasPrefix(st.Command, faultCmd)
	}
	if !ran {
		t.Errorf("no step ran %q: the fault was not injected as expected", faultCmd)
	}
}

// CheckBenchRun reads a bench's transcript and checks what a user relies
// on: figures recorded, no split brain, a positive write RTO under
// maxRTO seconds, the old primary back, writes flowing, and a report
// with its timeline chart. A graceful stop must also lose nothing.
func CheckBenchRun(t *testing.T, out, fault string, maxRTO float64, log string) *scenario.Transcript {
	t.Helper()
	tr, err := scenario.LoadTranscript(filepath.Join(out, "bench-"+fault+"-transcript.json"))
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, sc := range tr.Scenarios {
		for _, st := range sc.Steps {
			r := st.Failover
			if r == nil {
				continue
			}
			found = true
			if r.ReadBack == "" || (fault == "stop" && r.Lost != 0) {
				t.Errorf("%d acknowledged write(s) lost (read back from %q)", r.Lost, r.ReadBack)
			}
			if r.SplitBrain != 0 {
				t.Errorf("%d split-brain round(s) at %v s", r.SplitBrain, r.SplitBrainAt)
			}
			if r.RTO == nil || *r.RTO <= 0 || *r.RTO > maxRTO {
				t.Errorf("write RTO %v: want a positive figure under %.0f s", r.RTO, maxRTO)
			}
			if !r.Rejoined {
				t.Error("the old primary did not rejoin")
			}
			// A graceful stop's cycle lasts a few seconds: at 100 writes/s
			// some tens are acknowledged around the gap the RTO measures.
			if r.Acked < 20 {
				t.Errorf("only %d writes acknowledged", r.Acked)
			}
		}
	}
	if !found {
		t.Fatalf("no failover figures in the transcript\n%s", log)
	}
	html, err := os.ReadFile(filepath.Join(out, "bench-"+fault+"-report.en.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "<svg") || strings.Contains(string(html), "http://www.w3.org/2000/svg\" src") {
		t.Error("the HTML report has no inline timeline chart")
	}
	return tr
}

// VmHWM is a process's peak resident set size, in KiB.
func VmHWM(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	return 0
}

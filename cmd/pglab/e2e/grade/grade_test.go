// Package grade holds the end-to-end test of `pglab grade`: a class the
// test builds from `pglab init`'s files of both exercises, each
// submission with one kind of mistake, graded for real on the docker
// runtime, each getting exactly the grade its mistake deserves.
package grade

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
	"github.com/pglab/pglab/lab/grade"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

// submission is one member of the test class: how it is made from the
// exercise's files, and the questions it must fail (all others pass).
type submission struct {
	name    string
	profile string
	mutate  func(t testing.TB, dir string)
	fails   []string
	// evidence, when set, must be in the feedback: the failed check's
	// real output.
	evidence string
}

// The class. Each mistake is one a student makes, and costs exactly the
// questions that depend on it.
var class = []submission{
	{name: "ops-exercise", profile: "etcd"}, // the corrected files: full marks
	{
		// Patroni's PostgreSQL address is loopback on both nodes: the
		// replica cannot clone the leader (it reaches itself), so nothing
		// replicates: replication, failover and PostGIS reaching the
		// replica fail, and so does the balancer question, which cannot
		// show HAProxy telling a live replica from the leader. etcd and
		// the processes' user are fine.
		name: "ops-loopback-address", profile: "etcd",
		mutate: func(t testing.TB, dir string) {
			for _, n := range []string{"postgres1", "postgres2"} {
				replace(t, filepath.Join(dir, n+"-conf", "patroni.yml"), `(?m)^(\s+connect_address:) `+n+`:5432$`, "$1 127.0.0.1:5432")
			}
		},
		fails: []string{"ops.2", "ops.3", "ops.4", "ops.5", "dockerfile.postgis"},
	},
	{
		// The container runs as root and drops to postgres with su: Patroni
		// and PostgreSQL work, but the container's main process is root.
		name: "ops-root-container", profile: "etcd",
		mutate: func(t testing.TB, dir string) {
			f := filepath.Join(dir, "Dockerfile")
			replace(t, f, `(?m)^USER postgres$`, "USER root")
			replace(t, f, `(?m)^CMD \["patroni", "/etc/patroni/patroni.yml"\]$`, `CMD ["su", "postgres", "-s", "/bin/sh", "-c", "exec patroni /etc/patroni/patroni.yml"]`)
		},
		fails: []string{"dockerfile.nonroot"},
	},
	{
		// HAProxy is published as "5432:5000" while haproxy.cfg binds
		// 5432: HAProxy itself routes well (asked at its container's
		// 5432), but a client on the host connecting to 5432 reaches
		// nothing. Only the balancer question depends on that port.
		name: "ops-published-port", profile: "etcd",
		mutate: func(t testing.TB, dir string) {
			replace(t, filepath.Join(dir, "docker-compose.yaml"), `"\$\{HAPROXY_PORT:-5432\}:5432"`, `"5432:5000"`)
		},
		fails:    []string{"ops.3"},
		evidence: `haproxy &#34;5432:5000&#34; 127\.0\.0\.1:\d+\*? → [\d.]+:5000\n.*Connection refused`,
	},
	{
		// HAProxy asks Patroni's /health, which answers 200 on the replica
		// too: it routes to both nodes.
		name: "lab-wrong-check", profile: "zookeeper",
		mutate: func(t testing.TB, dir string) {
			replace(t, filepath.Join(dir, "haproxy.cfg"), `(?m)^(\s+option httpchk)$`, "$1 GET /health")
		},
		fails: []string{"lab.3.3", "lab.3.4", "lab.task"},
	},
	{
		// A working answer in another layout: its own service names, a
		// superuser called dba, HAProxy as a frontend/backend pair with
		// servers named after the members and stats on 8404. Full marks.
		name: "lab-own-layout", profile: "zookeeper",
		mutate: func(t testing.TB, dir string) {
			for _, f := range []string{"docker-compose.yml", "haproxy.cfg", "postgres0.yml", "postgres1.yml"} {
				p := filepath.Join(dir, f)
				rename(t, p, `\bpg-master\b`, "node-a")
				rename(t, p, `\bpg-slave\b`, "node-b")
				rename(t, p, `\bzoo\b`, "zk")
			}
			for _, f := range []string{"postgres0.yml", "postgres1.yml"} {
				replace(t, filepath.Join(dir, f), `(superuser:\s*\n\s*username:) postgres`, "$1 dba")
			}
			compose := filepath.Join(dir, "docker-compose.yml")
			replace(t, compose, `(?m)^(\s+)haproxy:$`, "${1}balancer:")
			replace(t, compose, `container_name: postgres_entrypoint`, "container_name: entry")
			replace(t, compose, `:7000"`, `:8404"`)
			write(t, filepath.Join(dir, "haproxy.cfg"), ownHAProxy)
		},
	},
}

const ownHAProxy = `global
    maxconn 100

defaults
    log global
    mode tcp
    retries 2
    timeout client 30m
    timeout connect 4s
    timeout server 30m
    timeout check 5s

resolvers docker
    nameserver dns 127.0.0.11:53
    hold valid 10s

frontend stats_page
    mode http
    bind *:8404
    stats enable
    stats uri /
    stats refresh 2s

frontend pg_in
    bind *:5432
    default_backend pg_primary

backend pg_primary
    option httpchk GET /primary
    http-check expect status 200
    default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions resolvers docker init-addr last,libc,none
    server member_a node-a:5432 maxconn 100 check port 8008
    server member_b node-b:5432 maxconn 100 check port 8008
`

// replace changes what pattern matches in a file, which must have it.
func replace(t testing.TB, path, pattern, with string) {
	t.Helper()
	if !edit(t, path, pattern, with) {
		t.Fatalf("%s: no %s to change", path, pattern)
	}
}

// rename changes what pattern matches in a file, if anything.
func rename(t testing.TB, path, pattern, with string) { t.Helper(); edit(t, path, pattern, with) }

func edit(t testing.TB, path, pattern, with string) bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(pattern)
	write(t, path, re.ReplaceAllString(string(b), with))
	return re.Match(b)
}

func write(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The test class graded for real, two at a time: every submission gets
// exactly its expected grade, the gradebook and the feedback say so, the
// CI outputs agree, nothing is left in the engine, and a second run
// grades nothing again.
func TestGradeTheTestClass(t *testing.T) {
	e2etest.NeedStack(t)
	e2etest.NeedDocker(t)
	// Labs named for this run: two runs of this test on one engine (two
	// engineers, two CI jobs) would otherwise take each other's labs for
	// ones an interrupted run left, and remove them.
	prefix := fmt.Sprintf("gt%d", os.Getpid()%1000)
	e := e2etest.NewEnv(t, prefix)
	dir := t.TempDir()
	classDir, out := filepath.Join(dir, "class"), filepath.Join(dir, "grades")
	for _, s := range class {
		sd := filepath.Join(classDir, s.name)
		e.Must("init", "--profile", s.profile, sd)
		if s.mutate != nil {
			s.mutate(t, sd)
		}
	}
	t.Cleanup(func() {
		for _, s := range class {
			e2etest.NothingLeftInEngine(t, prefix+"-"+s.name)
		}
	})
	start := time.Now()
	cmd := e.Command("grade", "-j", "2", "--prefix", prefix, "--out", out, "--format", "junit", "--pass", "100", classDir)
	b, err := cmd.CombinedOutput()
	t.Logf("pglab grade (%s):\n%s", time.Since(start).Round(time.Second), b)
	var ee *exec.ExitError
	if err == nil || !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Errorf("pglab grade --pass 100 exited %v; want 1: some submissions lose points", err)
	}
	for _, s := range class {
		r, err := grade.LoadResult(filepath.Join(out, s.name, "result.json"))
		if err != nil {
			t.Errorf("%s: %v", s.name, err)
			continue
		}
		if r.Status != grade.Graded {
			t.Errorf("%s: %s (%s), want graded", s.name, r.Status, r.Why)
		}
		var failed []string
		for _, q := range r.Questions {
			if q.Verdict != grade.Pass {
				failed = append(failed, q.ID)
			}
		}
		if !slices.Equal(failed, s.fails) {
			t.Errorf("%s: failed %v, want %v (see %s)", s.name, failed, s.fails, filepath.Join(out, s.name))
			for _, q := range r.Questions {
				for _, ev := range q.Evidence {
					t.Logf("%s %s: $ %s → %s", s.name, q.ID, ev.Command, ev.Problem)
				}
			}
		}
		fb, err := os.ReadFile(filepath.Join(out, s.name, grade.FeedbackName(r.Lang, "html")))
		if err != nil {
			t.Errorf("%s: no feedback: %v", s.name, err)
		} else if len(s.fails) > 0 && !strings.Contains(string(fb), "$") && !strings.Contains(string(fb), "docker-compose") {
			t.Errorf("%s: the feedback shows no command of a failed check", s.name)
		} else if s.evidence != "" && !regexp.MustCompile(s.evidence).Match(fb) {
			t.Errorf("%s: the feedback lacks the failed check's output %s", s.name, s.evidence)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, grade.GradebookCSV))
	t.Logf("gradebook.csv:\n%s", csv)
	if lines := strings.Count(strings.TrimSpace(string(csv)), "\n"); lines != len(class) {
		t.Errorf("gradebook.csv has %d rows, want %d", lines, len(class))
	}
	ju, _ := os.ReadFile(filepath.Join(out, grade.JUnitFile))
	// One test case per question: 7 for each operations test, 9 for each lab.
	if n := strings.Count(string(ju), "<testcase "); n != 4*7+2*9 {
		t.Errorf("junit.xml has %d test cases, want %d", n, 4*7+2*9)
	}

	// Unchanged files: nothing is graded again.
	again := e.Command("grade", "-j", "2", "--prefix", prefix, "--out", out, classDir)
	b, _ = again.CombinedOutput()
	if n := strings.Count(string(b), "unchanged since"); n != len(class) {
		t.Errorf("second run graded again (%d unchanged of %d):\n%s", n, len(class), b)
	}
}

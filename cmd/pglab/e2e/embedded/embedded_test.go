// Package embedded holds end-to-end tests of pglab: the embedded runtime's lifecycle on both profiles, Ctrl-C at every phase of up, bad input, a dead lab cleaned up, and the up/down benchmark.
// They build the binary and drive it as a user does; they skip under
// -short and where the host lacks what they drive.
package embedded

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
	"github.com/pglab/pglab/lab/runtime/embedded"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

// TestEmbeddedLifecycle runs both exercises' stacks through the same story:
// up, replicate, kill the leader, fail over, rejoin, down.
func TestEmbeddedLifecycle(t *testing.T) {
	e2etest.NeedStack(t)
	for _, profile := range []string{"etcd", "zookeeper"} {
		t.Run(profile, func(t *testing.T) {
			if profile == "zookeeper" {
				e2etest.NeedZooKeeper(t)
			}
			lifecycle(t, profile)
		})
	}
}

func lifecycle(t *testing.T, profile string) {
	e := e2etest.NewEnv(t, "e2e-"+profile)
	e.Must("up", "-d", "--timing", "fast", "--profile", profile)
	st, err := e2etest.LoadState(e)
	if err != nil {
		t.Fatal(err)
	}

	leaders, replicas := e2etest.Roles(e.Status())
	if len(leaders) != 1 || len(replicas) != 1 {
		t.Fatalf("after up: leaders %v, replicas %v; want exactly one of each", leaders, replicas)
	}
	leader, replica := leaders[0], replicas[0]
	// Patroni starts PostgreSQL detached; the lab's process adopts the
	// postmaster, so that a stopped server is reaped at once instead of
	// lingering as a zombie that Patroni waits for (docs/failover.md).
	postmaster := e2etest.PostmasterPID(t, st.Dir, leader)
	if ppid := embedded.ParentPID(postmaster); ppid != st.PID {
		t.Errorf("%s's postmaster (pid %d) has parent %d, want the lab's process %d", leader, postmaster, ppid, st.PID)
	}
	if out, err := e.SQL(leader, "select application_name, state from pg_stat_replication"); err != nil || out != e2etest.PatroniName(t, profile, replica)+"|streaming" {
		t.Fatalf("pg_stat_replication on %s = %q (%v), want %s streaming", leader, out, err, replica)
	}

	// A write through HAProxy is read back on the replica.
	if out, err := e.SQL("haproxy", "create table t (id int primary key, note text); insert into t values (1, 'before')"); err != nil {
		t.Fatalf("write through haproxy: %v\n%s", err, out)
	}
	e.WaitFor("row 1 on the replica", 30*time.Second, func() (bool, string) {
		out, _ := e.SQL(replica, "select note from t where id = 1")
		return out == "before", out
	})
	if out, err := e.SQL(replica, "insert into t values (9, 'no')"); err == nil || !strings.Contains(out, "read-only") {
		t.Errorf("a write on the replica: %q (err %v), want a read-only error", out, err)
	}

	// Kill the leader's node: the replica takes over.
	e.Must("kill", leader)
	e.WaitFor("the killed postmaster reaped", 10*time.Second, func() (bool, string) {
		_, err := os.Stat(fmt.Sprintf("/proc/%d", postmaster))
		return os.IsNotExist(err), fmt.Sprintf("pid %d: parent %d", postmaster, embedded.ParentPID(postmaster))
	})
	e.WaitFor(replica+" to lead", 90*time.Second, func() (bool, string) {
		l, r := e2etest.Roles(e.Status())
		return len(l) == 1 && l[0] == replica, fmt.Sprintf("leaders %v replicas %v", l, r)
	})
	newPort := fmt.Sprint(st.Ports[replica+":5432"])
	e.WaitFor("HAProxy to reach "+replica, 60*time.Second, func() (bool, string) {
		out, err := e.SQL("haproxy", "select inet_server_port(), pg_is_in_recovery()")
		return err == nil && out == newPort+"|f", out
	})
	if out, err := e.SQL("haproxy", "insert into t values (2, 'after') returning inet_server_port()"); err != nil || !strings.HasPrefix(out, newPort) {
		t.Fatalf("write through haproxy after failover: %q (%v), want it on port %s", out, err, newPort)
	}

	// The old leader comes back as a streaming replica, with both rows.
	e.Must("start", leader)
	e.WaitFor(leader+" to stream from "+replica, 90*time.Second, func() (bool, string) {
		out, _ := e.SQL(replica, "select application_name, state from pg_stat_replication")
		return out == e2etest.PatroniName(t, profile, leader)+"|streaming", out
	})
	e.WaitFor("rows on the rejoined "+leader, 30*time.Second, func() (bool, string) {
		out, _ := e.SQL(leader, "select string_agg(note, ',' order by id) from t")
		return out == "before,after", out
	})
	// Patroni reports the rejoined node on its next loop, after PostgreSQL streams.
	e.WaitFor("Patroni to report "+leader+" as a running replica", 30*time.Second, func() (bool, string) {
		l, r := e2etest.Roles(e.Status())
		return len(l) == 1 && l[0] == replica && len(r) == 1 && r[0] == leader, fmt.Sprintf("leaders %v replicas %v", l, r)
	})

	// down leaves no process and no port open.
	e.Must("down")
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

// Ctrl-C at any phase of a foreground `up` leaves nothing behind.
func TestInterruptDuringUp(t *testing.T) {
	e2etest.NeedStack(t)
	phases := []string{
		"Starting etcd",
		"for a leader",
		"streaming replica",
		"Starting HAProxy",
		"is ready",
	}
	for i, phase := range phases {
		t.Run(strings.ReplaceAll(phase, " ", "_"), func(t *testing.T) {
			e := e2etest.NewEnv(t, fmt.Sprintf("int%d", i))
			cmd := e.Command("up")
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = cmd.Stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			seen := e2etest.ReadUntil(t, out, phase, 2*time.Minute)
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(out)
			err = cmd.Wait()
			t.Logf("exit after SIGINT at %q: %v\n%s%s", phase, err, seen, rest)
			dir := filepath.Join(e.Home, e.Name)
			if left := embedded.Leftovers(dir); len(left) > 0 {
				t.Fatalf("SIGINT at %q left processes running: %v", phase, left)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Fatalf("SIGINT at %q left the lab directory %s", phase, dir)
			}
		})
	}
}

// Bad input gets one clear error line, a non-zero exit, and leaves nothing.
func TestUpErrors(t *testing.T) {
	e2etest.NeedStack(t)
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
			e := e2etest.NewEnv(t, "err")
			out, err := e.Run(c.args...)
			if err == nil {
				t.Fatalf("pglab %v succeeded:\n%s", c.args, out)
			}
			if !strings.Contains(out, c.want) {
				t.Errorf("pglab %v said %q, want it to mention %q", c.args, out, c.want)
			}
			if n := strings.Count(strings.TrimSpace(out), "\n"); n > 0 {
				t.Errorf("want one error line, got %d:\n%s", n+1, out)
			}
			if entries, _ := os.ReadDir(e.Home); len(entries) > 0 {
				t.Errorf("a failed up left %v in %s", entries, e.Home)
			}
		})
	}

	t.Run("name in use", func(t *testing.T) {
		e := e2etest.NewEnv(t, "dup")
		e.Must("up", "-d", "--timing", "fast")
		out, err := e.Run("up", "-d")
		if err == nil || !strings.Contains(out, "already running") {
			t.Fatalf("second up with the same name: %v\n%s", err, out)
		}
		if ls := e.Status(); ls.Phase != "ready" {
			t.Fatalf("the first lab suffered from the second up: phase %s", ls.Phase)
		}
		// The embedded runtime's etcd members live inside pglab: only a
		// PostgreSQL node can be cut off, and the error says what to do.
		if out, err := e.Run("partition", "etcd1"); err == nil || !strings.Contains(out, "only a PostgreSQL node") || !strings.Contains(out, "pglab --name dup stop etcd1") {
			t.Fatalf("partition of an etcd member on the embedded runtime: %v\n%s", err, out)
		}
		if out, err := e.Run("pause", "etcd1"); err == nil || !strings.Contains(out, "cannot be frozen") {
			t.Fatalf("pause of an etcd member on the embedded runtime: %v\n%s", err, out)
		}
		// Neither refusal touched the member.
		for _, n := range e.Status().Nodes {
			if n.Name == "etcd1" && n.State != "running" {
				t.Errorf("etcd1 is %s after refused faults", n.State)
			}
		}
	})
}

// A lab whose hosting process died is reported as not running, and `down`
// still removes what it left: PostgreSQL servers outlive Patroni.
func TestDeadLabIsCleaned(t *testing.T) {
	e2etest.NeedStack(t)
	e := e2etest.NewEnv(t, "dead")
	e.Must("up", "-d")
	st, err := e2etest.LoadState(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(st.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	e.WaitFor("the lab process to be gone", 10*time.Second, func() (bool, string) {
		_, err := os.FindProcess(st.PID)
		return err == nil && syscall.Kill(st.PID, 0) != nil, "still there"
	})
	out, err := e.Run("status")
	if err == nil || !strings.Contains(out, "not running") || !strings.Contains(out, "pglab --name dead down") {
		t.Fatalf("status of a dead lab: %v\n%s", err, out)
	}
	if left := embedded.Leftovers(st.Dir); len(left) == 0 {
		t.Log("nothing outlived the lab process (Patroni's postmasters usually do)")
	}
	e.Must("down")
	if left := embedded.Leftovers(st.Dir); len(left) > 0 {
		t.Fatalf("down of a dead lab left %v", left)
	}
	if _, err := os.Stat(st.Dir); !os.IsNotExist(err) {
		t.Fatalf("down of a dead lab left %s", st.Dir)
	}
}

// BenchmarkUpDown measures a cold `pglab up -d` until ready (a leader, a
// streaming replica Patroni reports running, HAProxy routing to the leader
// only), then `pglab down`, and the lab process's peak RSS.
//
//	go test ./cmd/pglab -run '^$' -bench UpDown -benchtime 5x
func BenchmarkUpDown(b *testing.B) {
	e2etest.NeedStack(b)
	for _, timing := range []string{"fast", "exercise"} {
		b.Run(timing, func(b *testing.B) {
			var up, down time.Duration
			var peakKB int
			for i := 0; i < b.N; i++ {
				e := e2etest.NewEnv(b, fmt.Sprintf("bench%d", i))
				start := time.Now()
				e.Must("up", "-d", "--timing", timing)
				up += time.Since(start)
				st, err := e2etest.LoadState(e)
				if err != nil {
					b.Fatal(err)
				}
				if kb := e2etest.VmHWM(st.PID); kb > peakKB {
					peakKB = kb
				}
				start = time.Now()
				e.Must("down")
				down += time.Since(start)
			}
			b.ReportMetric(up.Seconds()/float64(b.N), "s/up")
			b.ReportMetric(down.Seconds()/float64(b.N), "s/down")
			b.ReportMetric(float64(peakKB)/1024, "MiB-peak-RSS")
			b.ReportMetric(0, "ns/op") // wall time per op mixes both; see s/up and s/down
		})
	}
}

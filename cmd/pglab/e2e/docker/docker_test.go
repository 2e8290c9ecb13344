// Package docker holds end-to-end tests of pglab: the docker runtime from a candidate's files (--from), every scenario, a partition, a measured kill, and the up/failover benchmark.
// They build the binary and drive it as a user does; they skip under
// -short and where the host lacks what they drive.
package docker

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

// The docker runtime end to end, as a teacher uses it: a directory of
// exercise files booted with --from (lint first), every scenario on it
// including the Compose questions (ports, rebuild) and the Dockerfile's
// (postgis, nonroot), a partition healed, and down leaving nothing of the
// lab in the engine: no container, network, volume or image.
func TestDockerRuntimeCLI(t *testing.T) {
	e2etest.NeedStack(t)
	e2etest.NeedDocker(t)
	e := e2etest.NewEnv(t, "dcli")
	answer := filepath.Join(t.TempDir(), "answer")
	e.Must("init", answer)
	out := e.Must("up", "-d", "--runtime", "docker", "--from", answer)
	t.Cleanup(func() { _, _ = e.Run("down") })
	if !strings.Contains(out, "pglab lint "+answer+": no problems found") {
		t.Errorf("up --from does not show the lint result first:\n%s", out)
	}

	results := t.TempDir()
	if out, err := e.Run("run", "scenario", "all", "--lang", "en", "--out", results); err != nil {
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
		"Successfully tagged pglab/scratch-dcli-postgres1:latest",                // the scratch copy's own tag
		"Connection refused", // ports: 8008 is only exposed
		`POSTGIS="3.`,
	} {
		if !strings.Contains(string(report), want) {
			t.Errorf("the docker run's report lacks %q", want)
		}
	}

	leaders, replicas := e2etest.Roles(e.Status())
	if len(leaders) != 1 || len(replicas) != 1 {
		t.Fatalf("docker lab after the scenarios: leaders %v replicas %v", leaders, replicas)
	}
	e.Must("partition", replicas[0])
	e.WaitFor(replicas[0]+" shown partitioned", 30*time.Second, func() (bool, string) {
		for _, n := range e.Status().Nodes {
			if n.Name == replicas[0] {
				return n.State == "partitioned", n.State
			}
		}
		return false, "not listed"
	})
	e.Must("heal", replicas[0])
	e.Must("down")
	e2etest.NothingLeftInEngine(t, "dcli")
}

// One measured hard kill on the docker runtime, the exercise's containers
// with the exercise's timing (ttl 30): the primary's container killed,
// the replica promoted once the key expires, the old primary started
// again and back as a replica, no split brain, and nothing of the lab left
// in the engine. (The partition, --fault partition, is measured in
// docs/failover.md.)
func TestBenchDockerKill(t *testing.T) {
	e2etest.NeedStack(t)
	e2etest.NeedDocker(t)
	e := e2etest.NewEnv(t, "bkill")
	// Asynchronous replication may lose the writes of the last moments:
	// only split brain and the rejoin are strict here.
	e2etest.BenchOnce(t, e, "kill", 90, "docker-compose kill postgres", "--runtime", "docker")
	e2etest.NothingLeftInEngine(t, "bkill")
}

// BenchmarkDockerUpFailover measures the docker runtime with its images
// already built: `pglab up -d --runtime docker` until ready, the wall time
// of `pglab run scenario failover` on it (kill the primary's container,
// promotion, HAProxy's switch, the old primary rejoining), and `down`.
//
//	go test ./cmd/pglab -run '^$' -bench DockerUpFailover -benchtime 3x
func BenchmarkDockerUpFailover(b *testing.B) {
	e2etest.NeedStack(b)
	if _, err := os.Stat("/var/run/docker.sock"); err != nil {
		b.Skip("no Docker engine")
	}
	if out, err := exec.Command(e2etest.Binary(b), "images", "build").CombinedOutput(); err != nil {
		b.Fatalf("images build: %v\n%s", err, out)
	}
	var up, failover, down time.Duration
	for i := 0; i < b.N; i++ {
		e := e2etest.NewEnv(b, fmt.Sprintf("dbench%d", i))
		start := time.Now()
		e.Must("up", "-d", "--runtime", "docker")
		up += time.Since(start)
		start = time.Now()
		e.Must("run", "scenario", "failover", "--out", b.TempDir())
		failover += time.Since(start)
		start = time.Now()
		e.Must("down")
		down += time.Since(start)
	}
	b.ReportMetric(up.Seconds()/float64(b.N), "s/up")
	b.ReportMetric(failover.Seconds()/float64(b.N), "s/failover-scenario")
	b.ReportMetric(down.Seconds()/float64(b.N), "s/down")
	b.ReportMetric(0, "ns/op") // see the metrics above
}

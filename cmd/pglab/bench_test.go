package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkUpDown measures a cold `pglab up -d` until ready (a leader, a
// streaming replica Patroni reports running, HAProxy routing to the leader
// only), then `pglab down`, and the lab process's peak RSS.
//
//	go test ./cmd/pglab -run '^$' -bench UpDown -benchtime 5x
func BenchmarkUpDown(b *testing.B) {
	needStack(b)
	for _, timing := range []string{"fast", "exercise"} {
		b.Run(timing, func(b *testing.B) {
			var up, down time.Duration
			var peakKB int
			for i := 0; i < b.N; i++ {
				e := newLabEnv(b, fmt.Sprintf("bench%d", i))
				start := time.Now()
				e.must("up", "-d", "--timing", timing)
				up += time.Since(start)
				st, err := loadState(e)
				if err != nil {
					b.Fatal(err)
				}
				if kb := vmHWM(st.PID); kb > peakKB {
					peakKB = kb
				}
				start = time.Now()
				e.must("down")
				down += time.Since(start)
			}
			b.ReportMetric(up.Seconds()/float64(b.N), "s/up")
			b.ReportMetric(down.Seconds()/float64(b.N), "s/down")
			b.ReportMetric(float64(peakKB)/1024, "MiB-peak-RSS")
			b.ReportMetric(0, "ns/op") // wall time per op mixes both; see s/up and s/down
		})
	}
}

// vmHWM is a process's peak resident set size, in KiB.
func vmHWM(pid int) int {
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

// BenchmarkDockerUpFailover measures the docker runtime with its images
// already built: `pglab up -d --runtime docker` until ready, the wall time
// of `pglab run scenario failover` on it (kill the primary's container,
// promotion, HAProxy's switch, the old primary rejoining), and `down`.
//
//	go test ./cmd/pglab -run '^$' -bench DockerUpFailover -benchtime 3x
func BenchmarkDockerUpFailover(b *testing.B) {
	needStack(b)
	if _, err := os.Stat("/var/run/docker.sock"); err != nil {
		b.Skip("no Docker engine")
	}
	if out, err := exec.Command(pglabBin, "images", "build").CombinedOutput(); err != nil {
		b.Fatalf("images build: %v\n%s", err, out)
	}
	var up, failover, down time.Duration
	for i := 0; i < b.N; i++ {
		e := newLabEnv(b, fmt.Sprintf("dbench%d", i))
		start := time.Now()
		e.must("up", "-d", "--runtime", "docker")
		up += time.Since(start)
		start = time.Now()
		e.must("run", "scenario", "failover", "--out", b.TempDir())
		failover += time.Since(start)
		start = time.Now()
		e.must("down")
		down += time.Since(start)
	}
	b.ReportMetric(up.Seconds()/float64(b.N), "s/up")
	b.ReportMetric(failover.Seconds()/float64(b.N), "s/failover-scenario")
	b.ReportMetric(down.Seconds()/float64(b.N), "s/down")
	b.ReportMetric(0, "ns/op") // see the metrics above
}

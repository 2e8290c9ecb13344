package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/scenario"
)

// One measured graceful stop under load on a fresh fast-profile lab, the
// way a user runs it: no acknowledged write lost, no split brain, a
// positive write RTO under a generous bound, the old primary back, and a
// report with its timeline chart.
func TestBenchGracefulStop(t *testing.T) {
	needStack(t)
	e := newLabEnv(t, "bstop")
	out := filepath.Join(e.home, "results")
	log, err := e.run("bench", "failover", "-n", "1", "--fault", "stop", "--timing", "fast", "--out", out)
	if err != nil {
		t.Fatalf("pglab bench failover: %v\n%s", err, log)
	}
	checkBenchRun(t, out, "stop", 20, log)
	if _, err := os.Stat(filepath.Join(e.home, "bstop")); !os.IsNotExist(err) {
		t.Errorf("the lab the bench booted is still there: %v", err)
	}
}

// One measured partition on the embedded runtime: nftables cuts the
// primary's traffic, its own Patroni demotes it while the replica waits for
// the key to expire, nothing is written on two nodes, the old primary
// comes back after the heal, and no rule outlives the lab.
func TestBenchEmbeddedPartition(t *testing.T) {
	needStack(t)
	if os.Geteuid() != 0 {
		t.Skip("the embedded partition needs root: each node's own group, and nftables")
	}
	e := newLabEnv(t, "bpart")
	// Asynchronous replication may lose the writes of the last moments:
	// split brain and the rejoin are the strict part (checkBenchRun).
	benchOnce(t, e, "partition", 60, "pglab --name bpart partition postgres", "--timing", "fast")
	tables, err := exec.Command("nft", "list", "tables").CombinedOutput()
	if err != nil {
		t.Fatalf("nft list tables: %v\n%s", err, tables)
	}
	if strings.Contains(string(tables), "pglab_bpart") {
		t.Errorf("a partition rule outlived the lab:\n%s", tables)
	}
}

// One measured hard kill on the docker runtime, the exercise's containers
// with the exercise's timing (ttl 30): the primary's container killed,
// the replica promoted once the key expires, the old primary started
// again and back as a replica, no split brain, and nothing of the lab left
// in the engine. (The partition, --fault partition, is measured in
// docs/failover.md.)
func TestBenchDockerKill(t *testing.T) {
	needStack(t)
	needDocker(t)
	e := newLabEnv(t, "bkill")
	// Asynchronous replication may lose the writes of the last moments:
	// only split brain and the rejoin are strict here.
	benchOnce(t, e, "kill", 90, "docker-compose kill postgres", "--runtime", "docker")
	nothingLeftInEngine(t, "bkill")
}

// The HA lab measured: a hard kill on its own stack (embedded), the
// leader key read from ZooKeeper's leader znode and named by node
// (pg-master/pg-slave, not Patroni's postgresql0/1), and, since the lab
// runs synchronous_mode, no acknowledged write lost.
func TestBenchHALabKill(t *testing.T) {
	needStack(t)
	needZooKeeper(t)
	e := newLabEnv(t, "bha")
	e.must("up", "-d", "--profile", "zookeeper")
	out := filepath.Join(e.home, "results")
	log, err := e.run("bench", "failover", "-n", "1", "--fault", "kill", "--out", out)
	if err != nil {
		t.Fatalf("pglab bench failover on the HA lab: %v\n%s", err, log)
	}
	tr := checkBenchRun(t, out, "kill", 60, log)
	for _, sc := range tr.Scenarios {
		for _, st := range sc.Steps {
			if r := st.Failover; r != nil {
				if r.LeaderKey == nil || (r.NewLeader != "pg-master" && r.NewLeader != "pg-slave") {
					t.Errorf("leader key changed %v to %q: want a time and a node name from ZooKeeper's leader znode", r.LeaderKey, r.NewLeader)
				}
				if r.Lost != 0 || !r.Timing.Synchronous {
					t.Errorf("synchronous_mode %v: %d acknowledged write(s) lost", r.Timing.Synchronous, r.Lost)
				}
			}
		}
	}
}

// benchOnce runs one cycle of a fault under load the way a user does and
// checks it (checkBenchRun), including that the fault step ran a command
// starting with faultCmd, as the report shows it.
func benchOnce(t *testing.T, e *labEnv, fault string, maxRTO float64, faultCmd string, args ...string) {
	t.Helper()
	out := filepath.Join(e.home, "results")
	log, err := e.run(append([]string{"bench", "failover", "-n", "1", "--fault", fault, "--out", out}, args...)...)
	if err != nil {
		t.Fatalf("pglab bench failover --fault %s %v: %v\n%s", fault, args, err, log)
	}
	tr := checkBenchRun(t, out, fault, maxRTO, log)
	var ran bool
	for _, st := range tr.Scenarios[0].Steps {
		ran = ran || strings.HasPrefix(st.Command, faultCmd)
	}
	if !ran {
		t.Errorf("no step ran %q: the fault was not injected as expected", faultCmd)
	}
}

// checkBenchRun reads a bench's transcript and checks what a user relies
// on: figures recorded, no split brain, a positive write RTO under
// maxRTO seconds, the old primary back, writes flowing, and a report
// with its timeline chart. A graceful stop must also lose nothing.
func checkBenchRun(t *testing.T, out, fault string, maxRTO float64, log string) *scenario.Transcript {
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

// Package halab holds end-to-end tests of pglab: the HA lab's profile on the embedded runtime: every scenario with the Russian report, and a measured kill.
// They build the binary and drive it as a user does; they skip under
// -short and where the host lacks what they drive.
package halab

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

// The HA lab's own run on the embedded runtime: every scenario of its
// profile, and `report --profile zookeeper --lang ru` answering each part
// from what was recorded; the two Compose questions point to docker.
func TestHALabScenarios(t *testing.T) {
	e2etest.NeedStack(t)
	e2etest.NeedZooKeeper(t)
	e := e2etest.NewEnv(t, "halab")
	out := t.TempDir()
	if o, err := e.Run("run", "scenario", "all", "--profile", "zookeeper", "--lang", "ru", "--out", out); err != nil {
		t.Fatalf("run scenario all --profile zookeeper: %v\n%s", err, o)
	}
	// The run booted the lab and removed it; its transcript stays in --out.
	report := e.Must("report", "--profile", "zookeeper", "--lang", "ru", "--transcript", filepath.Join(out, "halab-transcript.json"))
	e2etest.LabToC(t, report, map[string]string{"Вопрос 1": "➖", "Вопрос 2": "➖"})
	for _, want := range []string{
		"zoo", "standalone", "postgresql0", "| ZooKeeper | `3.", // recorded from the ZooKeeper stack
		"cannot execute INSERT in a read-only transaction",
		"pglab run scenario ports --runtime docker", // where the Compose questions are answered
		"`pglab run scenario all --profile zookeeper`",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the Russian report lacks %q", want)
		}
	}
}

// The HA lab measured: a hard kill on its own stack (embedded), the
// leader key read from ZooKeeper's leader znode and named by node
// (pg-master/pg-slave, not Patroni's postgresql0/1), and, since the lab
// runs synchronous_mode, no acknowledged write lost.
func TestBenchHALabKill(t *testing.T) {
	e2etest.NeedStack(t)
	e2etest.NeedZooKeeper(t)
	e := e2etest.NewEnv(t, "bha")
	e.Must("up", "-d", "--profile", "zookeeper")
	out := filepath.Join(e.Home, "results")
	log, err := e.Run("bench", "failover", "--cycles", "1", "--fault", "kill", "--out", out)
	if err != nil {
		t.Fatalf("pglab bench failover on the HA lab: %v\n%s", err, log)
	}
	tr := e2etest.CheckBenchRun(t, out, "kill", 60, log)
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

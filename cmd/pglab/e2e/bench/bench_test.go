// Package bench holds end-to-end tests of pglab: measured failovers on the embedded runtime (a graceful stop, a partition).
// They build the binary and drive it as a user does; they skip under
// -short and where the host lacks what they drive.
package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

// One measured graceful stop under load on a fresh fast-profile lab, the
// way a user runs it: no acknowledged write lost, no split brain, a
// positive write RTO under a generous bound, the old primary back, and a
// report with its timeline chart.
func TestBenchGracefulStop(t *testing.T) {
	e2etest.NeedStack(t)
	e := e2etest.NewEnv(t, "bstop")
	out := filepath.Join(e.Home, "results")
	log, err := e.Run("bench", "failover", "--cycles", "1", "--fault", "stop", "--timing", "fast", "--out", out)
	if err != nil {
		t.Fatalf("pglab bench failover: %v\n%s", err, log)
	}
	e2etest.CheckBenchRun(t, out, "stop", 20, log)
	if _, err := os.Stat(filepath.Join(e.Home, "bstop")); !os.IsNotExist(err) {
		t.Errorf("the lab the bench booted is still there: %v", err)
	}
}

// One measured partition on the embedded runtime: nftables cuts the
// primary's traffic, its own Patroni demotes it while the replica waits for
// the key to expire, nothing is written on two nodes, the old primary
// comes back after the heal, and no rule outlives the lab.
func TestBenchEmbeddedPartition(t *testing.T) {
	e2etest.NeedStack(t)
	if os.Geteuid() != 0 {
		t.Skip("the embedded partition needs root: each node's own group, and nftables")
	}
	e := e2etest.NewEnv(t, "bpart")
	// Asynchronous replication may lose the writes of the last moments:
	// split brain and the rejoin are the strict part (e2etest.CheckBenchRun).
	e2etest.BenchOnce(t, e, "partition", 60, "pglab --name bpart partition postgres", "--timing", "fast")
	tables, err := exec.Command("nft", "list", "tables").CombinedOutput()
	if err != nil {
		t.Fatalf("nft list tables: %v\n%s", err, tables)
	}
	if strings.Contains(string(tables), "pglab_bpart") {
		t.Errorf("a partition rule outlived the lab:\n%s", tables)
	}
}

// Package dockerhalab holds end-to-end tests of pglab: the HA lab's own compose file on the docker runtime, every part and question answered.
// They build the binary and drive it as a user does; they skip under
// -short and where the host lacks what they drive.
package dockerhalab

import (
	"strings"
	"testing"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

// The HA lab on the docker runtime, from its own compose file and images
// built here: every part and both questions answered from recorded
// output, the rebuild experiment on its COPYed configs, and nothing of it
// left in the engine after down.
func TestDockerHALab(t *testing.T) {
	e2etest.NeedStack(t)
	e2etest.NeedDocker(t)
	e := e2etest.NewEnv(t, "dzk")
	e.Must("up", "-d", "--runtime", "docker", "--profile", "zookeeper")
	t.Cleanup(func() { _, _ = e.Run("down") })
	if o, err := e.Run("run", "scenario", "all", "--lang", "ru", "--out", t.TempDir()); err != nil {
		t.Fatalf("run scenario all on the docker HA lab: %v\n%s", err, o)
	}
	report := e.Must("report", "--profile", "zookeeper", "--lang", "ru")
	e2etest.LabToC(t, report, nil)
	for _, want := range []string{
		"| ZooKeeper | `3.9", "zoo", "standalone", // its DCS, from its image (values as code)
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
	e.Must("down")
	e2etest.NothingLeftInEngine(t, "dzk")
}

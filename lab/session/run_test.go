package session

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/fake"
	"github.com/pglab/pglab/lab/scenario"
)

const killYAML = `title: {es: a, ru: b, en: c}
setup:
  - title: {es: a, ru: b, en: c}
    wait: a replica streams
    timeout: 5s
    capture: {old: leader}
steps:
  - title: {es: a, ru: b, en: c}
    kill: '{{old}}'
  - title: {es: a, ru: b, en: c}
    wait: leader is not {{old}}
    timeout: 5s
`

// A run boots the lab it needs, runs the scenarios, saves the transcript
// where the hint it prints says, and removes the lab it booted.
func TestRunScenariosSavesAndRemovesItsLab(t *testing.T) {
	home(t)
	set, _, err := LoadScenarios(exercise.Etcd, fake.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse("kill.yaml", []byte(killYAML), scenario.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	var b bytes.Buffer
	err = RunScenarios(context.Background(), runtime.Registry{fake.NewRuntime()}, Run{
		Open: Options{Boot: runtime.Options{Name: "r1", Profile: "etcd", Timing: "fast"}, Runtime: fake.Name, Pglab: "pglab"},
		Set:  set, Scenarios: []*scenario.Scenario{sc}, Profile: "etcd", Lang: "en", Out: out, Version: "test",
	}, &b)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, b.String())
	}
	tr := Results{Dir: out, Prefix: "r1"}.Transcript()
	if _, err := os.Stat(tr); err != nil {
		t.Fatalf("no transcript at %s: %v", tr, err)
	}
	if !strings.Contains(b.String(), "The scenario passed") || !strings.Contains(b.String(), "--transcript "+tr) {
		t.Errorf("the closing lines do not say it passed and where the transcript is:\n%s", b.String())
	}
	if _, err := labdir.Load("r1"); !errors.Is(err, labdir.ErrNoLab) {
		t.Errorf("the lab the run booted is still there: %v", err)
	}
}

// down of a lab that is not there says so and succeeds, as with kind and
// docker compose.
func TestDownOfAMissingLabSucceeds(t *testing.T) {
	home(t)
	var b bytes.Buffer
	if err := Down(context.Background(), runtime.Registry{fake.NewRuntime()}, &b, "nope", false); err != nil {
		t.Fatal(err)
	}
	if b.String() != "No lab nope here: nothing to remove.\n" {
		t.Errorf("said %q", b.String())
	}
}

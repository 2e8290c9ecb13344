package session

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/fake"
	"github.com/pglab/pglab/lab/scenario"
)

func home(t *testing.T) {
	t.Setenv("PGLAB_HOME", t.TempDir())
}

// A session boots a lab when none runs, and removes it at the end unless
// asked to keep it; a lab that runs already is used and left running.
func TestSessionBootsAndRemovesItsLab(t *testing.T) {
	home(t)
	rts := runtime.Registry{fake.NewRuntime()}
	ctx := context.Background()
	var out bytes.Buffer
	s, err := Open(ctx, rts, Options{Boot: runtime.Options{Name: "s1", Profile: "etcd", Timing: "fast"}, Runtime: fake.Name, Pglab: "pglab"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Booted || !strings.Contains(out.String(), "No lab s1 is running: booting one") {
		t.Fatalf("booted %v, said %q", s.Booted, out.String())
	}
	if s.Lab.Lab() != "s1" || s.Lab.Name() != fake.Name {
		t.Errorf("lab %q on %q", s.Lab.Lab(), s.Lab.Name())
	}
	// A second session finds the running lab and leaves it be.
	out.Reset()
	s2, err := Open(ctx, rts, Options{Boot: runtime.Options{Name: "s1"}, Runtime: fake.Name, Pglab: "pglab"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if s2.Booted || !strings.Contains(out.String(), "Using the running lab s1") {
		t.Fatalf("second session: booted %v, said %q", s2.Booted, out.String())
	}
	var closeErr error
	s2.Close(&closeErr)
	if _, err := labdir.Load("s1"); err != nil || closeErr != nil {
		t.Fatalf("a session that did not boot the lab removed it: %v, %v", err, closeErr)
	}
	s.Close(&closeErr)
	if closeErr != nil {
		t.Fatal(closeErr)
	}
	if _, err := labdir.Load("s1"); !errors.Is(err, labdir.ErrNoLab) {
		t.Fatalf("the booted lab is still there after Close: %v", err)
	}
}

// --keep leaves a booted lab running, and says how to remove it.
func TestSessionKeepsItsLabWhenAsked(t *testing.T) {
	home(t)
	rts := runtime.Registry{fake.NewRuntime()}
	var out bytes.Buffer
	s, err := Open(context.Background(), rts, Options{Boot: runtime.Options{Name: "k1"}, Runtime: fake.Name, Keep: true, Pglab: "pglab"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	var closeErr error
	s.Close(&closeErr)
	if _, err := labdir.Load("k1"); err != nil {
		t.Fatalf("a kept lab is gone: %v", err)
	}
	if !strings.Contains(out.String(), "`pglab --name k1 down` removes it") {
		t.Errorf("said %q", out.String())
	}
	if _, err := Remove(context.Background(), rts, "k1", false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(labdir.Dir("k1")); !os.IsNotExist(err) {
		t.Errorf("Remove left %s: %v", labdir.Dir("k1"), err)
	}
}

// An unknown runtime is refused before anything is booted.
func TestSessionRefusesAnUnknownRuntime(t *testing.T) {
	home(t)
	_, err := Open(context.Background(), runtime.Registry{fake.NewRuntime()}, Options{Boot: runtime.Options{Name: "u1"}, Runtime: "podman", Pglab: "pglab"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `runtime "podman": choose fake`) {
		t.Fatalf("err = %v", err)
	}
}

// Save writes the transcript once per place and a report per format; a
// scenario run also leaves a copy in the lab directory, where
// FindTranscript finds it.
func TestSaveAndFindTranscript(t *testing.T) {
	home(t)
	if err := os.MkdirAll(labdir.Dir("r1"), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tr := &scenario.Transcript{Format: scenario.TranscriptFormat, Lab: "r1", Runtime: "fake", RunID: "x", Passed: true,
		Started: time.Now().UTC(), Finished: time.Now().UTC()}
	paths, err := Save(tr, Results{Dir: dir, Prefix: "r1", Lang: "en", LabCopy: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(labdir.Dir("r1"), TranscriptName), filepath.Join(dir, "r1-transcript.json"),
		filepath.Join(dir, "r1-report.en.md"), filepath.Join(dir, "r1-report.en.html")}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("saved %v, want %v", paths, want)
	}
	for _, p := range want {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
	got, p, err := FindTranscript("r1", "")
	if err != nil || got.RunID != "x" || (p != want[0] && p != want[1]) {
		t.Errorf("found %q (%v)", p, err)
	}
	// A bench saves no lab copy.
	paths, err = Save(tr, Results{Dir: dir, Prefix: "bench-kill", Lang: "en"})
	if err != nil || len(paths) != 3 || filepath.Base(paths[0]) != "bench-kill-transcript.json" {
		t.Errorf("bench saved %v, %v", paths, err)
	}
	if _, _, err := FindTranscript("nosuch", ""); !errors.Is(err, ErrNoTranscript) {
		t.Errorf("no transcript: %v", err)
	}
}

// A lab the user named must run: the session never boots pglab's own lab
// in its place, and says what would start it.
func TestSessionDoesNotStandInForANamedLab(t *testing.T) {
	home(t)
	rts := runtime.Registry{fake.NewRuntime()}
	_, err := Open(context.Background(), rts, Options{Boot: runtime.Options{Name: "gone"}, Runtime: fake.Name, Existing: true, Pglab: "pglab"}, &bytes.Buffer{})
	if !errors.Is(err, ErrNotRunning) || !strings.Contains(err.Error(), "`pglab up -d --name gone`") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
	if _, err := labdir.Load("gone"); !errors.Is(err, labdir.ErrNoLab) {
		t.Fatalf("a lab was booted in its place: %v", err)
	}
}

// A session's source is what the lab recorded at boot, else its
// profile's own files, not run as they are.
func TestSessionSource(t *testing.T) {
	home(t)
	rts := runtime.Registry{fake.NewRuntime()}
	s, err := Open(context.Background(), rts, Options{Boot: runtime.Options{Name: "src", Profile: "etcd"}, Runtime: fake.Name, Pglab: "pglab"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { var err error; s.Close(&err) })
	m, err := s.Source()
	if err != nil {
		t.Fatal(err)
	}
	if m.AsIs || m.From != "" || len(m.Files) != 5 || len(m.Digest) != 64 {
		t.Fatalf("source %+v", m)
	}
}

// --from names the files to run: a running lab of other files is not
// used in their place.
func TestSessionRefusesARunningLabOfOtherFiles(t *testing.T) {
	home(t)
	rts := runtime.Registry{fake.NewRuntime()}
	s, err := Open(context.Background(), rts, Options{Boot: runtime.Options{Name: "o1"}, Runtime: fake.Name, Pglab: "pglab"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { var err error; s.Close(&err) })
	_, err = Open(context.Background(), rts, Options{Boot: runtime.Options{Name: "o1", From: t.TempDir()}, Runtime: fake.Name, Pglab: "pglab"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "lab o1 runs pglab's own files, not ") {
		t.Fatalf("err = %v", err)
	}
}

// all on an HA lab with host processes says what it leaves out and why,
// one line per reason, in the run's language.
func TestPrintSkippedSaysWhyInTheLanguage(t *testing.T) {
	set, _, err := LoadScenarios(exercise.ZooKeeper, "embedded", []string{"all"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	PrintSkipped(&b, set, []string{"all"}, "es")
	want := "Se omite etcd, postgis: escrito para el perfil etcd (--profile etcd).\nSe omite published, ports, rebuild, published-nodes: escrito para el entorno docker (--runtime docker).\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

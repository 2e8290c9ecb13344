// Package cli holds end-to-end tests of pglab's command line as a person
// meets it: mistakes answered in one line with the exit code kind and
// docker compose use, hints that name the lab, unknown nodes named with
// the lab's nodes, and a walkthrough left with Ctrl-C at its prompt.
// They build the binary and drive it as a user does; the ones that boot a
// lab skip under -short and where the host lacks what they drive.
package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
	"github.com/pglab/pglab/lab/wait"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	if err == nil {
		return 0
	}
	if !errors.As(err, &ee) {
		t.Fatalf("not an exit: %v", err)
	}
	return ee.ExitCode()
}

// Mistakes are one line on stderr and exit 2; down of a lab that is not
// there says so and succeeds.
func TestMistakesAreOneLine(t *testing.T) {
	e := e2etest.NewEnv(t, "cli-none")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--bogus"}, 2, "pglab: unknown flag --bogus; see 'pglab --help'\n"},
		{[]string{"statu"}, 2, "pglab: unknown command \"statu\" (did you mean \"status\"?); see 'pglab --help'\n"},
		{[]string{"status", "--jsn"}, 2, "pglab: status: unknown flag --jsn (did you mean --json?); see 'pglab status --help'\n"},
		{[]string{"up", "--timing", "slow"}, 2, "pglab: --timing \"slow\": choose exercise or fast\n"},
		{[]string{"up", "--runtime", "podman"}, 2, "pglab: runtime \"podman\": choose embedded (host processes) or docker (the exercise's containers)\n"},
		{[]string{"down"}, 0, "No lab cli-none here: nothing to remove.\n"},
	} {
		cmd := e.Command(c.args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		code := exitCode(t, cmd.Run())
		got := stderr.String() + stdout.String()
		if code != c.code || got != c.want {
			t.Errorf("pglab %s: exit %d, printed %q; want exit %d, %q", strings.Join(c.args, " "), code, got, c.code, c.want)
		}
	}
}

// Every bad input of `pglab grade` is one line saying what is wrong and
// how to fix it, exit 2 for usage and 1 for a failure, checked before any
// submission is unpacked or booted: no output folder, nothing in docker.
func TestGradeMistakesAreOneLine(t *testing.T) {
	e := e2etest.NewEnv(t, "cli-grade")
	dir := t.TempDir()
	class, empty, out := filepath.Join(dir, "class"), filepath.Join(dir, "empty"), filepath.Join(dir, "grades")
	for _, d := range []string{filepath.Join(class, "alice"), empty} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		filepath.Join(class, "alice", "docker-compose.yaml"): "services: {}\n",
		filepath.Join(dir, "notes.txt"):                      "not an answer\n",
		filepath.Join(dir, "bob.zip"):                        "not a zip\n",
		filepath.Join(dir, "rubric.yaml"):                    "exercise: ops\nquestions: []\n",
	}
	for p, text := range files {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{filepath.Join(dir, "nonexistent")}, 2, "pglab: grade: " + filepath.Join(dir, "nonexistent") + " does not exist: name a submission (a folder with a compose file, or a .zip) or a folder of them\n"},
		{[]string{filepath.Join(dir, "notes.txt")}, 2, "pglab: grade: " + filepath.Join(dir, "notes.txt") + " is neither a folder nor a .zip: name a submission (a folder with a compose file, or a .zip) or a folder of them\n"},
		{[]string{filepath.Join(dir, "bob.zip")}, 2, "pglab: grade: " + filepath.Join(dir, "bob.zip") + " is not a zip archive (zip: not a valid zip file): give the submission's .zip as it was handed in, or its unpacked folder\n"},
		{[]string{empty}, 2, "pglab: grade: " + empty + " holds no submission: put each one in it as a folder with its compose file, or as a .zip\n"},
		{[]string{"--rubric", filepath.Join(dir, "none.yaml"), class}, 2, "pglab: --rubric " + filepath.Join(dir, "none.yaml") + ": cannot read it (no such file or directory): copy scenarios/rubric-ops.yaml or rubric-lab.yaml from pglab's source and edit it\n"},
		{[]string{"--rubric", filepath.Join(dir, "rubric.yaml"), class}, 2, "pglab: rubric " + filepath.Join(dir, "rubric.yaml") + ": no questions: list them under questions:, as scenarios/rubric-ops.yaml does\n"},
		{[]string{"--image-map", "postgres:15", class}, 2, "pglab: --image-map \"postgres:15\": write FROM=TO, e.g. postgres:15=pglab/lab-postgres:17\n"},
		{[]string{"-j", "0", class}, 2, "pglab: -j 0: grade at least 1 submission at a time (leave -j out for what this machine allows)\n"},
		{[]string{"--pass", "120", class}, 2, "pglab: --pass 120: give a percentage from 0 to 100 (e.g. --pass 70)\n"},
		{[]string{"--format", "xml", class}, 2, "pglab: --format \"xml\": the only format is junit\n"},
		{[]string{"--out", filepath.Join(dir, "notes.txt", "grades"), class}, 1, "pglab: --out " + filepath.Join(dir, "notes.txt", "grades") + ": cannot create it (not a directory): choose a folder you can write to\n"},
	} {
		args := append([]string{"grade", "--prefix", "cli-grade", "--out", out}, c.args...)
		cmd := e.Command(args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		code := exitCode(t, cmd.Run())
		got := stderr.String() + stdout.String()
		if code != c.code || got != c.want {
			t.Errorf("pglab %s: exit %d, printed %q; want exit %d, %q", strings.Join(args, " "), code, got, c.code, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("pglab %s made %s: a bad input must be refused before anything is written", strings.Join(args, " "), out)
		}
	}
	if _, err := exec.LookPath("docker"); err == nil {
		e2etest.NothingLeftInEngine(t, "cli-grade-alice")
	}
}

// syncBuffer is a process's output read while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// On a real lab: hints name the lab, unknown nodes are named with the
// lab's nodes (exit 2); then a walkthrough that booted its own lab is left
// with Ctrl-C at its first "Enter: run" prompt: it ends at once (130),
// removes its lab and writes no result file.
func TestRealLabHintsNodesAndCtrlCAtAPrompt(t *testing.T) {
	e2etest.NeedStack(t)
	e := e2etest.NewEnv(t, "cli-lab")
	out := e.Must("up", "-d")
	for _, want := range []string{"Try: pglab --name cli-lab psql --via haproxy", "`pglab --name cli-lab down` removes it"} {
		if !strings.Contains(out, want) {
			t.Errorf("up -d lacks the hint %q:\n%s", want, out)
		}
	}
	nodes := "(nodes: etcd1, etcd2, etcd3, postgres1, postgres2, haproxy)"
	for _, args := range [][]string{{"logs", "postgres3"}, {"kill", "postgres3"}, {"stop", "pg-master"}, {"psql", "postgres3"}} {
		cmd := e.Command(args...)
		b, err := cmd.CombinedOutput()
		want := "no node " + args[1] + " in lab cli-lab " + nodes
		if code := exitCode(t, err); code != 2 || !strings.Contains(string(b), want) || strings.Count(string(b), "\n") != 1 {
			t.Errorf("pglab %s: exit %d, %q; want exit 2 and %q", strings.Join(args, " "), code, b, want)
		}
	}
	e.Must("down")

	// The walkthrough boots its own lab (no lab of that name runs now).
	results := filepath.Join(t.TempDir(), "results")
	cmd := e.Command("walkthrough", "failover", "--timing", "fast", "--out", results) // --timing: boot the named lab (issue 15: a bare --name never boots)
	stdin, err := cmd.StdinPipe()                                                     // a keyboard no one types on
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var output syncBuffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	exited := make(chan struct{})
	go func() { done <- cmd.Wait(); close(exited) }()
	const prompt = "[Enter: run · q: quit]"
	if err := wait.Until(t.Context(), "the walkthrough's first prompt", 3*time.Minute, func(context.Context) (bool, string) {
		s := output.String()
		select {
		case <-exited: // fail fast: no prompt will come from a process that ended
			t.Fatalf("the walkthrough ended before its first prompt:\n%s", s)
		default:
		}
		return strings.Contains(s, prompt), lastLine(s)
	}); err != nil {
		_ = cmd.Process.Kill()
		t.Fatalf("%v\n%s", err, output.String())
	}
	asked := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("still running a minute after Ctrl-C at the prompt:\n%s", output.String())
	}
	took := time.Since(asked)
	if code := exitCode(t, err); code != 130 {
		t.Errorf("exit %d after Ctrl-C, want 130:\n%s", code, output.String())
	}
	if !strings.Contains(output.String(), "Interrupted: no result saved.") || !strings.Contains(output.String(), "✓ Removing lab cli-lab") {
		t.Errorf("the walkthrough did not say it stopped and removed its lab:\n%s", output.String())
	}
	t.Logf("ended %.1fs after Ctrl-C (lab removal included):\n%s", took.Seconds(), output.String())
	if _, err := os.Stat(results); !errors.Is(err, os.ErrNotExist) {
		entries, _ := os.ReadDir(results)
		t.Errorf("a result was written after Ctrl-C: %v", entries)
	}
	if _, err := e2etest.LoadState(e); err == nil {
		t.Errorf("the lab the walkthrough booted is still there after Ctrl-C")
	}
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

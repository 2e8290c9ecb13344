package scenario_test

// The real thing: build pglab, run `pglab run scenario all` on an embedded
// lab (real etcd, Patroni, PostgreSQL, HAProxy), then check the reports
// against the transcript. Skipped under -short and on hosts without the
// programs (scripts/deps.sh installs them).

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/scenario"
)

const e2eLab = "s-e2e"

func TestRunAllOnEmbeddedLab(t *testing.T) {
	if testing.Short() {
		t.Skip("real-stack test: skipped under -short")
	}
	for _, f := range []func() (hostbin.Program, error){hostbin.Patroni, hostbin.Patronictl, hostbin.HAProxy, hostbin.Psql, hostbin.Etcdctl} {
		if _, err := f(); err != nil {
			t.Skipf("%v (scripts/deps.sh installs it)", err)
		}
	}
	if _, err := hostbin.Look("curl", "curl"); err != nil {
		t.Skipf("%v (scripts/deps.sh installs it)", err)
	}
	if _, err := hostbin.FindPostgres(""); err != nil {
		t.Skip(err)
	}

	bin := filepath.Join(t.TempDir(), "pglab")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/pglab/pglab/cmd/pglab").CombinedOutput(); err != nil {
		t.Fatalf("build pglab: %v\n%s", err, out)
	}
	// PostgreSQL's user must reach the lab: t.TempDir's parents are private.
	home, err := os.MkdirTemp("/tmp", "pglab-scenario-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(home, 0o755); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	pglab := func(args ...string) (string, error) {
		cmd := exec.Command(bin, append([]string{"--name", e2eLab}, args...)...)
		cmd.Env = append(os.Environ(), "PGLAB_HOME="+home)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	t.Cleanup(func() {
		if _, err := os.Stat(filepath.Join(home, e2eLab)); err == nil {
			if out, err := pglab("down"); err != nil {
				t.Errorf("pglab down: %v\n%s", err, out)
			}
		}
		os.RemoveAll(home)
	})

	start := time.Now()
	out, err := pglab("run", "scenario", "all", "--timing", "fast", "--keep")
	t.Logf("pglab run scenario all: %s\n%s", time.Since(start).Round(time.Second), out)
	if err != nil {
		t.Fatalf("run scenario all: %v", err)
	}

	tr, err := scenario.LoadTranscript(filepath.Join(work, "pglab-results", e2eLab+"-transcript.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, e2eLab, "transcript.json")); err != nil {
		t.Errorf("no transcript in the lab directory: %v", err)
	}
	if !tr.Passed || tr.Runtime != "embedded" {
		t.Fatalf("transcript: passed=%v runtime=%q failure=%q", tr.Passed, tr.Runtime, tr.Failure)
	}
	versions := map[string]string{}
	for _, v := range tr.Versions {
		versions[v.Component] = v.Version
	}
	for comp, want := range map[string]string{"PostgreSQL": "PostgreSQL", "Patroni": "patroni 3", "etcd": "3.", "HAProxy": "HAProxy version"} {
		if !strings.Contains(versions[comp], want) {
			t.Errorf("version of %s: %q", comp, versions[comp])
		}
	}

	// No password of the lab anywhere in the transcript.
	var st struct{ Secrets map[string]string }
	if b, err := os.ReadFile(filepath.Join(home, e2eLab, "state.json")); err != nil || json.Unmarshal(b, &st) != nil || len(st.Secrets) == 0 {
		t.Fatalf("read the lab's secrets: %v", err)
	}
	raw, _ := os.ReadFile(filepath.Join(work, "pglab-results", e2eLab+"-transcript.json"))
	for _, s := range st.Secrets {
		if strings.Contains(string(raw), s) {
			t.Error("a password of the lab is in the transcript")
		}
	}

	// Failover: the leader before and after differ; the row written through
	// HAProxy after it is on the new primary, and on the rejoined old one.
	var fo *scenario.ScenarioRun
	for i := range tr.Scenarios {
		if tr.Scenarios[i].Name == "failover" {
			fo = &tr.Scenarios[i]
		}
	}
	if fo == nil {
		t.Fatal("no failover scenario in the transcript")
	}
	oldL, newL := fo.Vars["old_leader"], fo.Vars["new_leader"]
	if oldL == "" || newL == "" || oldL == newL {
		t.Fatalf("leader before %q, after %q", oldL, newL)
	}
	row := "written through haproxy after failover in run " + tr.RunID
	onNew, onOld := false, false
	for _, s := range fo.Steps {
		if s.Kind != scenario.KindSQL || !strings.HasPrefix(s.Command, "psql") || !strings.Contains(s.Command, "select") {
			continue
		}
		if tb, ok := scenario.ParseTable(s.Output); ok && s.Verdict == scenario.Pass && len(tb.Rows) == 1 {
			if note, _ := tb.Column("note"); note == row {
				onNew = onNew || s.Node == newL
				onOld = onOld || s.Node == oldL
			}
		}
	}
	if !onNew || !onOld {
		t.Errorf("row %q: on the new primary %s: %v, on the rejoined %s: %v", row, newL, onNew, oldL, onOld)
	}

	// The reports: every question the scenarios answer is answered, in the
	// exercise's own words, and every command shown has its output.
	for _, lang := range []string{"es", "ru", "en"} {
		var md bytes.Buffer
		if err := report.Render(&md, tr, report.Options{Lang: lang, Format: "md"}); err != nil {
			t.Fatal(err)
		}
		m, err := report.Build(tr, report.Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range m.Exercises {
			for _, q := range ex.Questions {
				if !strings.Contains(md.String(), q.Text) {
					t.Errorf("%s report: question %s not quoted", lang, q.ID)
				}
				if len(tr.StepsAnswering(q.ID)) == 0 {
					continue // not covered by these scenarios; the report says so
				}
				if q.Verdict == report.NotInRun {
					continue // the HA lab's items, from this etcd run: the report says to run its profile (issue 17)
				}
				if q.Verdict != scenario.Pass || len(q.Steps) == 0 {
					t.Errorf("%s report: question %s is %s with %d steps", lang, q.ID, q.Verdict, len(q.Steps))
				}
				for _, s := range q.Steps {
					if s.IsWait {
						continue
					}
					block := "$ " + s.Command + "\n" + strings.TrimRight(s.Output, "\n")
					if strings.TrimSpace(s.Output) == "" || !strings.Contains(md.String(), block) {
						t.Errorf("%s report, question %s: command %q without its recorded output", lang, q.ID, s.Command)
					}
				}
			}
		}
	}
	if out, err := pglab("report", "--lang", "ru", "--format", "html", "-o", "r.html"); err != nil {
		t.Errorf("pglab report: %v\n%s", err, out)
	} else if b, _ := os.ReadFile(filepath.Join(work, "r.html")); !strings.Contains(string(b), "Часть 2, п. 4") {
		t.Error("Russian HTML report lacks the lab's tasks")
	}

	// The submission zip: evidence from the embedded runtime proves no
	// container of the zipped files, so it is refused in one line that
	// names the run that would; --force writes it with that said on top.
	if out, err := pglab("submission", "-o", "answer.zip"); err == nil || !strings.Contains(out, "pglab run scenario all --runtime docker") || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("pglab submission of an embedded run: err %v, want one line naming the docker run:\n%s", err, out)
	}
	if out, err := pglab("submission", "--force", "-o", "answer.zip"); err != nil {
		t.Fatalf("pglab submission --force: %v\n%s", err, out)
	}
	zr, err := zip.OpenReader(filepath.Join(work, "answer.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	for _, want := range []string{"Dockerfile", "docker-compose.yaml", "postgres1-conf/patroni.yml", "postgres2-conf/patroni.yml", "haproxy/haproxy.cfg", "DOCUMENTACION.md"} {
		if !contains(names, want) {
			t.Errorf("submission lacks %s (has %v)", want, names)
		}
	}
	// The zip starts as handed in: a .env of passwords made for the zip,
	// none of the lab's; the document says first what it does not prove.
	var lab struct {
		Secrets map[string]string `json:"secrets"`
	}
	if b, err := os.ReadFile(filepath.Join(home, e2eLab, "state.json")); err != nil || json.Unmarshal(b, &lab) != nil || len(lab.Secrets) == 0 {
		t.Fatalf("the lab's secrets: %v", err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case ".env":
			if !strings.Contains(string(b), "PATRONI_SUPERUSER_PASSWORD=") {
				t.Errorf("the zip's .env has no superuser password:\n%s", b)
			}
			for name, pw := range lab.Secrets {
				if pw != "" && strings.Contains(string(b), pw) {
					t.Errorf("the zip's .env holds the lab's own %s password", name)
				}
			}
		case "DOCUMENTACION.md":
			if head, _, _ := strings.Cut(string(b), "## "); !strings.Contains(head, "no prueba los ficheros de este zip") {
				t.Errorf("the forced document does not open with what its evidence does not cover:\n%s", head)
			}
		}
	}
	if !contains(names, ".env") {
		t.Error("submission has no .env: the unzipped folder would not start")
	}

	// The walkthrough runs the same steps as a lesson on the running lab.
	out, err = pglab("walkthrough", "replication", "--auto", "--lang", "es")
	if err != nil || !strings.Contains(out, "cannot execute INSERT in a read-only transaction") || !strings.Contains(out, "👀 `pg_is_in_recovery = t`.") {
		t.Errorf("walkthrough: %v\n%s", err, out)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

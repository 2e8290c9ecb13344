package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
)

// want is one expected finding: its file, its line, and a piece of its Problem.
type want struct {
	file string
	line int
	text string
}

// embeddedFS lays the embedded exercise out like an exercise directory.
func embeddedFS(t *testing.T) fstest.MapFS { return profileFS(t, exercise.Etcd) }

// profileFS lays out a profile's embedded files as its exercise directory.
func profileFS(t *testing.T, p exercise.Profile) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, f := range p.Files {
		data, err := fs.ReadFile(pglab.Files, f.Embedded)
		if err != nil {
			t.Fatalf("read embedded %s: %v", f.Embedded, err)
		}
		m[f.Path] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  " + f.String())
	}
	if b.Len() == 0 {
		return " (none)"
	}
	return b.String()
}

// expect asserts that every wanted finding is there; with exact, that there is nothing else.
func expect(t *testing.T, got []Finding, wants []want, exact bool) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range wants {
		found := false
		for i, f := range got {
			if f.File == w.file && f.Line == w.line && strings.Contains(f.Problem, w.text) {
				found, used[i] = true, true
			}
		}
		if !found {
			t.Errorf("missing finding %s:%d: …%s…; got:%s", w.file, w.line, w.text, dump(got))
		}
	}
	if exact {
		for i, f := range got {
			if !used[i] {
				t.Errorf("unexpected finding: %s", f)
			}
		}
	}
	for _, f := range got {
		if f.Problem == "" || f.Fix == "" || f.File == "" {
			t.Errorf("finding with an empty field: %#v", f)
		}
	}
}

func TestEmbeddedIsClean(t *testing.T) {
	got, err := FS(embeddedFS(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("the embedded exercise has findings:%s", dump(got))
	}
}

func TestInitDirIsClean(t *testing.T) {
	dir := t.TempDir()
	if _, err := exercise.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	got, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("pglab init's directory has findings:%s", dump(got))
	}
}

// TestOriginal: the operations test's starting files, one finding per planted bug.
func TestOriginal(t *testing.T) {
	got, err := Dir(filepath.Join("testdata", "original"))
	if err != nil {
		t.Fatal(err)
	}
	wants := []want{
		// Dockerfile: no PostGIS 3, pip spec eaten by the shell, PEP 668, FoundationDB wal-g, root.
		{"Dockerfile", 1, "no PostGIS 3"},
		{"Dockerfile", 5, "unquoted version spec psycopg>=3.0.0"},
		{"Dockerfile", 5, "externally-managed-environment"},
		{"Dockerfile", 6, "wal-g build for FoundationDB"},
		{"Dockerfile", 13, "Patroni runs as root"},
		// Compose: no HAProxy; the driver_opts bind volumes.
		{"docker-compose.yaml", 3, "no HAProxy service"},
		{"docker-compose.yaml", 95, "volume postgres1-conf binds the relative path ./postgres1-conf"},
		{"docker-compose.yaml", 100, "volume postgres2-conf binds the relative path ./postgres2-conf"},
	}
	for _, f := range []string{"postgres1-conf/patroni.yml", "postgres2-conf/patroni.yml"} {
		wants = append(wants,
			want{f, 6, "restapi.listen 127.0.0.1:8008 listens on loopback only"},
			want{f, 7, "restapi.connect_address 127.0.0.1:8008 is loopback"},
			want{f, 9, "etcd: uses the v2 API (Failed to get list of machines from http://127.0.0.1:2379/v2 once etcd drops it): etcd 3.5 here serves it only because of --enable-v2"},
			want{f, 11, "etcd.host 127.0.0.1:2379 is loopback"},
			want{f, 29, `pg_hba "host replication replicator 127.0.0.1/32 md5" allows replication from 127.0.0.1/32 only`},
			want{f, 33, "postgresql.listen 127.0.0.1:5432 listens on loopback only"},
			want{f, 34, "postgresql.connect_address 127.0.0.1:5432 is loopback"},
		)
	}
	expect(t, got, wants, true)

	// The fixes name the right values.
	fixes := map[string]string{}
	for _, f := range got {
		fixes[f.File+":"+strconv.Itoa(f.Line)] += f.Fix + "\n"
	}
	for loc, fix := range map[string]string{
		"postgres1-conf/patroni.yml:7":  "connect_address: postgres1:8008",
		"postgres2-conf/patroni.yml:7":  "connect_address: postgres2:8008",
		"postgres2-conf/patroni.yml:34": "connect_address: postgres2:5432",
		"postgres1-conf/patroni.yml:9":  "etcd3: with hosts etcd1:2379,etcd2:2379,etcd3:2379",
		"postgres1-conf/patroni.yml:11": "hosts: etcd1:2379,etcd2:2379,etcd3:2379",
		"postgres1-conf/patroni.yml:29": "host replication replicator samenet md5",
		"Dockerfile:13":                 "USER postgres",
		"Dockerfile:5":                  "'psycopg>=3.0.0'",
		"docker-compose.yaml:95":        "./postgres1-conf:/etc/patroni:ro",
	} {
		if !strings.Contains(fixes[loc], fix) {
			t.Errorf("fix at %s = %q, want it to contain %q", loc, fixes[loc], fix)
		}
	}
}

// TestFixtures: copies of the corrected exercise with one kind of mistake each.
// TestOnDisk lints edited copies of the embedded files written to a
// directory, as a candidate's answer would be.
func TestOnDisk(t *testing.T) {
	cases := map[string]struct {
		edits []edit
		wants []at
	}{
		"haproxy 2.6": {
			[]edit{{file: dc, old: "haproxy:2.8}", new: "haproxy:2.6}"}},
			[]at{{dc, "haproxy:2.6", "HAProxy 2.6 is older than the 2.7"}},
		},
		"unknown hosts": {
			[]edit{
				{file: p2, old: "connect_address: postgres2:8008", new: "connect_address: postgres-2:8008"},
				{file: hap, old: "server postgres2 postgres2:5432", new: "server postgres2 pg2:5432"},
			},
			[]at{
				{p2, "postgres-2:8008", "names the host postgres-2, which is not a compose service (services: etcd1, etcd2, etcd3, postgres1, postgres2, haproxy)"},
				{hap, "pg2:5432", "server postgres2 names the host pg2, which is not a compose service"},
			},
		},
		"port mismatches": {
			[]edit{
				{file: p1, old: "hosts: etcd1:2379,etcd2:2379,etcd3:2379", new: "hosts: etcd1:2380,etcd2:2380,etcd3:2380"},
				{file: hap, old: "postgres1:5432 maxconn 100 check port 8008", new: "postgres1:5433 maxconn 100 check port 8008"},
				{file: hap, old: "postgres2:5432 maxconn 100 check port 8008", new: "postgres2:5432 maxconn 100 check port 8009"},
			},
			[]at{
				{hap, "postgres1:5433", "sends to port 5433 but PostgreSQL on postgres1 listens on 5432"},
				{hap, "check port 8009", "checks port 8009 but Patroni's REST API on postgres2 listens on 8008"},
				{p1, "hosts: etcd1:2380", "uses port 2380 but etcd1, etcd2, etcd3 serve clients on 2379 (2380 is the peer port)"},
			},
		},
		"bad YAML": {
			[]edit{{file: p2, old: "  listen: 0.0.0.0:8008", new: "\tlisten: 0.0.0.0:8008"}},
			[]at{{p2, "\tlisten", "invalid YAML"}},
		},
		"missing file": {
			[]edit{{file: p2, del: true}},
			[]at{{p2, "", "missing: postgres2 mounts ./postgres2-conf at /etc/patroni"}},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m := variant(t, c.edits)
			dir := t.TempDir()
			for path, f := range m {
				p := filepath.Join(dir, filepath.FromSlash(path))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Dir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var wants []want
			for _, w := range c.wants {
				line := 0
				if w.where != "" {
					line = lineOf(t, m, w.file, w.where)
				}
				wants = append(wants, want{w.file, line, w.text})
			}
			expect(t, got, wants, true)
		})
	}
}

func TestCannotLint(t *testing.T) {
	if _, err := Dir(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("a nonexistent directory: no error")
	}
	empty := t.TempDir()
	_, err := Dir(empty)
	if err == nil || !strings.Contains(err.Error(), "unknown layout") {
		t.Errorf("an empty directory: err = %v, want unknown layout", err)
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "README.md"), []byte("# hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Dir(other); err == nil {
		t.Error("a directory without exercise files: no error")
	}
	file := filepath.Join(other, "README.md")
	if _, err := Dir(file); err == nil {
		t.Error("a file instead of a directory: no error")
	}
	if _, err := FS(nil); err == nil {
		t.Error("FS(nil): no error")
	}
}

func TestFindingString(t *testing.T) {
	f := Finding{File: "Dockerfile", Line: 3, Problem: "bad", Fix: "good"}
	if got := f.String(); got != "Dockerfile:3: bad — good" {
		t.Errorf("String() = %q", got)
	}
	f.Line = 0
	if got := f.String(); got != "Dockerfile: bad — good" {
		t.Errorf("String() with Line 0 = %q", got)
	}
}

func TestSorted(t *testing.T) {
	got, err := Dir(filepath.Join("testdata", "original"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if a.File > b.File || (a.File == b.File && a.Line > b.Line) {
			t.Errorf("not sorted: %s before %s", a, b)
		}
	}
}

// TestNotesAreNotProblems: a note says what lint could not check; it is
// rendered as one and left out by Problems, which callers count.
func TestNotesAreNotProblems(t *testing.T) {
	got, err := Dir(filepath.Join("testdata", "real", "mayonnaise-compnet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].Note || !strings.Contains(got[0].String(), ": note: the build context .. is outside the answer") {
		t.Fatalf("want one note about the build context outside the answer, got %q", got)
	}
	if p := Problems(got); len(p) != 0 {
		t.Errorf("Problems kept a note: %q", p)
	}
}

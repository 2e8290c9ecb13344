package submission

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/provenance"
	"github.com/pglab/pglab/lab/scenario"
)

// recorded loads a real run's transcript (lab/report's fixtures).
func recorded(t *testing.T, name string) *scenario.Transcript {
	t.Helper()
	tr, err := scenario.LoadTranscript(filepath.Join("..", "report", "testdata", "transcripts", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func unzip(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]string{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = string(b)
	}
	return out
}

// Evidence from host processes does not prove the Dockerfile: refused in
// one line naming the run that does; --force writes it, and the document
// opens saying what it does not cover.
func TestEmbeddedEvidenceIsRefused(t *testing.T) {
	tr := recorded(t, "embedded-etcd")
	zipPath := filepath.Join(t.TempDir(), "a.zip")
	_, err := Write(zipPath, tr, Options{})
	if !errors.Is(err, ErrUnproven) || !strings.Contains(err.Error(), "`pglab run scenario all --runtime docker`") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(zipPath); !os.IsNotExist(err) {
		t.Fatalf("a refused submission left a zip: %v", err)
	}
	res, err := Write(zipPath, tr, Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := unzip(t, zipPath)[Report]
	lines := strings.Split(doc, "\n")
	if !strings.HasPrefix(lines[2], "> ⚠ **Esta documentación no prueba los ficheros de este zip.**") {
		t.Errorf("the forced document does not open with the warning:\n%s", strings.Join(lines[:6], "\n"))
	}
	if res.Unproven == "" || len(res.Deviations) != 2 {
		t.Errorf("result %+v", res)
	}
}

// A docker run of pglab's own files proves them: the zip holds exactly
// those files, a .env of fresh passwords and the document, which opens
// with how to start it.
func TestDockerEvidenceOfOwnFiles(t *testing.T) {
	tr := recorded(t, "docker-etcd")
	m, err := exercise.Etcd.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	m.AsIs = true
	tr.Source = &m
	zipPath := filepath.Join(t.TempDir(), "a.zip")
	res, err := Write(zipPath, tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := ".env DOCUMENTACION.md Dockerfile docker-compose.yaml haproxy/haproxy.cfg postgres1-conf/patroni.yml postgres2-conf/patroni.yml"
	if got := strings.Join(res.Files, " "); got != want {
		t.Fatalf("zipped %s, want %s", got, want)
	}
	z := unzip(t, zipPath)
	for _, f := range exercise.Etcd.Files {
		b, _ := exercise.Etcd.Read(f.Path)
		if z[f.Path] != string(b) {
			t.Errorf("%s differs from pglab's own", f.Path)
		}
	}
	if !strings.Contains(z[".env"], "PATRONI_SUPERUSER_PASSWORD=") || strings.Count(z[".env"], "_PASSWORD=") != 3 {
		t.Errorf(".env:\n%s", z[".env"])
	}
	again := filepath.Join(t.TempDir(), "b.zip")
	if _, err := Write(again, tr, Options{}); err != nil {
		t.Fatal(err)
	}
	if unzip(t, again)[".env"] == z[".env"] {
		t.Error("two zips share their passwords")
	}
	doc := z[Report]
	if !strings.Contains(strings.Join(strings.Split(doc, "\n")[:8], "\n"), "docker compose up -d") || strings.Contains(doc, "⚠ **Esta") {
		t.Errorf("the document's first lines:\n%s", strings.Join(strings.Split(doc, "\n")[:8], "\n"))
	}
	if !strings.Contains(doc, "`PostgreSQL 17` en lugar de `PostgreSQL 12`") {
		t.Error("the document does not state the PostgreSQL deviation")
	}
}

// The candidate's folder: zipped without .git or secrets when the run
// used it as it is; a file changed since is refused, named, with the
// command that proves the folder as it is now.
func TestCandidateFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := exercise.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("ref"), 0o644)
	os.WriteFile(filepath.Join(dir, "setup.sh"), []byte("#!/bin/sh\n"), 0o755)
	m, err := provenance.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m.AsIs = true
	tr := recorded(t, "docker-etcd")
	tr.Source = &m
	zipPath := filepath.Join(t.TempDir(), "a.zip")
	res, err := Write(zipPath, tr, Options{From: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Files, " "); strings.Contains(got, ".git") || !strings.Contains(got, "setup.sh") {
		t.Errorf("zipped %s", got)
	}
	oldEnv, _ := os.ReadFile(filepath.Join(dir, ".env"))
	z := unzip(t, zipPath)
	for _, line := range strings.Split(string(oldEnv), "\n") {
		if strings.Contains(line, "PASSWORD=") && strings.Contains(z[".env"], line) {
			t.Errorf("the zip's .env carries the candidate's password: %s", line)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "haproxy", "haproxy.cfg"), []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Write(zipPath, tr, Options{From: dir})
	if !errors.Is(err, ErrUnproven) || !strings.Contains(err.Error(), "changed: haproxy/haproxy.cfg") ||
		!strings.Contains(err.Error(), "`pglab run scenario all --runtime docker --from "+dir+"`") {
		t.Fatalf("err = %v", err)
	}
}

// Evidence of a candidate's folder, zipped without --from: pglab says to
// pass the folder.
func TestCandidateEvidenceNeedsFrom(t *testing.T) {
	dir := t.TempDir()
	if _, err := exercise.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "setup.sh"), []byte("#!/bin/sh\n"), 0o755)
	m, err := provenance.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m.AsIs = true
	tr := recorded(t, "docker-etcd")
	tr.Source = &m
	_, err = Write(filepath.Join(t.TempDir(), "a.zip"), tr, Options{})
	if !errors.Is(err, ErrUnproven) || !strings.Contains(err.Error(), "zip it with --from "+dir) {
		t.Fatalf("err = %v", err)
	}
}

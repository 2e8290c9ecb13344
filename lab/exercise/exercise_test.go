package exercise

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pglab/pglab"
)

func TestInitWritesByteIdenticalCopies(t *testing.T) {
	dir := t.TempDir()
	written, err := Init(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != len(Files)+1 {
		t.Fatalf("wrote %v", written)
	}
	for _, f := range Files {
		want, err := fs.ReadFile(pglab.Files, f.Embedded)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the embedded %s", f.Path, f.Embedded)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, EnvFile))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf(".env mode = %v, want 0600", fi.Mode().Perm())
	}
	env, _ := os.ReadFile(filepath.Join(dir, EnvFile))
	for _, v := range []string{"PATRONI_SUPERUSER_PASSWORD=", "PATRONI_REPLICATION_PASSWORD=", "PATRONI_REWIND_PASSWORD="} {
		if !strings.Contains(string(env), v) {
			t.Errorf(".env lacks %s", v)
		}
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "postgres1-conf", "patroni.yml")
	if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mine, []byte("my work"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Init(dir, false); !errors.Is(err, ErrExists) {
		t.Fatalf("Init over an existing file: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "my work" {
		t.Fatal("Init without --force changed an existing file")
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); !os.IsNotExist(err) {
		t.Fatal("a refused Init still wrote other files")
	}
	if _, err := Init(dir, true); err != nil {
		t.Fatalf("Init --force: %v", err)
	}
	if b, _ := os.ReadFile(mine); string(b) == "my work" {
		t.Fatal("Init --force did not overwrite")
	}
}

func TestSecretsAreFreshAndRedactable(t *testing.T) {
	a, err := NewSecrets()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewSecrets()
	if a == b || a.Superuser == a.Replication || len(a.Superuser) < 20 {
		t.Fatalf("secrets not fresh: %+v %+v", a, b)
	}
	if len(a.Values()) != 3 {
		t.Fatalf("Values() = %v", a.Values())
	}
}

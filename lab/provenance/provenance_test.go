package provenance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A candidate's folder: the exercise files count, and version control,
// secrets and the data a stack wrote do not.
func TestDirKeepsOnlyExerciseFiles(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"Dockerfile", "docker-compose.yaml", "postgres1-conf/patroni.yml", "haproxy/haproxy.cfg", "scripts/entrypoint.sh", ".env.example", "data/init.sql"} {
		write(t, dir, rel, rel+"\n")
	}
	for _, rel := range []string{".git/config", ".env", ".env.local", "etcd1-data/member/snap/db", "volumes/pg1/data/PG_VERSION", "volumes/pg1/data/base/1", "zk/version-2/log.1", "answer.zip", "certs/server.key"} {
		write(t, dir, rel, "secret or data\n")
	}
	m, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := ".env.example Dockerfile data/init.sql docker-compose.yaml haproxy/haproxy.cfg postgres1-conf/patroni.yml scripts/entrypoint.sh"
	if got := strings.Join(m.Paths(), " "); got != want {
		t.Fatalf("files %q, want %q", got, want)
	}
	if m.From != dir || len(m.Digest) != 64 {
		t.Errorf("from %q digest %q", m.From, m.Digest)
	}
	again, _ := Dir(dir)
	if again.Digest != m.Digest {
		t.Error("the digest of the same files changed")
	}
	// One byte changed, a file added, one removed: each named.
	write(t, dir, "haproxy/haproxy.cfg", "edited\n")
	write(t, dir, "extra.sh", "x\n")
	os.Remove(filepath.Join(dir, "Dockerfile"))
	now, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if now.Digest == m.Digest {
		t.Error("the digest did not change with the files")
	}
	changed, added, missing := Diff(m, now)
	if strings.Join(changed, ",") != "haproxy/haproxy.cfg" || strings.Join(added, ",") != "extra.sh" || strings.Join(missing, ",") != "Dockerfile" {
		t.Errorf("diff: changed %v added %v missing %v", changed, added, missing)
	}
}

// The digest is of the files, not of where they are.
func TestOfMatchesDir(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/b.yml", "b")
	write(t, dir, "c", "c")
	m, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if o := Of(map[string][]byte{"a/b.yml": []byte("b"), "c": []byte("c")}); o.Digest != m.Digest {
		t.Errorf("Of %s, Dir %s", o.Digest, m.Digest)
	}
}

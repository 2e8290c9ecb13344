package labdir

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// CopyFiles keeps relative paths, leaves out what the caller skips and
// gives each file the mode perm says.
func TestCopyFiles(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	for _, f := range []string{"a.yml", "conf/p.yml", ".git/HEAD", "state.json"} {
		os.MkdirAll(filepath.Join(src, filepath.Dir(f)), 0o755)
		if err := os.WriteFile(filepath.Join(src, f), []byte(f), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	err := CopyFiles(src, dst,
		func(rel string) bool { return rel == ".git" },
		func(rel string) bool { return filepath.Ext(rel) == ".json" },
		func(m fs.FileMode) fs.FileMode { return m | 0o644 })
	if err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]bool{"a.yml": true, "conf/p.yml": true, ".git/HEAD": false, "state.json": false} {
		fi, err := os.Stat(filepath.Join(dst, f))
		if (err == nil) != want {
			t.Errorf("%s copied: %v, want %v", f, err == nil, want)
		}
		if err == nil && fi.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v, want 0644", f, fi.Mode().Perm())
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dst, "conf/p.yml")); string(b) != "conf/p.yml" {
		t.Errorf("conf/p.yml holds %q", b)
	}
}

// Package provenance says which exercise files a run used: each file's
// path and SHA-256, and one digest over them all. A lab records it when it
// boots, the transcript carries it, and the submission checks the files it
// zips against it, so the evidence in a deliverable is about the files in
// it.
package provenance

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// File is one exercise file, slash-separated relative to its directory.
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Manifest is the set of exercise files a run used.
type Manifest struct {
	// From is the directory the files came from (absolute), "" for
	// pglab's own embedded files.
	From string `json:"from,omitempty"`
	// AsIs says the runtime ran these files as they are: the compose file
	// booted, the Dockerfile built, the configs mounted. A runtime that
	// derives its own configs from them (host processes) leaves it false.
	AsIs   bool   `json:"as_is"`
	Digest string `json:"digest"`
	Files  []File `json:"files"`
}

// Short is the digest's first 12 hex digits, as a reader compares it.
func (m Manifest) Short() string {
	if len(m.Digest) < 12 {
		return m.Digest
	}
	return m.Digest[:12]
}

// Paths lists the files' paths in order.
func (m Manifest) Paths() []string {
	var out []string
	for _, f := range m.Files {
		out = append(out, f.Path)
	}
	return out
}

// skipDirs are directories that are not the exercise: version control,
// pglab's own results and scratch copies, editors' and tools' caches.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".idea": true, ".vscode": true,
	"node_modules": true, "__pycache__": true, ".venv": true,
	"logs": true, "scratch": true, "pglab-results": true,
}

// Skip says whether a directory or file under an exercise directory is
// left out of its manifest (and of a zip of it), and why, by its name.
// Data directories are told by what they hold (DataDir).
func Skip(rel string, isDir bool) (bool, string) {
	base := path.Base(rel)
	if isDir {
		if skipDirs[base] {
			return true, "not an exercise file"
		}
		return false, ""
	}
	switch {
	case base == ".env" || strings.HasPrefix(base, ".env.") && base != ".env.example":
		return true, "secrets"
	case strings.HasSuffix(base, ".pem") || strings.HasSuffix(base, ".key") || strings.HasPrefix(base, "id_rsa") || strings.HasPrefix(base, "id_ed25519"):
		return true, "secrets"
	case base == "state.json" || strings.HasSuffix(base, "transcript.json"):
		return true, "pglab's state"
	case strings.HasSuffix(base, ".zip") || base == ".DS_Store" || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, "~"):
		return true, "not an exercise file"
	}
	return false, ""
}

// DataDir tells a directory a stack wrote, whatever its name: PostgreSQL's
// (PG_VERSION), etcd's (member/), ZooKeeper's (version-2/). One the
// walker cannot read (a data directory owned by another user) counts too.
func DataDir(dir string) bool {
	for _, marker := range []string{"PG_VERSION", "member", "version-2"} {
		if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
			return true
		}
	}
	_, err := os.ReadDir(dir)
	return errors.Is(err, fs.ErrPermission)
}

// Dir makes the manifest of an exercise directory: every regular file
// that Skip keeps, data directories left out.
func Dir(dir string) (Manifest, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Manifest{}, err
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == abs {
			return nil
		}
		rel, _ := filepath.Rel(abs, p)
		rel = filepath.ToSlash(rel)
		if skip, _ := Skip(rel, d.IsDir()); skip {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if DataDir(p) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel] = b
		return nil
	})
	if err != nil {
		return Manifest{}, fmt.Errorf("exercise files of %s: %w", dir, err)
	}
	if len(files) == 0 {
		return Manifest{}, fmt.Errorf("exercise files of %s: none found", dir)
	}
	m := Of(files)
	m.From = abs
	return m, nil
}

// Of makes the manifest of files given by path.
func Of(files map[string][]byte) Manifest {
	var m Manifest
	for _, p := range slices.Sorted(maps.Keys(files)) {
		sum := sha256.Sum256(files[p])
		m.Files = append(m.Files, File{Path: p, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(files[p]))})
	}
	m.Digest = digest(m.Files)
	return m
}

// digest covers every file's path and content, in path order.
func digest(files []File) string {
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%s\n", f.Path, f.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Diff lists how the files of now differ from those of ran: changed,
// added and missing paths. All empty: the same files.
func Diff(ran, now Manifest) (changed, added, missing []string) {
	before := map[string]string{}
	for _, f := range ran.Files {
		before[f.Path] = f.SHA256
	}
	seen := map[string]bool{}
	for _, f := range now.Files {
		seen[f.Path] = true
		sum, ok := before[f.Path]
		switch {
		case !ok:
			added = append(added, f.Path)
		case sum != f.SHA256:
			changed = append(changed, f.Path)
		}
	}
	for _, f := range ran.Files {
		if !seen[f.Path] {
			missing = append(missing, f.Path)
		}
	}
	return changed, added, missing
}

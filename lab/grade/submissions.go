package grade

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/pglab/pglab/lab/labdir"
)

// Submission is one candidate's answer: a directory or a zip.
type Submission struct {
	Name string // from the directory's or the zip's name: the gradebook's row, the feedback's folder
	Path string // the directory or the zip as given
	Zip  bool
}

// composeNames are the compose files that make a directory an answer.
var composeNames = []string{"docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml"}

// Find lists the submissions in paths: each a submission (a directory
// with a compose file, a zip) or a folder of them. A path that is
// neither is an error naming it.
func Find(paths []string) ([]Submission, error) {
	var out []Submission
	seen := map[string]string{}
	add := func(s Submission) error {
		if prev, dup := seen[s.Name]; dup {
			return fmt.Errorf("two submissions are named %s (%s and %s): rename one", s.Name, prev, s.Path)
		}
		seen[s.Name] = s.Path
		out = append(out, s)
		return nil
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("%s does not exist: name a submission (a folder with a compose file, or a .zip) or a folder of them", p)
		case err != nil:
			return nil, fmt.Errorf("%s: %w", p, errors.Unwrap(err))
		}
		switch {
		case !fi.IsDir() && strings.EqualFold(filepath.Ext(p), ".zip"):
			// Named on the command line: a file that is not a zip is the
			// teacher's to fix now (in a class folder it is graded
			// "unreadable", so the rest of the class is still graded).
			if zr, err := zip.OpenReader(p); err != nil {
				return nil, fmt.Errorf("%s is not a zip archive (%v): give the submission's .zip as it was handed in, or its unpacked folder", p, err)
			} else {
				zr.Close()
			}
			if err := add(Submission{Name: nameOf(p), Path: p, Zip: true}); err != nil {
				return nil, err
			}
		case !fi.IsDir():
			return nil, fmt.Errorf("%s is neither a folder nor a .zip: name a submission (a folder with a compose file, or a .zip) or a folder of them", p)
		case isAnswer(p):
			if err := add(Submission{Name: nameOf(p), Path: p}); err != nil {
				return nil, err
			}
		default:
			ents, err := os.ReadDir(p)
			if err != nil {
				return nil, err
			}
			n := 0
			for _, e := range ents {
				child := filepath.Join(p, e.Name())
				switch {
				case strings.HasPrefix(e.Name(), "."):
				case !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".zip"):
					n++
					if err := add(Submission{Name: nameOf(child), Path: child, Zip: true}); err != nil {
						return nil, err
					}
				case e.IsDir():
					n++
					if err := add(Submission{Name: nameOf(child), Path: child}); err != nil {
						return nil, err
					}
				}
			}
			if n == 0 {
				return nil, fmt.Errorf("%s holds no submission: put each one in it as a folder with its compose file, or as a .zip", p)
			}
		}
	}
	slices.SortFunc(out, func(a, b Submission) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// isAnswer: a directory holding a compose file, or a single folder that does.
func isAnswer(dir string) bool {
	for _, n := range composeNames {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	return false
}

var unsafeName = regexp.MustCompile(`[^a-z0-9-]+`)

// nameOf is a submission's name from its path: lowercase letters, digits
// and dashes, as lab names and folders need.
func nameOf(p string) string {
	base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	if filepath.Ext(p) != ".zip" {
		base = filepath.Base(p)
	}
	n := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(base), "-"), "-")
	if n == "" {
		n = "submission"
	}
	return n
}

// Unpack copies (or unzips) a submission's files into dir and returns the
// directory holding its compose file: a zip of one top folder holds the
// answer in that folder.
func (s Submission) Unpack(dir string) (string, error) {
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	var err error
	if s.Zip {
		err = unzip(s.Path, dir)
	} else {
		err = copyTree(s.Path, dir)
	}
	if err != nil {
		return "", err
	}
	return answerRoot(dir), nil
}

// answerRoot descends single folders until one holds a compose file.
func answerRoot(dir string) string {
	for range 4 {
		if isAnswer(dir) {
			return dir
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			return dir
		}
		var dirs []string
		for _, e := range ents {
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && e.Name() != "__MACOSX" {
				dirs = append(dirs, e.Name())
			}
		}
		if len(dirs) != 1 {
			return dir
		}
		dir = filepath.Join(dir, dirs[0])
	}
	return dir
}

func unzip(zipPath, dir string) error {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return fmt.Errorf("%s: %w", zipPath, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(p, filepath.Clean(dir)+string(os.PathSeparator)) {
			return fmt.Errorf("%s: %s leaves the folder", zipPath, f.Name)
		}
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
			continue
		}
		if !f.Mode().IsRegular() {
			continue // links and devices are not an answer's
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := writeFrom(f, p); err != nil {
			return fmt.Errorf("%s: %s: %w", zipPath, f.Name, err)
		}
	}
	return nil
}

func writeFrom(f *zip.File, p string) error {
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	mode := os.FileMode(0o644)
	if f.Mode()&0o111 != 0 {
		mode = 0o755 // start scripts stay executable
	}
	w, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, io.LimitReader(r, 64<<20)); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// copyTree copies a submission's files, readable whatever their mode.
func copyTree(src, dst string) error {
	return labdir.CopyFiles(src, dst,
		func(rel string) bool { return filepath.Base(rel) == ".git" },
		func(string) bool { return false },
		func(m fs.FileMode) fs.FileMode { return m | 0o644 })
}

// Hash is a digest of a submission's files (names and contents): a
// submission whose hash did not change since it was graded is skipped.
func (s Submission) Hash() (string, error) {
	h := sha256.New()
	if s.Zip {
		f, err := os.Open(s.Path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		if _, err := io.Copy(h, f); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil))[:16], nil
	}
	err := filepath.WalkDir(s.Path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(s.Path, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// CheckOut makes sure the output folder can be written before anything
// is graded: a run that could save nothing must not boot a lab.
func CheckOut(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("--out %s: cannot create it (%v): choose a folder you can write to", out, errors.Unwrap(err))
	}
	f, err := os.CreateTemp(out, ".pglab-write-check-")
	if err != nil {
		return fmt.Errorf("--out %s: cannot write in it (%v): choose a folder you can write to", out, errors.Unwrap(err))
	}
	f.Close()
	return os.Remove(f.Name())
}

package labdir

import (
	"io/fs"
	"os"
	"path/filepath"
)

// CopyFiles copies the regular files of the tree src into dst, keeping
// each file's relative path. skipDir leaves out a directory (by its path
// relative to src), skipFile a file; perm gives a copied file its mode
// from the original's. A lab's scratch copy and a graded submission's
// files are both made this way.
func CopyFiles(src, dst string, skipDir, skipFile func(rel string) bool, perm func(fs.FileMode) fs.FileMode) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if rel != "." && skipDir(rel) {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() || skipFile(rel) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, perm(fi.Mode().Perm()))
	})
}

// Package submission makes the operations test's deliverable: the
// corrected exercise files and the Spanish report of a run, in one zip.
package submission

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/scenario"
)

// Report is the report's name inside the zip.
const Report = "DOCUMENTACION.md"

// ErrIncomplete is wrapped when the run does not answer every question.
var ErrIncomplete = errors.New("does not answer every question")

// Write zips the corrected files and the report of t into path. Unless
// force, every question of the operations test must have passed.
func Write(path string, t *scenario.Transcript, force bool) error {
	m, err := report.Build(t, report.Options{Lang: "es", Exercises: []string{"ops"}})
	if err != nil {
		return err
	}
	var missing []string
	for _, q := range m.Exercises[0].Questions {
		if q.Verdict != scenario.Pass {
			missing = append(missing, q.Label+" "+m.VerdictText(q.Verdict))
		}
	}
	if len(missing) > 0 && !force {
		return fmt.Errorf("%w: %s", ErrIncomplete, strings.Join(missing, "; "))
	}
	var doc bytes.Buffer
	if err := report.Render(&doc, t, report.Options{Lang: "es", Format: "md", Exercises: []string{"ops"}}); err != nil {
		return err
	}
	return writeZip(path, doc.Bytes())
}

// writeZip zips the corrected exercise files (never the .env of
// passwords) and the report, atomically.
func writeZip(path string, doc []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".submission-*.zip")
	if err != nil {
		return fmt.Errorf("submission: %w", err)
	}
	defer os.Remove(tmp.Name())
	zw := zip.NewWriter(tmp)
	add := func(name string, data []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	for _, f := range exercise.Files {
		data, err := exercise.Read(f.Path)
		if err != nil {
			return err
		}
		if err := add(f.Path, data); err != nil {
			return err
		}
	}
	if err := add(Report, doc); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

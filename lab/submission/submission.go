// Package submission makes the operations test's deliverable: the exercise
// files a run used and the Spanish report of that run, in one zip that
// starts as handed in. The transcript's provenance (lab/provenance) is
// checked against the files zipped, so the evidence is about them.
package submission

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/dotenv"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/provenance"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/scenario"
)

// Report is the report's name inside the zip.
const Report = "DOCUMENTACION.md"

// Lang is the document's language: the operations test's.
const Lang = "es"

var (
	// ErrIncomplete is wrapped when the run does not answer every question.
	ErrIncomplete = errors.New("does not answer every question")
	// ErrUnproven is wrapped when the transcript's evidence is not about
	// the files to zip: another runtime ran, or other files.
	ErrUnproven = errors.New("its evidence is not about the files to zip")
)

// Options say what to zip and how strictly.
type Options struct {
	// From is the candidate's directory; "" zips pglab's own files.
	From string
	// Force writes the zip even when the run failed, left questions
	// unanswered or proves other files; the document then says so first.
	Force bool
}

// Result is what was written.
type Result struct {
	Files      []string // the zip's entries, in order
	Unproven   string   // why the evidence does not cover the files ("" when it does)
	Deviations []string // where what ran differs from what the exercise fixes, in English
}

// Write zips the exercise files, a .env with fresh passwords and the
// report of t into path. Unless o.Force, the transcript must come from a
// runtime that ran these very files, and every question of the operations
// test must have passed.
func Write(path string, t *scenario.Transcript, o Options) (Result, error) {
	var res Result
	files, now, err := filesToZip(o.From)
	if err != nil {
		return res, err
	}
	why, warning := check(t, now, o.From)
	if why != "" && !o.Force {
		return res, fmt.Errorf("%w: %s; run %s and zip again (or --force)", ErrUnproven, why, "`"+RunCommand(o.From)+"`")
	}
	res.Unproven = why
	m, err := report.Build(t, report.Options{Lang: Lang, Exercises: []string{"ops"}})
	if err != nil {
		return res, err
	}
	var missing []string
	for _, q := range m.Exercises[0].Questions {
		if q.Verdict != scenario.Pass {
			missing = append(missing, q.Label+" "+m.VerdictText(q.Verdict))
		}
	}
	if len(missing) > 0 && !o.Force {
		return res, fmt.Errorf("%w: %s", ErrIncomplete, strings.Join(missing, "; "))
	}
	for _, d := range report.Deviations(t, "en") {
		res.Deviations = append(res.Deviations, d.Plain())
	}
	env, err := freshEnv(o.From)
	if err != nil {
		return res, err
	}
	preface := []report.Phrase{}
	if warning != nil {
		preface = append(preface, warning)
	}
	preface = append(preface, report.StartLines(Lang, o.From == "")...)
	var doc bytes.Buffer
	if err := report.Render(&doc, t, report.Options{Lang: Lang, Format: "md", Exercises: []string{"ops"}, Preface: preface}); err != nil {
		return res, err
	}
	files[exercise.EnvFile] = env
	files[Report] = doc.Bytes()
	res.Files = slices.Sorted(maps.Keys(files))
	return res, writeZip(path, files)
}

// RunCommand is the command whose transcript proves the files of from
// ("" for pglab's own).
func RunCommand(from string) string {
	if from == "" {
		return "pglab run scenario all --runtime docker"
	}
	return "pglab run scenario all --runtime docker --from " + from
}

// filesToZip reads the exercise files: the candidate's directory (what
// provenance keeps of it: no .git, data or secrets), else pglab's own.
func filesToZip(from string) (map[string][]byte, provenance.Manifest, error) {
	files := map[string][]byte{}
	if from == "" {
		for _, f := range exercise.Etcd.Files {
			b, err := exercise.Etcd.Read(f.Path)
			if err != nil {
				return nil, provenance.Manifest{}, err
			}
			files[f.Path] = b
		}
		return files, provenance.Of(files), nil
	}
	m, err := provenance.Dir(from)
	if err != nil {
		return nil, m, err
	}
	for _, f := range m.Files {
		b, err := os.ReadFile(filepath.Join(m.From, filepath.FromSlash(f.Path)))
		if err != nil {
			return nil, m, fmt.Errorf("submission: %w", err)
		}
		files[f.Path] = b
	}
	// Read again: a file changed while reading is not what the manifest says.
	if again := provenance.Of(files); again.Digest != m.Digest {
		return nil, m, fmt.Errorf("submission: the files in %s changed while they were read; try again", from)
	}
	return files, m, nil
}

// check compares the transcript's provenance with the files to zip: why
// the evidence does not cover them (one clause), and the document's
// warning saying so.
func check(t *scenario.Transcript, now provenance.Manifest, from string) (string, report.Phrase) {
	src := t.Source
	if src == nil || !src.AsIs {
		rt := t.Runtime
		if rt == "" {
			rt = "unknown"
		}
		return fmt.Sprintf("the transcript is from the %s runtime, which does not run the exercise's containers", rt),
			report.CoverageWarning(Lang, report.UncoveredRuntime, rt, "", RunCommand(from))
	}
	if src.Digest == now.Digest {
		return "", nil
	}
	if src.From != "" && from == "" {
		return fmt.Sprintf("the run used the directory %s, not pglab's own files (zip it with --from %s)", src.From, src.From),
			report.CoverageWarning(Lang, report.UncoveredFiles, src.Short(), src.From, RunCommand(from))
	}
	changed, added, missing := provenance.Diff(*src, now)
	var parts []string
	for _, p := range []struct {
		what  string
		paths []string
	}{{"changed", changed}, {"new", added}, {"missing", missing}} {
		if len(p.paths) > 0 {
			parts = append(parts, p.what+": "+strings.Join(p.paths, ", "))
		}
	}
	ran := "pglab's own files"
	if src.From != "" {
		ran = src.From
	}
	return fmt.Sprintf("the run used other files (%s, digest %s; %s)", ran, src.Short(), strings.Join(parts, "; ")),
		report.CoverageWarning(Lang, report.UncoveredFiles, src.Short(), strings.Join(append(append(changed, added...), missing...), ", "), RunCommand(from))
}

// freshEnv is the zip's .env: new passwords made for the zip, never the
// lab's or the candidate's. A candidate's .env keeps its keys, each
// secret-looking value replaced.
func freshEnv(from string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Made by pglab submission for this zip: fresh passwords, used by nobody else.\n")
	if from != "" {
		if env, err := dotenv.Read(filepath.Join(from, exercise.EnvFile)); err == nil {
			for _, k := range slices.Sorted(maps.Keys(env)) {
				v := env[k]
				if secretKey(k) {
					if v, err = password(); err != nil {
						return nil, err
					}
				}
				fmt.Fprintf(&b, "%s=%s\n", k, v)
			}
			return b.Bytes(), nil
		}
	}
	s, err := exercise.NewSecrets()
	if err != nil {
		return nil, err
	}
	env := s.Env()
	if i := bytes.IndexByte(env, '\n'); i >= 0 && bytes.HasPrefix(env, []byte("#")) {
		env = env[i+1:] // its own comment speaks of pglab init
	}
	b.Write(env)
	return b.Bytes(), nil
}

func secretKey(k string) bool {
	k = strings.ToUpper(k)
	for _, s := range []string{"PASS", "SECRET", "TOKEN", "KEY"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

func password() (string, error) {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate password: %w", err)
	}
	return strings.ToLower(base32.StdEncoding.EncodeToString(b)), nil
}

// writeZip writes the entries atomically; .env and scripts keep modes a
// shell can use.
func writeZip(path string, files map[string][]byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".submission-*.zip")
	if err != nil {
		return fmt.Errorf("submission: %w", err)
	}
	defer os.Remove(tmp.Name())
	zw := zip.NewWriter(tmp)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()}
		mode := os.FileMode(0o644)
		switch {
		case name == exercise.EnvFile:
			mode = 0o600
		case strings.HasSuffix(name, ".sh") || bytes.HasPrefix(files[name], []byte("#!")):
			mode = 0o755
		}
		h.SetMode(mode)
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(files[name]); err != nil {
			return err
		}
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

// Zip writes the zip to path from the transcript found at src and says
// what it holds, what its evidence does not cover under --force, and where
// what ran differs from what the exercise fixes.
func Zip(w io.Writer, path string, t *scenario.Transcript, src string, o Options) error {
	res, err := Write(path, t, o)
	if errors.Is(err, ErrIncomplete) {
		return fmt.Errorf("the transcript %s %w; run `pglab run scenario all --runtime docker` (or --force)", src, err)
	}
	if errors.Is(err, ErrUnproven) {
		return fmt.Errorf("the transcript %s: %w", src, err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote %s (from %s): %s\n", path, src, strings.Join(res.Files, ", "))
	if res.Unproven != "" {
		fmt.Fprintf(w, "--force: %s; %s opens saying so.\n", res.Unproven, Report)
	}
	if len(res.Deviations) > 0 {
		fmt.Fprintln(w, "Differences from what the exercise fixes (under the version table):")
		for _, d := range res.Deviations {
			fmt.Fprintf(w, "  - %s\n", d)
		}
	}
	return nil
}

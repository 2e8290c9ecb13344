package session

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/scenario"
)

// Where results go unless told otherwise, and the transcript's file name.
const (
	ResultsDir     = "pglab-results"
	TranscriptName = "transcript.json"
)

// Results say where a run's transcript and reports go.
type Results struct {
	Dir    string // outlives the lab: ./pglab-results by default
	Prefix string // each file's name begins with it: the lab's name, bench-FAULT
	Lang   string // the reports' language
	// LabCopy also saves the transcript into the lab's directory, where
	// `pglab report` looks first (a scenario run; not a bench).
	LabCopy string
}

// Transcript is where Save writes the transcript in Dir.
func (r Results) Transcript() string { return filepath.Join(r.Dir, r.Prefix+"-"+TranscriptName) }

// Save writes the transcript (into the lab's directory too, with LabCopy)
// and the report in each format, and lists the files written, also when
// one fails.
func Save(t *scenario.Transcript, r Results) ([]string, error) {
	var saved []string
	if r.LabCopy != "" {
		p := filepath.Join(labdir.Dir(r.LabCopy), TranscriptName)
		if err := t.Save(p); err != nil {
			return saved, err
		}
		saved = append(saved, p)
	}
	p := r.Transcript()
	if err := t.Save(p); err != nil {
		return saved, err
	}
	saved = append(saved, p)
	for _, format := range report.Formats {
		p := filepath.Join(r.Dir, fmt.Sprintf("%s-report.%s.%s", r.Prefix, r.Lang, format))
		var b bytes.Buffer
		if err := report.Render(&b, t, report.Options{Lang: r.Lang, Format: format}); err != nil {
			return saved, err
		}
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return saved, fmt.Errorf("write report: %w", err)
		}
		saved = append(saved, p)
	}
	return saved, nil
}

// ErrNoTranscript is wrapped when no run of a lab was saved.
var ErrNoTranscript = fmt.Errorf("no transcript")

// FindTranscript loads the transcript to report on: path when given, else
// the newer of the lab's directory's and the results directory's.
func FindTranscript(lab, path string) (*scenario.Transcript, string, error) {
	if path != "" {
		t, err := scenario.LoadTranscript(path)
		return t, path, err
	}
	cands := []string{filepath.Join(labdir.Dir(lab), TranscriptName), filepath.Join(ResultsDir, lab+"-"+TranscriptName)}
	sort.SliceStable(cands, func(i, j int) bool { return mtime(cands[i]).After(mtime(cands[j])) })
	for _, p := range cands {
		if !mtime(p).IsZero() {
			t, err := scenario.LoadTranscript(p)
			return t, p, err
		}
	}
	return nil, "", fmt.Errorf("%w of lab %s in %s or %s: run `%s` first, or pass --transcript FILE",
		ErrNoTranscript, lab, cands[0], cands[1], labdir.Hint(lab, "run", "scenario", "all"))
}

func mtime(p string) time.Time {
	fi, err := os.Stat(p)
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}

package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRealAnswers lints real public answers to the two exercises and close
// variants (testdata/real/NAME, each with a SOURCE file) and asserts the
// exact set of findings in NAME/expected: "file:line: problem" per line
// (the problem text up to " — ", the fix is not compared), "#" comments
// justify each one.
func TestRealAnswers(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "real", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, d := range dirs {
		t.Run(filepath.Base(d), func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(d, "SOURCE")); err != nil {
				t.Fatalf("no SOURCE file: %v", err)
			}
			want := readExpected(t, filepath.Join(d, "expected"))
			got := lintMap(t, realFS(t, filepath.Base(d)))
			var have []string
			for _, f := range got {
				if f.Fix == "" {
					t.Errorf("finding without a fix: %s", f)
				}
				have = append(have, strings.SplitN(f.String(), " — ", 2)[0])
			}
			for _, w := range want {
				if !slices.Contains(have, w) {
					t.Errorf("missing finding: %s", w)
				}
			}
			for _, h := range have {
				if !slices.Contains(want, h) {
					t.Errorf("unexpected finding: %s", h)
				}
			}
		})
	}
}

func readExpected(t *testing.T, p string) []string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("no expected file: %v", err)
	}
	var out []string
	for _, ln := range strings.Split(string(data), "\n") {
		if ln = strings.TrimSpace(ln); ln != "" && !strings.HasPrefix(ln, "#") {
			out = append(out, ln)
		}
	}
	return out
}

// BenchmarkCorpus lints every answer of the corpus; ns/op divided by the
// number of answers is the time per answer.
func BenchmarkCorpus(b *testing.B) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "real", "*"))
	var answers []fstest.MapFS
	for _, d := range dirs {
		m, err := readAnswer(d)
		if err != nil {
			b.Fatal(err)
		}
		answers = append(answers, m)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range answers {
			if _, err := FS(m); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(dirs))/1e6, "ms/answer")
}

// realFS reads an answer of the corpus into a map the tests can edit.
func realFS(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	m, err := readAnswer(filepath.Join("testdata", "real", name))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// readAnswer reads the answer's files, without the corpus's own SOURCE and
// expected beside them: lint reads every file of an answer (READMEs,
// scripts), so the corpus's notes about it must not be part of it.
func readAnswer(root string) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "SOURCE" || rel == "expected" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	return m, err
}

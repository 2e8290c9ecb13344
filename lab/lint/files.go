package lint

import (
	"io/fs"
	"strings"
)

// answerFile is one regular file of the answer with its text.
type answerFile struct {
	path string // slash-separated, relative to the answer's top
	text string
}

// maxTextFile: larger files are data (dumps, binaries), not what the
// whole-answer checks look for (a docker build --tag, a CREATE ROLE, a
// --profile in a start script).
const maxTextFile = 1 << 20

// textFiles lists the answer's regular files of at most maxTextFile bytes,
// with their text, in lexical order. Several checks look through the whole
// answer for a word; they share this one walk instead of each reading the
// tree again (a check that ran once per user name read it once per name).
func (l *linter) textFiles() []answerFile {
	if l.texts != nil {
		return *l.texts
	}
	var out []answerFile
	_ = fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, e := d.Info(); e != nil || info.Size() > maxTextFile {
			return nil
		}
		if data, ok := l.read(p); ok {
			out = append(out, answerFile{path: p, text: string(data)})
		}
		return nil
	})
	l.texts = &out
	return out
}

// inHiddenDir: p lies under a directory whose name starts with a dot
// (.git, .github, .devcontainer).
func inHiddenDir(p string) bool {
	dirs := strings.Split(p, "/")
	for _, d := range dirs[:len(dirs)-1] {
		if strings.HasPrefix(d, ".") {
			return true
		}
	}
	return false
}

package runtime

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// ImageMap substitutes images that cannot be pulled here with local ones,
// for classrooms without a registry: `--image-map postgres:15=pglab/lab-postgres:17`.
// A key is an image reference ("postgres:15"), a repository standing for
// every tag ("postgres"), or a pattern (path.Match: "haproxy:*",
// "quay.io/coreos/etcd:*").
type ImageMap []ImageSub

// ImageSub is one FROM=TO.
type ImageSub struct{ From, To string }

// ParseImageMap reads FROM=TO flags.
func ParseImageMap(flags []string) (ImageMap, error) {
	var m ImageMap
	for _, f := range flags {
		from, to, ok := strings.Cut(f, "=")
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if !ok || from == "" || to == "" {
			return nil, Refuse(ErrOption, "--image-map %q: write FROM=TO, e.g. postgres:15=pglab/lab-postgres:17", f)
		}
		if _, err := path.Match(from, ""); err != nil {
			return nil, Refuse(ErrOption, "--image-map %q: bad pattern: %v", f, err)
		}
		m = append(m, ImageSub{from, to})
	}
	return m, nil
}

// Map is the image to use instead of ref, and whether one is mapped; the
// first matching entry wins.
func (m ImageMap) Map(ref string) (string, bool) {
	repo := ref
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		repo = ref[:i]
	}
	if i := strings.Index(repo, "@"); i >= 0 {
		repo = repo[:i]
	}
	for _, s := range m {
		if s.From == ref || s.From == repo {
			return s.To, true
		}
		if ok, _ := path.Match(s.From, ref); ok {
			return s.To, true
		}
	}
	return "", false
}

// Substitution says what replaced what, for the feedback.
func (s ImageSub) String() string { return fmt.Sprintf("%s → %s", s.From, s.To) }

// unreachableRe matches what a build, a pull or a package manager says
// when this machine cannot fetch what was asked for (no registry, no
// PyPI): not the fault of the files that asked.
var unreachableRe = regexp.MustCompile(`(?i)pull access denied|manifest unknown|no such host|temporary failure in name resolution|network is unreachable|i/o timeout|could not resolve host|failed to establish a new connection|max retries exceeded|repository does not exist|TLS handshake timeout|registry-1\.docker\.io`)

// Unreachable says whether output shows this machine could not fetch an
// image or a package.
func Unreachable(output string) bool { return unreachableRe.MatchString(output) }

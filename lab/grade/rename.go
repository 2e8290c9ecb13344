package grade

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/topology"
)

// Renames say which of a submission's services plays each node of the
// exercise's own files (postgres1 is their patroni1, haproxy their lb),
// and which of their files is each of the exercise's configs: the
// scenarios name the exercise's nodes, and are asked of theirs.
type Renames struct {
	Nodes map[string]string // exercise node -> their service
	Files map[string]string // exercise config path -> theirs
}

// MapNodes pairs the exercise's nodes with a submission's, kind by kind,
// in start order (then by name): their first etcd member plays etcd1.
// Nodes of the exercise the submission lacks are left out.
func MapNodes(own, theirs topology.Topology, ownLayout, theirLayout *lint.Layout) Renames {
	r := Renames{Nodes: map[string]string{}, Files: map[string]string{}}
	for _, k := range []topology.Kind{topology.Etcd, topology.ZooKeeper, topology.Postgres, topology.HAProxy} {
		a, b := names(own.Of(k)), names(theirs.Of(k))
		for i := range min(len(a), len(b)) {
			r.Nodes[a[i]] = b[i]
			if k != topology.Postgres || ownLayout == nil || theirLayout == nil {
				continue
			}
			from, to := ownLayout.Nodes[a[i]].Config, theirLayout.Nodes[b[i]].Config
			if from != "" && to != "" {
				r.Files[from] = to
			}
		}
	}
	return r
}

func names(ns []topology.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Name)
	}
	sort.Strings(out)
	return out
}

// Apply rewrites a scenario file's text: the exercise's config paths,
// then its node names as whole words (not inside another name, nor a
// file name such as haproxy.cfg), in one pass so that swapped names stay
// swapped.
func (r Renames) Apply(text string) string {
	for from, to := range r.Files {
		if from != to {
			text = strings.ReplaceAll(text, from, to)
		}
	}
	var olds []string
	for from, to := range r.Nodes {
		if from != to {
			olds = append(olds, from)
		}
	}
	if len(olds) == 0 {
		return text
	}
	// Longest first: pg-master before a shorter name inside it.
	slices.SortFunc(olds, func(a, b string) int { return len(b) - len(a) })
	var b strings.Builder
	for i := 0; i < len(text); {
		matched := ""
		if i == 0 || !nameByte(text[i-1]) {
			for _, o := range olds {
				if strings.HasPrefix(text[i:], o) && wholeEnd(text, i+len(o)) {
					matched = o
					break
				}
			}
		}
		if matched == "" {
			b.WriteByte(text[i])
			i++
			continue
		}
		b.WriteString(r.Nodes[matched])
		i += len(matched)
	}
	return b.String()
}

// nameByte: a byte that continues a node name (letters, digits, _ and -).
func nameByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// wholeEnd: a name ending at end is whole: not continued, and not the
// stem of a file name (haproxy.cfg), though a sentence's full stop is fine.
func wholeEnd(text string, end int) bool {
	if end >= len(text) {
		return true
	}
	if nameByte(text[end]) {
		return false
	}
	return !(text[end] == '.' && end+1 < len(text) && nameByte(text[end+1]))
}

// LoadScenarios loads the rubric's scenarios for a submission: the
// embedded files renamed to its nodes, checked against its topology.
// Scenarios that cannot be asked of it (they name a node it lacks) are
// left out and returned with the problem, in the student's terms.
func LoadScenarios(files fs.FS, rub *Rubric, profile, runtime string, theirs topology.Topology, r Renames) (*scenario.Set, []*scenario.Scenario, map[string]string, error) {
	mem := fstest.MapFS{}
	want := rub.ScenarioNames()
	ents, err := fs.ReadDir(files, "scenarios")
	if err != nil {
		return nil, nil, nil, err
	}
	for _, e := range ents {
		name := e.Name()
		base, _, _ := strings.Cut(strings.TrimSuffix(name, path.Ext(name)), ".")
		if name != scenario.CatalogFile && !slices.Contains(want, base) {
			continue
		}
		b, err := fs.ReadFile(files, path.Join("scenarios", name))
		if err != nil {
			return nil, nil, nil, err
		}
		text := string(b)
		if name != scenario.CatalogFile {
			text = r.Apply(text)
		}
		mem[path.Join("scenarios", name)] = &fstest.MapFile{Data: []byte(text)}
	}
	opts := scenario.LoadOptions{Nodes: scenario.TopologyNodes(theirs), Profile: profile, Runtime: runtime}
	unloadable := map[string]string{}
	for range len(want) + 1 {
		set, err := scenario.LoadFS(mem, "scenarios", opts)
		var le *scenario.LoadError
		if errors.As(err, &le) {
			// Leave the broken files out and load again.
			for _, p := range le.Problems {
				base, _, _ := strings.Cut(strings.TrimSuffix(path.Base(p.File), path.Ext(p.File)), ".")
				if _, done := unloadable[base]; !done {
					unloadable[base] = fmt.Sprintf("this stack cannot be asked %s: %s", base, p.Msg)
				}
				delete(mem, p.File)
			}
			continue
		}
		if err != nil {
			return nil, nil, nil, err
		}
		var scs []*scenario.Scenario
		for _, n := range want {
			if sc, ok := set.Scenarios[n]; ok {
				scs = append(scs, sc)
			}
		}
		return set, scs, unloadable, nil
	}
	return nil, nil, nil, fmt.Errorf("the scenarios do not load for this stack: %v", unloadable)
}

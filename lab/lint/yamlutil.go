package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

// parseYAML parses the first document of data. A nil node with a nil error
// means the file holds no YAML at all (empty or only comments).
func parseYAML(data []byte) (root *yaml.Node, line int, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, line, err = nil, 0, fmt.Errorf("yaml: %v", r)
		}
	}()
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, 0, nil
		}
		line := errLine(err)
		// For parser errors ("did not find expected key") yaml.v3 reports
		// the line where the enclosing block starts; the line people need is
		// where the problem is: the first line whose prefix of the file no
		// longer parses.
		if k := firstFailingLine(data); k > line {
			line = k
		}
		msg := yamlLinePrefix.ReplaceAllString(err.Error(), "")
		return nil, line, errors.New(msg)
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		return doc.Content[0], 0, nil
	}
	if doc.Kind == 0 {
		return nil, 0, nil
	}
	return &doc, 0, nil
}

func errLine(err error) int {
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

var yamlLinePrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)

// firstFailingLine is the smallest k such that the first k lines of data
// do not parse (0 when every prefix parses).
func firstFailingLine(data []byte) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > 2000 {
		return 0
	}
	end := 0
	for k, ln := range lines {
		end += len(ln)
		var doc yaml.Node
		if err := yaml.NewDecoder(bytes.NewReader(data[:end])).Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
			return k + 1
		}
	}
	return 0
}

// resolve follows aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isMerge(k *yaml.Node) bool { return k.Tag == "!!merge" || (k.Value == "<<" && k.Style == 0) }

// pair is one key/value of a mapping.
type pair struct{ k, v *yaml.Node }

// pairs lists a mapping's entries, merged (<<) entries after the direct ones
// and only when the key is not already there.
func pairs(m *yaml.Node) []pair {
	return pairsDepth(m, 0)
}

func pairsDepth(m *yaml.Node, depth int) []pair {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > 10 {
		return nil
	}
	var out, merged []pair
	have := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if isMerge(k) {
			src := resolve(v)
			var srcs []*yaml.Node
			if src != nil && src.Kind == yaml.SequenceNode {
				srcs = src.Content
			} else {
				srcs = []*yaml.Node{src}
			}
			for _, s := range srcs {
				merged = append(merged, pairsDepth(s, depth+1)...)
			}
			continue
		}
		have[k.Value] = true
		out = append(out, pair{k, resolve(v)})
	}
	for _, p := range merged {
		if !have[p.k.Value] {
			have[p.k.Value] = true
			out = append(out, p)
		}
	}
	return out
}

// get returns the key and value nodes of key in mapping m. A key written
// twice yields its last value, as the YAML readers that accept duplicates
// (PyYAML for Patroni, docker-compose v1) keep it; the duplicate itself is
// reported where it matters.
func get(m *yaml.Node, key string) (k, v *yaml.Node) {
	for _, p := range pairs(m) {
		if p.k.Value == key {
			k, v = p.k, p.v
		}
	}
	return k, v
}

// getPath walks nested mappings.
func getPath(m *yaml.Node, keys ...string) (k, v *yaml.Node) {
	v = m
	for _, key := range keys {
		k, v = get(v, key)
		if v == nil {
			return nil, nil
		}
	}
	return k, v
}

func isMap(n *yaml.Node) bool { n = resolve(n); return n != nil && n.Kind == yaml.MappingNode }
func isSeq(n *yaml.Node) bool { n = resolve(n); return n != nil && n.Kind == yaml.SequenceNode }

// isNull reports an absent or explicitly empty value.
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// scalar returns a scalar's text; ok is false for null, mappings and sequences.
func scalar(n *yaml.Node) (string, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

// kindName names a node kind for messages.
func kindName(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Tag == "!!null":
		return "empty"
	}
	switch n.Tag {
	case "!!str":
		return "a string"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	default:
		return "a " + strings.TrimPrefix(n.Tag, "!!")
	}
}

// duplicateKeys lists keys defined twice in the same mapping, anywhere in the tree.
func duplicateKeys(n *yaml.Node, visit func(first, dup, firstVal, dupVal *yaml.Node)) {
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		switch n.Kind {
		case yaml.MappingNode:
			first := map[string]int{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if !isMerge(k) && k.Kind == yaml.ScalarNode {
					if f, ok := first[k.Value]; ok {
						visit(n.Content[f], k, n.Content[f+1], n.Content[i+1])
					} else {
						first[k.Value] = i
					}
				}
				walk(n.Content[i+1])
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c)
			}
		}
	}
	walk(n)
}

// sameYAML reports whether two nodes hold the same value (aliases
// resolved; line numbers and comments aside).
func sameYAML(a, b *yaml.Node) bool {
	a, b = resolve(a), resolve(b)
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.Value != b.Value || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode && a.ShortTag() != b.ShortTag() {
		return false
	}
	for i := range a.Content {
		if !sameYAML(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

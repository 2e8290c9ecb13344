package lint

import (
	"path"
	"strings"

	"gopkg.in/yaml.v3"
)

// extendsRef is a service's extends: the file (the compose file's own when
// empty) and the service it copies.
func extendsRef(svc *yaml.Node) (file, name string, line int, ok bool) {
	k, v := get(svc, "extends")
	if k == nil {
		return "", "", 0, false
	}
	if s, isStr := scalar(v); isStr {
		return "", s, k.Line, s != ""
	}
	f, _ := scalar(get2(v, "file"))
	s, _ := scalar(get2(v, "service"))
	if s == "" || strings.Contains(f+s, "$") {
		return "", "", 0, false
	}
	return f, s, k.Line, true
}

// extendsFiles: the other files the compose file's services extend
// (extends.file, as a path inside the answer). docker compose reads them
// only for those services' settings: the services they define are not part
// of the project (docs.docker.com, Compose: extends).
func (l *linter) extendsFiles(file string) map[string]bool {
	data, ok := l.read(file)
	if !ok {
		return nil
	}
	root, _, err := parseYAML(data)
	if err != nil || root == nil {
		return nil
	}
	out := map[string]bool{}
	for _, p := range pairs(get2(root, "services")) {
		if f, _, _, ok := extendsRef(p.v); ok && f != "" {
			if q, inside := projectPath(path.Join(path.Dir(file), f)); inside {
				out[q] = true
			}
		}
	}
	return out
}

// withExtends returns a service's mapping as docker compose sees it once its
// extends: is resolved: the base service's attributes copied over, the
// local ones replacing a scalar or a sequence of words (command,
// entrypoint), adding to a mapping (environment, labels) and to a list
// (ports, volumes). The copied nodes carry the line of the extends: key,
// where the compose file brings them in. A base in another folder has its
// relative build context rebased on that folder. Nil when there is nothing
// to resolve (no extends:, a base lint cannot read).
func (l *linter) withExtends(file string, root, svc *yaml.Node, depth int) *yaml.Node {
	f, name, line, ok := extendsRef(svc)
	if !ok || depth > 8 {
		return nil
	}
	baseRoot, baseFile := root, file
	if f != "" {
		q, inside := projectPath(path.Join(path.Dir(file), f))
		if !inside {
			return nil
		}
		data, ok := l.read(q)
		if !ok {
			return nil
		}
		r, _, err := parseYAML(data)
		if err != nil || r == nil {
			return nil
		}
		baseRoot, baseFile = r, q
	}
	base := get2(get2(baseRoot, "services"), name)
	if !isMap(base) {
		return nil
	}
	if b := l.withExtends(baseFile, baseRoot, base, depth+1); b != nil {
		base = b
	}
	merged := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: svc.Line, Column: svc.Column}
	local := map[string]*yaml.Node{}
	for _, p := range pairs(svc) {
		if p.k.Value != "extends" {
			local[p.k.Value] = p.v
		}
	}
	for _, p := range pairs(base) {
		if p.k.Value == "extends" {
			continue
		}
		bv := relined(p.v, line)
		if p.k.Value == "build" && path.Dir(baseFile) != path.Dir(file) {
			rebaseBuild(bv, path.Dir(baseFile))
		}
		lv, both := local[p.k.Value]
		switch {
		case !both:
			merged.Content = append(merged.Content, relined(p.k, line), bv)
		case p.k.Value == "command" || p.k.Value == "entrypoint":
			// the local value replaces the base's (written below)
		case isMap(lv) && isMap(bv):
			m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: lv.Line, Column: lv.Column}
			have := map[string]bool{}
			for _, q := range pairs(lv) {
				have[q.k.Value] = true
			}
			for _, q := range pairs(bv) {
				if !have[q.k.Value] {
					m.Content = append(m.Content, q.k, q.v)
				}
			}
			for _, q := range pairs(lv) {
				m.Content = append(m.Content, q.k, q.v)
			}
			local[p.k.Value] = m
		case isSeq(lv) && isSeq(bv):
			s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: lv.Line, Column: lv.Column}
			s.Content = append(append(s.Content, resolve(bv).Content...), resolve(lv).Content...)
			local[p.k.Value] = s
		}
	}
	for _, p := range pairs(svc) {
		if p.k.Value != "extends" {
			merged.Content = append(merged.Content, p.k, local[p.k.Value])
		}
	}
	return merged
}

// relined is a deep copy of n with every node at line.
func relined(n *yaml.Node, line int) *yaml.Node {
	n = resolve(n)
	if n == nil {
		return nil
	}
	c := *n
	c.Line = line
	c.Content = nil
	for _, ch := range n.Content {
		c.Content = append(c.Content, relined(ch, line))
	}
	return &c
}

// rebaseBuild makes a relative build context (build: DIR or build.context)
// relative to the folder of the file that names it.
func rebaseBuild(b *yaml.Node, dir string) {
	fix := func(n *yaml.Node) {
		if n != nil && n.Kind == yaml.ScalarNode && !strings.HasPrefix(n.Value, "/") && !strings.Contains(n.Value, "://") && !strings.Contains(n.Value, "$") {
			n.Value = path.Join(dir, n.Value)
		}
	}
	if b.Kind == yaml.ScalarNode {
		fix(b)
	} else {
		fix(get2(b, "context"))
	}
}

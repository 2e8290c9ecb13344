package lint

import (
	"strings"
)

// sval is a value read from a file, after variable interpolation.
type sval struct {
	s    string
	line int
	ok   bool // false when a variable could not be resolved
}

// expander expands shell-style variable references: $X, ${X}, ${X:-default},
// ${X-default}, ${X:?message}, ${X?message}, ${X:+alt}, ${X+alt}.
type expander struct {
	lookup         func(name string) (string, bool)
	dollarDollar   bool // compose: "$$" is a literal "$"
	keepUnresolved bool // leave unresolvable references as they are
}

// expand returns s expanded, the names of the variables it used, and whether
// every reference was resolved.
func (e expander) expand(s string) (string, []string, bool) {
	var b strings.Builder
	var used []string
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '$' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		next := s[i+1]
		switch {
		case next == '$' && e.dollarDollar:
			b.WriteByte('$')
			i++
		case next == '{':
			end := matchBrace(s, i+1)
			if end < 0 {
				b.WriteString(s[i:])
				return b.String(), used, ok
			}
			inner := s[i+2 : end]
			val, names, rok := e.braced(inner)
			used = append(used, names...)
			if !rok {
				ok = false
				if e.keepUnresolved {
					val = s[i : end+1]
				}
			}
			b.WriteString(val)
			i = end
		case isNameStart(next):
			j := i + 1
			for j < len(s) && isNameChar(s[j]) {
				j++
			}
			name := s[i+1 : j]
			used = append(used, name)
			if v, found := e.lookup(name); found {
				b.WriteString(v)
			} else {
				ok = false
				if e.keepUnresolved {
					b.WriteString(s[i:j])
				}
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), used, ok
}

// braced expands the inside of ${...}.
func (e expander) braced(inner string) (string, []string, bool) {
	j := 0
	for j < len(inner) && isNameChar(inner[j]) {
		j++
	}
	name, rest := inner[:j], inner[j:]
	if name == "" {
		return "", nil, false
	}
	used := []string{name}
	val, set := e.lookup(name)
	op, word := "", ""
	for _, o := range []string{":-", ":?", ":+", "-", "?", "+"} {
		if strings.HasPrefix(rest, o) {
			op, word = o, rest[len(o):]
			break
		}
	}
	if op == "" && rest != "" {
		return "", used, false // ${X/a/b} and other forms: unknown
	}
	sub := func() (string, bool) {
		w, names, ok := e.expand(word)
		used = append(used, names...)
		return w, ok
	}
	switch op {
	case "":
		return val, used, set
	case ":-":
		if set && val != "" {
			return val, used, true
		}
		w, ok := sub()
		return w, used, ok
	case "-":
		if set {
			return val, used, true
		}
		w, ok := sub()
		return w, used, ok
	case ":?":
		return val, used, set && val != ""
	case "?":
		return val, used, set
	case ":+":
		if set && val != "" {
			w, ok := sub()
			return w, used, ok
		}
		return "", used, true
	case "+":
		if set {
			w, ok := sub()
			return w, used, ok
		}
		return "", used, true
	}
	return "", used, false
}

// matchBrace returns the index of the '}' closing the '{' at open, or -1.
func matchBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func isNameStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isNameChar(c byte) bool { return isNameStart(c) || (c >= '0' && c <= '9') }

// parseDotEnv reads docker compose's .env: KEY=VALUE lines, # comments,
// optional quotes and "export ".
func parseDotEnv(data []byte) map[string]string {
	env := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		} else if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		env[k] = v
	}
	return env
}

package lint

import (
	"regexp"
	"strings"
)

// renderHeredoc is the text a start script's here-document hands cat (or
// tee) when the container starts, as the shell makes it: with a quoted
// delimiter (<<'EOF', <<"EOF", <<\EOF) the body as written; otherwise \$,
// \` and \\ stand for the character, and $NAME, ${NAME}, ${NAME:-word}...
// take the value the script's own assignments before off, the service's
// environment:/env_file or the image's ENV give them (shVarValue). What
// lint cannot tell (a variable set out of its sight, $(command),
// `command`, $((...)), $1) is left as a {{...}} mark, which the template
// reader blanks, and named in unknown.
func (l *linter) renderHeredoc(s *service, text string, off int, body string, quoted bool) (out string, unknown []string) {
	if quoted {
		return body, nil
	}
	var b strings.Builder
	mark := func(what string) {
		unknown = append(unknown, what)
		b.WriteString("{{" + what + "}}")
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\' && i+1 < len(body) && strings.IndexByte("$`\\", body[i+1]) >= 0:
			i++
			b.WriteByte(body[i])
		case c == '`':
			end := strings.IndexByte(body[i+1:], '`')
			if end < 0 || strings.Contains(body[i+1:i+1+end], "\n") {
				b.WriteByte(c) // not a command substitution the shell would close here
				continue
			}
			mark("`" + body[i+1:i+1+end] + "`")
			i += end + 1
		case c == '$' && i+1 < len(body) && body[i+1] == '(':
			end := closingParen(body, i+1)
			if end < 0 {
				b.WriteByte(c)
				continue
			}
			mark(body[i : end+1])
			i = end
		case c == '$':
			m := shVarRe.FindStringIndex(body[i:])
			if m == nil || m[0] != 0 {
				if i+1 < len(body) && strings.IndexByte("0123456789@*#?$!-", body[i+1]) >= 0 {
					mark(body[i : i+2]) // $1, $@, $$: the script's arguments and state
					i++
					continue
				}
				b.WriteByte(c)
				continue
			}
			ref := body[i : i+m[1]]
			v, missing, ok := l.shExpand(s, text, off, ref, 0)
			if !ok || strings.Contains(v, "\n") {
				mark(orStr(missing, ref))
			} else {
				b.WriteString(v)
			}
			i += m[1] - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), unknown
}

// closingParen is the index of the parenthesis that closes the one at
// open in s, or -1 when it is not closed.
func closingParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// heredocQuoted: the here-document that starts on the script line ending at
// end has a quoted delimiter, so the shell expands nothing in its body.
func heredocQuoted(text string, end int) bool {
	start := strings.LastIndex(text[:end], "\n") + 1
	m := heredocRe.FindStringSubmatchIndex(text[start:end])
	if m == nil {
		return false
	}
	delim := text[start+m[0] : start+m[1]]
	return strings.ContainsAny(delim, `'"\`)
}

// editedAfter: the script goes on to change the config p (or $pvar) after
// writing it (sed -i, envsubst, a program), so what the here-document
// holds is not what Patroni reads.
func editedAfter(rest, p, pvar string) bool {
	for _, ln := range strings.Split(rest, "\n")[1:] {
		if !strings.Contains(ln, p) && (pvar == "" || !strings.Contains(ln, "$"+pvar) && !strings.Contains(ln, "${"+pvar)) {
			continue
		}
		if editRe.MatchString(ln) {
			return true
		}
	}
	return false
}

var editRe = regexp.MustCompile(`\b(?:sed|envsubst|perl|awk|yq|python[0-9.]*|mv|cp)\b|>>`)

// catWrites: the script line hands its here-document to cat or tee as it
// is, not to a program that changes it on the way (envsubst, sed).
func catWrites(line string) bool {
	return catTeeRe.MatchString(line) && !editRe.MatchString(strings.ReplaceAll(line, ">>", ""))
}

var catTeeRe = regexp.MustCompile(`(?:^|[\s;&|(])(?:cat|tee)\b`)

// placeholderFill: the script line fills a template in with envsubst, or
// with sed expressions that each replace a placeholder token (__NODE__,
// {{NAME}}, %NAME%, @NAME@, ${NAME}), and nothing else: text with no such
// token passes unchanged.
func placeholderFill(line string) bool {
	if rendererRe.MatchString(line) {
		return false
	}
	if !strings.Contains(line, "sed") {
		return strings.Contains(line, "envsubst")
	}
	exprs := sedExprRe.FindAllStringSubmatch(line, -1)
	if len(exprs) == 0 {
		return false
	}
	for _, e := range exprs {
		if !placeholderTokenRe.MatchString(e[2]) {
			return false
		}
	}
	return true
}

var (
	// rendererRe: a program that may change any text it passes on.
	rendererRe         = regexp.MustCompile(`\b(?:awk|perl|python[0-9.]*|yq|jq|j2|gomplate)\b`)
	sedExprRe          = regexp.MustCompile(`\bs([/#|@,])([^/#|@,\n]*)[/#|@,]`)
	placeholderTokenRe = regexp.MustCompile(`^(?:__\w+__|\{\{\s*\.?\w+\s*\}\}|%\w+%|@\w+@|\\?\$\\?\{?\w+\\?\}?)$`)
)

package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// The HA lab asks whether a plain restart of the compose project picks up
// an edited postgresX.yml. The answer depends on the answer's own layout:
// a config bind-mounted into the container is read again on restart; a
// config the Dockerfile COPYs into the image is not, until the image is
// rebuilt (docker compose up --build). Many reports copy the methodology's
// sample answer ("such files are usually mounted as volumes, the changes
// apply at the next start") into a layout that COPYs them.
//
// checkRebuildAnswer reads the answer's reports (.md, .txt) for a sentence
// about the Patroni configs that says an edit takes effect on restart,
// without a rebuild, and says so when every node's config is COPYed. It
// judges the sentence's claim, not its wording: a sentence that also names
// COPY, copying into the image or --build is taken as right.
func (l *linter) checkRebuildAnswer() {
	if l.compose == nil {
		return
	}
	var copied []*service
	var names []string
	for _, s := range l.compose.services {
		if s.kind != kindNode {
			continue
		}
		f := s.copiedConfig
		if f == "" && s.df != nil {
			// A template COPYed into the image, filled in at start (by
			// this node's start script, or by the same image's).
			for _, t := range l.templates {
				if t.text == "" && t.svc != nil && (t.svc == s || t.svc.dfPath == s.dfPath) && !l.mountsFile(s, t.file) {
					f = t.file
					break
				}
			}
		}
		if f == "" {
			return // a node whose config is mounted (or made otherwise): a restart may pick edits up
		}
		copied = append(copied, s)
		names = append(names, path.Base(f))
	}
	if len(copied) == 0 {
		return
	}
	names = slices.Compact(names)
	for _, f := range l.textFiles() {
		if !reportFile(f.path) {
			continue
		}
		for _, sn := range sentences(f.text) {
			if !configSentence(sn.text, names) || !appliesOnRestart(sn.text) || rebuildNamed(sn.text) {
				continue
			}
			s := copied[0]
			l.add(f.path, sn.line, fmt.Sprintf("the report says an edited Patroni config is picked up when the containers restart, with no rebuild, but %s COPYs %s into the image: a restart runs the copy baked in at build time, so the edit changes nothing until docker compose up --build", s.dfPath, joinAnd(names)),
				"answer that the configs are copied into the image at build time, so after editing them the image must be rebuilt (docker compose up --build); or bind-mount them (volumes:) if a restart should pick edits up")
			return // one finding: the answer to one question
		}
	}
}

// reportFile: a written report of the answer (README.md, ОТЧЕТ.md, otchet.txt).
func reportFile(p string) bool {
	if inHiddenDir(p) {
		return false
	}
	ext := strings.ToLower(path.Ext(p))
	return ext == ".md" || ext == ".txt" || ext == ".markdown"
}

type sentence struct {
	text string
	line int
}

// sentences splits a report into sentences (ending in ". ", "! ", "? "
// or a blank line; a list item starts a new one), each with the line it
// starts on. A sentence may run over several lines.
func sentences(text string) []sentence {
	var out []sentence
	var cur strings.Builder
	start := 0
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, sentence{text: t, line: start})
		}
		cur.Reset()
	}
	for i, ln := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(ln)
		if trimmed == "" || listItemRe.MatchString(ln) || strings.HasPrefix(trimmed, "#") {
			flush()
		}
		rest := ln
		for strings.TrimSpace(rest) != "" {
			if strings.TrimSpace(cur.String()) == "" {
				start = i + 1
			}
			var j []int
			for _, e := range sentenceEndRe.FindAllStringIndex(rest, -1) {
				if before := strings.TrimSpace(rest[:e[0]]); before != "" && strings.Trim(before, "0123456789") != "" {
					j = e // (not the number of a list item: "2. ")
					break
				}
			}
			if j == nil {
				cur.WriteString(rest + " ")
				break
			}
			cur.WriteString(rest[:j[0]+1])
			flush()
			rest = rest[j[1]:]
		}
	}
	flush()
	return out
}

var (
	listItemRe    = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s`)
	sentenceEndRe = regexp.MustCompile(`[.!?](?:\s+|$)`)
	// configRefRe: the Patroni configs, by the lab's name for them or
	// in words.
	configRefRe = regexp.MustCompile(`(?i)postgres[x0-9]?\.ya?ml|patroni\.ya?ml|конфиг|patroni config`)
	// onRestartRe: the edit takes effect on (re)start, in Russian or English.
	onRestartRe = regexp.MustCompile(`(?i)(подхват\p{L}*|примен\p{L}*|вступ\p{L}* в силу|достаточно\s+(?:\S+\s+)?(?:перезапуст|рестарт|restart)\p{L}*|(?:прочита|увид)\p{L}*\s+(?:\S+\s+)?(?:нов|измен|правк)\p{L}*|перечита\p{L}*|re-?reads?\b|picked up|take[s]? effect|(?:reads|sees) the (?:new|change|edit)\w*|(?:are|is|will be) applied|restart is enough|just restart)`)
	negRe       = regexp.MustCompile(`(?i)(?:^|\s)(?:не|ни|not|no|won't|never|без)\s+(?:\S+\s+)?$`)
	// rebuildRe: the sentence names what makes the edit count (or the
	// copy into the image): then it is not the wrong claim.
	rebuildRe = regexp.MustCompile(`(?i)--build|compose\s+build|docker\s+build|\bCOPY\b|копир\p{L}*|скопир\p{L}*|\bbaked\b|copied into`)
)

func configSentence(s string, names []string) bool {
	if configRefRe.MatchString(s) {
		return true
	}
	for _, n := range names {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// appliesOnRestart: the sentence says an edit takes effect on restart,
// not negated ("не подхватятся", "not picked up").
func appliesOnRestart(s string) bool {
	for _, m := range onRestartRe.FindAllStringIndex(s, -1) {
		if !negRe.MatchString(s[:m[0]]) {
			return true
		}
	}
	return false
}

func rebuildNamed(s string) bool { return rebuildRe.MatchString(s) }

// mountsFile: s bind-mounts the answer's file f, or a folder holding it.
func (l *linter) mountsFile(s *service, f string) bool {
	for _, m := range s.mounts {
		if src, _, ok := l.mountSource(m); ok && (src == f || strings.HasPrefix(f, strings.TrimSuffix(src, "/")+"/") || src == ".") {
			return true
		}
	}
	return false
}

// checkProfiledStack: a service the exercise needs (a PostgreSQL node,
// HAProxy) that runs only under compose profiles nothing in
// the answer activates (no COMPOSE_PROFILES in .env, no --profile or
// COMPOSE_PROFILES in its reports, scripts or Makefile): docker compose up
// never starts it.
func (l *linter) checkProfiledStack() {
	if l.compose == nil {
		return
	}
	// A stack whose nodes all sit in profiles is optional by design (one
	// part of a larger project): only a piece missing from a stack that
	// otherwise starts by default is said.
	core := false
	for _, sv := range l.compose.services {
		if sv.kind == kindNode && get2(sv.n, "profiles") == nil {
			core = true
		}
	}
	if !core {
		return
	}
	for _, sv := range l.compose.services {
		var what string
		switch sv.kind {
		case kindHAProxy:
			what = "so nothing listens on the entry port and no client reaches the primary"
		case kindNode:
			what = "so that PostgreSQL node never runs"
		default:
			continue
		}
		ps := l.inactiveProfiles(sv)
		if len(ps) == 0 || l.profileActivated(ps) {
			continue
		}
		k, _ := get(sv.n, "profiles")
		line := sv.line
		if k != nil {
			line = k.Line
		}
		l.add(l.composeFile, line, fmt.Sprintf("%s runs only with the profile %s, which nothing in the answer activates (no COMPOSE_PROFILES in .env, no --profile %s in its commands or scripts): docker compose up never starts it, %s", sv.name, strings.Join(ps, " or "), ps[0], what),
			fmt.Sprintf("drop profiles: from %s (it is part of the stack), or set COMPOSE_PROFILES=%s in .env", sv.name, ps[0]))
	}
}

// profileActivated: a text of the answer (a report, a script, a Makefile)
// runs compose with one of the profiles ps (--profile P, COMPOSE_PROFILES=P).
func (l *linter) profileActivated(ps []string) bool {
	for _, f := range l.textFiles() {
		for _, m := range profileFlagRe.FindAllStringSubmatch(f.text, -1) {
			for _, p := range strings.Split(strings.Trim(m[1], `"'`), ",") {
				if p == "*" || slices.Contains(ps, strings.TrimSpace(p)) {
					return true
				}
			}
		}
	}
	return false
}

var profileFlagRe = regexp.MustCompile(`(?:--profile[= ]+|COMPOSE_PROFILES\s*[=:]\s*)("[^"\n]*"|'[^'\n]*'|[^\s;&|]+)`)

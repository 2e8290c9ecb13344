package lint

import (
	"fmt"
	"strings"
)

// bitnamiGone: Bitnami removed its versioned images from docker.io/bitnami
// in September 2025 (they moved to docker.io/bitnamilegacy; only some
// `latest` images stay), so a pinned bitnami/X:tag no longer pulls.
func bitnamiGone(ref string) bool {
	repo, tag := imageRef(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(repo, "docker.io/"), "index.docker.io/")
	return strings.HasPrefix(repo, "bitnami/") && tag != "" && tag != "latest" && !strings.Contains(ref, "$") && !strings.Contains(ref, "@sha256:")
}

// checkGoneImages reports the images of the compose file and the FROM of
// every Dockerfile that can no longer be pulled: one finding per file, every
// line named.
func (l *linter) checkGoneImages() {
	if l.compose != nil {
		var refs []string
		var lines []int
		for _, s := range l.compose.services {
			if s.build == nil && s.hasImage && s.image.ok && bitnamiGone(s.image.s) {
				refs, lines = append(refs, s.image.s), append(lines, s.image.line)
			}
		}
		if len(refs) > 0 {
			l.add(l.composeFile, lines[0], fmt.Sprintf("%s: Bitnami removed its versioned images from docker.io/bitnami in September 2025 (moved to docker.io/bitnamilegacy), so the pull fails and the service never starts%s", joinAnd(refs), alsoLines(lines)),
				"use the official image (e.g. quay.io/coreos/etcd, haproxy) or bitnamilegacy/... with the same tag")
		}
	}
	for _, d := range l.dfs {
		if d == nil {
			continue
		}
		for _, st := range d.stages {
			if st.from != nil && st.parent == nil && st.baseOK && bitnamiGone(st.base) {
				l.add(d.file, st.from.line, fmt.Sprintf("FROM %s: Bitnami removed its versioned images from docker.io/bitnami in September 2025 (moved to docker.io/bitnamilegacy), so the build fails to pull it", st.base),
					"build FROM the official image or bitnamilegacy/... with the same tag")
			}
		}
	}
}

// etcdConfigFile reads the settings of an etcd started with --config-file
// (on its command, or its image's ENTRYPOINT/CMD) from the file mounted or
// copied there: its keys are the flags' names (enable-v2: true). Flags on
// the command line are kept: etcd ignores them when a config file is given,
// but lint only adds what it reads.
func (l *linter) etcdConfigFile(e *etcdInfo) {
	s := e.svc
	p := ""
	if v, ok := e.flags["config-file"]; ok && v.ok && v.s != "true" {
		p = v.s
	} else if s.df != nil && len(s.command) == 0 {
		ep, cmd := s.df.entrypointCmd()
		words := append(ep, cmd...)
		for i, w := range words {
			if w == "--config-file" && i+1 < len(words) {
				p = words[i+1]
			} else if v, ok := strings.CutPrefix(w, "--config-file="); ok {
				p = v
			}
		}
	}
	if p == "" {
		return
	}
	sc := l.scriptOf(s, p)
	if sc == nil || sc.file == "" {
		return
	}
	root, _, err := parseYAML([]byte(sc.text))
	if err != nil || !isMap(root) {
		return
	}
	for _, kv := range pairs(root) {
		if _, set := e.flags[kv.k.Value]; set {
			continue
		}
		v, ok := scalar(kv.v)
		if !ok {
			continue
		}
		// (findings on these name the compose file: the service's line)
		e.flags[kv.k.Value] = sval{s: v, line: s.line, ok: true}
	}
}

package lint

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// ciBuild is one image a GitHub Actions workflow of the answer builds with
// docker/build-push-action: the Dockerfile (file:, else context/Dockerfile),
// the image names its tags: give (an unknown part, such as
// ${{ github.repository }}, as a pattern), and whether every tag is known.
type ciBuild struct {
	dfPath, context string
	names           []*regexp.Regexp // repo:tag, anchored
}

var ghExprRe = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// ciBuilds reads .github/workflows/*.yml and *.yaml.
func (l *linter) ciBuilds() []ciBuild {
	var out []ciBuild
	ents, err := fs.ReadDir(l.fsys, ".github/workflows")
	if err != nil {
		return nil
	}
	for _, e := range ents {
		if e.IsDir() || !isYAMLName(e.Name()) {
			continue
		}
		root := l.yamlRoot(".github/workflows/" + e.Name())
		if root == nil {
			continue
		}
		env := map[string]string{}
		addEnv := func(n *yaml.Node) {
			for _, p := range pairs(n) {
				k, _ := scalar(p.k)
				v, _ := scalar(p.v)
				env[k] = v
			}
		}
		addEnv(get2(root, "env"))
		for _, job := range pairs(get2(root, "jobs")) {
			addEnv(get2(job.v, "env"))
			steps := get2(job.v, "steps")
			if !isSeq(steps) {
				continue
			}
			// docker/metadata-action steps by id: images x tags.
			meta := map[string][]string{}
			for _, st := range resolve(steps).Content {
				uses, _ := scalar(get2(st, "uses"))
				id, _ := scalar(get2(st, "id"))
				if !strings.HasPrefix(uses, "docker/metadata-action") || id == "" {
					continue
				}
				with := get2(st, "with")
				imgs, _ := scalar(get2(with, "images"))
				tags, _ := scalar(get2(with, "tags"))
				var tagPats []string
				anyTag := strings.TrimSpace(tags) == ""
				for _, t := range splitList(tags) {
					if v, ok := strings.CutPrefix(t, "type=raw,value="); ok && !strings.Contains(v, ",") {
						tagPats = append(tagPats, v)
					} else {
						anyTag = true // type=ref, sha, semver, ...: tags lint cannot know
					}
				}
				if anyTag {
					tagPats = append(tagPats, "${{ unknown }}")
				}
				for _, im := range splitList(imgs) {
					for _, t := range tagPats {
						meta[id] = append(meta[id], im+":"+t)
					}
				}
			}
			for _, st := range resolve(steps).Content {
				uses, _ := scalar(get2(st, "uses"))
				if !strings.HasPrefix(uses, "docker/build-push-action") {
					continue
				}
				with := get2(st, "with")
				ctx, _ := scalar(get2(with, "context"))
				file, _ := scalar(get2(with, "file"))
				tags, _ := scalar(get2(with, "tags"))
				if ctx == "" {
					ctx = "."
				}
				c, ok := projectPath(ctx)
				if !ok || strings.Contains(ctx, "${{") {
					continue
				}
				df := path.Join(c, "Dockerfile")
				if file != "" {
					if f, ok := projectPath(file); ok && !strings.Contains(file, "${{") {
						df = f
					} else {
						continue
					}
				}
				b := ciBuild{dfPath: df, context: c}
				var names []string
				for _, t := range splitList(tags) {
					if m := ghExprRe.FindStringSubmatch(t); m != nil && strings.TrimSpace(t) == m[0] {
						if id, ok := strings.CutSuffix(strings.TrimPrefix(m[1], "steps."), ".outputs.tags"); ok && strings.HasPrefix(m[1], "steps.") {
							names = append(names, meta[id]...)
							continue
						}
					}
					names = append(names, t)
				}
				for _, n := range names {
					if re := ciNamePattern(n, env); re != nil {
						b.names = append(b.names, re)
					}
				}
				if len(b.names) > 0 {
					out = append(out, b)
				}
			}
		}
	}
	return out
}

// splitList splits a multi-line or comma-separated list of a workflow input.
func splitList(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "type=") {
			out = append(out, line) // metadata-action rules hold commas of their own
			continue
		}
		for _, f := range strings.Split(line, ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
	}
	return out
}

// ciNamePattern turns an image name of a workflow (env. expanded, other
// expressions any run of name characters; no tag meaning latest) into an
// anchored, lowercase pattern of repo:tag, the registry prefix docker.io/
// dropped as imageRef drops it.
func ciNamePattern(n string, env map[string]string) *regexp.Regexp {
	for i := 0; i < 5 && strings.Contains(n, "${{ env."); i++ {
		n = ghExprRe.ReplaceAllStringFunc(n, func(x string) string {
			m := ghExprRe.FindStringSubmatch(x)
			if k, ok := strings.CutPrefix(m[1], "env."); ok {
				if v, ok := env[k]; ok {
					return v
				}
			}
			return x
		})
	}
	n = strings.ToLower(n)
	if n == "" {
		return nil
	}
	// Split repo and tag around the last ':' outside an expression.
	plain := ghExprRe.ReplaceAllStringFunc(n, func(x string) string { return strings.Repeat("x", len(x)) })
	repo, tag := n, "latest"
	if i := strings.LastIndex(plain, ":"); i > strings.LastIndex(plain, "/") {
		repo, tag = n[:i], n[i+1:]
	}
	r, _ := imageRef(repo + ":x")
	quote := func(s, any string) string {
		var b strings.Builder
		last := 0
		for _, ix := range ghExprRe.FindAllStringIndex(s, -1) {
			b.WriteString(regexp.QuoteMeta(s[last:ix[0]]))
			expr := ghExprRe.FindStringSubmatch(s[ix[0]:ix[1]])[1]
			switch expr {
			case "github.repository_owner", "github.actor", "github.event.repository.name":
				b.WriteString(`[a-z0-9._-]+`)
			default:
				b.WriteString(any)
			}
			last = ix[1]
		}
		b.WriteString(regexp.QuoteMeta(s[last:]))
		return b.String()
	}
	re, err := regexp.Compile("^" + quote(r, `[a-z0-9._/-]+`) + ":" + quote(tag, `[A-Za-z0-9._-]+`) + "$")
	if err != nil {
		return nil
	}
	return re
}

// ciBuiltImages ties a service that runs, with no build:, an image one
// workflow of the answer builds (and only one) to that Dockerfile, as
// docker compose would run what CI pushed (batch 21: begoingto-etcd's
// ghcr.io/<owner>/<repo>:node from ./patroni-node).
func (l *linter) ciBuiltImages() {
	builds := l.ciBuilds()
	if len(builds) == 0 {
		return
	}
	for _, s := range l.compose.services {
		if s.build != nil || !s.hasImage || !s.image.ok || s.df != nil || strings.Contains(s.image.s, "$") {
			continue
		}
		repo, tag := imageRef(strings.ToLower(s.image.s))
		if tag == "" {
			tag = "latest"
		}
		var match []ciBuild
		for _, b := range builds {
			for _, re := range b.names {
				if re.MatchString(repo + ":" + tag) {
					if !slices.ContainsFunc(match, func(m ciBuild) bool { return m.dfPath == b.dfPath }) {
						match = append(match, b)
					}
					break
				}
			}
		}
		if len(match) != 1 || !l.exists(match[0].dfPath) {
			continue
		}
		df := l.loadDockerfile(match[0].dfPath, nil)
		if df == nil {
			continue
		}
		df.context = match[0].context
		s.df, s.dfPath, s.handBuilt = df, match[0].dfPath, true
	}
}

// maybeNode: a service that runs, with no build:, an image lint could not
// tie to any Dockerfile and that is handed Patroni's variables or a node's
// name: it may well run Patroni from an image lint cannot see into.
func (l *linter) maybeNode(s *service) bool {
	if s.kind != kindOther || s.build != nil || s.df != nil || !s.hasImage {
		return false
	}
	repo, _ := imageRef(s.image.s)
	if repo == "" || officialImages[repo] {
		return false
	}
	return hasPatroniEnv(s) || nodeNameRe.MatchString(strings.ToLower(s.name))
}

// unusedPatroniDockerfiles lists the answer's Dockerfiles (any name, three
// folders deep) that install or run Patroni and that no service builds.
func (l *linter) unusedPatroniDockerfiles() []string {
	used := map[string]bool{}
	for _, s := range l.compose.services {
		used[s.dfPath] = true
	}
	var out []string
	for _, f := range l.textFiles() {
		if strings.Count(f.path, "/") > 3 || inHiddenDir(f.path) {
			continue
		}
		n := strings.ToLower(path.Base(f.path))
		if !(strings.HasPrefix(n, "dockerfile") || strings.HasSuffix(n, ".dockerfile")) || used[f.path] {
			continue
		}
		if df := l.loadDockerfile(f.path, nil); df != nil && df.mentionsPatroni() {
			out = append(out, f.path)
		}
	}
	return out
}

// noteUnresolvedNodes: with no node found, services that may be nodes on an
// image lint could not tie to a Dockerfile, next to exactly one Dockerfile of
// the answer that runs Patroni and that no service builds, are most likely
// that image, built elsewhere (CI, by hand): a note, not "no service runs
// Patroni".
func (l *linter) noteUnresolvedNodes(f string, line int) bool {
	// Handed Patroni's variables on an image named only by a variable the
	// answer leaves unset (image: ${DOCKER_IMAGE}): the tool that runs the
	// file (a build plugin, CI) sets it to an image it builds, out of sight.
	var unset []string
	var raw string
	for _, s := range l.compose.services {
		if s.kind == kindOther && s.build == nil && s.hasImage && !s.image.ok && s.image.s == "" && hasPatroniEnv(s) {
			unset, raw = append(unset, s.name), s.image.raw
		}
	}
	if len(unset) > 0 {
		l.note(f, line, fmt.Sprintf("%s run%s the image %s, a variable the answer leaves unset (the tool that runs this file sets it): lint took %s for Patroni nodes on an image it cannot see into and did not check %s as nodes",
			joinAnd(unset), map[bool]string{true: "", false: "s"}[len(unset) > 1], raw, map[bool]string{true: "them", false: "it"}[len(unset) > 1], map[bool]string{true: "them", false: "it"}[len(unset) > 1]),
			"to run it with docker compose alone, set the variable in .env to the image the build makes")
		return true
	}
	var names []string
	imgs := map[string]bool{}
	for _, s := range l.compose.services {
		if l.maybeNode(s) {
			names = append(names, s.name)
			imgs[s.image.s] = true
		}
	}
	if len(names) == 0 || len(imgs) != 1 {
		return false
	}
	dfs := l.unusedPatroniDockerfiles()
	if len(dfs) != 1 {
		return false
	}
	var img string
	for k := range imgs {
		img = k
	}
	l.note(f, line, fmt.Sprintf("%s run%s the image %s, which nothing in the answer is seen to build (no build:, no script or workflow that names it), while %s, which no service builds, runs Patroni: lint took them for nodes of an image it cannot see into and did not check them as Patroni nodes",
		joinAnd(names), map[bool]string{true: "", false: "s"}[len(names) > 1], img, dfs[0]),
		fmt.Sprintf("if %s is built from %s, add build: %s (keeping image: %s) so that the stack says how it is made", img, dfs[0], buildFor(dfs[0]), img))
	return true
}

// buildFor is the build: that makes docker compose build the Dockerfile p.
func buildFor(p string) string {
	dir, name := path.Dir(p), path.Base(p)
	ctx := "."
	if dir != "." {
		ctx = "./" + dir
	}
	if name == "Dockerfile" {
		return ctx
	}
	return fmt.Sprintf("{context: %s, dockerfile: %s}", ctx, name)
}

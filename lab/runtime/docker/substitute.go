package docker

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// substitute applies the image map to the services of someone's files
// whose images the engine lacks, and runs their PostgreSQL nodes on the
// reference image when one is given. Each substitution is recorded in the
// lab's state and said on status.
func (c *Client) substitute(ctx context.Context, reference string, status *progress.Status) error {
	record := func(s labdir.Substitution) {
		c.State.Substitutions = append(c.State.Substitutions, s)
		status.Info("%s", s)
	}
	for _, name := range c.Topo.Names() {
		s := c.Project.Services[name]
		n, _ := c.Topo.Node(name)
		switch {
		case s.Build != nil && reference != "" && n.Kind == topology.Postgres:
			ok, _, err := images.Inspect(ctx, c.cli, reference)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("%w: --reference-image %s is not in the engine (`pglab images build` makes pglab's)", runtime.ErrUnavailable, reference)
			}
			mounts, err := referenceRun(c.State.Dir, &s)
			if err != nil {
				return fmt.Errorf("service %s on the reference image: %w", name, err)
			}
			image, err := c.referenceWithPackages(ctx, reference, &s, record, status)
			if err != nil {
				return err
			}
			s.Build, s.Image = nil, image
			record(labdir.Substitution{Kind: labdir.SubstReference, Service: name, To: reference, Mounts: mounts})
			if err := c.shimPrograms(&s, record); err != nil {
				return err
			}
			// Their config may name their PostgreSQL's bin_dir (15's): the
			// reference image's own is put in its place, through Patroni's
			// variable, which overrides the file.
			if bin := c.imageBinDir(ctx, reference); bin != "" {
				if s.Environment == nil {
					s.Environment = types.MappingWithEquals{}
				}
				s.Environment["PATRONI_POSTGRESQL_BIN_DIR"] = &bin
				record(labdir.Substitution{Kind: labdir.SubstBinDir, Service: name, To: bin})
			}
		case s.Build == nil:
			ok, _, err := images.Inspect(ctx, c.cli, s.Image)
			if err != nil {
				return err
			}
			if to, mapped := c.imageMap.Map(s.Image); !ok && mapped {
				record(labdir.Substitution{Kind: labdir.SubstImage, Service: name, From: s.Image, To: to})
				s.Image = to
				if err := c.shimPrograms(&s, record); err != nil {
					return err
				}
			}
		}
		c.Project.Services[name] = s
	}
	return nil
}

// aptPackages lists the Debian packages a Dockerfile installs with apt,
// but PostgreSQL's and PostGIS's own (the reference image has its
// PostgreSQL; another major's server would only sit beside it).
func aptPackages(dockerfile string) []string {
	var out []string
	for _, p := range lint.AptPackages([]byte(dockerfile)) {
		if !strings.HasPrefix(p, "postgresql") && !strings.Contains(p, "postgis") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// referenceWithPackages is the image a built PostgreSQL node runs on
// instead of its own: the reference image, plus the Debian packages their
// Dockerfile installs (curl for a start script's health wait, envsubst for
// a template), those the mirror has, when it answers. Their scripts need
// them as much as Patroni; a machine with no mirror runs the plain
// reference image and says so.
func (c *Client) referenceWithPackages(ctx context.Context, reference string, s *types.ServiceConfig, record func(labdir.Substitution), status *progress.Status) (string, error) {
	ctxDir := buildContext(c.State.Dir, *s)
	b, err := os.ReadFile(filepath.Join(ctxDir, dockerfileOf(ctxDir, *s)))
	if err != nil {
		return "", err
	}
	// Their container runs as their Dockerfile's last USER, else as the
	// base images' default, root (postgres, debian, ubuntu, alpine): a
	// start script that chowns the data directory, then drops to postgres
	// with su, needs root as much as on their image.
	if s.User == "" {
		s.User = "root"
		if m := userRe.FindAllStringSubmatch(string(b), -1); len(m) > 0 {
			s.User = m[len(m)-1][1]
		}
		if s.User != "postgres" {
			record(labdir.Substitution{Kind: labdir.SubstUser, Service: s.Name, To: s.User})
		}
	}
	pkgs := aptPackages(string(b))
	res, err := c.cli.ImageInspect(ctx, reference)
	if err != nil {
		return "", fmt.Errorf("inspect %s: %w", reference, err)
	}
	user := "root"
	if res.Config != nil && res.Config.User != "" {
		user = res.Config.User
	}
	// The official postgres images define the en_US.UTF-8 locale, which
	// answers' initdb options name; Debian's locale sources are in the
	// reference image, so no mirror is needed for it.
	// And their data directory: the postgres images have
	// /var/lib/postgresql/data owned by postgres, so a fresh named volume
	// mounted there is postgres's; on pglab's image it would be root's and
	// initdb could not use it.
	df := fmt.Sprintf("FROM %s\nUSER root\nRUN localedef -i en_US -c -f UTF-8 en_US.UTF-8"+
		" && mkdir -p /var/lib/postgresql/data && chown -R postgres:postgres /var/lib/postgresql && chmod 1777 /var/lib/postgresql/data\n", reference)
	if len(pkgs) > 0 {
		df += fmt.Sprintf("RUN apt-get update && for p in %s; do if apt-cache show \"$p\" >/dev/null 2>&1; then echo \"$p\"; fi; done > /tmp/pkgs"+
			" && xargs -r apt-get install -y --no-install-recommends < /tmp/pkgs && rm -rf /var/lib/apt/lists/* /tmp/pkgs\n", strings.Join(pkgs, " "))
	}
	df += fmt.Sprintf("USER %s\n", user)
	spec := images.BuildSpec{Ref: FromImage(c.State.Name, s.Name), Dockerfile: "Dockerfile",
		Files:  map[string][]byte{"Dockerfile": []byte(df)},
		Labels: map[string]string{images.LabelImage: s.Name, LabelLab: c.State.Name}}
	if _, err := images.EnsureSpec(ctx, c.cli, spec, false, status); err != nil {
		if ctx.Err() != nil {
			return "", context.Cause(ctx)
		}
		record(labdir.Substitution{Kind: labdir.SubstNoPackages, Service: s.Name, To: reference, Changes: pkgs, Text: firstLine(err.Error())})
		return reference, nil
	}
	record(labdir.Substitution{Kind: labdir.SubstExtended, Service: s.Name, To: reference, Changes: pkgs})
	return spec.Ref, nil
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// programRe finds an absolute path to one of the stack's programs in a
// bin directory: /usr/local/bin/etcd (where the etcd and HAProxy images
// put them), /patroni-venv/bin/patroni (a pip install in a virtualenv).
var programRe = regexp.MustCompile(`((?:/[\w.-]+)*/s?bin/(etcd|etcdctl|patroni|patronictl|haproxy))(?:$|[^\w./-])`)

// shimPrograms makes the programs a service with a stand-in image names by
// their original paths run: pglab's images have them where Debian puts
// them (/usr/bin, /usr/sbin), while the answer's command, entrypoint or
// mounted start script may name /usr/local/bin/etcd or a virtualenv's
// patroni. Each such path gets a small script, mounted there, that runs the
// stand-in's own program. It looks in the service's command and entrypoint
// and in the files mounted into it (start scripts).
func (c *Client) shimPrograms(s *types.ServiceConfig, record func(labdir.Substitution)) error {
	texts := append(append([]string{}, s.Entrypoint...), s.Command...)
	for _, v := range s.Volumes {
		if v.Type != types.VolumeTypeBind {
			continue
		}
		src := v.Source
		if !filepath.IsAbs(src) {
			src = filepath.Join(c.State.Dir, src)
		}
		if fi, err := os.Stat(src); err == nil && fi.Mode().IsRegular() && fi.Size() < 1<<20 {
			b, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			texts = append(texts, string(b))
		}
	}
	seen := map[string]bool{}
	var shimmed []string
	for _, t := range texts {
		for _, m := range programRe.FindAllStringSubmatch(t, -1) {
			target, prog := m[1], m[2]
			switch path.Dir(target) {
			case "/usr/bin", "/usr/sbin", "/bin", "/sbin":
				continue // where the stand-in has it
			}
			if seen[target] {
				continue
			}
			seen[target] = true
			dir := filepath.Join(c.State.Dir, ".pglab-shims", s.Name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			src := filepath.Join(dir, strings.NewReplacer("/", "_").Replace(strings.TrimPrefix(target, "/")))
			script := fmt.Sprintf("#!/bin/sh\n# pglab: the stand-in image has %[1]s where Debian puts it, not at %[2]s.\n"+
				"for d in /usr/bin /usr/sbin /bin /sbin; do [ -x \"$d/%[1]s\" ] && exec \"$d/%[1]s\" \"$@\"; done\n"+
				"echo \"%[2]s: %[1]s is not in the stand-in image\" >&2; exit 127\n", prog, target)
			if err := os.WriteFile(src, []byte(script), 0o755); err != nil {
				return err
			}
			if err := os.Chmod(src, 0o755); err != nil { // whatever the umask
				return err
			}
			s.Volumes = append(s.Volumes, types.ServiceVolumeConfig{Type: types.VolumeTypeBind, Source: src, Target: target, ReadOnly: true})
			shimmed = append(shimmed, target)
		}
	}
	if len(shimmed) > 0 {
		slices.Sort(shimmed)
		record(labdir.Substitution{Kind: labdir.SubstShim, Service: s.Name, Changes: shimmed})
	}
	return nil
}

// fromRe matches a Dockerfile's FROM line: options, the image, a stage name.
var fromRe = regexp.MustCompile(`(?im)^(\s*FROM\s+(?:--\S+\s+)*)(\S+)`)

// argRe matches an ARG with a default value.
var argRe = regexp.MustCompile(`(?im)^(\s*ARG\s+\w+=)("?)([^\s"]+)("?)`)

// mapBuild rewrites the image references of a service's build (its
// Dockerfile's FROM lines, the ARG defaults and build arguments that name
// images) through the image map, for those the engine lacks.
func (c *Client) mapBuild(service string, spec *images.BuildSpec) error {
	if len(c.imageMap) == 0 {
		return nil
	}
	ctx := context.Background()
	subst := func(ref string) (string, bool) {
		if strings.Contains(ref, "$") {
			return "", false
		}
		to, mapped := c.imageMap.Map(ref)
		if !mapped {
			return "", false
		}
		if ok, _, err := images.Inspect(ctx, c.cli, ref); err == nil && ok {
			return "", false // the engine has theirs: nothing to stand in for
		}
		return to, true
	}
	did := rewriteBuild(spec, subst)
	if len(did) > 0 {
		slices.Sort(did)
		did = slices.Compact(did)
		c.State.Substitutions = append(c.State.Substitutions, labdir.Substitution{Kind: labdir.SubstBuild, Service: service, From: spec.Dockerfile, Changes: did})
		return c.State.Save()
	}
	return nil
}

// rewriteBuild puts subst's images in place of those a build names (FROM
// lines, ARG defaults, build arguments) and says what it replaced.
func rewriteBuild(spec *images.BuildSpec, subst func(ref string) (string, bool)) []string {
	var did []string
	df := string(spec.Files[spec.Dockerfile])
	df = fromRe.ReplaceAllStringFunc(df, func(line string) string {
		m := fromRe.FindStringSubmatch(line)
		if to, ok := subst(m[2]); ok {
			did = append(did, m[2]+" → "+to)
			return m[1] + to
		}
		return line
	})
	df = argRe.ReplaceAllStringFunc(df, func(line string) string {
		m := argRe.FindStringSubmatch(line)
		if to, ok := subst(m[3]); ok {
			did = append(did, m[3]+" → "+to)
			return m[1] + m[2] + to + m[4]
		}
		return line
	})
	spec.Files[spec.Dockerfile] = []byte(df)
	for k, v := range spec.Args {
		if to, ok := subst(v); ok {
			did = append(did, fmt.Sprintf("%s=%s → %s", k, v, to))
			spec.Args[k] = to
		}
	}
	return did
}

// copyRe matches a Dockerfile's COPY or ADD of files from the context.
var copyRe = regexp.MustCompile(`(?im)^\s*(?:COPY|ADD)\s+((?:--\S+\s+)*)(.+)$`)

// cmdRe matches CMD and ENTRYPOINT lines.
var cmdRe = regexp.MustCompile(`(?im)^\s*(CMD|ENTRYPOINT)\s+(.+)$`)

// referenceRun prepares a built service to run on the reference image
// instead: the configuration files its Dockerfile COPYs from its context
// (Patroni's YAML, scripts) are bind-mounted where they were copied, and
// its Dockerfile's CMD/ENTRYPOINT is kept when the compose file names no
// command. It returns the mounts, as SOURCE:TARGET.
func referenceRun(labDir string, s *types.ServiceConfig) ([]string, error) {
	ctxDir := buildContext(labDir, *s)
	b, err := os.ReadFile(filepath.Join(ctxDir, dockerfileOf(ctxDir, *s)))
	if err != nil {
		return nil, err
	}
	text := strings.ReplaceAll(string(b), "\\\n", " ")
	var mounts []string
	for _, m := range copyRe.FindAllStringSubmatch(text, -1) {
		if strings.Contains(m[1], "--from") {
			continue // from another stage or image: nothing of the context
		}
		words := strings.Fields(m[2])
		if strings.HasPrefix(m[2], "[") {
			words = jsonWords(m[2])
		}
		if len(words) < 2 {
			continue
		}
		dest, srcs := words[len(words)-1], words[:len(words)-1]
		for _, src := range srcs {
			p := filepath.Join(ctxDir, src)
			fi, err := os.Stat(p)
			if err != nil || !fi.Mode().IsRegular() || !configLike(src) {
				continue
			}
			target := dest
			// Into a directory: a trailing slash, several sources, or a
			// file with a suffix copied to a name without one (ADD
			// patroni_template.yml /var/lib/postgresql: a directory of
			// the image, which Docker copies into).
			if strings.HasSuffix(dest, "/") || len(srcs) > 1 || path.Ext(dest) == "" && path.Ext(src) != "" {
				target = path.Join(dest, path.Base(src))
			}
			if !path.IsAbs(target) {
				wd := s.WorkingDir
				if wd == "" {
					wd = "/"
				}
				target = path.Join(wd, target)
			}
			if chmodsExecutable(text, target) && fi.Mode().Perm()&0o111 == 0 {
				// Their build makes it executable (RUN chmod +x): the
				// mounted copy must be too. The lab's copy, not theirs.
				if err := os.Chmod(p, fi.Mode().Perm()|0o111); err != nil {
					return nil, err
				}
			}
			// Writable, as the copied file is in their image: a start
			// script may write its config over it (utsavpal-pgha's
			// heredoc). Each container its own copy, as each has its own
			// layer of their image: one file shared by two nodes made
			// both write the same config, and the last one's
			// connect_address won (both members claimed one host).
			own, err := serviceCopy(labDir, s.Name, src, p)
			if err != nil {
				return nil, err
			}
			s.Volumes = append(s.Volumes, types.ServiceVolumeConfig{Type: types.VolumeTypeBind, Source: own, Target: target})
			mounts = append(mounts, src+":"+target)
		}
	}
	// Their WORKDIR too, as their image has it: relative paths in their
	// config (data_dir: data/postgresql0) start there.
	if s.WorkingDir == "" {
		if m := workdirRe.FindAllStringSubmatch(text, -1); len(m) > 0 {
			s.WorkingDir = m[len(m)-1][1]
		}
	}
	if len(s.Command) == 0 && len(s.Entrypoint) == 0 {
		for _, m := range cmdRe.FindAllStringSubmatch(text, -1) {
			words := jsonWords(m[2])
			if words == nil {
				words = []string{"sh", "-c", m[2]}
			}
			if strings.EqualFold(m[1], "CMD") {
				s.Command = words
			} else {
				s.Entrypoint = words
			}
		}
	}
	return mounts, nil
}

// serviceCopy is a service's own copy of a file of the build context (mode
// kept), in the lab's directory, for a writable mount.
func serviceCopy(labDir, service, src, p string) (string, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	own := filepath.Join(labDir, "reference-copies", service, filepath.Clean("/"+src))
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(own, b, fi.Mode().Perm()); err != nil {
		return "", err
	}
	return own, os.Chmod(own, fi.Mode().Perm())
}

// workdirRe matches a Dockerfile's WORKDIR lines.
var workdirRe = regexp.MustCompile(`(?im)^\s*WORKDIR\s+(\S+)`)

// userRe matches a Dockerfile's USER lines.
var userRe = regexp.MustCompile(`(?im)^\s*USER\s+(\S+)`)

// runRe matches a Dockerfile's RUN lines.
var runRe = regexp.MustCompile(`(?im)^\s*RUN\s+(.+)$`)

// octalExecRe matches an octal mode whose owner may execute (755, 0700).
var octalExecRe = regexp.MustCompile(`^[0-7]*[1357][0-7]{2}$`)

// chmodsExecutable tells whether a Dockerfile's RUN lines make target
// executable (chmod +x, a+x, 755...).
func chmodsExecutable(dockerfile, target string) bool {
	for _, m := range runRe.FindAllStringSubmatch(dockerfile, -1) {
		for _, cmd := range strings.Split(m[1], "&&") {
			f := strings.Fields(cmd)
			if len(f) < 3 || f[0] != "chmod" || !slices.Contains(f[1:], target) {
				continue
			}
			for _, mode := range f[1 : len(f)-1] {
				if strings.Contains(mode, "x") || octalExecRe.MatchString(mode) {
					return true
				}
			}
		}
	}
	return false
}

// configLike: a file the reference image cannot have and the node needs.
func configLike(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yml", ".yaml", ".sh", ".conf", ".cfg", ".json", ".ini", ".sql":
		return true
	}
	return false
}

// jsonWords reads a JSON-form ["a", "b"] list, nil when it is not one.
func jsonWords(s string) []string {
	var out []string
	if json.Unmarshal([]byte(strings.TrimSpace(s)), &out) != nil {
		return nil
	}
	return out
}

// unavailable wraps a failed build or pull whose output says the machine
// could not fetch something in runtime.ErrUnavailable.
func unavailable(err error) error {
	if err != nil && runtime.Unreachable(err.Error()) {
		return fmt.Errorf("%w: %w", runtime.ErrUnavailable, err)
	}
	return err
}

// pgBinRe finds PostgreSQL's bin directory in an image's PATH.
var pgBinRe = regexp.MustCompile(`/usr/lib/postgresql/\d+/bin`)

// imageBinDir is the PostgreSQL bin directory an image puts on its PATH.
func (c *Client) imageBinDir(ctx context.Context, ref string) string {
	res, err := c.cli.ImageInspect(ctx, ref)
	if err != nil || res.Config == nil {
		return ""
	}
	for _, e := range res.Config.Env {
		if v, ok := strings.CutPrefix(e, "PATH="); ok {
			return pgBinRe.FindString(v)
		}
	}
	return ""
}

// mapScratch applies the image map to the Dockerfiles of the scratch
// copy, as to the lab's own builds: the rebuild experiment builds what
// the lab could build. The services are read from the copy's own compose
// file: the lab's project no longer builds a node it runs on the
// reference image, while the copy's docker-compose still does.
func (c *Client) mapScratch(dir string) error {
	if len(c.imageMap) == 0 {
		return nil
	}
	file, content, err := readCompose(dir)
	if err != nil {
		return err
	}
	p, err := topology.Load(context.Background(), file, content, nil)
	if err != nil {
		return fmt.Errorf("scratch copy: %w", err)
	}
	for _, s := range p.Services {
		if s.Build == nil {
			continue
		}
		ctxDir := buildContext(dir, s)
		if rel, err := filepath.Rel(dir, ctxDir); err != nil || !filepath.IsLocal(rel) {
			continue // outside the folder: not in the copy
		}
		name := dockerfileOf(ctxDir, s)
		path := filepath.Join(ctxDir, name)
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		spec := images.BuildSpec{Dockerfile: name, Files: map[string][]byte{name: b}}
		if did := rewriteBuild(&spec, c.imageMap.Map); len(did) > 0 {
			if err := os.WriteFile(path, spec.Files[name], 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

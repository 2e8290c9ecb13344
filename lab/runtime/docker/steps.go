package docker

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/moby/moby/client"
	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// steps builds a scenario's commands on a docker lab. Every command is
// shown as a student types it in the lab's directory (`docker-compose exec
// postgres1 patronictl ...`, `docker-compose stop postgres1`); pglab runs
// the same thing through the Engine API (`pglab exec`, `pglab stop`), so no
// docker CLI is needed. Only the questions about Compose itself (which
// ports a host sees, when `up` rebuilds) run the real docker-compose.
type steps struct {
	c     *Client
	pglab string
}

// Lab is the lab's name.
func (r *steps) Lab() string { return r.c.State.Name }

func (r *steps) kindOf(node string) (topology.Kind, error) {
	n, err := runtime.Node(r.c.Topo, node)
	return n.Kind, err
}

func (r *steps) firstOf(k topology.Kind) string { return r.c.Topo.Of(k)[0].Name }

// pglabCmd runs this lab's pglab with args, shown as display.
func (r *steps) pglabCmd(display string, args ...string) runtime.Command {
	args = append([]string{"--name", r.Lab()}, args...)
	if display == "" {
		display = runtime.Quote(append([]string{"pglab"}, args...))
	}
	return runtime.Command{Argv: append([]string{r.pglab}, args...), Display: display}
}

// exec runs argv in a node's container, shown as `docker-compose exec`.
// env names variables of the step's environment handed to the container.
func (r *steps) exec(node string, env []string, argv ...string) runtime.Command {
	args := []string{"exec"}
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		args = append(args, "--env", name)
	}
	args = append(append(args, node, "--"), argv...)
	c := r.pglabCmd(runtime.Quote(append([]string{"docker-compose", "exec", node}, argv...)), args...)
	c.Env = env
	return c
}

// etcdctlAPI is set for every etcdctl: etcd 3.3's etcdctl speaks the v2
// API unless told (`-w` is "flag provided but not defined" there, and
// there is no `endpoint health --cluster`); 3.4 and later default to v3
// and take the variable as it is.
const etcdctlAPI = "ETCDCTL_API=3"

// etcdctl runs etcdctl in an etcd node's container with the v3 API, shown
// as the student types it: `docker-compose exec -e ETCDCTL_API=3 ...`.
func (r *steps) etcdctl(node string, args []string) runtime.Command {
	c := r.exec(node, []string{etcdctlAPI}, append([]string{"etcdctl"}, args...)...)
	c.Display = runtime.Quote(append([]string{"docker-compose", "exec", "-e", etcdctlAPI, node, "etcdctl"}, args...))
	return c
}

// Tool builds a tool's command against this lab.
func (r *steps) Tool(tool, node string, args []string) (runtime.Command, error) {
	if node != "" {
		if _, err := r.kindOf(node); err != nil {
			return runtime.Command{}, err
		}
	}
	switch tool {
	case "etcdctl":
		if node == "" {
			node = r.firstOf(topology.Etcd)
		}
		return r.etcdctl(node, args), nil
	case "patronictl":
		if node == "" {
			node = r.firstOf(topology.Postgres)
		}
		cfg, err := r.patroniConfig(node)
		if err != nil {
			return runtime.Command{}, err
		}
		return r.exec(node, nil, append([]string{"patronictl", "-c", cfg}, args...)...), nil
	case "pglab":
		return r.pglabCmd("", args...), nil
	case "grep-log":
		if node == "" {
			return runtime.Command{}, fmt.Errorf("grep-log: name the node whose log to search (on:)")
		}
		grep := runtime.Quote(append([]string{"grep"}, args...))
		return runtime.Command{
			Argv:    []string{"sh", "-c", runtime.Quote([]string{r.pglab, "--name", r.Lab(), "logs", node}) + " 2>&1 | " + grep},
			Display: "docker-compose logs --no-color " + node + " | " + grep,
		}, nil
	case "balancer-stats":
		b := r.c.balancer()
		return probe.StatsCommand(probe.StatsPage(r.c.Addr(context.Background(), r.firstOf(topology.HAProxy), b.StatsPort), b.StatsURI))
	case "processes":
		if node == "" {
			node = r.firstOf(topology.Postgres)
		}
		return r.exec(node, nil, "ps", "-eo", "user,pid,args"), nil
	case "tcp":
		return r.tcp(node, args)
	case "published":
		return r.published(args)
	case "compose":
		return r.compose(r.c.State.Dir, args), nil
	case "scratch":
		dir, err := r.scratchDir()
		if err != nil {
			return runtime.Command{}, err
		}
		if len(args) == 2 && args[0] == "edit" {
			// A visible, harmless edit: a comment line (a LABEL in a Dockerfile,
			// which changes the image it builds).
			line := "# edited by pglab"
			if strings.HasSuffix(args[1], "Dockerfile") {
				line = "LABEL io.pglab.edited=" + strconv.FormatInt(time.Now().Unix(), 10)
			}
			return runtime.Command{Shell: true, Dir: dir,
				Display: "echo " + runtime.Quote([]string{line}) + " >> " + runtime.Quote([]string{args[1]})}, nil
		}
		c := r.compose(dir, args)
		if buildsImages(args) {
			c = r.sweepingBuilds(c)
		}
		return c, nil
	}
	return runtime.Command{}, fmt.Errorf("the docker runtime has no tool %q", tool)
}

// compose runs the real docker-compose in dir: the questions about what
// Compose does are answered by Compose.
func (r *steps) compose(dir string, args []string) runtime.Command {
	display := runtime.Quote(append([]string{"docker-compose"}, args...))
	argv := append([]string{"docker-compose"}, args...)
	if p, err := hostbin.Look("docker-compose", "docker-compose"); err == nil {
		argv[0] = p.Path
	}
	return runtime.Command{Argv: argv, Display: display, Dir: dir}
}

// tcp opens a TCP connection to HOST:PORT with bash's /dev/tcp, from a
// node's container or, with no node, from the host. From the host a
// node's port is looked for where Compose would publish it: localhost, on
// the published port if the service has one for it, else on the same port.
func (r *steps) tcp(node string, args []string) (runtime.Command, error) {
	if len(args) != 1 {
		return runtime.Command{}, fmt.Errorf("tcp: give one HOST:PORT")
	}
	host, port, err := net.SplitHostPort(args[0])
	if err != nil {
		return runtime.Command{}, fmt.Errorf("tcp %s: %w", args[0], err)
	}
	probe := func(h, p string) string { return "exec 3<>/dev/tcp/" + h + "/" + p + " && echo open" }
	if node != "" {
		return r.exec(node, nil, "timeout", "5", "bash", "-c", probe(host, port)), nil
	}
	if _, ok := r.c.Topo.Node(host); ok {
		n, _ := strconv.Atoi(port)
		if hp := r.c.State.Ports[portKey(host, n)]; hp != 0 {
			port = strconv.Itoa(hp)
		}
		host = Loopback
	}
	return runtime.Command{Shell: true, Display: "timeout 5 bash -c " + runtime.Quote([]string{probe(host, port)})}, nil
}

// scratchDir is a copy of the lab's exercise files for experiments with
// docker-compose: its own project name and its own image tag, so that
// what Compose builds or creates there never touches the running lab.
// Down removes both.
func (r *steps) scratchDir() (string, error) {
	dir := filepath.Join(r.c.State.Dir, "scratch")
	if _, err := os.Stat(dir); err == nil {
		return dir, nil
	}
	if err := copyExercise(r.c.State.Dir, dir); err != nil {
		return "", fmt.Errorf("scratch copy of the exercise: %w", err)
	}
	env := map[string]string{"COMPOSE_PROJECT_NAME": scratchProject(r.Lab()), "PG_IMAGE": ScratchImage(r.Lab())}
	if err := appendEnv(filepath.Join(dir, exercise.EnvFile), env); err != nil {
		return "", err
	}
	if r.c.State.From != "" {
		// Someone's compose file may name its images and containers
		// literally: the scratch project gets names of its own, and its
		// images the lab's label, so down removes them.
		_, content, err := readCompose(dir)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, scratchOverride), scratchNames(r.c.Project, r.Lab(), composeVersion(content)), 0o644); err != nil {
			return "", err
		}
		if err := r.c.mapScratch(dir); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// scratchOverride is the file docker-compose merges over the compose
// file of the scratch copy.
const scratchOverride = "docker-compose.override.yml"

// scratchNames is the override giving every service of a scratch copy an
// image tag and a container name of the scratch project's own.
func scratchNames(p *types.Project, lab, version string) []byte {
	var b strings.Builder
	b.WriteString("# Written by pglab: the scratch copy's own image tags and container names.\n")
	if version != "" {
		// docker-compose v1 refuses to merge files of two versions.
		fmt.Fprintf(&b, "version: %q\n", version)
	}
	b.WriteString("services:\n")
	for _, name := range slices.Sorted(maps.Keys(p.Services)) {
		s := p.Services[name]
		fmt.Fprintf(&b, "  %s:\n", name)
		if s.Build != nil {
			fmt.Fprintf(&b, "    image: %s\n    build:\n      labels:\n        %s: %q\n", scratchServiceImage(lab, name), LabelLab, lab)
		}
		if s.ContainerName != "" {
			fmt.Fprintf(&b, "    container_name: %s\n", scratchProject(lab)+"_"+name+"_1")
		}
	}
	return []byte(b.String())
}

// scratchServiceImage is the tag a built service of someone's files gets
// in the lab's scratch copy.
func scratchServiceImage(lab, service string) string {
	return "pglab/scratch-" + lab + "-" + service + ":latest"
}

// copyExercise copies an exercise's files from src to dst: everything but
// the lab's own state, logs and scratch copy, and a .git directory.
func copyExercise(src, dst string) error {
	return labdir.CopyFiles(src, dst,
		func(rel string) bool { return rel == "scratch" || rel == "logs" || rel == ".git" },
		func(rel string) bool { return strings.HasSuffix(rel, ".json") }, // the lab's state and transcripts are not the exercise
		func(m fs.FileMode) fs.FileMode { return m })
}

// patroniConfig is the Patroni config file a node's container runs with:
// the argument of its command that names a YAML file.
func (r *steps) patroniConfig(node string) (string, error) {
	if l := r.c.layout; l != nil && l.Nodes[node].Path != "" {
		return l.Nodes[node].Path, nil // as their command or start script runs it
	}
	res, err := r.c.cli.ContainerInspect(context.Background(), ContainerName(r.Lab(), node), client.ContainerInspectOptions{})
	if err != nil {
		return "", fmt.Errorf("patronictl on %s: %w", node, err)
	}
	if cfg := res.Container.Config; cfg != nil {
		for _, a := range append(append([]string{}, cfg.Entrypoint...), cfg.Cmd...) {
			// One argument may be a whole command line (sh -c "exec patroni FILE").
			for _, w := range strings.Fields(a) {
				if strings.HasSuffix(w, ".yml") || strings.HasSuffix(w, ".yaml") {
					return w, nil
				}
			}
		}
	}
	return "", fmt.Errorf("patronictl on %s: its container's command names no Patroni config file", node)
}

// SQL runs psql in the node's own container, over TCP to itself so that
// inet_server_addr() names it; through the balancer, the host's psql on
// HAProxy's published port, as a client outside the stack connects.
func (r *steps) SQL(node, sql string) (runtime.Command, error) {
	k, err := r.kindOf(node)
	if err != nil {
		return runtime.Command{}, err
	}
	env := []string{"PGPASSWORD=" + r.c.State.Secrets.Superuser, "PGCONNECT_TIMEOUT=5"}
	user := r.c.sqlUser()
	switch k {
	case topology.Postgres:
		return r.exec(node, env, "psql", "-h", node, "-U", user, "-d", "postgres", "-c", sql), nil
	case topology.HAProxy:
		p, err := hostbin.Psql()
		if err != nil {
			return runtime.Command{}, err
		}
		host, port, _ := net.SplitHostPort(r.c.Addr(context.Background(), node, r.c.entryPort()))
		if host == Loopback {
			host = "localhost" // as the exercise connects; psql tries 127.0.0.1 after ::1
		}
		return runtime.Command{
			Argv:    []string{p.Path, "-h", host, "-p", port, "-U", user, "-d", "postgres", "-c", sql},
			Display: runtime.Quote([]string{"psql", "-h", host, "-p", port, "-U", user, "-d", "postgres", "-c", sql}),
			Env:     env,
		}, nil
	}
	return runtime.Command{}, fmt.Errorf("sql on %s: it is a %s node, not PostgreSQL or HAProxy", node, k)
}

// Fault builds `docker-compose stop|kill|start NODE`, run as pglab's own.
func (r *steps) Fault(k runtime.Action, node string) (runtime.Command, error) {
	if _, err := r.kindOf(node); err != nil {
		return runtime.Command{}, err
	}
	switch k {
	case runtime.Stop, runtime.Kill, runtime.Start, runtime.Pause:
		return r.pglabCmd(runtime.Quote([]string{"docker-compose", string(k), node}), string(k), node), nil
	case runtime.Resume:
		return r.pglabCmd(runtime.Quote([]string{"docker-compose", "unpause", node}), string(k), node), nil
	}
	return runtime.Command{}, fmt.Errorf("the docker runtime has no %s fault; use stop, kill, start, pause, resume, or `pglab partition`", k)
}

// composeVersion is the version: key of a compose file, "" when it has none.
func composeVersion(content []byte) string {
	var top struct {
		Version any `yaml:"version"`
	}
	if yaml.Unmarshal(content, &top) != nil || top.Version == nil {
		return ""
	}
	return fmt.Sprint(top.Version)
}

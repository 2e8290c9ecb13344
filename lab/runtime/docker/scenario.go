package docker

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/topology"
)

// ScenarioRuntime runs scenarios against a docker lab. Every command is
// shown as a student types it in the lab's directory (`docker-compose exec
// postgres1 patronictl ...`, `docker-compose stop postgres1`); pglab runs
// the same thing through the Engine API (`pglab exec`, `pglab stop`), so no
// docker CLI is needed. Only the questions about Compose itself (which
// ports a host sees, when `up` rebuilds) run the real docker-compose.
type ScenarioRuntime struct {
	c     *Client
	pglab string

	mu      sync.Mutex
	members map[string]string // node -> Patroni member name, as last seen

	leader   measure.EtcdLeader      // the sampler's etcd client, made on first use
	zkLeader measure.ZooKeeperLeader // or its ZooKeeper client, for the HA lab
}

// NewScenarioRuntime connects to a docker lab. pglabPath is the pglab
// binary the steps run (exec, faults, status).
func NewScenarioRuntime(ctx context.Context, name, pglabPath string) (*ScenarioRuntime, error) {
	c, err := Connect(name)
	if err != nil {
		return nil, err
	}
	r := &ScenarioRuntime{c: c, pglab: pglabPath, members: map[string]string{}}
	r.learnMembers(ctx)
	return r, nil
}

// Close releases the engine connection and the sampler's etcd client.
func (r *ScenarioRuntime) Close() error {
	r.leader.Close()
	r.zkLeader.Close()
	return r.c.Close()
}

// Name is the runtime's name.
func (r *ScenarioRuntime) Name() string { return Name }

// Lab is the lab's name.
func (r *ScenarioRuntime) Lab() string { return r.c.State.Name }

// Secrets are the lab's passwords.
func (r *ScenarioRuntime) Secrets() []string { return r.c.State.Secrets.Values() }

// Nodes lists the lab's nodes. Every PostgreSQL node listens on 5432 in
// its own container, so what tells them apart is the address, asked anew
// each time: a restarted container may get another one.
func (r *ScenarioRuntime) Nodes() []scenario.Node {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []scenario.Node
	for _, n := range r.c.Topo.Nodes {
		sn := scenario.Node{Name: n.Name, Kind: string(n.Kind)}
		if n.Kind == topology.Postgres {
			sn.Port = topology.PortPostgres
			sn.Member = r.members[n.Name]
			sn.Addr = r.c.IP(ctx, n.Name)
		}
		out = append(out, sn)
	}
	return out
}

// learnMembers maps nodes to Patroni member names from the cluster's view:
// a member's host is its node's compose service (connect_address).
func (r *ScenarioRuntime) learnMembers(ctx context.Context) {
	for _, n := range r.c.pgNodes() {
		a := r.c.restAddr(ctx, n)
		if a == "" {
			continue
		}
		cl, err := patroni.GetCluster(ctx, a)
		if err != nil {
			continue
		}
		r.mu.Lock()
		for _, m := range cl.Members {
			r.members[nodeOfMember(m, r.c.pgNodes())] = m.Name
		}
		r.mu.Unlock()
		return
	}
}

// nodeOfMember is the node a Patroni member runs on: the one its
// connect_address names, else the node named like the member.
func nodeOfMember(m patroni.Member, nodes []string) string {
	for _, n := range nodes {
		if m.Host == n {
			return n
		}
	}
	return m.Name
}

func (r *ScenarioRuntime) kindOf(node string) (topology.Kind, error) {
	n, ok := r.c.Topo.Node(node)
	if !ok {
		return "", fmt.Errorf("%w %q: the nodes are %v", ErrUnknownNode, node, r.c.Topo.Names())
	}
	return n.Kind, nil
}

func (r *ScenarioRuntime) firstOf(k topology.Kind) string { return r.c.Topo.Of(k)[0].Name }

// pglabCmd runs this lab's pglab with args, shown as display.
func (r *ScenarioRuntime) pglabCmd(display string, args ...string) scenario.Command {
	args = append([]string{"--name", r.Lab()}, args...)
	if display == "" {
		display = scenario.Quote(append([]string{"pglab"}, args...))
	}
	return scenario.Command{Argv: append([]string{r.pglab}, args...), Display: display}
}

// exec runs argv in a node's container, shown as `docker-compose exec`.
// env names variables of the step's environment handed to the container.
func (r *ScenarioRuntime) exec(node string, env []string, argv ...string) scenario.Command {
	args := []string{"exec"}
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		args = append(args, "--env", name)
	}
	args = append(append(args, node, "--"), argv...)
	c := r.pglabCmd(scenario.Quote(append([]string{"docker-compose", "exec", node}, argv...)), args...)
	c.Env = env
	return c
}

// Tool builds a tool's command against this lab.
func (r *ScenarioRuntime) Tool(tool, node string, args []string) (scenario.Command, error) {
	if node != "" {
		if _, err := r.kindOf(node); err != nil {
			return scenario.Command{}, err
		}
	}
	switch tool {
	case "etcdctl":
		if node == "" {
			node = r.firstOf(topology.Etcd)
		}
		return r.exec(node, nil, append([]string{"etcdctl"}, args...)...), nil
	case "patronictl":
		if node == "" {
			node = r.firstOf(topology.Postgres)
		}
		cfg, err := r.patroniConfig(node)
		if err != nil {
			return scenario.Command{}, err
		}
		return r.exec(node, nil, append([]string{"patronictl", "-c", cfg}, args...)...), nil
	case "pglab":
		return r.pglabCmd("", args...), nil
	case "grep-log":
		if node == "" {
			return scenario.Command{}, fmt.Errorf("grep-log: name the node whose log to search (on:)")
		}
		grep := scenario.Quote(append([]string{"grep"}, args...))
		return scenario.Command{
			Argv:    []string{"sh", "-c", scenario.Quote([]string{r.pglab, "--name", r.Lab(), "logs", node}) + " 2>&1 | " + grep},
			Display: "docker-compose logs --no-color " + node + " | " + grep,
		}, nil
	case "balancer-stats":
		return probe.StatsCommand(r.c.Addr(context.Background(), r.firstOf(topology.HAProxy), topology.PortStats))
	case "processes":
		if node == "" {
			node = r.firstOf(topology.Postgres)
		}
		return r.exec(node, nil, "ps", "-eo", "user,pid,args"), nil
	case "tcp":
		return r.tcp(node, args)
	case "compose":
		return r.compose(r.c.State.Dir, args), nil
	case "scratch":
		dir, err := r.scratchDir()
		if err != nil {
			return scenario.Command{}, err
		}
		if len(args) == 2 && args[0] == "edit" {
			// A visible, harmless edit: a comment line (a LABEL in a Dockerfile,
			// which changes the image it builds).
			line := "# edited by pglab"
			if strings.HasSuffix(args[1], "Dockerfile") {
				line = "LABEL io.pglab.edited=" + strconv.FormatInt(time.Now().Unix(), 10)
			}
			return scenario.Command{Shell: true, Dir: dir,
				Display: "echo " + scenario.Quote([]string{line}) + " >> " + scenario.Quote([]string{args[1]})}, nil
		}
		return r.compose(dir, args), nil
	}
	return scenario.Command{}, fmt.Errorf("the docker runtime has no tool %q", tool)
}

// compose runs the real docker-compose in dir: the questions about what
// Compose does are answered by Compose.
func (r *ScenarioRuntime) compose(dir string, args []string) scenario.Command {
	display := scenario.Quote(append([]string{"docker-compose"}, args...))
	argv := append([]string{"docker-compose"}, args...)
	if p, err := hostbin.Look("docker-compose", "docker-compose"); err == nil {
		argv[0] = p.Path
	}
	return scenario.Command{Argv: argv, Display: display, Dir: dir}
}

// tcp opens a TCP connection to HOST:PORT with bash's /dev/tcp, from a
// node's container or, with no node, from the host. From the host a
// node's port is looked for where Compose would publish it: localhost, on
// the published port if the service has one for it, else on the same port.
func (r *ScenarioRuntime) tcp(node string, args []string) (scenario.Command, error) {
	if len(args) != 1 {
		return scenario.Command{}, fmt.Errorf("tcp: give one HOST:PORT")
	}
	host, port, err := net.SplitHostPort(args[0])
	if err != nil {
		return scenario.Command{}, fmt.Errorf("tcp %s: %w", args[0], err)
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
	return scenario.Command{Shell: true, Display: "timeout 5 bash -c " + scenario.Quote([]string{probe(host, port)})}, nil
}

// scratchDir is a copy of the lab's exercise files for experiments with
// docker-compose: its own project name and its own image tag, so that
// what Compose builds or creates there never touches the running lab.
// Down removes both.
func (r *ScenarioRuntime) scratchDir() (string, error) {
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
	return dir, nil
}

// copyExercise copies an exercise's files from src to dst: everything but
// the lab's own state, logs and scratch copy, and a .git directory.
func copyExercise(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if rel == "scratch" || rel == "logs" || rel == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() || strings.HasSuffix(rel, ".json") {
			return nil // the lab's state and transcripts are not the exercise
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, fi.Mode().Perm())
	})
}

// patroniConfig is the Patroni config file a node's container runs with:
// the argument of its command that names a YAML file.
func (r *ScenarioRuntime) patroniConfig(node string) (string, error) {
	res, err := r.c.cli.ContainerInspect(context.Background(), ContainerName(r.Lab(), node), client.ContainerInspectOptions{})
	if err != nil {
		return "", fmt.Errorf("patronictl on %s: %w", node, err)
	}
	if cfg := res.Container.Config; cfg != nil {
		for _, a := range append(append([]string{}, cfg.Entrypoint...), cfg.Cmd...) {
			if strings.HasSuffix(a, ".yml") || strings.HasSuffix(a, ".yaml") {
				return a, nil
			}
		}
	}
	return "", fmt.Errorf("patronictl on %s: its container's command names no Patroni config file", node)
}

// SQL runs psql in the node's own container, over TCP to itself so that
// inet_server_addr() names it; through the balancer, the host's psql on
// HAProxy's published port, as a client outside the stack connects.
func (r *ScenarioRuntime) SQL(node, sql string) (scenario.Command, error) {
	k, err := r.kindOf(node)
	if err != nil {
		return scenario.Command{}, err
	}
	env := []string{"PGPASSWORD=" + r.c.State.Secrets.Superuser, "PGCONNECT_TIMEOUT=5"}
	switch k {
	case topology.Postgres:
		return r.exec(node, env, "psql", "-h", node, "-U", "postgres", "-d", "postgres", "-c", sql), nil
	case topology.HAProxy:
		p, err := hostbin.Psql()
		if err != nil {
			return scenario.Command{}, err
		}
		host, port, _ := net.SplitHostPort(r.c.Addr(context.Background(), node, topology.PortPostgres))
		return scenario.Command{
			Argv:    []string{p.Path, "-h", host, "-p", port, "-U", "postgres", "-d", "postgres", "-c", sql},
			Display: scenario.Quote([]string{"psql", "-h", host, "-p", port, "-U", "postgres", "-d", "postgres", "-c", sql}),
			Env:     env,
		}, nil
	}
	return scenario.Command{}, fmt.Errorf("sql on %s: it is a %s node, not PostgreSQL or HAProxy", node, k)
}

// Fault builds `docker-compose stop|kill|start NODE`, run as pglab's own.
func (r *ScenarioRuntime) Fault(k scenario.Kind, node string) (scenario.Command, error) {
	if _, err := r.kindOf(node); err != nil {
		return scenario.Command{}, err
	}
	switch k {
	case scenario.KindStop, scenario.KindKill, scenario.KindStart, scenario.KindPause:
		return r.pglabCmd(scenario.Quote([]string{"docker-compose", string(k), node}), string(k), node), nil
	case scenario.KindResume:
		return r.pglabCmd(scenario.Quote([]string{"docker-compose", "unpause", node}), string(k), node), nil
	}
	return scenario.Command{}, fmt.Errorf("the docker runtime has no %s fault; use stop, kill, start, pause, resume, or `pglab partition`", k)
}

// Observe asks Patroni's REST APIs and HAProxy's stats page, on the
// containers' addresses.
func (r *ScenarioRuntime) Observe(ctx context.Context) (scenario.Observation, error) {
	o := r.c.probe().Observe(ctx)
	if len(o.Members) > 0 {
		r.learnMembers(ctx)
	}
	return o, nil
}

// Versions asks each container's programs for their versions.
func (r *ScenarioRuntime) Versions(ctx context.Context) []scenario.Version {
	ask := func(node string, argv ...string) string {
		ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		out, code, err := r.c.Exec(ctx, node, "", argv...)
		line, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
		if err != nil || code != 0 {
			return fmt.Sprintf("unknown (%s: exit %d %v)", strings.Join(argv, " "), code, err)
		}
		return strings.TrimSpace(line)
	}
	pg, ha := r.firstOf(topology.Postgres), r.firstOf(topology.HAProxy)
	image := func(node string) string { return r.c.Project.Services[node].Image }
	vs := []scenario.Version{
		{Component: "runtime", Version: "docker: the exercise's docker-compose.yaml through the Docker Engine API"},
		{Component: "PostgreSQL", Version: ask(pg, "postgres", "--version") + " (image " + image(pg) + ")"},
		{Component: "Patroni", Version: ask(pg, "patroni", "--version")},
		{Component: "HAProxy", Version: ask(ha, "haproxy", "-v") + " (image " + image(ha) + ")"},
	}
	switch kind, dcs := r.c.Topo.DCS(); {
	case len(dcs) == 0:
	case kind == topology.Etcd:
		vs = append(vs, scenario.Version{Component: "etcd", Version: ask(dcs[0].Name, "etcd", "--version") + " (image " + image(dcs[0].Name) + ")"})
	case kind == topology.ZooKeeper:
		v := "unknown"
		if f, err := probe.ZooKeeperSrvr(ctx, r.c.Addr(ctx, dcs[0].Name, topology.PortZooKeeper)); err == nil {
			v = f["Zookeeper version"]
		}
		vs = append(vs, scenario.Version{Component: "ZooKeeper", Version: v + " (image " + image(dcs[0].Name) + ")"})
	}
	if t := r.timing(ctx); t.TTL != 0 {
		vs = append(vs, scenario.Version{Component: "timing", Version: fmt.Sprintf("the exercise's: Patroni ttl %d, loop_wait %d, retry_timeout %d", t.TTL, t.LoopWait, t.RetryTimeout)})
	}
	return vs
}

// timing reads the dynamic configuration in force (GET /config).
func (r *ScenarioRuntime) timing(ctx context.Context) patroni.Config {
	for _, n := range r.c.pgNodes() {
		if a := r.c.restAddr(ctx, n); a != "" {
			if cfg, err := patroni.GetConfig(ctx, a); err == nil {
				return cfg
			}
		}
	}
	return patroni.Config{}
}

// SyncState is the replica's sync_state in pg_stat_replication: "sync"
// when the cluster runs synchronous_mode, else "async".
func (r *ScenarioRuntime) SyncState() string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return r.c.probe().SyncState(ctx)
}

// Package docker is pglab's container runtime: the exercise's own stack
// (the embedded docker-compose.yaml and Dockerfile, unchanged) through the
// Docker Engine API. The compose file is loaded with compose-go; the
// network, volumes and containers it describes are created with labels
// naming the lab and the node, so that status, down and any later pglab
// invocation find them in the engine: no pglab process supervises the lab.
package docker

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/provenance"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
	"github.com/pglab/pglab/lab/wait"
)

// Name is how users select this runtime.
const Name = "docker"

// Options configure `pglab up --runtime docker`.
type Options struct {
	Name string
	// Images are the compose variables that choose the images (ETCD_IMAGE,
	// HAPROXY_IMAGE, PG_BASE_IMAGE, PG_MAJOR, PG_IMAGE). nil: the compose
	// file's defaults when the engine has them, else the locally built set
	// (images.Env).
	Images      map[string]string
	HAProxyPort int  // 0 = any free loopback port
	Retain      bool // on a failed start, keep what was created for inspection
	// From is someone else's exercise directory (a candidate's answer) to
	// boot instead of the embedded files: its compose file, configs and
	// Dockerfile, copied into the lab directory. Its images are built with
	// tags of this lab's own, so the shared local images stay as they are.
	// Its profile is told by its DCS (etcd or zookeeper services).
	From string
	// Profile is the exercise whose embedded files the lab runs: etcd (the
	// operations test, the default) or zookeeper (the HA lab).
	Profile string
	// ImageMap and ReferenceImage stand in for the images of From that
	// cannot be pulled (runtime.Options).
	ImageMap       runtime.ImageMap
	ReferenceImage string
	// Grading: the boot waits for the services to answer and goes on
	// when one does not (runtime.Options.Grading).
	Grading bool
}

// Deadlines of the start phases. The exercise's Patroni timing (loop_wait
// 10 s) and HAProxy checks (inter 3s rise 2) are kept as they are.
var (
	HealthyTimeout = 2 * time.Minute
	LeaderTimeout  = 2 * time.Minute
	ReplicaTimeout = 2 * time.Minute
	RouteTimeout   = time.Minute
	PullTimeout    = 2 * time.Minute
	// GradingReplicaTimeout bounds a graded boot's wait for streaming
	// replicas: replication is a question then, asked with its own wait.
	GradingReplicaTimeout = time.Minute
)

// Start boots a lab: the exercise directory is written into the lab's
// directory (the bind-mounted configs come from there), images are built
// when missing, then network, volumes and containers are created and
// started in dependency order. Whatever was created is removed again if a
// phase fails or ctx ends (Ctrl-C), unless o.Retain.
func Start(ctx context.Context, o Options, status *progress.Status) (c *Client, err error) {
	if o.Name == "" {
		o.Name = labdir.DefaultName
	}
	if err := labdir.CheckName(o.Name); err != nil {
		return nil, err
	}
	cli, err := images.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkFree(ctx, cli, o.Name); err != nil {
		cli.Close()
		return nil, err
	}
	dir := labdir.Dir(o.Name)
	if _, err := os.Stat(dir); err == nil {
		cli.Close()
		return nil, fmt.Errorf("%s exists: lab %q was not cleaned up (`%s`), or pick another --name", dir, o.Name, labdir.Hint(o.Name, "down"))
	}
	c = &Client{cli: cli}
	defer c.releasePorts("") // what a failed start left held
	defer func() {
		if err == nil {
			return
		}
		status.End(err)
		if o.Retain {
			err = fmt.Errorf("%w (containers, volumes and %s kept; `%s` removes them)", err, dir, labdir.Hint(o.Name, "down"))
			return
		}
		// ctx may be cancelled: clean up on a context of our own.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		if derr := removeLab(cctx, cli, o.Name, false); derr != nil {
			err = fmt.Errorf("%w; cleaning up: %v", err, derr)
		}
		os.RemoveAll(dir)
		cli.Close()
	}()

	status.Start("Preparing lab %s in %s", o.Name, dir)
	if err := c.prepare(ctx, o, dir, status); err != nil {
		return c, err
	}
	status.Start("Checking images")
	if err := c.ensureImages(ctx, status); err != nil {
		return c, err
	}
	status.Start("Creating network, volumes and containers")
	if err := c.create(ctx); err != nil {
		return c, err
	}
	// Containers start in compose's order; each phase ends when its part
	// of the stack is usable, so a failure names the part that failed.
	dcs, _ := c.Topo.DCS()
	started := map[string]bool{}
	for _, kind := range []topology.Kind{dcs, topology.Postgres, topology.HAProxy, topology.Other} {
		nodes := c.Topo.Of(kind)
		switch kind {
		case topology.Etcd:
			status.Start("Starting etcd (%d members)", len(nodes))
		case topology.ZooKeeper:
			status.Start("Starting ZooKeeper (%s)", c.Project.Services[nodes[0].Name].Image)
		case topology.Postgres:
			status.Start("Starting Patroni and PostgreSQL (%s)", c.Project.Services[nodes[0].Name].Image)
		case topology.HAProxy:
			status.Start("Starting HAProxy")
		case topology.Other:
			if len(nodes) == 0 {
				continue
			}
			status.Start("Starting the other services (%s)", strings.Join(nodeNames(nodes), ", "))
		}
		for _, n := range nodes {
			if err := c.startWithDependencies(ctx, n.Name, started, status, o.Grading); err != nil {
				return c, err
			}
		}
		ready := c.ready
		if o.Grading {
			ready = c.answering
		}
		if err := ready(ctx, kind, status); err != nil {
			if !o.Grading || ctx.Err() != nil {
				return c, err
			}
			// Graded, not refused: the questions will show what is wrong.
			status.Info("not ready, going on to the questions: %v", err)
		}
	}
	status.End(nil)
	return c, nil
}

// startWithDependencies starts a node after the services it depends on,
// whatever their kind (a pooler between HAProxy and PostgreSQL starts
// before HAProxy), each once.
func (c *Client) startWithDependencies(ctx context.Context, node string, started map[string]bool, status *progress.Status, grading bool) error {
	if started[node] {
		return nil
	}
	started[node] = true
	for _, dep := range slices.Sorted(maps.Keys(c.Project.Services[node].DependsOn)) {
		if _, ok := c.Topo.Node(dep); ok {
			if err := c.startWithDependencies(ctx, dep, started, status, grading); err != nil {
				return err
			}
		}
	}
	if err := c.waitDependencies(ctx, node, status); err != nil {
		if !grading || ctx.Err() != nil {
			return err
		}
		status.Info("starting %s anyway: %v", node, err)
	}
	return c.startContainer(ctx, node)
}

// answering waits until one kind of node answers as a service, whatever
// state its cluster is in: etcd's /health, ZooKeeper's srvr, each
// Patroni's REST API, HAProxy's stats page. The boot of a stack to grade
// waits for this much only.
func (c *Client) answering(ctx context.Context, kind topology.Kind, status *progress.Status) error {
	nodes := c.Topo.Of(kind)
	switch kind {
	case topology.Etcd, topology.ZooKeeper:
		return c.ready(ctx, kind, status)
	case topology.Postgres:
		for _, n := range nodes {
			c.readStarted(ctx, n.Name, status)
			status.Info("waiting ≤ %s for %s's Patroni REST API to answer", LeaderTimeout, n.Name)
			err := wait.Until(ctx, n.Name+"'s Patroni REST API to answer", LeaderTimeout, func(ctx context.Context) (bool, string) {
				a := c.restAddr(ctx, n.Name)
				if a == "" {
					return false, n.Name + " has no address (not running?)"
				}
				st, err := patroni.GetNode(ctx, a)
				if err != nil {
					return false, err.Error()
				}
				return true, st.State
			})
			if err != nil {
				return err
			}
		}
		// The cluster as the questions expect to find it, as far as it gets
		// there: a leader, and its replicas streaming (the scenarios were
		// written for a lab that had settled, their logs included).
		status.Info("waiting ≤ %s for a leader", LeaderTimeout)
		if err := c.WaitLeader(ctx, LeaderTimeout, ""); err != nil {
			return err
		}
		status.Info("waiting ≤ %s for %d streaming replica(s)", GradingReplicaTimeout, len(nodes)-1)
		return c.WaitStreaming(ctx, GradingReplicaTimeout, len(nodes)-1)
	case topology.HAProxy:
		status.Info("waiting ≤ %s for HAProxy's stats page to answer", RouteTimeout)
		return wait.Until(ctx, "HAProxy's stats page to answer", RouteTimeout, func(ctx context.Context) (bool, string) {
			b := c.balancer()
			a := c.Addr(ctx, nodes[0].Name, b.StatsPort)
			if a == "" {
				return false, nodes[0].Name + " has no address (not running?)"
			}
			if _, err := probe.HAProxyServers(ctx, probe.StatsPage(a, b.StatsURI)); err != nil {
				return false, err.Error()
			}
			return true, ""
		})
	}
	return nil
}

func nodeNames(nodes []topology.Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.Name)
	}
	return out
}

// checkFree refuses a name that already has containers, a network or
// volumes in the engine.
func checkFree(ctx context.Context, cli *client.Client, name string) error {
	res, err := listLab(ctx, cli, name)
	if err != nil {
		return err
	}
	if n := len(res.containers) + len(res.networks) + len(res.volumes); n > 0 {
		return fmt.Errorf("lab %q already exists in the engine (%d containers, %d networks, %d volumes): `%s`, or `%s`",
			name, len(res.containers), len(res.networks), len(res.volumes), labdir.Hint(name, "status"), labdir.Hint(name, "down"))
	}
	return nil
}

// prepare writes the exercise directory, picks ports and loads the model.
func (c *Client) prepare(ctx context.Context, o Options, dir string, status *progress.Status) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create lab directory: %w", err)
	}
	// Containers run as other users (postgres, haproxy): they must read the
	// bind-mounted configs, so the directory must be reachable.
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	profile, err := exercise.ProfileByName(o.Profile)
	if err != nil {
		return err
	}
	if err := writeExercise(dir, o.From, profile); err != nil {
		return err
	}
	// What the lab runs, before anything else is written beside it.
	source, err := provenance.Dir(dir)
	if err != nil {
		return err
	}
	source.AsIs, source.From = true, ""
	if o.From != "" {
		if source.From, err = filepath.Abs(o.From); err != nil {
			return err
		}
	}
	file, content, err := readCompose(dir)
	if err != nil {
		return err
	}
	if o.From != "" {
		// Someone's files: read as they are laid out (what each service
		// runs, their superuser, their HAProxy), not as pglab's own; what
		// its services run says which exercise it answers (a service
		// built from a Dockerfile names no image to tell it by).
		if c.layout, err = inspectLayout(dir); err != nil {
			return err
		}
		profile = profileOf(c.layout)
	}
	env, err := readEnvFile(filepath.Join(dir, exercise.EnvFile))
	if err != nil {
		return err
	}
	imgEnv := o.Images
	if imgEnv == nil {
		if imgEnv, err = c.chooseImages(ctx, file, content, profile.Name, status); err != nil {
			return err
		}
	}
	maps.Copy(env, imgEnv)
	// First pass: which ports does the file publish?
	p, err := topology.Load(ctx, file, content, env)
	if err != nil {
		return err
	}
	ports, held, err := pickPorts(p, o.HAProxyPort)
	if err != nil {
		return err
	}
	c.held = held
	// The lab's .env records everything docker-compose needs to see this
	// lab from its directory: the project name, images and ports.
	extra := map[string]string{"COMPOSE_PROJECT_NAME": Project(o.Name)}
	maps.Copy(extra, imgEnv)
	for key, name := range portVars(content, p) {
		if hp, ok := ports[key]; ok {
			extra[name] = strconv.Itoa(hp)
		}
	}
	if err := appendEnv(filepath.Join(dir, exercise.EnvFile), extra); err != nil {
		return err
	}
	if c.Project, _, err = loadProject(ctx, dir); err != nil {
		return err
	}
	secrets := secretsOf(env)
	if o.From != "" {
		for _, n := range c.layout.Nodes {
			if n.SuperuserPassword != "" {
				secrets.Superuser = n.SuperuserPassword
			}
			if n.ReplicationPassword != "" {
				secrets.Replication = n.ReplicationPassword
			}
		}
	}
	if o.From != "" {
		shareBuilds(c.Project)
		// Someone else's Dockerfile must not replace the shared image their
		// compose file may name: each built service gets a tag of this lab's.
		for name, s := range c.Project.Services {
			if s.Build != nil {
				s.Image = FromImage(o.Name, name)
				c.Project.Services[name] = s
			}
		}
	}
	if c.Topo, err = topology.FromProjectKinds(c.Project, kinds(c.layout)); err != nil {
		return err
	}
	scaled, dropped := scaleExtras(c.Project, c.Topo)
	if dropped {
		if c.Topo, err = topology.FromProjectKinds(c.Project, kinds(c.layout)); err != nil {
			return err
		}
	}
	if err := checkReplicas(c.Project, c.Topo); err != nil {
		return err
	}
	c.State = &labdir.State{
		Name: o.Name, Runtime: Name, Dir: dir, Created: time.Now().UTC(),
		Ports: ports, Secrets: secrets, PGVersion: env["PG_MAJOR"], From: o.From, Profile: profile.Name,
		Source: &source, Substitutions: scaled,
	}
	// The networks before any image is built: a subnet the file fixes is
	// held from now on, not taken by another lab's network meanwhile.
	if err := c.createNetworks(ctx); err != nil {
		return err
	}
	if o.From != "" {
		c.imageMap = o.ImageMap
		if err := c.substitute(ctx, o.ReferenceImage, status); err != nil {
			return err
		}
	}
	return c.State.Save()
}

// shareBuilds gives a service that runs the image another service builds
// (etcd2 and etcd3 with etcd1's `image:`, which etcd1's `build:` makes)
// that build, as docker compose does by building it once under that name:
// the image is not in any registry, and pglab tags each build its own.
func shareBuilds(p *types.Project) {
	built := map[string]*types.BuildConfig{}
	for _, name := range slices.Sorted(maps.Keys(p.Services)) {
		if s := p.Services[name]; s.Build != nil && s.Image != "" {
			built[s.Image] = s.Build
		}
	}
	for name, s := range p.Services {
		if b, ok := built[s.Image]; ok && s.Build == nil {
			s.Build = b
			p.Services[name] = s
		}
	}
}

// writeExercise fills the lab directory with the profile's embedded
// exercise, or with a copy of from; a copy without .env gets one with
// fresh passwords.
func writeExercise(dir, from string, profile exercise.Profile) error {
	if from == "" {
		_, err := profile.Init(dir, false)
		return err
	}
	if _, _, err := readCompose(from); err != nil {
		return fmt.Errorf("--from %s: %w", from, err)
	}
	if err := copyExercise(from, dir); err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	envPath := filepath.Join(dir, exercise.EnvFile)
	if _, err := os.Stat(envPath); err == nil {
		return os.Chmod(envPath, 0o600)
	}
	secrets, err := exercise.NewSecrets()
	if err != nil {
		return err
	}
	return os.WriteFile(envPath, secrets.Env(), 0o600)
}

// chooseImages keeps the compose file's own images when the engine has
// them (a machine that could pull them), else selects the local set.
func (c *Client) chooseImages(ctx context.Context, file string, compose []byte, profile string, status *progress.Status) (map[string]string, error) {
	p, err := topology.Load(ctx, file, compose, nil)
	if err != nil {
		return nil, err
	}
	for _, s := range p.Services {
		if s.Build != nil {
			continue
		}
		ok, _, err := images.Inspect(ctx, c.cli, s.Image)
		if err != nil {
			return nil, err
		}
		if !ok {
			env := images.Env(profile)
			var refs []string
			for _, k := range images.EnvNames(profile) {
				if strings.HasSuffix(k, "_IMAGE") && k != "PG_BASE_IMAGE" {
					refs = append(refs, env[k])
				}
			}
			status.Info("%s is not in the engine: using the local images (%s)", s.Image, strings.Join(refs, ", "))
			return env, nil
		}
	}
	return map[string]string{}, nil
}

func appendEnv(path string, kv map[string]string) error {
	var b strings.Builder
	b.WriteString("# Written by `pglab up --runtime docker`: docker-compose in this directory sees the lab.\n")
	for _, k := range slices.Sorted(maps.Keys(kv)) {
		fmt.Fprintf(&b, "%s=%s\n", k, kv[k])
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(b.String())
	return err
}

// pickPorts gives every published port of every service a free loopback
// port, and keeps each one held (listened on) until its service's
// container starts: another lab booting at the same time (grade -j 2, two
// test packages) would otherwise pick the same port, and the engine would
// refuse it ("port is already allocated") only when the container starts.
func pickPorts(p *types.Project, haproxyPort int) (ports map[string]int, held map[string][]net.Listener, err error) {
	ports, held = map[string]int{}, map[string][]net.Listener{}
	defer func() {
		if err != nil {
			closeAll(held)
		}
	}()
	for _, name := range slices.Sorted(maps.Keys(p.Services)) {
		for _, sp := range p.Services[name].Ports {
			if haproxyPort != 0 && int(sp.Target) == topology.PortPostgres && strings.Contains(p.Services[name].Image, "haproxy") {
				ln, err := net.Listen("tcp", net.JoinHostPort(Loopback, strconv.Itoa(haproxyPort)))
				if err != nil {
					return nil, nil, fmt.Errorf("port for %s:%d: %w", name, sp.Target, err)
				}
				held[name] = append(held[name], ln)
				ports[portKey(name, int(sp.Target))] = haproxyPort
				continue
			}
			// The compose file's own host port (5432 for the balancer), so
			// the commands are those of the exercise, when it is free;
			// else any free one. Held until all are picked, so none is
			// handed out twice.
			if want, err := strconv.Atoi(sp.Published); err == nil && want > 0 {
				if lns := listenLocalhost(want); lns != nil {
					held[name] = append(held[name], lns...)
					ports[portKey(name, int(sp.Target))] = want
					continue
				}
			}
			ln, err := net.Listen("tcp", net.JoinHostPort(Loopback, "0"))
			if err != nil {
				return nil, nil, fmt.Errorf("port for %s:%d: %w", name, sp.Target, err)
			}
			held[name] = append(held[name], ln)
			ports[portKey(name, int(sp.Target))] = ln.Addr().(*net.TCPAddr).Port
		}
	}
	return ports, held, nil
}

func closeAll(held map[string][]net.Listener) {
	for _, lns := range held {
		for _, l := range lns {
			l.Close()
		}
	}
}

// listenLocalhost holds port on every address `localhost` names (127.0.0.1
// and ::1 where the host has IPv6), nil when any of them is taken: psql -h
// localhost tries ::1 first, where another server would answer instead.
func listenLocalhost(port int) []net.Listener {
	p := strconv.Itoa(port)
	v4, err := net.Listen("tcp", net.JoinHostPort(Loopback, p))
	if err != nil {
		return nil
	}
	v6, err := net.Listen("tcp", net.JoinHostPort("::1", p))
	switch {
	case err == nil:
		return []net.Listener{v4, v6}
	case errors.Is(err, syscall.EADDRINUSE):
		v4.Close()
		return nil
	}
	return []net.Listener{v4} // no IPv6 loopback: localhost is 127.0.0.1
}

// ensureImages builds the services' images that have a build section
// (the exercise's Dockerfile, from the embedded files) when missing, and
// checks the others exist, pulling them when a registry answers.
func (c *Client) ensureImages(ctx context.Context, status *progress.Status) error {
	for _, n := range c.Topo.Nodes {
		s := c.Project.Services[n.Name]
		if s.Build != nil {
			args := map[string]string{}
			for k, v := range s.Build.Args {
				if v != nil {
					args[k] = *v
				}
			}
			profile, err := exercise.ProfileByName(c.State.Profile)
			if err != nil {
				return err
			}
			spec, err := images.PostgresSpec(profile, s.Image, args)
			if c.State.From != "" {
				spec, err = dirSpec(c.State.Dir, s, args)
				if err == nil {
					spec.Labels[LabelLab] = c.State.Name // removed with the lab
					err = c.mapBuild(n.Name, &spec)
				}
			}
			if err != nil {
				return err
			}
			ok, _, err := images.Inspect(ctx, c.cli, s.Image)
			if err != nil {
				return err
			}
			if !ok {
				from := "the embedded Dockerfile"
				if c.State.From != "" {
					from = filepath.Join(c.State.From, s.Build.Dockerfile)
				}
				status.Info("building %s from %s (BASE_IMAGE=%s, PG_MAJOR=%s)", s.Image, from, args["BASE_IMAGE"], args["PG_MAJOR"])
				if base := args["BASE_IMAGE"]; base != "" {
					if err := c.ensurePresent(ctx, base, status); err != nil {
						return err
					}
				}
			}
			if _, err := images.EnsureSpec(ctx, c.cli, spec, false, status); err != nil {
				return unavailable(err)
			}
			continue
		}
		if err := c.ensurePresent(ctx, s.Image, status); err != nil {
			return err
		}
	}
	return nil
}

// ensurePresent checks an image exists, trying a pull when it does not.
func (c *Client) ensurePresent(ctx context.Context, ref string, status *progress.Status) error {
	ok, _, err := images.Inspect(ctx, c.cli, ref)
	if err != nil || ok {
		return err
	}
	status.Info("pulling %s", ref)
	pctx, cancel := context.WithTimeout(ctx, PullTimeout)
	defer cancel()
	res, err := c.cli.ImagePull(pctx, ref, client.ImagePullOptions{})
	if err == nil {
		err = res.Wait(pctx)
		res.Close()
	}
	if err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return fmt.Errorf("%w: image %s is missing and cannot be pulled (%v): build the local images with `pglab images build`, or stand a local image in for it (--image-map %s=LOCAL)", runtime.ErrUnavailable, ref, err, ref)
	}
	return nil
}

// createNetworks makes the project's networks.
func (c *Client) createNetworks(ctx context.Context) error {
	name := c.State.Name
	for _, n := range projectNetworks(c.Project) {
		spec, err := networkSpec(name, n, c.Project.Networks[n])
		if err != nil {
			return err
		}
		if _, err := c.cli.NetworkCreate(ctx, resourceName(name, n), spec); err != nil {
			if nets := subnets(c.Project, n); len(nets) > 0 && overlaps(err) {
				// Another network of this engine (another lab, another
				// answer) holds it: this machine's state, not the answer.
				return fmt.Errorf("%w: the answer's subnet %s (network %s) is in use on this machine: %v",
					runtime.ErrUnavailable, strings.Join(nets, ", "), n, err)
			}
			return fmt.Errorf("create network %s: %w", resourceName(name, n), err)
		}
	}
	return nil
}

// create makes the named volumes and every container.
func (c *Client) create(ctx context.Context) error {
	name := c.State.Name
	for _, v := range slices.Sorted(maps.Keys(c.Project.Volumes)) {
		labels := labLabels(name)
		labels[composeVolume] = v
		if _, err := c.cli.VolumeCreate(ctx, client.VolumeCreateOptions{Name: resourceName(name, v), Labels: labels}); err != nil {
			return fmt.Errorf("create volume %s: %w", resourceName(name, v), err)
		}
	}
	for _, n := range c.Topo.Nodes {
		s := c.Project.Services[n.Name]
		cfg, host, netCfg, err := containerSpec(name, c.State.Dir, c.Project, s, n.Kind, c.State.Ports)
		if err != nil {
			return err
		}
		res, err := c.cli.ContainerCreate(ctx, client.ContainerCreateOptions{
			Name: ContainerName(name, n.Name), Config: cfg, HostConfig: host, NetworkingConfig: netCfg,
		})
		if err != nil {
			return fmt.Errorf("create container %s: %w", n.Name, err)
		}
		for _, extra := range serviceNetworks(s)[1:] {
			ep, err := endpoint(s, extra)
			if err != nil {
				return err
			}
			if _, err := c.cli.NetworkConnect(ctx, resourceName(name, extra), client.NetworkConnectOptions{
				Container: res.ID, EndpointConfig: ep,
			}); err != nil {
				return fmt.Errorf("connect %s to %s: %w", n.Name, extra, err)
			}
		}
	}
	return nil
}

// overlaps tells the engine's refusal of a subnet another network holds
// ("Pool overlaps with other one on this address space").
func overlaps(err error) bool {
	return strings.Contains(strings.ToLower(err.Error()), "overlaps")
}

// scaleExtras runs a service that is none of the exercise's nodes (a
// pooler, an application) as docker compose would as far as the questions
// can tell: with replicas 0 it is not started at all (it leaves the
// project, and the depends_on naming it), with more than one it runs one
// container, said as a substitution. The exercise's nodes are left to
// checkReplicas.
func scaleExtras(p *types.Project, topo topology.Topology) (subs []labdir.Substitution, dropped bool) {
	for _, name := range slices.Sorted(maps.Keys(p.Services)) {
		n := replicas(p.Services[name])
		if node, ok := topo.Node(name); n == 1 || !ok || node.Kind != topology.Other {
			continue
		}
		if n == 0 {
			delete(p.Services, name)
			for other, s := range p.Services {
				if _, ok := s.DependsOn[name]; ok {
					delete(s.DependsOn, name)
					p.Services[other] = s
				}
			}
			dropped = true
			continue
		}
		s := p.Services[name]
		one := 1
		s.Scale = nil
		if s.Deploy != nil {
			s.Deploy.Replicas = &one
		}
		p.Services[name] = s
		subs = append(subs, labdir.Substitution{Kind: labdir.SubstReplicas, Service: name, From: strconv.Itoa(n), To: "1"})
	}
	return subs, dropped
}

// checkReplicas refuses what pglab cannot run as docker compose would: a
// service scaled to other than one container (deploy.replicas, scale).
// pglab runs one container per service, named for it, and the questions
// name each PostgreSQL node; the refusal is pglab's limit, so a grade
// records it as not graded.
func checkReplicas(p *types.Project, topo topology.Topology) error {
	for _, name := range slices.Sorted(maps.Keys(p.Services)) {
		n := replicas(p.Services[name])
		if n == 1 {
			continue
		}
		why := "pglab runs one container per service"
		if node, ok := topo.Node(name); ok && node.Kind == topology.Postgres {
			why = "its replicas would share one service name, and the questions need each Patroni node to be a service of its own"
		}
		return fmt.Errorf("%w: service %s asks for %d containers (deploy.replicas or scale): %s", runtime.ErrUnavailable, name, n, why)
	}
	return nil
}

// releasePorts stops holding the host ports picked for node ("": every
// node's), right before its container binds them.
func (c *Client) releasePorts(node string) {
	for n, lns := range c.held {
		if node == "" || n == node {
			for _, l := range lns {
				l.Close()
			}
			delete(c.held, n)
		}
	}
}

func (c *Client) startContainer(ctx context.Context, node string) error {
	c.releasePorts(node)
	if _, err := c.cli.ContainerStart(ctx, ContainerName(c.State.Name, node), client.ContainerStartOptions{}); err != nil {
		return fmt.Errorf("start %s: %w", node, err)
	}
	return nil
}

// waitDependencies waits for the conditions of a service's depends_on, as
// compose does before starting it.
func (c *Client) waitDependencies(ctx context.Context, node string, status *progress.Status) error {
	s := c.Project.Services[node]
	for _, dep := range slices.Sorted(maps.Keys(s.DependsOn)) {
		cond := s.DependsOn[dep].Condition
		switch cond {
		case types.ServiceConditionHealthy:
			if err := c.waitHealthy(ctx, dep, status); err != nil {
				return fmt.Errorf("%s depends on %s: %w", node, dep, err)
			}
		case types.ServiceConditionCompletedSuccessfully:
			return fmt.Errorf("%s: depends_on condition %s is not supported", node, cond)
		}
	}
	return nil
}

// waitHealthy waits for a container's healthcheck to pass, failing at
// once if the container stops.
func (c *Client) waitHealthy(ctx context.Context, node string, status *progress.Status) error {
	st, err := c.inspect(ctx, node)
	if err == nil && st.health == "healthy" {
		return nil
	}
	status.Info("waiting ≤ %s for %s to be healthy", HealthyTimeout, node)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the died watcher
	return wait.Until(ctx, node+" to be healthy", HealthyTimeout, func(ctx context.Context) (bool, string) {
		st, err := c.inspect(ctx, node)
		if err != nil {
			return false, err.Error()
		}
		return st.health == "healthy", fmt.Sprintf("%s %s, health %q %s", node, st.status, st.health, st.healthLog)
	}, c.died(wctx, node))
}

// died watches a container for the waits: it fails them as soon as the
// container is no longer running, with the last lines of its log.
func (c *Client) died(ctx context.Context, node string) wait.Died {
	done := make(chan struct{})
	var why string
	id := ContainerName(c.State.Name, node)
	go func() {
		res := c.cli.ContainerWait(ctx, id, client.ContainerWaitOptions{Condition: "not-running"})
		select {
		case r := <-res.Result:
			why = fmt.Sprintf("exit code %d; last lines of its log:\n%s", r.StatusCode, c.tail(context.WithoutCancel(ctx), node, 15))
			close(done)
		case <-res.Error:
			// ctx ended or the engine went away: nothing to report.
		}
	}()
	return wait.Died{Name: "container " + node, Done: done, Why: func() string { return why }}
}

// ready waits until one kind of node serves: etcd members healthy, a
// Patroni leader with every replica streaming and reported running, HAProxy
// routing to the leader only.
func (c *Client) ready(ctx context.Context, kind topology.Kind, status *progress.Status) error {
	nodes := c.Topo.Of(kind)
	var watch []wait.Died
	wctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the died watchers
	for _, n := range nodes {
		watch = append(watch, c.died(wctx, n.Name))
	}
	switch kind {
	case topology.Etcd:
		// Asked of etcd itself, not of a Docker healthcheck the answer may
		// not define: each member's /health says the cluster has a quorum.
		for _, n := range nodes {
			status.Info("waiting ≤ %s for %s to answer /health", HealthyTimeout, n.Name)
			err := wait.Until(ctx, n.Name+" to report health true", HealthyTimeout, func(ctx context.Context) (bool, string) {
				return c.etcdHealthy(ctx, n)
			}, watch...)
			if err != nil {
				return err
			}
		}
	case topology.ZooKeeper:
		// The lab's zoo has no healthcheck: ready when it says its mode.
		for _, n := range nodes {
			status.Info("waiting ≤ %s for %s to answer srvr", HealthyTimeout, n.Name)
			err := wait.Until(ctx, n.Name+" to answer srvr", HealthyTimeout, func(ctx context.Context) (bool, string) {
				addr := c.Addr(ctx, n.Name, topology.PortZooKeeper)
				if addr == "" {
					return false, n.Name + " has no address"
				}
				mode := probe.ZooKeeperMode(ctx, addr)
				return mode == "standalone" || mode == "leader" || mode == "follower", addr + ": " + mode
			}, watch...)
			if err != nil {
				return err
			}
		}
	case topology.Postgres:
		status.Info("waiting ≤ %s for a leader", LeaderTimeout)
		if err := c.WaitLeader(ctx, LeaderTimeout, "", watch...); err != nil {
			return err
		}
		status.Info("waiting ≤ %s for %s", ReplicaTimeout, progress.Count(len(nodes)-1, "streaming replica", "streaming replicas"))
		return c.WaitStreaming(ctx, ReplicaTimeout, len(nodes)-1, watch...)
	case topology.HAProxy:
		status.Info("waiting ≤ %s for HAProxy to route to the leader only", RouteTimeout)
		return c.WaitRoute(ctx, RouteTimeout, watch...)
	}
	return nil
}

// removeLab removes every container, network and (unless keepVolumes)
// volume of a lab, found by label.
func removeLab(ctx context.Context, cli *client.Client, name string, keepVolumes bool) error {
	res, err := listLab(ctx, cli, name)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range res.containers {
		// Data about to be deleted needs no clean shutdown: like `docker rm -f`.
		if _, err := cli.ContainerRemove(ctx, id, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true}); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("remove container %s: %w", id[:12], err))
		}
	}
	for _, id := range res.networks {
		if _, err := cli.NetworkRemove(ctx, id, client.NetworkRemoveOptions{}); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("remove network %s: %w", id, err))
		}
	}
	if !keepVolumes {
		for _, v := range res.volumes {
			if _, err := cli.VolumeRemove(ctx, v, client.VolumeRemoveOptions{Force: true}); err != nil && !cerrdefs.IsNotFound(err) {
				errs = append(errs, fmt.Errorf("remove volume %s: %w", v, err))
			}
		}
	}
	// Images built for this lab only: the scratch project's, and those of
	// a directory booted with --from.
	imgs, err := cli.ImageList(ctx, client.ImageListOptions{Filters: client.Filters{}.Add("label", LabelLab+"="+name)})
	if err != nil {
		errs = append(errs, fmt.Errorf("list images: %w", err))
	}
	refs := []string{ScratchImage(name)}
	for _, img := range imgs.Items {
		refs = append(refs, img.ID)
	}
	for _, ref := range refs {
		if _, err := cli.ImageRemove(ctx, ref, client.ImageRemoveOptions{Force: true, PruneChildren: true}); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("remove image %s: %w", ref, err))
		}
	}
	return errors.Join(errs...)
}

type labResources struct {
	containers []string // IDs
	networks   []string // IDs
	volumes    []string // names
}

// listLab finds a lab's resources by the pglab label, and by the compose
// project labels too: a `docker-compose up` run in the lab's directory
// recreates containers without pglab's labels, and the scratch project of
// the rebuild experiment has none; down must find them all.
func listLab(ctx context.Context, cli *client.Client, name string) (labResources, error) {
	var r labResources
	seen := map[string]bool{}
	add := func(list *[]string, id string) {
		if !seen[id] {
			seen[id] = true
			*list = append(*list, id)
		}
	}
	for _, label := range []string{LabelLab + "=" + name, composeProject + "=" + Project(name), composeProject + "=" + scratchProject(name)} {
		f := client.Filters{}.Add("label", label)
		cs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f})
		if err != nil {
			return r, fmt.Errorf("list containers: %w", err)
		}
		for _, x := range cs.Items {
			add(&r.containers, x.ID)
		}
		ns, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: f})
		if err != nil {
			return r, fmt.Errorf("list networks: %w", err)
		}
		for _, x := range ns.Items {
			add(&r.networks, x.ID)
		}
		vs, err := cli.VolumeList(ctx, client.VolumeListOptions{Filters: f})
		if err != nil {
			return r, fmt.Errorf("list volumes: %w", err)
		}
		for _, x := range vs.Items {
			add(&r.volumes, x.Name)
		}
	}
	return r, nil
}

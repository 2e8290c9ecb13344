package docker

import (
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// Runtime is the docker runtime as lab/runtime sees it.
type Runtime struct{}

var (
	_ runtime.Runtime        = Runtime{}
	_ runtime.BalancerLayout = (*handle)(nil)
)

// Name is how users select this runtime.
func (Runtime) Name() string { return Name }

// About says where its labs run.
func (Runtime) About() string { return "the exercise's containers" }

// Check accepts every option: those about host processes do not apply.
func (Runtime) Check(o runtime.Options) error { return nil }

func options(o runtime.Options) Options {
	return Options{Name: o.Name, HAProxyPort: o.HAProxyPort, Retain: o.Retain, Profile: o.Profile, From: o.From,
		ImageMap: o.ImageMap, ReferenceImage: o.ReferenceImage, Grading: o.Grading}
}

// Up boots the lab's containers; the lab lives in the engine.
func (Runtime) Up(ctx context.Context, o runtime.Options, out io.Writer) (runtime.Lab, error) {
	c, err := Start(ctx, options(o), progress.New(out))
	if err != nil {
		return nil, err
	}
	return newHandle(c), nil
}

// Host boots the lab and removes it when ctx ends (Ctrl-C).
func (Runtime) Host(ctx context.Context, o runtime.Options, out io.Writer, ready func(runtime.Lab)) error {
	c, err := Start(ctx, options(o), progress.New(out))
	if err != nil {
		return err
	}
	defer c.Close()
	ready(newHandle(c))
	<-ctx.Done()
	st := progress.New(out)
	st.Start("Removing lab %s", o.Name)
	// ctx is done: removal gets a context of its own.
	err = c.Down(context.WithoutCancel(ctx), false)
	st.End(err)
	return err
}

// Connect reaches the engine and reads the lab's compose project.
func (Runtime) Connect(st *labdir.State) (runtime.Lab, error) {
	c, err := Connect(st.Name)
	if err != nil {
		return nil, err
	}
	return newHandle(c), nil
}

// Remove removes whatever the engine holds of a lab, found by label.
func (Runtime) Remove(ctx context.Context, name string, keepData bool) error {
	return Down(ctx, name, keepData)
}

// Exists says whether the engine holds anything of a lab.
func (Runtime) Exists(ctx context.Context, name string) (bool, error) { return Exists(ctx, name) }

// handle is a docker lab as a runtime.Lab.
type handle struct {
	c *Client

	mu      sync.Mutex
	members map[string]string // node -> Patroni member name, as last seen
}

func newHandle(c *Client) *handle { return &handle{c: c, members: map[string]string{}} }

func (h *handle) State() *labdir.State             { return h.c.State }
func (h *handle) Topology() topology.Topology      { return h.c.Topo }
func (h *handle) Close() error                     { return h.c.Close() }
func (h *handle) Steps(pglab string) runtime.Steps { return &steps{c: h.c, pglab: pglab} }
func (h *handle) Down(ctx context.Context, keepData bool) error {
	return h.c.Down(ctx, keepData)
}

func (h *handle) Status(ctx context.Context) (runtime.LabStatus, error) { return h.c.LabStatus(ctx) }

func (h *handle) Do(ctx context.Context, node string, a runtime.Action) (time.Time, error) {
	return h.c.Do(ctx, node, a)
}

// Logs copies the container's log (both streams).
func (h *handle) Logs(ctx context.Context, node string, follow bool, w io.Writer) error {
	return h.c.Logs(ctx, node, follow, 0, w)
}

// Exec runs argv in the node's container, as docker exec does.
func (h *handle) Exec(ctx context.Context, node, user string, env []string, argv ...string) (string, int, error) {
	return h.c.ExecEnv(ctx, node, user, env, argv...)
}

// Addr is a published port on loopback, else the container's address on
// the lab's bridge network, which the host reaches directly.
func (h *handle) Addr(ctx context.Context, node string, port int) string {
	return h.c.Addr(ctx, node, port)
}

// Inside is the node's service name on the lab's network.
func (h *handle) Inside(node string, port int) string {
	return net.JoinHostPort(node, strconv.Itoa(port))
}

// SQLAddr is the container's own address: every node listens on 5432 in
// its own container, so what tells them apart is the address, asked anew
// each time (a restarted container may get another one).
func (h *handle) SQLAddr(ctx context.Context, node string) (string, int) {
	return h.c.ipFor(ctx, node, topology.PortPostgres), topology.PortPostgres
}

// Member is the node's Patroni member name from the cluster's view, or
// the last one seen when no Patroni answers now.
func (h *handle) Member(ctx context.Context, node string) string {
	h.learnMembers(ctx)
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.members[node]
}

// learnMembers maps nodes to Patroni member names from the cluster's view.
func (h *handle) learnMembers(ctx context.Context) {
	for _, n := range h.c.pgNodes() {
		a := h.c.restAddr(ctx, n)
		if a == "" {
			continue
		}
		cl, err := patroni.GetCluster(ctx, a)
		if err != nil {
			continue
		}
		h.mu.Lock()
		for _, m := range cl.Members {
			h.members[h.c.NodeOf(m)] = m.Name
		}
		h.mu.Unlock()
		return
	}
}

// NodeOf is the node a member runs on (Client.NodeOf).
func (h *handle) NodeOf(m patroni.Member) string { return h.c.NodeOf(m) }

// BalancerLayout is the answer's HAProxy layout: its stats port, write
// pool and server names (pglab's own for the embedded files).
func (h *handle) BalancerLayout() runtime.Balancer { return h.c.balancer() }

// Timing is the exercise's own: the compose stack runs its files as they are.
func (h *handle) Timing() string { return "exercise" }

// BalancerConfig is the lab's haproxy.cfg: the file the balancer's
// container mounts, else where the profile keeps it.
func (h *handle) BalancerConfig() string {
	c := h.c
	if c.layout != nil && c.layout.HAProxy.File != "" {
		return filepath.Join(c.State.Dir, c.layout.HAProxy.File)
	}
	for _, v := range c.Project.Services[c.Topo.Of(topology.HAProxy)[0].Name].Volumes {
		if v.Type == "bind" && filepath.Base(v.Target) == "haproxy.cfg" {
			if filepath.IsAbs(v.Source) {
				return v.Source
			}
			return filepath.Join(c.State.Dir, v.Source)
		}
	}
	p, _ := exercise.ProfileByName(c.State.Profile)
	for _, f := range p.Files {
		if f.Embedded == p.HAProxy {
			return filepath.Join(c.State.Dir, f.Path)
		}
	}
	return filepath.Join(c.State.Dir, "haproxy.cfg")
}

// Versions asks each container's programs for their versions.
func (h *handle) Versions(ctx context.Context) []runtime.Version {
	c := h.c
	ask := func(node string, argv ...string) string {
		ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		out, code, err := c.Exec(ctx, node, "", argv...)
		line, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
		if err != nil || code != 0 {
			return fmt.Sprintf("unknown (%s: exit %d %v)", strings.Join(argv, " "), code, err)
		}
		return strings.TrimSpace(line)
	}
	pg, ha := c.Topo.Of(topology.Postgres)[0].Name, c.Topo.Of(topology.HAProxy)[0].Name
	image := func(node string) string { return c.Project.Services[node].Image }
	vs := []runtime.Version{
		{Component: "runtime", Version: "docker: the exercise's docker-compose.yaml through the Docker Engine API"},
		{Component: "PostgreSQL", Version: ask(pg, "postgres", "--version") + " (image " + image(pg) + ")"},
		{Component: "Patroni", Version: ask(pg, "patroni", "--version")},
		{Component: "HAProxy", Version: ask(ha, "haproxy", "-v") + " (image " + image(ha) + ")"},
	}
	// Where the balancer was published: the exercise's 5432 unless taken.
	if hp := c.State.Ports[portKey(ha, topology.PortPostgres)]; hp != 0 {
		v := fmt.Sprintf("localhost:%d", hp)
		if hp != topology.PortPostgres {
			v += fmt.Sprintf(" (%d was taken on this machine)", topology.PortPostgres)
		}
		vs = append(vs, runtime.Version{Component: "balancer", Version: v})
	}
	switch kind, dcs := c.Topo.DCS(); {
	case len(dcs) == 0:
	case kind == topology.Etcd:
		vs = append(vs, runtime.Version{Component: "etcd", Version: ask(dcs[0].Name, "etcd", "--version") + " (image " + image(dcs[0].Name) + ")"})
	case kind == topology.ZooKeeper:
		v := "unknown"
		if f, err := probe.ZooKeeperSrvr(ctx, c.Addr(ctx, dcs[0].Name, topology.PortZooKeeper)); err == nil {
			v = f["Zookeeper version"]
		}
		vs = append(vs, runtime.Version{Component: "ZooKeeper", Version: v + " (image " + image(dcs[0].Name) + ")"})
	}
	return vs
}

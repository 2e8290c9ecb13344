package embedded

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// Runtime is the embedded runtime as lab/runtime sees it.
type Runtime struct{}

var _ runtime.Runtime = Runtime{}

// Name is how users select this runtime.
func (Runtime) Name() string { return Name }

// About says where its labs run.
func (Runtime) About() string { return "host processes" }

// Check refuses --from (someone else's files need their containers) and a
// timing it does not know.
func (Runtime) Check(o runtime.Options) error {
	if o.From != "" {
		return runtime.Refuse(runtime.ErrOption, "up --from: booting someone else's files needs their containers: add --runtime docker")
	}
	if _, ok := Timings[o.Timing]; o.Timing != "" && !ok {
		return runtime.Refuse(runtime.ErrOption, "--timing %q: choose exercise or fast", o.Timing)
	}
	return nil
}

func options(o runtime.Options) (Options, error) {
	if err := (Runtime{}).Check(o); err != nil {
		return Options{}, err
	}
	return Options{Name: o.Name, Profile: o.Profile, PGBin: o.PGBin, User: o.User, Timing: o.Timing, HAProxyPort: o.HAProxyPort, Retain: o.Retain}, nil
}

// Up boots a lab hosted by a supervisor process of its own (this binary
// run again, see Detach), so that it outlives the call.
func (Runtime) Up(ctx context.Context, o runtime.Options, out io.Writer) (runtime.Lab, error) {
	eo, err := options(o)
	if err != nil {
		return nil, err
	}
	if err := Detach(ctx, eo, out); err != nil {
		return nil, err
	}
	st, err := labdir.Load(o.Name)
	if err != nil {
		return nil, err
	}
	return open(st)
}

// Host boots the lab in this process and serves it until ctx ends or
// `pglab down` asks from another process; ready is called once it is up.
func (Runtime) Host(ctx context.Context, o runtime.Options, out io.Writer, ready func(runtime.Lab)) error {
	status := progress.New(out)
	eo, err := options(o)
	if err != nil {
		return err
	}
	l, err := Start(ctx, eo, status)
	if err != nil {
		return err
	}
	h, err := open(l.State)
	if err != nil {
		l.Shutdown(false)
		return err
	}
	ready(h)
	keep := false
	select {
	case <-ctx.Done():
	case keep = <-l.DownRequested():
	}
	status.Start("Stopping lab %s", o.Name)
	l.Shutdown(keep)
	status.End(nil)
	return nil
}

// Connect finds the lab's supervisor.
func (Runtime) Connect(st *labdir.State) (runtime.Lab, error) { return open(st) }

// Remove cleans what a lab whose state is gone left: nothing, since
// without its state no process of it can be found.
func (Runtime) Remove(ctx context.Context, name string, keepData bool) error { return nil }

// Exists says whether anything of a lab without state is left: its
// processes are found only from its directory, so never.
func (Runtime) Exists(ctx context.Context, name string) (bool, error) { return false, nil }

// handle is a lab reached through its supervisor, as a runtime.Lab.
type handle struct {
	c    *Client
	topo topology.Topology
}

func open(st *labdir.State) (*handle, error) {
	c, err := Connect(st.Name)
	if err != nil {
		return nil, err
	}
	profile, err := exercise.ProfileByName(c.State.Profile)
	if err != nil {
		return nil, err
	}
	topo, err := runtime.LabTopology(profile)
	if err != nil {
		return nil, err
	}
	return &handle{c: c, topo: topo}, nil
}

func (h *handle) ports() Ports                     { return Ports(h.c.State.Ports) }
func (h *handle) State() *labdir.State             { return h.c.State }
func (h *handle) Topology() topology.Topology      { return h.topo }
func (h *handle) Close() error                     { return nil }
func (h *handle) Steps(pglab string) runtime.Steps { return &steps{h: h, pglab: pglab} }

func (h *handle) Do(ctx context.Context, node string, a runtime.Action) (time.Time, error) {
	return h.c.Do(ctx, node, a)
}

// Down asks the supervisor to remove the lab; when it is gone, what it
// left is cleaned up from the lab directory.
func (h *handle) Down(ctx context.Context, keepData bool) error {
	err := h.c.Down(ctx, keepData)
	if errors.Is(err, ErrNotRunning) {
		err = Clean(h.c.State, keepData)
	}
	return err
}

// Logs copies the node's log file in the lab directory.
func (h *handle) Logs(ctx context.Context, node string, follow bool, w io.Writer) error {
	f, err := os.Open(filepath.Join(h.c.State.Dir, "logs", node+".log"))
	if err != nil {
		return fmt.Errorf("logs %s: %w (nodes: see `pglab status`)", node, err)
	}
	defer f.Close()
	return copyFollow(ctx, w, f, follow)
}

// copyFollow copies f to w and, when follow is set, keeps copying what is
// appended until ctx ends.
func copyFollow(ctx context.Context, w io.Writer, f *os.File, follow bool) error {
	if _, err := io.Copy(w, f); err != nil || !follow {
		return err
	}
	t := time.NewTicker(200 * time.Millisecond) // follow a file: no event to wait on without inotify
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if _, err := io.Copy(w, f); err != nil {
				return err
			}
		}
	}
}

// Exec has no container to run in: the nodes are host processes.
func (h *handle) Exec(ctx context.Context, node, user string, env []string, argv ...string) (string, int, error) {
	return "", -1, runtime.Refuse(runtime.ErrNoExec, "lab %s runs on the %s runtime, whose nodes are host processes: run the command on the host (`%s` shows the ports)", h.c.State.Name, Name, labdir.Hint(h.c.State.Name, "status"))
}

// Addr is the node's loopback port: every node listens on 127.0.0.1.
func (h *handle) Addr(_ context.Context, node string, port int) string {
	return h.ports().Addr(node, port)
}

// Inside is the same loopback port: the nodes share the host's network.
func (h *handle) Inside(node string, port int) string { return h.ports().Addr(node, port) }

// SQLAddr is loopback and the node's own port.
func (h *handle) SQLAddr(_ context.Context, node string) (string, int) {
	return loopback, h.ports().Of(node, topology.PortPostgres)
}

// Member is the name the node's derived Patroni config gives it.
func (h *handle) Member(_ context.Context, node string) string {
	return memberName(PatroniConfigPath(h.c.State, node))
}

// NodeOf is the node whose PostgreSQL port the member reports.
func (h *handle) NodeOf(m patroni.Member) string { return h.ports().NodeOf(m, h.pgNodes()) }

func (h *handle) pgNodes() []string {
	var out []string
	for _, n := range h.topo.Of(topology.Postgres) {
		out = append(out, n.Name)
	}
	return out
}

// BalancerConfig is the haproxy.cfg derived into the balancer's node directory.
func (h *handle) BalancerConfig() string {
	return filepath.Join(h.c.State.Dir, h.topo.Of(topology.HAProxy)[0].Name, "haproxy.cfg")
}

// Timing is the timing profile the lab was booted with.
func (h *handle) Timing() string { return h.c.State.Timing }

package docker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
	"github.com/pglab/pglab/lab/wait"
)

// Client drives a lab that lives in the engine.
type Client struct {
	State   *labdir.State
	Topo    topology.Topology
	Project *types.Project

	cli      *client.Client
	held     map[string][]net.Listener // host ports picked at start, held until their container binds them
	layout   *lint.Layout              // the answer's layout (--from), nil for pglab's own files
	imageMap runtime.ImageMap          // images standing in for the answer's (at its start)
}

// Action is a fault-injection verb (lab/runtime's).
type Action = runtime.Action

// The actions on a node, as the docker CLI does them.
const (
	Stop      = runtime.Stop      // docker stop: SIGTERM, Patroni shuts PostgreSQL down and hands over
	Kill      = runtime.Kill      // docker kill: SIGKILL of the whole container
	Begin     = runtime.Start     // docker start
	Pause     = runtime.Pause     // docker pause: the container's processes frozen (cgroup freezer)
	Resume    = runtime.Resume    // docker unpause
	Partition = runtime.Partition // disconnect the node from the lab's network
	Heal      = runtime.Heal      // connect it again
)

// ErrUnknownNode is wrapped when a node name is not in the topology.
var ErrUnknownNode = runtime.ErrUnknownNode

// Connect finds a running (or stopped) lab by name.
func Connect(name string) (*Client, error) {
	st, err := labdir.Load(name)
	if err != nil {
		return nil, err
	}
	if st.Runtime != Name {
		return nil, fmt.Errorf("lab %q runs on the %s runtime, not %s", name, st.Runtime, Name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, _, err := loadProject(ctx, st.Dir)
	if err != nil {
		return nil, err
	}
	lay, err := loadLayout(st.Dir)
	if err != nil {
		return nil, err
	}
	topo, err := topology.FromProjectKinds(p, kinds(lay))
	if err != nil {
		return nil, err
	}
	cli, err := images.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &Client{State: st, Topo: topo, Project: p, cli: cli, layout: lay}, nil
}

// Close releases the engine connection.
func (c *Client) Close() error { return c.cli.Close() }

// nodeState is what the engine says about one node's container.
type nodeState struct {
	id        string
	status    string // created, running, exited...
	exitCode  int
	health    string // "", starting, healthy, unhealthy
	healthLog string
	ip        string   // on the node's first network; "" when disconnected
	ips       []string // on each of the lab's networks it is on, the first network's first
	nets      []string // the lab's networks it is connected to
}

// networks are the lab's networks a node joins, its first network first.
func (c *Client) networks(node string) []string {
	var out []string
	for _, n := range serviceNetworks(c.Project.Services[node]) {
		out = append(out, resourceName(c.State.Name, n))
	}
	return out
}

func (c *Client) inspect(ctx context.Context, node string) (nodeState, error) {
	res, err := c.cli.ContainerInspect(ctx, ContainerName(c.State.Name, node), client.ContainerInspectOptions{})
	if err != nil {
		return nodeState{}, fmt.Errorf("inspect %s: %w", node, err)
	}
	ct := res.Container
	st := nodeState{id: ct.ID}
	if ct.State != nil {
		st.status, st.exitCode = string(ct.State.Status), ct.State.ExitCode
		if h := ct.State.Health; h != nil {
			st.health = string(h.Status)
			if n := len(h.Log); n > 0 && h.Log[n-1].ExitCode != 0 {
				st.healthLog = strings.TrimSpace(h.Log[n-1].Output)
			}
		}
	}
	if ct.NetworkSettings != nil {
		// Each node by its own first network: with several networks
		// (etcd on one, PostgreSQL and HAProxy on another) no single
		// network has every node; the host reaches each bridge.
		for _, n := range c.networks(node) {
			ep := ct.NetworkSettings.Networks[n]
			if ep == nil {
				continue
			}
			st.nets = append(st.nets, n)
			if ep.IPAddress.IsValid() {
				st.ips = append(st.ips, ep.IPAddress.String())
				if st.ip == "" {
					st.ip = ep.IPAddress.String()
				}
			}
		}
	}
	return st, nil
}

// IP is a node's address on the lab's network, "" when it has none
// (stopped or partitioned). The host reaches it directly: the network is a
// local bridge, so Patroni's REST API needs no published port.
func (c *Client) IP(ctx context.Context, node string) string {
	st, err := c.inspect(ctx, node)
	if err != nil || st.status != "running" {
		return ""
	}
	return st.ip
}

// Addr is host:port of a node's container port, as reachable from the host.
func (c *Client) Addr(ctx context.Context, node string, port int) string {
	if port == topology.PortPatroni && c.layout != nil {
		// Patroni's REST API where the answer's Patroni listens (read
		// from its running container when a script wrote its config).
		if p := c.layout.Nodes[node].RESTPort; p != 0 {
			port = p
		}
	}
	if hp := c.State.Ports[portKey(node, port)]; hp != 0 {
		return net.JoinHostPort(Loopback, strconv.Itoa(hp))
	}
	if ip := c.ipFor(ctx, node, port); ip != "" {
		return net.JoinHostPort(ip, strconv.Itoa(port))
	}
	return ""
}

// ipFor is the node's address on which port answers. A node on several
// networks may listen on one of them only (Patroni's listen set to its
// fixed address on the PostgreSQL network, not on etcd's): each of its
// addresses is tried, the first network's when none answers.
func (c *Client) ipFor(ctx context.Context, node string, port int) string {
	st, err := c.inspect(ctx, node)
	if err != nil || st.status != "running" {
		return ""
	}
	if len(st.ips) > 1 {
		for _, ip := range st.ips {
			d := net.Dialer{Timeout: 300 * time.Millisecond}
			if conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(ip, strconv.Itoa(port))); err == nil {
				conn.Close()
				return ip
			}
		}
	}
	return st.ip
}

func (c *Client) pgNodes() []string {
	var out []string
	for _, n := range c.Topo.Of(topology.Postgres) {
		out = append(out, n.Name)
	}
	return out
}

func (c *Client) restAddr(ctx context.Context, node string) string {
	return c.Addr(ctx, node, topology.PortPatroni)
}

// probe looks at the lab through the containers' addresses on its network.
func (c *Client) probe() probe.Lab {
	b := c.balancer()
	return probe.Lab{
		Nodes: c.pgNodes(),
		REST:  c.restAddr,
		Stats: func(ctx context.Context) string {
			return probe.StatsPage(c.Addr(ctx, c.Topo.Of(topology.HAProxy)[0].Name, b.StatsPort), b.StatsURI)
		},
		// Member names may differ from node names (the HA lab's
		// postgresql0 on pg-master).
		NodeOf:     c.NodeOf,
		Proxy:      b.Proxy,
		ServerNode: b.Servers,
	}
}

// NodeOf is the node a Patroni member runs on.
func (c *Client) NodeOf(m patroni.Member) string {
	return c.nodeOf(m, func(node string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		st, err := c.inspect(ctx, node)
		if err != nil || st.status != "running" {
			return ""
		}
		if slices.Contains(st.ips, m.Host) { // its address on any of its networks
			return m.Host
		}
		return st.ip
	})
}

// Leader asks the nodes' REST APIs which one answers 200 on /primary.
func (c *Client) Leader(ctx context.Context) string { return c.probe().Leader(ctx) }

// WaitLeader waits for a leader (want == "") or for want to lead.
func (c *Client) WaitLeader(ctx context.Context, timeout time.Duration, want string, watch ...wait.Died) error {
	return c.probe().WaitLeader(ctx, timeout, want, watch...)
}

// WaitStreaming waits for n streaming replicas that Patroni reports running.
func (c *Client) WaitStreaming(ctx context.Context, timeout time.Duration, n int, watch ...wait.Died) error {
	return c.probe().WaitStreaming(ctx, timeout, n, watch...)
}

// WaitRoute waits until HAProxy routes to the leader only.
func (c *Client) WaitRoute(ctx context.Context, timeout time.Duration, watch ...wait.Died) error {
	return c.probe().WaitRoute(ctx, timeout, watch...)
}

// Do applies a fault-injection action to a node, as the docker CLI would:
// stop, kill, start, or a network partition (disconnect) and its healing.
// A fault returns once it is seen in effect (verify), with the moment it
// was first seen so.
func (c *Client) Do(ctx context.Context, node string, a Action) (time.Time, error) {
	if _, ok := c.Topo.Node(node); !ok {
		return time.Time{}, fmt.Errorf("%w %q: the nodes are %v", ErrUnknownNode, node, c.Topo.Names())
	}
	id := ContainerName(c.State.Name, node)
	var err error
	var oldIP string
	switch a {
	case Stop:
		_, err = c.cli.ContainerStop(ctx, id, client.ContainerStopOptions{})
	case Kill:
		_, err = c.cli.ContainerKill(ctx, id, client.ContainerKillOptions{Signal: "KILL"})
	case Begin:
		_, err = c.cli.ContainerStart(ctx, id, client.ContainerStartOptions{})
	case Pause:
		_, err = c.cli.ContainerPause(ctx, id, client.ContainerPauseOptions{})
	case Resume:
		_, err = c.cli.ContainerUnpause(ctx, id, client.ContainerUnpauseOptions{})
	case Partition:
		st, ierr := c.inspect(ctx, node)
		if ierr != nil {
			return time.Time{}, ierr
		}
		if len(st.nets) == 0 {
			return time.Time{}, fmt.Errorf("%s is not on the lab's networks (already partitioned?)", node)
		}
		oldIP = st.ip
		// Off every network it is on: a node on two networks (etcd's and
		// PostgreSQL's) is cut off only when it leaves both.
		for _, n := range st.nets {
			if _, err = c.cli.NetworkDisconnect(ctx, n, client.NetworkDisconnectOptions{Container: id}); err != nil {
				break
			}
		}
	case Heal:
		s := c.Project.Services[node]
		st, ierr := c.inspect(ctx, node)
		if ierr != nil {
			return time.Time{}, ierr
		}
		// Back on each of its networks with its aliases and fixed addresses.
		for _, n := range serviceNetworks(s) {
			if slices.Contains(st.nets, resourceName(c.State.Name, n)) {
				continue
			}
			ep, eerr := endpoint(s, n)
			if eerr != nil {
				return time.Time{}, eerr
			}
			if _, err = c.cli.NetworkConnect(ctx, resourceName(c.State.Name, n), client.NetworkConnectOptions{
				Container: id, EndpointConfig: ep,
			}); err != nil {
				break
			}
		}
	default:
		return time.Time{}, fmt.Errorf("%s: no action %q (stop, kill, start, pause, resume, partition, heal)", node, a)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %s: %w", a, node, err)
	}
	return c.verify(ctx, node, a, oldIP)
}

// Logs copies a node's container log to w (both streams), following it
// when asked; tail is the number of last lines, 0 for all.
func (c *Client) Logs(ctx context.Context, node string, follow bool, tail int, w io.Writer) error {
	if _, ok := c.Topo.Node(node); !ok {
		return fmt.Errorf("%w %q: the nodes are %v", ErrUnknownNode, node, c.Topo.Names())
	}
	opts := client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true, Follow: follow}
	if tail > 0 {
		opts.Tail = strconv.Itoa(tail)
	}
	r, err := c.cli.ContainerLogs(ctx, ContainerName(c.State.Name, node), opts)
	if err != nil {
		return fmt.Errorf("logs of %s: %w", node, err)
	}
	defer r.Close()
	// Containers without a TTY multiplex stdout and stderr in one stream.
	if _, err := stdcopy.StdCopy(w, w, r); err != nil && ctx.Err() == nil {
		return fmt.Errorf("logs of %s: %w", node, err)
	}
	return nil
}

func (c *Client) tail(ctx context.Context, node string, n int) string {
	var b bytes.Buffer
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := c.Logs(ctx, node, false, n, &b); err != nil {
		return err.Error()
	}
	return "   | " + strings.ReplaceAll(strings.TrimRight(b.String(), "\n"), "\n", "\n   | ")
}

// Exec runs a command in a node's container (as `docker exec`), returning
// its combined output and exit code.
func (c *Client) Exec(ctx context.Context, node, user string, cmd ...string) (string, int, error) {
	return c.ExecEnv(ctx, node, user, nil, cmd...)
}

// ExecEnv is Exec with variables (NAME=VALUE) added to the environment.
func (c *Client) ExecEnv(ctx context.Context, node, user string, env []string, cmd ...string) (string, int, error) {
	if _, ok := c.Topo.Node(node); !ok {
		return "", -1, fmt.Errorf("%w %q: the nodes are %v", ErrUnknownNode, node, c.Topo.Names())
	}
	id := ContainerName(c.State.Name, node)
	ex, err := c.cli.ExecCreate(ctx, id, client.ExecCreateOptions{User: user, Env: env, Cmd: cmd, AttachStdout: true, AttachStderr: true})
	if err != nil {
		return "", -1, fmt.Errorf("exec in %s: %w", node, err)
	}
	att, err := c.cli.ExecAttach(ctx, ex.ID, client.ExecAttachOptions{})
	if err != nil {
		return "", -1, fmt.Errorf("exec in %s: %w", node, err)
	}
	defer att.Conn.Close()
	var out bytes.Buffer
	if _, err := stdcopy.StdCopy(&out, &out, att.Reader); err != nil {
		return out.String(), -1, fmt.Errorf("exec in %s: %w", node, err)
	}
	in, err := c.cli.ExecInspect(ctx, ex.ID, client.ExecInspectOptions{})
	if err != nil {
		return out.String(), -1, fmt.Errorf("exec in %s: %w", node, err)
	}
	return out.String(), in.ExitCode, nil
}

// Down removes every container and network of the lab and, unless
// keepData, its volumes and directory.
func (c *Client) Down(ctx context.Context, keepData bool) error {
	if err := removeLab(ctx, c.cli, c.State.Name, keepData); err != nil {
		return err
	}
	if !keepData {
		return os.RemoveAll(c.State.Dir)
	}
	return nil
}

// Down removes whatever the engine holds of a lab, found by label, and
// its directory: it works without the lab's state (a half-created lab).
func Down(ctx context.Context, name string, keepData bool) error {
	if st, err := labdir.Load(name); err == nil && st.Runtime != Name {
		return fmt.Errorf("lab %q runs on the %s runtime, not %s", name, st.Runtime, Name)
	}
	cli, err := images.Connect(ctx)
	if err != nil {
		return err
	}
	defer cli.Close()
	if err := removeLab(ctx, cli, name, keepData); err != nil {
		return err
	}
	if keepData {
		return nil
	}
	if err := os.RemoveAll(labdir.Dir(name)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// Exists says whether the engine holds anything of a lab.
func Exists(ctx context.Context, name string) (bool, error) {
	cli, err := images.Connect(ctx)
	if err != nil {
		return false, err
	}
	defer cli.Close()
	r, err := listLab(ctx, cli, name)
	if err != nil {
		return false, err
	}
	return len(r.containers)+len(r.networks)+len(r.volumes) > 0, nil
}

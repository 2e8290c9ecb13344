// Package runtime is the seam between pglab and the places a lab runs: the
// vocabulary every runtime shares (fault actions, node status, commands as
// a person types them) and the two interfaces a runtime implements. A
// Runtime boots, connects to and removes labs; a Lab is one of them, with
// one address book saying how to reach each node from the host.
//
// Nothing here knows a concrete runtime: lab/runtime/embedded and
// lab/runtime/docker implement these interfaces, lab/runtime/all lists
// them, and everything above (scenarios, measurements, the CLI) sees only
// this package. docs/adding-a-runtime.md walks through adding one.
package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/topology"
)

// Action is a fault-injection verb, as `pglab ACTION NODE` names it.
type Action string

// The actions on a node. A runtime may refuse one it cannot do (an etcd
// member inside pglab cannot be frozen) with an error saying why.
const (
	Stop      Action = "stop"      // graceful: SIGTERM, Patroni shuts PostgreSQL down and hands over
	Kill      Action = "kill"      // SIGKILL of Patroni and PostgreSQL, like docker kill
	Start     Action = "start"     // start a stopped or killed node again
	Pause     Action = "pause"     // freeze the node's processes, like docker pause
	Resume    Action = "resume"    // let them run on
	Partition Action = "partition" // cut the node off the lab's network
	Heal      Action = "heal"      // connect it again
)

// ErrUnknownNode is wrapped when a node name is not in the topology.
var ErrUnknownNode = errors.New("unknown node")

// ErrOption is matched by the errors of Check: the invocation, not the
// lab, is wrong.
var ErrOption = errors.New("option not supported here")

// Refuse is an error that matches kind (ErrOption, ErrNoExec) and says
// only what format says: what to do instead.
func Refuse(kind error, format string, args ...any) error {
	return refusal{fmt.Errorf(format, args...), kind}
}

type refusal struct{ err, kind error }

func (e refusal) Error() string        { return e.err.Error() }
func (e refusal) Is(target error) bool { return target == e.kind }

// ErrUnavailable is wrapped when a lab cannot boot for a reason of this
// machine, not of the files it boots: an image that cannot be pulled, a
// package index out of reach. A grader records "not graded", never failed.
var ErrUnavailable = errors.New("unavailable here")

// ErrNoExec is wrapped by Exec on a runtime whose nodes are host
// processes: there is no container to run a program in.
var ErrNoExec = errors.New("no container to run a command in")

// Runtime boots, finds and removes labs of one kind.
type Runtime interface {
	// Name is how users select the runtime (--runtime NAME).
	Name() string
	// About says in a few words where its labs run ("host processes").
	About() string
	// Check refuses options the runtime cannot boot with, before anything
	// is done; the error wraps ErrOption.
	Check(o Options) error
	// Up boots a lab that outlives the call and returns once it is ready:
	// a leader, a streaming replica, the balancer routing to the leader.
	// Progress lines go to out. A failed start removes what it made unless
	// o.Retain; so does ctx ending (Ctrl-C) before the lab is ready.
	Up(ctx context.Context, o Options, out io.Writer) (Lab, error)
	// Host boots a lab in the foreground: ready is called once it is up,
	// and the lab is removed when ctx ends (Ctrl-C) or, where the runtime
	// can tell, when `pglab down` removed it from elsewhere.
	Host(ctx context.Context, o Options, out io.Writer, ready func(Lab)) error
	// Connect finds a lab of this runtime by its state.
	Connect(st *labdir.State) (Lab, error)
	// Remove removes whatever is left of a lab that cannot be connected to
	// any more (its process died, its state is half written).
	Remove(ctx context.Context, name string, keepData bool) error
	// Exists says whether anything of a lab without state is left here.
	Exists(ctx context.Context, name string) (bool, error)
}

// Options configure the boot of a lab. A runtime ignores what does not
// apply to it and refuses what it cannot do (--from on host processes).
type Options struct {
	Name        string
	Profile     string // the exercise: etcd or zookeeper
	Timing      string // Patroni/HAProxy timing: fast or exercise (host processes only)
	PGBin       string // PostgreSQL's bin directory (host processes only)
	User        string // unprivileged user running PostgreSQL (host processes only)
	HAProxyPort int    // the balancer's port on 127.0.0.1; 0: any free one
	Retain      bool   // keep what a failed start left, for inspection
	From        string // someone else's exercise directory to boot (containers only)
	// ImageMap substitutes images of From that cannot be pulled here
	// (their services' images and their Dockerfiles' FROM), and
	// ReferenceImage, when set, runs their PostgreSQL nodes on pglab's
	// own image with their configs, instead of building their Dockerfile.
	// Every substitution is recorded in the lab's state.
	ImageMap       ImageMap
	ReferenceImage string
	// Grading boots someone's stack to be graded: the boot waits for its
	// services to answer (etcd's /health, ZooKeeper's srvr, Patroni's REST
	// API, HAProxy's stats) and goes on when one does not in time, saying
	// so; whether it elects a leader, replicates and routes are questions
	// the grader asks afterwards, not conditions of the boot.
	Grading bool
}

// Check refuses options that rt cannot boot with, or an unknown exercise.
func (o Options) Check(rt Runtime) error {
	if _, err := exercise.ProfileByName(o.Profile); err != nil {
		return Refuse(ErrOption, "%v", err)
	}
	return rt.Check(o)
}

// Lab is one lab, whichever runtime hosts it.
type Lab interface {
	AddressBook
	// State is what the lab recorded about itself: name, runtime, profile,
	// directory, secrets.
	State() *labdir.State
	// Topology is the lab's nodes, from its compose file.
	Topology() topology.Topology
	// Status is the lab as `pglab status` shows it.
	Status(ctx context.Context) (LabStatus, error)
	// Do applies a fault-injection action to a node. Every fault, from the
	// CLI or a scenario, goes through here. For a fault (stop, kill, pause,
	// partition) it returns once the fault is seen in effect, independently
	// of Patroni, with the moment that was seen; the figures count from it.
	// A fault not seen within a short deadline is an error saying what was
	// seen. Actions that undo a fault return the zero time.
	Do(ctx context.Context, node string, a Action) (verified time.Time, err error)
	// Logs copies a node's log to w; follow keeps copying until ctx ends.
	Logs(ctx context.Context, node string, follow bool, w io.Writer) error
	// Exec runs argv in a node (a container), env (NAME=VALUE) added to its
	// environment; it returns the combined output and the exit code.
	Exec(ctx context.Context, node, user string, env []string, argv ...string) (out string, code int, err error)
	// Steps builds the commands a scenario runs on this lab; pglab is the
	// binary that runs `pglab` steps (faults, status, exec).
	Steps(pglab string) Steps
	// Versions are the components the lab runs, each asked where it runs.
	Versions(ctx context.Context) []Version
	// Down stops the lab and removes it; keepData keeps its directory.
	Down(ctx context.Context, keepData bool) error
	// Close releases what the connection holds; the lab runs on.
	Close() error
}

// AddressBook says how to reach each node. Ports are the topology's (the
// compose file's container ports: topology.PortPostgres, PortPatroni...);
// the book maps them to what the host reaches now.
type AddressBook interface {
	// Addr is host:port reaching a node's port from the host, "" when the
	// node cannot be reached right now (a stopped or partitioned container).
	Addr(ctx context.Context, node string, port int) string
	// Inside is host:port of a node's port from another node of the lab.
	Inside(node string, port int) string
	// SQLAddr is what inet_server_addr() and inet_server_port() report on
	// a PostgreSQL node over TCP: they differ between runtimes.
	SQLAddr(ctx context.Context, node string) (addr string, port int)
	// Member is a PostgreSQL node's Patroni member name, "" when unknown.
	Member(ctx context.Context, node string) string
	// NodeOf is the node a Patroni member runs on: member names
	// (postgresql0) need not be node names (pg-master).
	NodeOf(m patroni.Member) string
	// BalancerConfig is the path of the haproxy.cfg the balancer runs with.
	BalancerConfig() string
	// Timing names the timing the lab runs: fast, or exercise (the
	// exercise files' own).
	Timing() string
}

// Steps builds the commands of scenario steps, shown as a person types them
// on this runtime (host tools on loopback ports, `docker-compose exec`...).
type Steps interface {
	// Tool runs tool (etcdctl, patronictl, pglab, grep-log,
	// balancer-stats, processes, tcp, compose, scratch) on node with args;
	// node "" lets the runtime choose.
	Tool(tool, node string, args []string) (Command, error)
	// SQL runs one statement on a PostgreSQL node or through the balancer.
	SQL(node, sql string) (Command, error)
	// Fault stops, kills, starts, pauses or resumes a node.
	Fault(a Action, node string) (Command, error)
}

// Version is one component's version as the runtime found it running.
type Version struct {
	Component string `json:"component"`
	Version   string `json:"version"`
}

// Registry is a set of runtimes, the default first.
type Registry []Runtime

// Get finds a runtime by name; "" is the default (labs recorded before
// their runtime was).
func (r Registry) Get(name string) (Runtime, error) {
	if name == "" && len(r) > 0 {
		return r[0], nil
	}
	var choices []string
	for _, rt := range r {
		if rt.Name() == name {
			return rt, nil
		}
		choices = append(choices, fmt.Sprintf("%s (%s)", rt.Name(), rt.About()))
	}
	return nil, Refuse(ErrOption, "runtime %q: choose %s", name, strings.Join(choices, " or "))
}

// SQLEndpoint is host:port where a client on the host reaches a PostgreSQL
// node or the balancer of l.
func SQLEndpoint(ctx context.Context, l Lab, node string) (string, error) {
	n, ok := l.Topology().Node(node)
	if !ok {
		return "", NoNode(l.State().Name, l.Topology(), node)
	}
	if n.Kind != topology.Postgres && n.Kind != topology.HAProxy {
		var sql []string
		for _, x := range l.Topology().Nodes {
			if x.Kind == topology.Postgres || x.Kind == topology.HAProxy {
				sql = append(sql, x.Name)
			}
		}
		return "", Refuse(ErrUnknownNode, "%s runs no PostgreSQL: connect to %s", node, strings.Join(sql, ", "))
	}
	addr := l.Addr(ctx, node, topology.PortPostgres)
	if addr == "" {
		return "", fmt.Errorf("%s cannot be reached now (stopped or partitioned?)", node)
	}
	return addr, nil
}

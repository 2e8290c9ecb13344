// Package topology reads the lab's nodes from the compose file: the one
// source of truth both runtimes derive their nodes from.
package topology

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// Kind is what a node runs.
type Kind string

// The kinds of node of the exercise.
const (
	Etcd      Kind = "etcd"
	ZooKeeper Kind = "zookeeper"
	Postgres  Kind = "postgres" // PostgreSQL managed by Patroni
	HAProxy   Kind = "haproxy"
	// Other is a service that is none of the above (a pooler, a monitor, an
	// application): a lab starts it in its place and never probes it.
	Other Kind = "other"
)

// Well-known container ports of the exercise.
const (
	PortPostgres   = 5432
	PortPatroni    = 8008
	PortEtcdClient = 2379
	PortEtcdPeer   = 2380
	PortStats      = 7000
	PortZooKeeper  = 2181
)

// Node is one compose service.
type Node struct {
	Name      string
	Kind      Kind
	Ports     []int    // container ports the node listens on
	DependsOn []string // services started before this one
}

// Topology is the lab's set of nodes, in start order.
type Topology struct {
	Project string
	Nodes   []Node
}

// Of returns the nodes of one kind, in start order.
func (t Topology) Of(k Kind) []Node {
	var out []Node
	for _, n := range t.Nodes {
		if n.Kind == k {
			out = append(out, n)
		}
	}
	return out
}

// Node finds a node by name.
func (t Topology) Node(name string) (Node, bool) {
	for _, n := range t.Nodes {
		if n.Name == name {
			return n, true
		}
	}
	return Node{}, false
}

// DCS returns the kind of store Patroni keeps its state in, and its nodes.
func (t Topology) DCS() (Kind, []Node) {
	if zk := t.Of(ZooKeeper); len(zk) > 0 {
		return ZooKeeper, zk
	}
	return Etcd, t.Of(Etcd)
}

// Names lists every node name, in start order.
func (t Topology) Names() []string {
	out := make([]string, len(t.Nodes))
	for i, n := range t.Nodes {
		out[i] = n.Name
	}
	return out
}

// Load parses a compose file with compose-go. env supplies interpolation
// variables (secrets and image overrides); variables the file requires but
// env lacks are filled with placeholders, since topology needs no secret.
func Load(ctx context.Context, filename string, content []byte, env map[string]string) (*types.Project, error) {
	environment := map[string]string{
		"PATRONI_SUPERUSER_PASSWORD":   "unset",
		"PATRONI_REPLICATION_PASSWORD": "unset",
		"PATRONI_REWIND_PASSWORD":      "unset",
	}
	for k, v := range env {
		environment[k] = v
	}
	details := types.ConfigDetails{
		WorkingDir:  ".",
		ConfigFiles: []types.ConfigFile{{Filename: filename, Content: content}},
		Environment: environment,
	}
	p, err := loader.LoadWithContext(ctx, details, func(o *loader.Options) {
		o.SetProjectName("pglab", true)
		o.ResolvePaths = false
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", filename, err)
	}
	return p, nil
}

// FromCompose derives the topology from a compose file's content.
func FromCompose(ctx context.Context, filename string, content []byte) (Topology, error) {
	p, err := Load(ctx, filename, content, nil)
	if err != nil {
		return Topology{}, err
	}
	return FromProject(p)
}

// FromProject classifies a loaded compose project's services.
func FromProject(p *types.Project) (Topology, error) { return FromProjectKinds(p, nil) }

// FromProjectKinds classifies a project's services, taking each service's
// kind from kinds when it is there (someone else's files, whose services
// lint classified by what they run rather than by their image's name).
func FromProjectKinds(p *types.Project, kinds map[string]Kind) (Topology, error) {
	t := Topology{Project: p.Name}
	for name, s := range p.Services {
		n := Node{Name: name, Kind: kinds[name]}
		if n.Kind == "" {
			n.Kind = kindOf(s)
		}
		if n.Kind == "" {
			return Topology{}, fmt.Errorf("service %s: cannot tell whether it is etcd, PostgreSQL or HAProxy (image %q)", name, s.Image)
		}
		n.Ports = portsOf(n.Kind, s)
		for dep := range s.DependsOn {
			n.DependsOn = append(n.DependsOn, dep)
		}
		sort.Strings(n.DependsOn)
		t.Nodes = append(t.Nodes, n)
	}
	order, err := startOrder(t.Nodes)
	if err != nil {
		return Topology{}, err
	}
	t.Nodes = order
	if _, dcs := t.DCS(); len(dcs) == 0 {
		return Topology{}, fmt.Errorf("compose file has no etcd or zookeeper service for Patroni's state")
	}
	for _, k := range []Kind{Postgres, HAProxy} {
		if len(t.Of(k)) == 0 {
			return Topology{}, fmt.Errorf("compose file has no %s service", k)
		}
	}
	return t, nil
}

func kindOf(s types.ServiceConfig) Kind {
	image := strings.ToLower(s.Image)
	switch {
	case s.Build != nil:
		return Postgres
	case strings.Contains(image, "etcd"):
		return Etcd
	case strings.Contains(image, "zookeeper"):
		return ZooKeeper
	case strings.Contains(image, "haproxy"):
		return HAProxy
	case strings.Contains(image, "postgres"), strings.Contains(image, "patroni"):
		return Postgres
	}
	return ""
}

func portsOf(k Kind, s types.ServiceConfig) []int {
	seen := map[int]bool{}
	add := func(p int) {
		if p > 0 {
			seen[p] = true
		}
	}
	for _, e := range s.Expose {
		p, _ := strconv.Atoi(strings.Split(e, "/")[0])
		add(p)
	}
	for _, p := range s.Ports {
		add(int(p.Target))
	}
	for _, arg := range s.Command {
		for _, flag := range []string{"--listen-client-urls=", "--listen-peer-urls="} {
			if v, ok := strings.CutPrefix(arg, flag); ok {
				for _, raw := range strings.Split(v, ",") {
					if u, err := url.Parse(raw); err == nil {
						p, _ := strconv.Atoi(u.Port())
						add(p)
					}
				}
			}
		}
	}
	// The defaults of each kind, for compose files that leave them implicit.
	switch k {
	case Etcd:
		if len(seen) == 0 {
			add(PortEtcdClient)
			add(PortEtcdPeer)
		}
	case ZooKeeper:
		add(PortZooKeeper)
	case Postgres:
		add(PortPostgres)
		add(PortPatroni)
	case HAProxy:
		add(PortPostgres)
	}
	out := make([]int, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Ints(out)
	return out
}

// startOrder sorts nodes so that dependencies come first; ties keep the
// kind order DCS, postgres, haproxy, then the name.
func startOrder(nodes []Node) ([]Node, error) {
	rank := map[Kind]int{Etcd: 0, ZooKeeper: 0, Postgres: 1, HAProxy: 2, Other: 3}
	sort.Slice(nodes, func(i, j int) bool {
		if rank[nodes[i].Kind] != rank[nodes[j].Kind] {
			return rank[nodes[i].Kind] < rank[nodes[j].Kind]
		}
		return nodes[i].Name < nodes[j].Name
	})
	byName := map[string]Node{}
	for _, n := range nodes {
		byName[n.Name] = n
	}
	var out []Node
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(n Node) error
	visit = func(n Node) error {
		switch state[n.Name] {
		case 1:
			return fmt.Errorf("depends_on cycle through %s", n.Name)
		case 2:
			return nil
		}
		state[n.Name] = 1
		for _, d := range n.DependsOn {
			dep, ok := byName[d]
			if !ok {
				return fmt.Errorf("service %s depends on unknown service %s", n.Name, d)
			}
			if err := visit(dep); err != nil {
				return err
			}
		}
		state[n.Name] = 2
		out = append(out, n)
		return nil
	}
	for _, n := range nodes {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

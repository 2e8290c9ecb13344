package docker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// layoutFile keeps, in the lab directory of a lab booted --from someone's
// files, the layout lint read from them: every later connection reads
// those files the way the boot did (their superuser, their stats port,
// their server names) without linting them again.
const layoutFile = "layout.json"

// inspectLayout lints a copied answer for its layout and keeps it.
func inspectLayout(dir string) (*lint.Layout, error) {
	lay, _, err := lint.Inspect(dir)
	if err != nil {
		return nil, err
	}
	if err := saveLayout(dir, &lay); err != nil {
		return nil, err
	}
	return &lay, nil
}

// saveLayout keeps the layout in the lab's directory.
func saveLayout(dir string, lay *lint.Layout) error {
	b, err := json.MarshalIndent(lay, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, layoutFile), b, 0o600); err != nil {
		return fmt.Errorf("save the layout: %w", err)
	}
	return nil
}

// loadLayout reads the layout a --from boot kept; nil for pglab's own files.
func loadLayout(dir string) (*lint.Layout, error) {
	b, err := os.ReadFile(filepath.Join(dir, layoutFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var lay lint.Layout
	if err := json.Unmarshal(b, &lay); err != nil {
		return nil, fmt.Errorf("%s: %w", layoutFile, err)
	}
	return &lay, nil
}

// kinds are the services' kinds as lint classified them, by what they
// run: a pooler built from the folder is not a PostgreSQL node.
func kinds(lay *lint.Layout) map[string]topology.Kind {
	if lay == nil {
		return nil
	}
	out := map[string]topology.Kind{}
	for s, k := range lay.Kinds {
		out[s] = topology.Kind(k)
	}
	return out
}

// serviceOfHost is the compose service a host name or address in a config
// names: its service name, hostname, container_name, a network alias or a
// static address.
func serviceOfHost(p *types.Project, host string) string {
	if host == "" {
		// No host names no service: "" is also every service's unset
		// hostname, container_name and fixed address.
		return ""
	}
	if _, ok := p.Services[host]; ok {
		return host
	}
	for name, s := range p.Services {
		if s.Hostname == host || s.ContainerName == host {
			return name
		}
		for _, n := range s.Networks {
			if n != nil && (slices.Contains(n.Aliases, host) || n.Ipv4Address == host || n.Ipv6Address == host) {
				return name
			}
		}
	}
	return ""
}

// balancer is the HAProxy layout of the lab: pglab's own, or what lint
// read from the answer's haproxy.cfg.
func (c *Client) balancer() runtime.Balancer {
	b := runtime.Balancer{StatsPort: topology.PortStats}
	if c.layout == nil {
		return b
	}
	h := c.layout.HAProxy
	if h.StatsPort != 0 {
		b.StatsPort, b.StatsURI = h.StatsPort, h.StatsURI
	}
	b.Proxy = h.Proxy
	b.Servers = map[string]string{}
	for server, host := range h.Servers {
		if svc := serviceOfHost(c.Project, host); svc != "" {
			b.Servers[server] = svc
		}
	}
	return b
}

// entryPort is the port HAProxy takes PostgreSQL connections on: the
// exercise's 5432 where its config binds it (or says nothing), else the
// port of the section leading to its write pool. An HAProxy on another
// port loses the balancer question at its own port check (`published
// entry`, scenarios/published.yaml), not also the failover, asked where
// it listens.
func (c *Client) entryPort() int {
	if c.layout == nil {
		return topology.PortPostgres
	}
	ps := c.layout.HAProxy.EntryPorts
	if len(ps) == 0 || slices.Contains(ps, topology.PortPostgres) {
		return topology.PortPostgres
	}
	return ps[0]
}

// nodeOf is the node a Patroni member runs on, asked in order of how
// sure the answer is: the member name the node's own config gives, the
// node its connect_address names (service, hostname, alias, static or
// current address), the node named like the member. A wrong
// connect_address must not mislabel every status line.
func (c *Client) nodeOf(m patroni.Member, ip func(node string) string) string {
	nodes := c.pgNodes()
	if c.layout != nil {
		for _, n := range nodes {
			if c.layout.Nodes[n].Member == m.Name {
				return n
			}
		}
	}
	if svc := serviceOfHost(c.Project, m.Host); svc != "" && slices.Contains(nodes, svc) {
		return svc
	}
	if ip != nil && m.Host != "" {
		for _, n := range nodes {
			if ip(n) == m.Host {
				return n
			}
		}
	}
	return m.Name
}

// sqlUser is the superuser a check connects as: the answer's own when its
// configs say, else postgres.
func (c *Client) sqlUser() string {
	if c.layout != nil {
		for _, n := range c.pgNodes() {
			if u := c.layout.Nodes[n].Superuser; u != "" {
				return u
			}
		}
	}
	return "postgres"
}

// etcdHealthy asks an etcd member's /health on its client port (2379, or
// the one its --listen-client-urls gives).
func (c *Client) etcdHealthy(ctx context.Context, n topology.Node) (bool, string) {
	ports := []int{topology.PortEtcdClient}
	for _, p := range n.Ports {
		if p != topology.PortEtcdClient && p != topology.PortEtcdPeer {
			ports = append(ports, p)
		}
	}
	seen := n.Name + " has no address"
	for _, p := range ports {
		addr := c.Addr(ctx, n.Name, p)
		if addr == "" {
			continue
		}
		ok, s := probe.EtcdHealth(ctx, addr)
		if ok {
			return true, ""
		}
		seen = addr + ": " + s
	}
	return false, seen
}

package docker

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/topology"
)

// The docker runtime as a measure.Target: the writer goes through
// HAProxy's published port, the sampler reaches each container on the
// lab's bridge network from the host, as the status command does.

var _ measure.Target = (*ScenarioRuntime)(nil)

// MeasureEndpoints are the lab's addresses as the host reaches them now.
// A node's address is its container's on the lab's network (a published
// port where the file publishes one): asked once, at load start, so a
// node whose restarted container came back on another address is then
// seen as down by the direct checks (Docker usually gives it the same).
func (r *ScenarioRuntime) MeasureEndpoints() measure.Endpoints {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ep := measure.Endpoints{
		Balancer: r.c.Addr(ctx, r.firstOf(topology.HAProxy), topology.PortPostgres),
		User:     "postgres", Password: r.c.State.Secrets.Superuser, Database: "postgres",
	}
	r.learnMembers(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.c.pgNodes() {
		ep.Nodes = append(ep.Nodes, measure.Node{
			Name:     n,
			Member:   r.members[n],
			Postgres: r.c.Addr(ctx, n, topology.PortPostgres),
			REST:     r.c.restAddr(ctx, n),
		})
	}
	return ep
}

// DCSLeader reads the leader key from the lab's etcd containers (and how
// long its lease has left) or its ZooKeeper container.
func (r *ScenarioRuntime) DCSLeader(ctx context.Context) (string, time.Duration, error) {
	if kind, zoo := r.c.Topo.DCS(); kind == topology.ZooKeeper {
		return r.zkLeader.Read(ctx, func() ([]string, string, error) {
			addr := r.c.Addr(ctx, zoo[0].Name, topology.PortZooKeeper)
			scope, err := r.scope(ctx)
			return []string{addr}, measure.LeaderKey("", scope), err
		})
	}
	return r.leader.Read(ctx, func() ([]string, string, error) {
		_, dcs := r.c.Topo.DCS()
		var eps []string
		for _, n := range dcs {
			// The members up when the sampler starts; the client fails
			// over between them as they come and go.
			if ip := r.c.IP(ctx, n.Name); ip != "" {
				eps = append(eps, "http://"+net.JoinHostPort(ip, strconv.Itoa(topology.PortEtcdClient)))
			}
		}
		scope, err := r.scope(ctx)
		return eps, measure.LeaderKey("", scope), err
	})
}

// scope is the cluster's name, as a node's Patroni reports it.
func (r *ScenarioRuntime) scope(ctx context.Context) (string, error) {
	for _, n := range r.c.pgNodes() {
		if a := r.c.restAddr(ctx, n); a != "" {
			if st, err := patroni.GetNode(ctx, a); err == nil && st.Patroni.Scope != "" {
				return st.Patroni.Scope, nil
			}
		}
	}
	return "", fmt.Errorf("the leader key: no Patroni REST API says the cluster's scope")
}

// Balancer reads HAProxy's stats CSV on its published port.
func (r *ScenarioRuntime) Balancer(ctx context.Context) (map[string]string, error) {
	return probe.HAProxyServers(ctx, r.c.Addr(ctx, r.firstOf(topology.HAProxy), topology.PortStats))
}

// NodeLog is the node's container log so far (Patroni's and PostgreSQL's).
func (r *ScenarioRuntime) NodeLog(node string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var b bytes.Buffer
	err := r.c.Logs(ctx, node, false, 0, &b)
	return b.Bytes(), err
}

// Timing reads Patroni's dynamic config (GET /config) and the lab's
// haproxy.cfg, as its compose file mounts it.
func (r *ScenarioRuntime) Timing(ctx context.Context) (measure.Timing, error) {
	var rest []string
	for _, n := range r.c.pgNodes() {
		rest = append(rest, r.c.restAddr(ctx, n))
	}
	profile := "exercise" // the compose stack runs the exercise's own timing
	cfg, err := os.ReadFile(r.haproxyConfig())
	if err != nil {
		return measure.Timing{Profile: profile}, err
	}
	return measure.ReadTiming(ctx, profile, rest, cfg)
}

// haproxyConfig is the lab's haproxy.cfg: the file the balancer's
// container mounts, else where the profile keeps it.
func (r *ScenarioRuntime) haproxyConfig() string {
	for _, v := range r.c.Project.Services[r.firstOf(topology.HAProxy)].Volumes {
		if v.Type == "bind" && filepath.Base(v.Target) == "haproxy.cfg" {
			if filepath.IsAbs(v.Source) {
				return v.Source
			}
			return filepath.Join(r.c.State.Dir, v.Source)
		}
	}
	p, _ := exercise.ProfileByName(r.c.State.Profile)
	for _, f := range p.Files {
		if f.Embedded == p.HAProxy {
			return filepath.Join(r.c.State.Dir, f.Path)
		}
	}
	return filepath.Join(r.c.State.Dir, "haproxy.cfg")
}

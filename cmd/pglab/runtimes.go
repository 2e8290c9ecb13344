package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime/docker"
	"github.com/pglab/pglab/lab/runtime/embedded"
	"github.com/pglab/pglab/lab/topology"
)

// lab is what the lab commands need from a lab, whichever runtime hosts it.
type lab interface {
	LabStatus(ctx context.Context) (embedded.LabStatus, error)
	// Do returns once a fault is seen in effect, with the moment it was
	// first seen so.
	Do(ctx context.Context, node string, a embedded.Action) (time.Time, error)
	Down(ctx context.Context, keepData bool) error
}

// connect finds a lab by name and the runtime that hosts it.
func connect(name string) (lab, *labdir.State, error) {
	st, err := labdir.Load(name)
	if err != nil {
		return nil, nil, err
	}
	switch st.Runtime {
	case docker.Name:
		c, err := docker.Connect(name)
		if err != nil {
			return nil, nil, err
		}
		return c, st, nil
	case embedded.Name, "":
		c, err := embedded.Connect(name)
		if err != nil {
			return nil, nil, err
		}
		return c, st, nil
	}
	return nil, nil, fmt.Errorf("lab %q: unknown runtime %q in its state", name, st.Runtime)
}

// checkRuntime rejects runtimes pglab does not have.
func checkRuntime(rt string) error {
	if rt != embedded.Name && rt != docker.Name {
		return usageError("runtime %q: choose embedded (host processes) or docker (the exercise's containers)", rt)
	}
	return nil
}

// downLab removes a lab; a dead embedded lab or a half-created docker one
// is cleaned from what it left behind.
func downLab(ctx context.Context, name string, keep bool) (*labdir.State, error) {
	l, st, err := connect(name)
	if err != nil {
		if errors.Is(err, labdir.ErrNoLab) {
			// A docker lab whose state is gone may still hold containers.
			if found, derr := docker.Exists(ctx, name); derr == nil && found {
				return &labdir.State{Name: name, Dir: labdir.Dir(name), Runtime: docker.Name}, docker.Down(ctx, name, keep)
			}
		}
		return nil, err
	}
	err = l.Down(ctx, keep)
	if st.Runtime != docker.Name && errors.Is(err, embedded.ErrNotRunning) {
		// The supervisor is gone: clean up whatever it left.
		c := l.(*embedded.Client)
		err = embedded.Clean(c.State, keep)
	}
	return st, err
}

// psqlTarget is where psql connects for a node (or "haproxy").
func psqlTarget(ctx context.Context, st *labdir.State, node string) (host string, port int, err error) {
	if st.Runtime == docker.Name {
		c, err := docker.Connect(st.Name)
		if err != nil {
			return "", 0, err
		}
		defer c.Close()
		n, ok := c.Topo.Node(node)
		if !ok || (n.Kind != topology.Postgres && n.Kind != topology.HAProxy) {
			return "", 0, usageError("psql: %q is not a PostgreSQL node or the balancer; the nodes are %v", node, c.Topo.Names())
		}
		// HAProxy's port is published on loopback; the nodes' 5432 is only
		// exposed, and reached on the container's address on the lab network.
		if p := st.Ports[embedded.Key(node, topology.PortPostgres)]; p != 0 {
			return "127.0.0.1", p, nil
		}
		ip := c.IP(ctx, node)
		if ip == "" {
			return "", 0, fmt.Errorf("psql: %s has no address on the lab's network (stopped or partitioned?)", node)
		}
		return ip, topology.PortPostgres, nil
	}
	port = st.Ports[embedded.Key(node, topology.PortPostgres)]
	if port == 0 {
		return "", 0, usageError("psql: %q has no PostgreSQL port; use a PostgreSQL node or haproxy", node)
	}
	return "127.0.0.1", port, nil
}

// printLogs copies a node's log: the lab directory's file on the embedded
// runtime, the container's log on docker.
func printLogs(ctx context.Context, w io.Writer, st *labdir.State, node string, follow bool) error {
	if st.Runtime == docker.Name {
		c, err := docker.Connect(st.Name)
		if err != nil {
			return err
		}
		defer c.Close()
		return c.Logs(ctx, node, follow, 0, w)
	}
	path := filepath.Join(st.Dir, "logs", node+".log")
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("logs %s: %w (nodes: see `pglab status`)", node, err)
	}
	defer f.Close()
	return copyFollow(ctx, w, f, follow)
}

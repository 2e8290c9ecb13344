package docker

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// published builds the `published balancer|nodes` step: for every port
// the compose file publishes on HAProxy (or on the PostgreSQL nodes), a
// TCP connection from the host to the container's own address and that
// port. The host port itself is no witness: docker-proxy accepts a
// connection there whether or not anything listens behind it, so a
// "5432:5000" whose container binds 5432 looks open from localhost and
// still gives every client an immediately closed connection.
//
// Each probe is preceded by a line naming the service, the mapping as the
// file wrote it, the host port pglab really published it on (another one
// when the file's was taken on this machine: not the answer's doing) and
// the address asked; what follows is bash's own answer, `open` or the
// connection's error and `exit N`.
//
// `published entry` asks the same of the exercise's own port, 5432 on each
// HAProxy container, published or not: where the compose network's
// clients connect.
func (r *steps) published(args []string) (runtime.Command, error) {
	if len(args) != 1 || (args[0] != "balancer" && args[0] != "nodes" && args[0] != "entry") {
		return runtime.Command{}, fmt.Errorf("published: say balancer (HAProxy's published ports), nodes (the PostgreSQL nodes') or entry (HAProxy's port 5432)")
	}
	ctx := context.Background()
	if args[0] == "entry" {
		var lines []string
		for _, n := range r.c.Topo.Of(topology.HAProxy) {
			lines = append(lines, portProbe(n.Name, strconv.Itoa(topology.PortPostgres), topology.PortPostgres, r.containerAddr(ctx, n.Name))...)
		}
		if len(lines) == 0 {
			lines = []string{"echo -"}
		}
		return runtime.Command{Shell: true, Display: strings.Join(lines, "\n")}, nil
	}
	kind := topology.HAProxy
	if args[0] == "nodes" {
		kind = topology.Postgres
	}
	// The host ports as the file writes them: the lab's .env sets the
	// variables of pglab's own files ("${HAPROXY_PORT:-5432}:5432") to the
	// ports it picked, the file's defaults are what a student reads.
	own := map[string]string{}
	if file, content, err := readCompose(r.c.State.Dir); err == nil {
		if p, err := topology.Load(ctx, file, content, nil); err == nil {
			for _, s := range p.Services {
				for _, sp := range s.Ports {
					own[portKey(s.Name, int(sp.Target))] = sp.Published
				}
			}
		}
	}
	var lines []string
	for _, n := range r.c.Topo.Of(kind) {
		s := r.c.Project.Services[n.Name]
		var ports []string
		for _, sp := range s.Ports {
			if sp.Protocol != "" && sp.Protocol != "tcp" {
				continue
			}
			key := portKey(n.Name, int(sp.Target))
			file, ok := own[key]
			if !ok {
				file = sp.Published
			}
			ports = append(ports, publishedProbe(n.Name, file, int(sp.Target), r.c.State.Ports[key], r.containerAddr(ctx, n.Name))...)
		}
		if len(ports) == 0 {
			ports = []string{"echo " + runtime.Quote([]string{n.Name + ": -"})}
		}
		lines = append(lines, ports...)
	}
	if len(lines) == 0 {
		lines = []string{"echo -"}
	}
	// One probe a line: the command reads as it runs, line by line.
	return runtime.Command{Shell: true, Display: strings.Join(lines, "\n")}, nil
}

// publishedProbe is the label and the probe of one published port:
// service, "FILE'S:TARGET", the host address it is published on and the
// container's address asked. ip is "" when the container is not running.
func publishedProbe(service, file string, target, host int, ip string) []string {
	if file == "" {
		file = "-" // the file leaves the host port to docker
	}
	mapping := strconv.Quote(file + ":" + strconv.Itoa(target))
	hostAddr := "-"
	if host != 0 {
		hostAddr = Loopback + ":" + strconv.Itoa(host)
		if file != strconv.Itoa(host) {
			hostAddr += "*" // not the file's host port: taken here, or left to docker
		}
	}
	return portProbe(service, mapping+" "+hostAddr, target, ip)
}

// portProbe is a label line (service, what is asked, → the container's
// address) and bash's TCP probe of the container's port target.
func portProbe(service, label string, target int, ip string) []string {
	if ip == "" {
		return []string{"echo " + runtime.Quote([]string{service + " " + label + " → " + service + ":" + strconv.Itoa(target) + ": not running"})}
	}
	to := ip + ":" + strconv.Itoa(target)
	probe := "exec 3<>/dev/tcp/" + ip + "/" + strconv.Itoa(target) + " && echo open"
	return []string{
		"echo " + runtime.Quote([]string{service + " " + label + " → " + to}),
		"timeout 5 bash -c " + runtime.Quote([]string{probe}) + " 2>&1 || echo exit $?",
	}
}

// containerAddr is a running container's address the host can reach: on
// the lab's network, else on any other of its networks (a service on a
// network of its own must not look stopped); "" when it is not running.
func (r *steps) containerAddr(ctx context.Context, node string) string {
	if ip := r.c.IP(ctx, node); ip != "" {
		return ip
	}
	res, err := r.c.cli.ContainerInspect(ctx, ContainerName(r.Lab(), node), client.ContainerInspectOptions{})
	if err != nil || res.Container.State == nil || !res.Container.State.Running || res.Container.NetworkSettings == nil {
		return ""
	}
	for _, name := range slices.Sorted(maps.Keys(res.Container.NetworkSettings.Networks)) {
		if ep := res.Container.NetworkSettings.Networks[name]; ep != nil && ep.IPAddress.IsValid() {
			return ep.IPAddress.String()
		}
	}
	return ""
}

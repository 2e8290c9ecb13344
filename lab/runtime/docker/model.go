package docker

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/topology"
)

// Labels on everything a lab creates (containers, network, volumes), as
// kind labels its nodes: status, down and a second invocation find a lab by
// them, with no process of pglab running.
const (
	LabelLab  = "io.pglab.lab"  // the lab name
	LabelNode = "io.pglab.node" // the compose service (containers only)
	LabelKind = "io.pglab.kind" // etcd, postgres or haproxy (containers only)
)

// Compose's own labels, so that `docker-compose ps|exec|logs` run in the
// lab's directory (whose .env names the project) see the lab's containers:
// the report shows the commands a student types, and they must work.
const (
	composeProject = "com.docker.compose.project"
	composeService = "com.docker.compose.service"
	composeOneoff  = "com.docker.compose.oneoff"
	composeNumber  = "com.docker.compose.container-number"
	composeNetwork = "com.docker.compose.network"
	composeVolume  = "com.docker.compose.volume"
)

// Loopback is where published ports are bound: the lab is this host's only.
const Loopback = "127.0.0.1"

// Project is the compose project name of a lab: prefixed, so that a
// student's own `docker-compose up` in a directory of the same name never
// meets the lab's containers.
func Project(lab string) string { return "pglab-" + lab }

// scratchProject is the compose project of a lab's scratch copy of the
// exercise (the rebuild experiment), and ScratchImage the image it builds:
// both apart from the lab's own, and removed with it.
func scratchProject(lab string) string { return Project(lab) + "-scratch" }

// FromImage is the tag of a service's image built from a directory
// booted with --from.
func FromImage(lab, service string) string { return "pglab/from-" + lab + "-" + service + ":latest" }

// ScratchImage is the PostgreSQL image tag of a lab's scratch project.
func ScratchImage(lab string) string { return "pglab/scratch-" + lab + ":latest" }

// ContainerName is compose v1's name for a service's first container.
func ContainerName(lab, node string) string { return Project(lab) + "_" + node + "_1" }

func resourceName(lab, key string) string { return Project(lab) + "_" + key }

func labLabels(lab string) map[string]string {
	return map[string]string{LabelLab: lab, composeProject: Project(lab)}
}

// serviceNetworks lists the networks a service joins, in compose's order
// (priority, highest first, then name): the first is the one its
// container is created on. compose puts a service without a networks key
// on "default".
func serviceNetworks(s types.ServiceConfig) []string {
	if len(s.Networks) == 0 {
		return []string{"default"}
	}
	var out []string
	for k := range s.Networks {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		pi, pj := priority(s, out[i]), priority(s, out[j])
		if pi != pj {
			return pi > pj
		}
		return out[i] < out[j]
	})
	return out
}

func priority(s types.ServiceConfig, net string) int {
	if c := s.Networks[net]; c != nil {
		return c.Priority
	}
	return 0
}

// projectNetworks lists the networks the services use.
func projectNetworks(p *types.Project) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range p.Services {
		for _, n := range serviceNetworks(s) {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// aliases are a service's DNS names on a network: its name, as compose
// gives it, so that "postgres1:5432" in the configs resolves, and its
// container_name (the HA lab's postgres_entrypoint), which Docker resolves
// by the container's name: pglab names containers per lab instead, so two
// labs never clash, and keeps the name reachable as an alias. Then the
// aliases the file gives it on that network.
func aliases(s types.ServiceConfig, net string) []string {
	out := []string{s.Name}
	if s.ContainerName != "" && s.ContainerName != s.Name {
		out = append(out, s.ContainerName)
	}
	if c := s.Networks[net]; c != nil {
		out = append(out, c.Aliases...)
	}
	return out
}

// endpoint is a service's settings on one of its networks: its aliases and
// the fixed addresses the file gives it there (ipv4_address,
// ipv6_address), which answers write into their configs and must keep
// across a partition and its healing.
func endpoint(s types.ServiceConfig, net string) (*network.EndpointSettings, error) {
	ep := &network.EndpointSettings{Aliases: aliases(s, net)}
	c := s.Networks[net]
	if c == nil || c.Ipv4Address == "" && c.Ipv6Address == "" {
		return ep, nil
	}
	ep.IPAMConfig = &network.EndpointIPAMConfig{}
	for _, a := range []struct {
		key, val string
		dst      *netip.Addr
	}{{"ipv4_address", c.Ipv4Address, &ep.IPAMConfig.IPv4Address}, {"ipv6_address", c.Ipv6Address, &ep.IPAMConfig.IPv6Address}} {
		if a.val == "" {
			continue
		}
		ip, err := netip.ParseAddr(a.val)
		if err != nil {
			return nil, fmt.Errorf("service %s: networks.%s.%s %q is not an address: %w", s.Name, net, a.key, a.val, err)
		}
		*a.dst = ip
	}
	return ep, nil
}

// networkSpec is the Engine API's create request for one of the file's
// networks, as docker compose makes it: its driver and options, and its
// address plan (ipam) when the file fixes one, which fixed container
// addresses need.
func networkSpec(lab, name string, n types.NetworkConfig) (client.NetworkCreateOptions, error) {
	labels := labLabels(lab)
	for k, v := range n.Labels {
		labels[k] = v
	}
	labels[composeNetwork] = name
	o := client.NetworkCreateOptions{Driver: "bridge", Labels: labels, Internal: n.Internal,
		Attachable: n.Attachable, EnableIPv6: n.EnableIPv6, Options: map[string]string(n.DriverOpts)}
	if n.Driver != "" {
		o.Driver = n.Driver
	}
	if n.Ipam.Driver == "" && len(n.Ipam.Config) == 0 {
		return o, nil
	}
	o.IPAM = &network.IPAM{Driver: n.Ipam.Driver, Options: map[string]string(n.Ipam.Options)}
	for _, pool := range n.Ipam.Config {
		var c network.IPAMConfig
		var err error
		if pool.Subnet != "" {
			if c.Subnet, err = netip.ParsePrefix(pool.Subnet); err != nil {
				return o, fmt.Errorf("network %s: ipam subnet %q: %w", name, pool.Subnet, err)
			}
		}
		if pool.IPRange != "" {
			if c.IPRange, err = netip.ParsePrefix(pool.IPRange); err != nil {
				return o, fmt.Errorf("network %s: ipam ip_range %q: %w", name, pool.IPRange, err)
			}
		}
		if pool.Gateway != "" {
			if c.Gateway, err = netip.ParseAddr(pool.Gateway); err != nil {
				return o, fmt.Errorf("network %s: ipam gateway %q: %w", name, pool.Gateway, err)
			}
		}
		for host, a := range pool.AuxiliaryAddresses {
			ip, err := netip.ParseAddr(a)
			if err != nil {
				return o, fmt.Errorf("network %s: ipam aux_addresses %s %q: %w", name, host, a, err)
			}
			if c.AuxAddress == nil {
				c.AuxAddress = map[string]netip.Addr{}
			}
			c.AuxAddress[host] = ip
		}
		o.IPAM.Config = append(o.IPAM.Config, c)
	}
	return o, nil
}

// subnets lists the subnets a project's networks fix, for the message
// when one is already in use on this machine.
func subnets(p *types.Project, net string) []string {
	var out []string
	for _, pool := range p.Networks[net].Ipam.Config {
		if pool.Subnet != "" {
			out = append(out, pool.Subnet)
		}
	}
	return out
}

// replicas is how many containers compose runs for a service
// (deploy.replicas, 1 when unset; scale is the older key).
func replicas(s types.ServiceConfig) int {
	if s.Deploy != nil && s.Deploy.Replicas != nil {
		return *s.Deploy.Replicas
	}
	if s.Scale != nil {
		return *s.Scale
	}
	return 1
}

// containerSpec translates one compose service into the Engine API's
// create request. dir is the exercise directory that relative bind-mount
// sources are relative to; ports maps "node:containerPort" to the loopback
// port published for it.
func containerSpec(lab, dir string, p *types.Project, s types.ServiceConfig, kind topology.Kind, ports map[string]int) (*container.Config, *container.HostConfig, *network.NetworkingConfig, error) {
	labels := map[string]string{}
	for k, v := range s.Labels {
		labels[k] = v
	}
	for k, v := range labLabels(lab) {
		labels[k] = v
	}
	labels[LabelNode] = s.Name
	labels[LabelKind] = string(kind)
	labels[composeService] = s.Name
	labels[composeOneoff] = "False"
	labels[composeNumber] = "1"

	var env []string
	for k, v := range s.Environment {
		if v != nil { // a bare name takes the host's value in compose: not for a lab
			env = append(env, k+"="+*v)
		}
	}
	sort.Strings(env)

	cfg := &container.Config{
		Image:        s.Image,
		Hostname:     s.Hostname,
		User:         s.User,
		WorkingDir:   s.WorkingDir,
		Env:          env,
		Cmd:          []string(s.Command),
		Labels:       labels,
		StopSignal:   s.StopSignal,
		ExposedPorts: network.PortSet{},
	}
	if s.Entrypoint != nil {
		cfg.Entrypoint = []string(s.Entrypoint)
	}
	if s.StopGracePeriod != nil {
		secs := int(time.Duration(*s.StopGracePeriod) / time.Second)
		cfg.StopTimeout = &secs
	}
	if hc := s.HealthCheck; hc != nil {
		h := &container.HealthConfig{Test: []string(hc.Test)}
		if hc.Disable {
			h.Test = []string{"NONE"}
		}
		if hc.Interval != nil {
			h.Interval = time.Duration(*hc.Interval)
		}
		if hc.Timeout != nil {
			h.Timeout = time.Duration(*hc.Timeout)
		}
		if hc.StartPeriod != nil {
			h.StartPeriod = time.Duration(*hc.StartPeriod)
		}
		if hc.Retries != nil {
			h.Retries = int(*hc.Retries)
		}
		// StartInterval needs API 1.44: this engine may speak 1.41.
		cfg.Healthcheck = h
	}
	for _, e := range s.Expose {
		port, err := network.ParsePort(withProto(e))
		if err != nil {
			return nil, nil, nil, fmt.Errorf("service %s: expose %q: %w", s.Name, e, err)
		}
		cfg.ExposedPorts[port] = struct{}{}
	}

	// The resolver settings matter to failover: a partitioned container's
	// lookups of etcd1..3 time out instead of failing, and each one holds
	// Patroni's HA loop (see dns_opt in docker-compose.yaml).
	host := &container.HostConfig{PortBindings: network.PortMap{}, DNSOptions: s.DNSOpts, DNSSearch: s.DNSSearch}
	for _, a := range s.DNS {
		ip, err := netip.ParseAddr(a)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("service %s: dns %q is not an address: %w", s.Name, a, err)
		}
		host.DNS = append(host.DNS, ip)
	}
	for _, sp := range s.Ports {
		proto := sp.Protocol
		if proto == "" {
			proto = "tcp"
		}
		port, err := network.ParsePort(fmt.Sprintf("%d/%s", sp.Target, proto))
		if err != nil {
			return nil, nil, nil, fmt.Errorf("service %s: port %d: %w", s.Name, sp.Target, err)
		}
		cfg.ExposedPorts[port] = struct{}{}
		// Every published port goes to a free loopback port picked at
		// start, whatever the file says: never a fixed, shared host port.
		hp, ok := ports[portKey(s.Name, int(sp.Target))]
		if !ok {
			return nil, nil, nil, fmt.Errorf("service %s: no host port picked for %d", s.Name, sp.Target)
		}
		host.PortBindings[port] = append(host.PortBindings[port], network.PortBinding{
			HostIP: netip.MustParseAddr(Loopback), HostPort: strconv.Itoa(hp),
		})
	}
	for _, v := range s.Volumes {
		m := mount.Mount{Target: v.Target, ReadOnly: v.ReadOnly}
		switch v.Type {
		case types.VolumeTypeVolume:
			m.Type = mount.TypeVolume
			if v.Source == "" {
				m.Source = "" // anonymous: removed with the container
			} else {
				if _, ok := p.Volumes[v.Source]; !ok {
					return nil, nil, nil, fmt.Errorf("service %s: volume %q is not declared", s.Name, v.Source)
				}
				m.Source = resourceName(lab, v.Source)
			}
		case types.VolumeTypeBind:
			m.Type = mount.TypeBind
			m.Source = v.Source
			if !filepath.IsAbs(m.Source) {
				m.Source = filepath.Join(dir, m.Source)
			}
			if _, err := os.Stat(m.Source); err != nil {
				// docker compose creates a missing source as a directory
				// (a data directory beside the file, ./patroni-data0)
				// unless the long syntax's create_host_path says not to.
				// A missing haproxy.cfg would become a directory too, and
				// HAProxy fail on it: a name with a suffix is reported as
				// the missing file it is meant to be.
				if !os.IsNotExist(err) || v.Bind != nil && !bool(v.Bind.CreateHostPath) || filepath.Ext(m.Source) != "" {
					return nil, nil, nil, fmt.Errorf("service %s: bind mount: %w", s.Name, err)
				}
				if err := os.MkdirAll(m.Source, 0o755); err != nil {
					return nil, nil, nil, fmt.Errorf("service %s: bind mount: %w", s.Name, err)
				}
			}
		case types.VolumeTypeTmpfs:
			m.Type = mount.TypeTmpfs
		default:
			return nil, nil, nil, fmt.Errorf("service %s: volume type %q is not supported", s.Name, v.Type)
		}
		host.Mounts = append(host.Mounts, m)
	}
	if s.Restart != "" {
		host.RestartPolicy = container.RestartPolicy{Name: container.RestartPolicyMode(s.Restart)}
	}
	// What compose passes on as it is: limits (deploy.resources, which
	// docker compose applies outside a swarm too), kernel settings and
	// privileges the services' programs may need.
	if s.Deploy != nil {
		if l := s.Deploy.Resources.Limits; l != nil {
			host.Memory = int64(l.MemoryBytes)
			host.NanoCPUs = int64(float64(l.NanoCPUs) * 1e9)
			if l.Pids > 0 {
				host.PidsLimit = &l.Pids
			}
		}
	}
	if s.MemLimit > 0 {
		host.Memory = int64(s.MemLimit)
	}
	if s.CPUS > 0 {
		host.NanoCPUs = int64(float64(s.CPUS) * 1e9)
	}
	host.Sysctls = map[string]string(s.Sysctls)
	host.CapAdd, host.CapDrop = s.CapAdd, s.CapDrop
	host.Privileged, host.SecurityOpt, host.Init = s.Privileged, s.SecurityOpt, s.Init
	host.ShmSize = int64(s.ShmSize)
	host.ExtraHosts = s.ExtraHosts.AsList(":")
	nets := serviceNetworks(s)
	host.NetworkMode = container.NetworkMode(resourceName(lab, nets[0]))
	// API 1.41 accepts one network at create time; others are connected after.
	ep, err := endpoint(s, nets[0])
	if err != nil {
		return nil, nil, nil, err
	}
	netCfg := &network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{resourceName(lab, nets[0]): ep}}
	return cfg, host, netCfg, nil
}

func withProto(p string) string {
	if strings.Contains(p, "/") {
		return p
	}
	return p + "/tcp"
}

func portKey(node string, port int) string { return node + ":" + strconv.Itoa(port) }

// readEnvFile reads a compose .env file (KEY=VALUE lines).
func readEnvFile(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	env := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		env[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	return env, sc.Err()
}

func secretsOf(env map[string]string) exercise.Secrets {
	return exercise.Secrets{
		Superuser:   env["PATRONI_SUPERUSER_PASSWORD"],
		Replication: env["PATRONI_REPLICATION_PASSWORD"],
		Rewind:      env["PATRONI_REWIND_PASSWORD"],
	}
}

// loadProject reads the lab directory's compose file with its .env, as
// docker-compose run in that directory would.
func loadProject(ctx context.Context, dir string) (*types.Project, map[string]string, error) {
	env, err := readEnvFile(filepath.Join(dir, exercise.EnvFile))
	if err != nil {
		return nil, nil, fmt.Errorf("lab environment: %w", err)
	}
	file, content, err := readCompose(dir)
	if err != nil {
		return nil, nil, err
	}
	p, err := topology.Load(ctx, file, content, env)
	if err != nil {
		return nil, nil, err
	}
	return p, env, nil
}

// composeFiles are the names docker-compose (v1) looks for, in its order.
var composeFiles = []string{"docker-compose.yml", "docker-compose.yaml"}

// readCompose reads an exercise directory's compose file: the operations
// test calls it docker-compose.yaml, the HA lab docker-compose.yml.
func readCompose(dir string) (name string, content []byte, err error) {
	for _, name := range composeFiles {
		content, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			return name, content, nil
		}
		if !os.IsNotExist(err) {
			return "", nil, err
		}
	}
	return "", nil, fmt.Errorf("no %s in %s", strings.Join(composeFiles, " or "), dir)
}

// profileOf tells which exercise someone's files answer by their DCS, as
// lint read what each service runs.
func profileOf(lay *lint.Layout) exercise.Profile {
	for _, k := range lay.Kinds {
		if topology.Kind(k) == topology.ZooKeeper {
			return exercise.ZooKeeper
		}
	}
	return exercise.Etcd
}

// publishedVar matches a published port whose host side is a variable
// with a default, as in "${PG_MASTER_PORT:-5433}:5432".
var publishedVar = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*):-(\d+)\}:(\d+)`)

// portVars finds, for each published port of p (loaded with the file's
// defaults), the variable that sets its host side: the lab's .env sets
// them to the ports pglab picked, so docker-compose in the lab's
// directory publishes (and `docker-compose port` reports) the same.
func portVars(content []byte, p *types.Project) map[string]string {
	out := map[string]string{}
	for _, m := range publishedVar.FindAllSubmatch(content, -1) {
		name, def, target := string(m[1]), string(m[2]), string(m[3])
		for _, s := range p.Services {
			for _, sp := range s.Ports {
				if sp.Published == def && strconv.Itoa(int(sp.Target)) == target {
					out[portKey(s.Name, int(sp.Target))] = name
				}
			}
		}
	}
	return out
}

// buildContext is the folder a built service's context names, relative
// to dir (the exercise's folder) unless absolute.
func buildContext(dir string, s types.ServiceConfig) string {
	if filepath.IsAbs(s.Build.Context) {
		return s.Build.Context
	}
	return filepath.Join(dir, s.Build.Context)
}

// dirSpec builds a service's image from its build context in the lab
// directory (a copy of someone's exercise), as docker-compose build would.
func dirSpec(labDir string, s types.ServiceConfig, args map[string]string) (images.BuildSpec, error) {
	ctxDir := buildContext(labDir, s)
	files, exec := map[string][]byte{}, map[string]bool{}
	err := filepath.WalkDir(ctxDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(ctxDir, p)
		if err != nil {
			return err
		}
		if fi, err := d.Info(); err == nil && fi.Mode().Perm()&0o111 != 0 {
			exec[filepath.ToSlash(rel)] = true // their run.sh, executable as in their repository
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		return images.BuildSpec{}, fmt.Errorf("build context of %s: %w", s.Name, err)
	}
	dockerfile := dockerfileOf(ctxDir, s)
	return images.BuildSpec{Ref: s.Image, Files: files, Exec: exec, Dockerfile: dockerfile, Args: args,
		Labels: map[string]string{images.LabelImage: s.Name}}, nil
}

// dockerfileOf is the Dockerfile a service builds from, relative to its
// context: build.dockerfile, else Dockerfile, else dockerfile (the name
// BuildKit falls back to, which answers use).
func dockerfileOf(ctxDir string, s types.ServiceConfig) string {
	// compose-go fills in "Dockerfile" when the file names none.
	if s.Build.Dockerfile != "" && s.Build.Dockerfile != "Dockerfile" {
		return s.Build.Dockerfile
	}
	if _, err := os.Stat(filepath.Join(ctxDir, "Dockerfile")); err != nil {
		if _, err := os.Stat(filepath.Join(ctxDir, "dockerfile")); err == nil {
			return "dockerfile"
		}
	}
	return "Dockerfile"
}

package docker

import (
	"context"
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// A layout real answers use: fixed addresses on several networks with
// their own address plans, an alias, resource limits, a kernel setting and
// a data directory beside the file that does not exist yet.
const staticCompose = `
services:
  dcs1:
    image: etcd:3.5
    networks:
      dcs:
        ipv4_address: 10.231.0.10
  pg1:
    image: postgres-patroni:17
    volumes:
      - ./pg1-data:/var/lib/postgresql/data
    networks:
      dcs:
        ipv4_address: 10.231.0.50
      db:
        ipv4_address: 10.232.0.50
        aliases: [primary-candidate]
        priority: 10
    deploy:
      resources:
        limits:
          cpus: '0.5'
          memory: 256m
  lb:
    image: haproxy
    sysctls:
      net.ipv4.ip_unprivileged_port_start: 0
    networks:
      - db
networks:
  dcs:
    ipam:
      driver: default
      config:
        - subnet: 10.231.0.0/24
          gateway: 10.231.0.1
  db:
    driver: bridge
    ipam:
      config:
        - subnet: 10.232.0.0/24
          ip_range: 10.232.0.128/25
`

func loadStatic(t *testing.T, content string) *types.Project {
	t.Helper()
	p, err := topology.Load(context.Background(), "docker-compose.yml", []byte(content), nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStaticAddressesOnSeveralNetworks(t *testing.T) {
	p := loadStatic(t, staticCompose)
	dir := t.TempDir()

	// Compose's order: the higher priority first, so pg1 is created on db.
	if got := strings.Join(serviceNetworks(p.Services["pg1"]), ","); got != "db,dcs" {
		t.Errorf("pg1's networks = %s, want db,dcs", got)
	}
	if got := strings.Join(projectNetworks(p), ","); got != "db,dcs" {
		t.Errorf("project networks = %s, want db,dcs", got)
	}

	cfg, host, netCfg, err := containerSpec("s0", dir, p, p.Services["pg1"], topology.Postgres, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(host.NetworkMode) != "pglab-s0_db" {
		t.Errorf("network mode = %s, want pglab-s0_db", host.NetworkMode)
	}
	ep := netCfg.EndpointsConfig["pglab-s0_db"]
	if ep == nil || ep.IPAMConfig == nil || ep.IPAMConfig.IPv4Address != netip.MustParseAddr("10.232.0.50") {
		t.Fatalf("endpoint on db = %+v, want the fixed 10.232.0.50", ep)
	}
	if !contains(ep.Aliases, "pg1") || !contains(ep.Aliases, "primary-candidate") {
		t.Errorf("aliases on db = %v, want pg1 and primary-candidate", ep.Aliases)
	}
	// The second network is connected after create, with its own address.
	ep2, err := endpoint(p.Services["pg1"], "dcs")
	if err != nil || ep2.IPAMConfig == nil || ep2.IPAMConfig.IPv4Address != netip.MustParseAddr("10.231.0.50") || contains(ep2.Aliases, "primary-candidate") {
		t.Errorf("endpoint on dcs = %+v, %v; want 10.231.0.50 without db's alias", ep2, err)
	}
	if host.Memory != 256<<20 || host.NanoCPUs != 5e8 {
		t.Errorf("limits = %d bytes, %d nano CPUs; want 256 MiB, 0.5 CPU", host.Memory, host.NanoCPUs)
	}
	if fi, err := os.Stat(filepath.Join(dir, "pg1-data")); err != nil || !fi.IsDir() {
		t.Errorf("the missing data directory was not created as compose does: %v", err)
	}
	if cfg.Image != "postgres-patroni:17" {
		t.Errorf("image = %q", cfg.Image)
	}

	_, host, netCfg, err = containerSpec("s0", dir, p, p.Services["lb"], topology.HAProxy, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host.Sysctls["net.ipv4.ip_unprivileged_port_start"] != "0" {
		t.Errorf("sysctls = %v", host.Sysctls)
	}
	if ep := netCfg.EndpointsConfig["pglab-s0_db"]; ep == nil || ep.IPAMConfig != nil {
		t.Errorf("lb's endpoint = %+v, want no fixed address", ep)
	}

	spec, err := networkSpec("s0", "db", p.Networks["db"])
	if err != nil {
		t.Fatal(err)
	}
	if spec.Driver != "bridge" || spec.IPAM == nil || len(spec.IPAM.Config) != 1 ||
		spec.IPAM.Config[0].Subnet != netip.MustParsePrefix("10.232.0.0/24") ||
		spec.IPAM.Config[0].IPRange != netip.MustParsePrefix("10.232.0.128/25") ||
		spec.Labels[LabelLab] != "s0" || spec.Labels[composeNetwork] != "db" {
		t.Errorf("db's create request = %+v (ipam %+v)", spec, spec.IPAM)
	}
	spec, err = networkSpec("s0", "dcs", p.Networks["dcs"])
	if err != nil || spec.IPAM.Config[0].Gateway != netip.MustParseAddr("10.231.0.1") || spec.IPAM.Driver != "default" {
		t.Errorf("dcs's create request = %+v, %v", spec.IPAM, err)
	}
	if got := strings.Join(subnets(p, "dcs"), ","); got != "10.231.0.0/24" {
		t.Errorf("subnets(dcs) = %s", got)
	}
	// A network with no address plan is left to the engine.
	spec, err = networkSpec("s0", "default", p.Networks["default"])
	if err != nil || spec.IPAM != nil {
		t.Errorf("default network's ipam = %+v, %v; want none", spec.IPAM, err)
	}
}

func TestABadFixedAddressIsNamed(t *testing.T) {
	p := loadStatic(t, strings.Replace(staticCompose, "ipv4_address: 10.231.0.10", "ipv4_address: 10.231.0.300", 1))
	_, _, _, err := containerSpec("s0", t.TempDir(), p, p.Services["dcs1"], topology.Etcd, nil)
	if err == nil || !strings.Contains(err.Error(), "networks.dcs.ipv4_address") {
		t.Fatalf("err = %v, want the bad ipv4_address named", err)
	}
}

func TestReplicatedServicesAreRefusedAsNotGraded(t *testing.T) {
	for _, tc := range []struct {
		service, deploy, want string
	}{
		{"pg1", "", "service pg1 asks for 3 containers (deploy.replicas or scale): its replicas would share one service name"},
		{"lb", "deploy:\n      replicas: 2\n", "service lb asks for 2 containers (deploy.replicas or scale): pglab runs one container per service"},
		{"lb", "scale: 2\n", "service lb asks for 2 containers"},
		{"lb", "deploy:\n      replicas: 1\n", ""},
	} {
		content := strings.Replace(staticCompose, "  "+tc.service+":\n", "  "+tc.service+":\n    "+tc.deploy, 1)
		if tc.deploy == "" { // pg1 has a deploy section already
			content = strings.Replace(staticCompose, "    deploy:\n", "    deploy:\n      replicas: 3\n", 1)
		}
		p := loadStatic(t, content)
		topo, err := topology.FromProject(p)
		if err != nil {
			t.Fatal(err)
		}
		err = checkReplicas(p, topo)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s %q: %v, want accepted", tc.service, tc.deploy, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, runtime.ErrUnavailable) {
			t.Errorf("%s %q: err = %v, want %q as not graded", tc.service, tc.deploy, err, tc.want)
		}
	}
}

// A service that runs the image another one builds gets that build, as
// docker compose builds it once under that name for both.
func TestShareBuilds(t *testing.T) {
	p := loadStatic(t, `
services:
  etcd1:
    build: ./etcd
    image: someone/etcd:latest
  etcd2:
    image: someone/etcd:latest
  lb:
    image: haproxy:3.0
`)
	shareBuilds(p)
	if b := p.Services["etcd2"].Build; b == nil || b.Context != p.Services["etcd1"].Build.Context {
		t.Errorf("etcd2's build = %+v, want etcd1's", b)
	}
	if p.Services["lb"].Build != nil {
		t.Errorf("lb got a build: %+v", p.Services["lb"].Build)
	}
}

// A service that is none of the exercise's nodes is scaled as compose
// would as far as the questions can tell: replicas 0 is not started (and
// no longer a dependency), more than one runs one container, said as a
// substitution; the exercise's nodes stay refused.
func TestExtraServicesScaled(t *testing.T) {
	p := loadStatic(t, strings.Replace(staticCompose, "\nnetworks:\n", `
  app:
    image: someone/app
    deploy:
      replicas: 3
  tools:
    image: someone/tools
    scale: 0
networks:
`, 1))
	lb := p.Services["lb"]
	lb.DependsOn = types.DependsOnConfig{"tools": {Condition: "service_started"}, "pg1": {Condition: "service_started"}}
	p.Services["lb"] = lb
	extra := map[string]topology.Kind{"app": topology.Other, "tools": topology.Other}
	topo, err := topology.FromProjectKinds(p, extra)
	if err != nil {
		t.Fatal(err)
	}
	subs, dropped := scaleExtras(p, topo)
	if !dropped || p.Services["tools"].Name != "" {
		t.Errorf("tools (scale 0) still in the project: dropped %v", dropped)
	}
	if _, ok := p.Services["lb"].DependsOn["tools"]; ok || len(p.Services["lb"].DependsOn) != 1 {
		t.Errorf("lb depends on %v, want pg1 only", p.Services["lb"].DependsOn)
	}
	if len(subs) != 1 || subs[0].Kind != labdir.SubstReplicas || subs[0].Service != "app" || subs[0].From != "3" || subs[0].To != "1" {
		t.Errorf("substitutions %+v, want app 3 → 1", subs)
	}
	if topo, err = topology.FromProjectKinds(p, extra); err != nil {
		t.Fatal(err)
	}
	if err := checkReplicas(p, topo); err != nil {
		t.Errorf("after scaling: %v", err)
	}
}

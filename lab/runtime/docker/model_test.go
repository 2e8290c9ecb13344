package docker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/api/types/network"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/topology"
)

// The embedded compose file, as the runtime translates it.
func TestContainerSpecFromEmbeddedCompose(t *testing.T) {
	dir := t.TempDir()
	if _, err := exercise.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	content, _ := pglab.Files.ReadFile("docker-compose.yaml")
	env := images.Env("")
	env["PATRONI_SUPERUSER_PASSWORD"] = "su"
	p, err := topology.Load(context.Background(), "docker-compose.yaml", content, env)
	if err != nil {
		t.Fatal(err)
	}
	ports := map[string]int{"haproxy:5432": 40001, "haproxy:7000": 40002}

	cfg, host, netCfg, err := containerSpec("d0", dir, p, p.Services["postgres1"], topology.Postgres, ports)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Image != images.Postgres {
		t.Errorf("image = %q, want the override %q", cfg.Image, images.Postgres)
	}
	for k, want := range map[string]string{LabelLab: "d0", LabelNode: "postgres1", LabelKind: "postgres",
		composeProject: "pglab-d0", composeService: "postgres1", composeNumber: "1"} {
		if cfg.Labels[k] != want {
			t.Errorf("label %s = %q, want %q", k, cfg.Labels[k], want)
		}
	}
	if !contains(cfg.Env, "PATRONI_SUPERUSER_PASSWORD=su") {
		t.Errorf("env %v lacks the superuser password", cfg.Env)
	}
	if cfg.Healthcheck == nil || cfg.Healthcheck.Interval != 3*time.Second || cfg.Healthcheck.Retries != 40 {
		t.Errorf("healthcheck = %+v", cfg.Healthcheck)
	}
	if _, ok := cfg.ExposedPorts[network.MustParsePort("8008/tcp")]; !ok {
		t.Errorf("8008 not exposed: %v", cfg.ExposedPorts)
	}
	if len(host.PortBindings) != 0 {
		t.Errorf("postgres1 publishes %v: expose must stay unpublished", host.PortBindings)
	}
	var sawBind, sawVolume bool
	for _, m := range host.Mounts {
		switch m.Type {
		case mount.TypeBind:
			sawBind = m.Source == filepath.Join(dir, "postgres1-conf") && m.Target == "/etc/patroni" && m.ReadOnly
		case mount.TypeVolume:
			sawVolume = m.Source == "pglab-d0_postgres1-data" && m.Target == "/opt/postgres"
		}
	}
	if !sawBind || !sawVolume {
		t.Errorf("mounts = %+v", host.Mounts)
	}
	// A partitioned node must fail its lookups of etcd1..3 fast, or
	// Patroni's loop waits in them past retry_timeout (docs/failover.md).
	if !contains(host.DNSOptions, "timeout:1") || !contains(host.DNSOptions, "attempts:1") {
		t.Errorf("dns options = %v, want the compose file's timeout:1 attempts:1", host.DNSOptions)
	}
	ep := netCfg.EndpointsConfig["pglab-d0_default"]
	if ep == nil || !contains(ep.Aliases, "postgres1") || string(host.NetworkMode) != "pglab-d0_default" {
		t.Errorf("network = %s %+v", host.NetworkMode, netCfg.EndpointsConfig)
	}

	_, host, _, err = containerSpec("d0", dir, p, p.Services["haproxy"], topology.HAProxy, ports)
	if err != nil {
		t.Fatal(err)
	}
	b := host.PortBindings[network.MustParsePort("5432/tcp")]
	if len(b) != 1 || b[0].HostIP.String() != Loopback || b[0].HostPort != "40001" {
		t.Errorf("haproxy 5432 published as %+v, want %s:40001", b, Loopback)
	}
}

func TestContainerSpecRejectsABadDNSAddress(t *testing.T) {
	content, _ := pglab.Files.ReadFile("docker-compose.yaml")
	p, err := topology.Load(context.Background(), "docker-compose.yaml", content, map[string]string{"PATRONI_SUPERUSER_PASSWORD": "su"})
	if err != nil {
		t.Fatal(err)
	}
	s := p.Services["etcd1"]
	s.DNS = []string{"dns.example"}
	_, _, _, err = containerSpec("d0", t.TempDir(), p, s, topology.Etcd, nil)
	if err == nil || !strings.Contains(err.Error(), `dns "dns.example" is not an address`) {
		t.Fatalf("err = %v, want the bad dns address named", err)
	}
}

func TestContainerSpecRejectsMissingBindSource(t *testing.T) {
	content, _ := pglab.Files.ReadFile("docker-compose.yaml")
	p, err := topology.Load(context.Background(), "docker-compose.yaml", content, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, err = containerSpec("d0", t.TempDir(), p, p.Services["haproxy"], topology.HAProxy, map[string]int{"haproxy:5432": 1, "haproxy:7000": 2})
	if err == nil || !strings.Contains(err.Error(), "haproxy.cfg") {
		t.Fatalf("err = %v, want a missing haproxy.cfg", err)
	}
}

func TestReadEnvFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".env")
	os.WriteFile(p, []byte("# c\nA=1\n\nB = \"two\"\nbroken\n"), 0o600)
	env, err := readEnvFile(p)
	if err != nil || env["A"] != "1" || env["B"] != "two" || len(env) != 2 {
		t.Fatalf("env = %v, %v", env, err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The HA lab's published node ports are set through their variables, so
// docker-compose in the lab's directory publishes what pglab picked.
func TestPortVarsOfTheLabCompose(t *testing.T) {
	content, err := pglab.Files.ReadFile(exercise.ZooKeeper.Compose)
	if err != nil {
		t.Fatal(err)
	}
	p, err := topology.Load(context.Background(), "docker-compose.yml", content, images.Env("zookeeper"))
	if err != nil {
		t.Fatal(err)
	}
	got := portVars(content, p)
	want := map[string]string{"pg-master:5432": "PG_MASTER_PORT", "pg-slave:5432": "PG_SLAVE_PORT",
		"haproxy:5432": "HAPROXY_PORT", "haproxy:7000": "HAPROXY_STATS_PORT"}
	if len(got) != len(want) {
		t.Errorf("portVars = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("portVars[%s] = %q, want %q", k, got[k], v)
		}
	}
	// Its balancer answers to the lab's container name on the lab's network.
	ports := map[string]int{}
	for k := range want {
		ports[k] = 40000 + len(ports)
	}
	dir := t.TempDir()
	if _, err := exercise.ZooKeeper.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	_, _, netCfg, err := containerSpec("z0", dir, p, p.Services["haproxy"], topology.HAProxy, ports)
	if err != nil {
		t.Fatal(err)
	}
	if ep := netCfg.EndpointsConfig["pglab-z0_default"]; ep == nil || !contains(ep.Aliases, "postgres_entrypoint") {
		t.Errorf("haproxy's endpoint %+v lacks the alias postgres_entrypoint", ep)
	}
	lay, _, err := lint.Inspect(dir)
	if err != nil {
		t.Fatal(err)
	}
	if prof := profileOf(&lay); prof.Name != "zookeeper" {
		t.Errorf("profileOf(lab files) = %q; want zookeeper", prof.Name)
	}
}

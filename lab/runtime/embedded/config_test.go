package embedded

import (
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/topology"
)

// testPorts gives every node of a profile's topology distinct ports.
func testPorts(t *testing.T, profiles ...exercise.Profile) (topology.Topology, Ports) {
	t.Helper()
	p := exercise.Etcd
	if len(profiles) > 0 {
		p = profiles[0]
	}
	topo, err := runtime.LabTopology(p)
	if err != nil {
		t.Fatal(err)
	}
	ports := Ports{}
	next := 41000
	for _, n := range topo.Nodes {
		for _, p := range n.Ports {
			ports[Key(n.Name, p)] = next
			next++
		}
	}
	return topo, ports
}

func TestPatroniConfigRewritesEveryAddress(t *testing.T) {
	_, ports := testPorts(t)
	asset, _ := pglab.Files.ReadFile("assets/postgres2-conf/patroni.yml")
	secrets := exercise.Secrets{Superuser: "su-pw", Replication: "repl-pw", Rewind: "rw-pw"}
	out, err := PatroniConfig(asset, PatroniParams{
		Node: "postgres2", Dir: "/lab/postgres2", PGBin: "/usr/lib/postgresql/15/bin", Ports: ports,
		DCS: topology.Etcd, DCSNodes: []string{"etcd1", "etcd2", "etcd3"}, Secrets: secrets, Timing: Timings["fast"],
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"postgres1", "postgres2:", "etcd1:", "0.0.0.0", "/opt/postgres", "/var/run/postgresql"} {
		if strings.Contains(strings.SplitN(string(out), "\n", 2)[1], host) {
			t.Errorf("derived config still names %q:\n%s", host, out)
		}
	}
	var cfg struct {
		Name    string
		Restapi struct {
			Listen         string
			ConnectAddress string `yaml:"connect_address"`
		}
		Etcd3 struct{ Hosts string }
		Boot  struct {
			DCS map[string]any `yaml:"dcs"`
		} `yaml:"bootstrap"`
		Postgresql struct {
			Listen         string
			ConnectAddress string                       `yaml:"connect_address"`
			DataDir        string                       `yaml:"data_dir"`
			BinDir         string                       `yaml:"bin_dir"`
			Auth           map[string]map[string]string `yaml:"authentication"`
			PgHba          []string                     `yaml:"pg_hba"`
		}
	}
	if err := yaml.Unmarshal(out, &cfg); err != nil {
		t.Fatal(err)
	}
	rest := "127.0.0.1:" + itoa(ports.Of("postgres2", 8008))
	pg := "127.0.0.1:" + itoa(ports.Of("postgres2", 5432))
	checks := map[string][2]string{
		"name":                       {cfg.Name, "postgres2"},
		"restapi.listen":             {cfg.Restapi.Listen, rest},
		"restapi.connect_address":    {cfg.Restapi.ConnectAddress, rest},
		"postgresql.listen":          {cfg.Postgresql.Listen, pg},
		"postgresql.connect_address": {cfg.Postgresql.ConnectAddress, pg},
		"etcd3.hosts":                {cfg.Etcd3.Hosts, ports.Addr("etcd1", 2379) + "," + ports.Addr("etcd2", 2379) + "," + ports.Addr("etcd3", 2379)},
		"data_dir":                   {cfg.Postgresql.DataDir, "/lab/postgres2/data"},
		"bin_dir":                    {cfg.Postgresql.BinDir, "/usr/lib/postgresql/15/bin"},
		"superuser password":         {cfg.Postgresql.Auth["superuser"]["password"], "su-pw"},
		"replication password":       {cfg.Postgresql.Auth["replication"]["password"], "repl-pw"},
		"replication username":       {cfg.Postgresql.Auth["replication"]["username"], "replicator"},
		"rewind password":            {cfg.Postgresql.Auth["rewind"]["password"], "rw-pw"},
	}
	for what, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", what, c[0], c[1])
		}
	}
	if cfg.Boot.DCS["failsafe_mode"] != true || cfg.Boot.DCS["ttl"] != 20 || cfg.Boot.DCS["loop_wait"] != 2 {
		t.Errorf("bootstrap.dcs = %v, want failsafe_mode and the fast timing", cfg.Boot.DCS)
	}
	if cfg.Boot.DCS["use_pg_rewind"] != nil || cfg.Boot.DCS["postgresql"].(map[string]any)["use_pg_rewind"] != true {
		t.Errorf("use_pg_rewind lost: %v", cfg.Boot.DCS)
	}
	// pg_hba stays as the exercise wrote it: samenet covers loopback too.
	if len(cfg.Postgresql.PgHba) == 0 || !strings.Contains(strings.Join(cfg.Postgresql.PgHba, "\n"), "replication replicator samenet") {
		t.Errorf("pg_hba = %v", cfg.Postgresql.PgHba)
	}
}

func TestPatroniConfigExerciseTimingKeepsAssetValues(t *testing.T) {
	_, ports := testPorts(t)
	asset, _ := pglab.Files.ReadFile("assets/postgres1-conf/patroni.yml")
	out, err := PatroniConfig(asset, PatroniParams{Node: "postgres1", Dir: "/d", Ports: ports, DCSNodes: []string{"etcd1"}, Timing: Timings["exercise"]})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ttl: 30", "loop_wait: 10", "retry_timeout: 10", "maximum_lag_on_failover: 1048576"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("exercise timing lost %q", want)
		}
	}
}

func TestPatroniConfigRejectsUnknownHost(t *testing.T) {
	_, ports := testPorts(t)
	asset := []byte("restapi:\n  listen: 0.0.0.0:8008\n  connect_address: postgres9:8008\npostgresql:\n  listen: 0.0.0.0:5432\n  connect_address: postgres1:5432\n")
	_, err := PatroniConfig(asset, PatroniParams{Node: "postgres1", Ports: ports})
	if err == nil || !strings.Contains(err.Error(), "postgres9") {
		t.Fatalf("err = %v, want one naming postgres9", err)
	}
}

func TestHAProxyConfig(t *testing.T) {
	_, ports := testPorts(t)
	asset, _ := pglab.Files.ReadFile("assets/haproxy/haproxy.cfg")
	out, err := HAProxyConfig(asset, "haproxy", ports, Timings["fast"])
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	wants := []string{
		"bind " + ports.Addr("haproxy", 5432),
		"bind " + ports.Addr("haproxy", 7000),
		"server postgres1 " + ports.Addr("postgres1", 5432) + " maxconn 100 check port " + itoa(ports.Of("postgres1", 8008)),
		"server postgres2 " + ports.Addr("postgres2", 5432) + " maxconn 100 check port " + itoa(ports.Of("postgres2", 8008)),
		"option httpchk GET /primary",
		"inter 1s fall 2 rise 1 on-marked-down shutdown-sessions",
		"fastinter 200ms downinter 200ms", // the replica (DOWN) checked often: its promotion is seen soon
		"log stdout",
	}
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("derived haproxy.cfg lacks %q:\n%s", w, s)
		}
	}
	for _, gone := range []string{"resolvers", "127.0.0.11", "init-addr", "*:5432"} {
		if strings.Contains(s, gone) {
			t.Errorf("derived haproxy.cfg still has %q:\n%s", gone, s)
		}
	}
	ex, _ := HAProxyConfig(asset, "haproxy", ports, Timings["exercise"])
	if !strings.Contains(string(ex), "inter 3s fall 3 rise 2") {
		t.Errorf("exercise timing lost the asset's check values:\n%s", ex)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestZooKeeperProfileConfigs(t *testing.T) {
	_, ports := testPorts(t, exercise.ZooKeeper)
	asset, _ := pglab.Files.ReadFile(exercise.ZooKeeper.Patroni["pg-slave"])
	out, err := PatroniConfig(asset, PatroniParams{Node: "pg-slave", Dir: "/lab/pg-slave", Ports: ports,
		DCS: topology.ZooKeeper, DCSNodes: []string{"zoo"}, Timing: Timings["fast"]})
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Name      string
		ZooKeeper struct{ Hosts []string } `yaml:"zookeeper"`
		Etcd3     any                      `yaml:"etcd3"`
		Boot      struct {
			DCS map[string]any `yaml:"dcs"`
		} `yaml:"bootstrap"`
		Postgresql struct {
			ConnectAddress string `yaml:"connect_address"`
		}
	}
	if err := yaml.Unmarshal(out, &cfg); err != nil {
		t.Fatal(err)
	}
	if want := []string{ports.Addr("zoo", 2181)}; len(cfg.ZooKeeper.Hosts) != 1 || cfg.ZooKeeper.Hosts[0] != want[0] || cfg.Etcd3 != nil {
		t.Errorf("DCS = zookeeper %v etcd3 %v, want zookeeper %v only", cfg.ZooKeeper.Hosts, cfg.Etcd3, want)
	}
	if cfg.Name != "postgresql1" || cfg.Postgresql.ConnectAddress != ports.Addr("pg-slave", 5432) {
		t.Errorf("name %q connect_address %q", cfg.Name, cfg.Postgresql.ConnectAddress)
	}
	if cfg.Boot.DCS["synchronous_mode"] != true {
		t.Errorf("the lab's synchronous_mode was lost: %v", cfg.Boot.DCS)
	}

	hasset, _ := pglab.Files.ReadFile(exercise.ZooKeeper.HAProxy)
	h, err := HAProxyConfig(hasset, "haproxy", ports, Timings["exercise"])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"server pg-master " + ports.Addr("pg-master", 5432) + " maxconn 100 check port " + itoa(ports.Of("pg-master", 8008)),
		"server pg-slave " + ports.Addr("pg-slave", 5432) + " maxconn 100 check port " + itoa(ports.Of("pg-slave", 8008)),
		"option httpchk\n",
	} {
		if !strings.Contains(string(h), want) {
			t.Errorf("derived lab haproxy.cfg lacks %q:\n%s", want, h)
		}
	}
}

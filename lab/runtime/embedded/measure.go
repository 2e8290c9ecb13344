package embedded

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/topology"
)

// The embedded runtime as a measure.Target: every address is a loopback
// port of this lab, the leader key is read from the lab's etcd members.

var _ measure.Target = (*ScenarioRuntime)(nil)

// MeasureEndpoints are the lab's HAProxy and PostgreSQL/Patroni addresses.
func (r *ScenarioRuntime) MeasureEndpoints() measure.Endpoints {
	ep := measure.Endpoints{
		Balancer: r.ports().Addr(r.firstOf(topology.HAProxy), topology.PortPostgres),
		User:     "postgres", Password: r.c.State.Secrets.Superuser, Database: "postgres",
	}
	for _, n := range r.topo.Of(topology.Postgres) {
		ep.Nodes = append(ep.Nodes, measure.Node{
			Name:     n.Name,
			Postgres: r.ports().Addr(n.Name, topology.PortPostgres),
			REST:     r.ports().Addr(n.Name, topology.PortPatroni),
		})
	}
	return ep
}

// dcs is a client of the lab's etcd, made on first use and kept: a new
// client per 100 ms sample would cost more than the read.
type dcs struct {
	once sync.Once
	cli  *clientv3.Client
	key  string
	err  error
}

var dcsClients sync.Map // lab dir -> *dcs

func (r *ScenarioRuntime) dcs() (*dcs, error) {
	v, _ := dcsClients.LoadOrStore(r.c.State.Dir, &dcs{})
	d := v.(*dcs)
	d.once.Do(func() {
		var eps []string
		for _, n := range r.topo.Of(topology.Etcd) {
			eps = append(eps, httpURL(r.ports().Addr(n.Name, topology.PortEtcdClient)))
		}
		if len(eps) == 0 {
			d.err = fmt.Errorf("the leader key: this lab's DCS is not etcd")
			return
		}
		d.key, d.err = r.leaderKey()
		if d.err != nil {
			return
		}
		d.cli, d.err = clientv3.New(clientv3.Config{Endpoints: eps, DialTimeout: time.Second, Logger: zap.NewNop()})
	})
	return d, d.err
}

// leaderKey is Patroni's etcd3 key of the leader: /NAMESPACE/SCOPE/leader,
// from the first node's derived config.
func (r *ScenarioRuntime) leaderKey() (string, error) {
	b, err := os.ReadFile(PatroniConfigPath(r.c.State, r.firstOf(topology.Postgres)))
	if err != nil {
		return "", fmt.Errorf("the leader key: %w", err)
	}
	var cfg struct {
		Scope     string `yaml:"scope"`
		Namespace string `yaml:"namespace"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		return "", fmt.Errorf("the leader key: %w", err)
	}
	ns := strings.Trim(cfg.Namespace, "/")
	if ns == "" {
		ns = "service" // Patroni's default namespace
	}
	return "/" + ns + "/" + cfg.Scope + "/leader", nil
}

// DCSLeader reads the leader key (a linearizable read: what Patroni would
// see) and how long its lease has left.
func (r *ScenarioRuntime) DCSLeader(ctx context.Context) (string, time.Duration, error) {
	d, err := r.dcs()
	if err != nil {
		return "", 0, err
	}
	resp, err := d.cli.Get(ctx, d.key)
	if err != nil {
		return "", 0, err
	}
	if len(resp.Kvs) == 0 {
		return "", 0, nil
	}
	kv := resp.Kvs[0]
	var left time.Duration
	if kv.Lease != 0 {
		if ttl, err := d.cli.TimeToLive(ctx, clientv3.LeaseID(kv.Lease)); err == nil && ttl.TTL > 0 {
			left = time.Duration(ttl.TTL) * time.Second
		}
	}
	return string(kv.Value), left, nil
}

// Balancer reads HAProxy's stats CSV.
func (r *ScenarioRuntime) Balancer(ctx context.Context) (map[string]string, error) {
	return probe.HAProxyServers(ctx, r.ports().Addr(r.firstOf(topology.HAProxy), topology.PortStats))
}

// NodeLog is the node's log file in the lab directory.
func (r *ScenarioRuntime) NodeLog(node string) ([]byte, error) {
	return os.ReadFile(filepath.Join(r.c.State.Dir, "logs", node+".log"))
}

var durRE = regexp.MustCompile(`^(\d+)(ms|s|m)?$`)

// Timing reads Patroni's dynamic config (GET /config) and HAProxy's
// default-server line.
func (r *ScenarioRuntime) Timing(ctx context.Context) (measure.Timing, error) {
	t := measure.Timing{Profile: r.c.State.Timing}
	var cfg struct {
		TTL          int  `json:"ttl"`
		LoopWait     int  `json:"loop_wait"`
		RetryTimeout int  `json:"retry_timeout"`
		Failsafe     bool `json:"failsafe_mode"`
		Sync         bool `json:"synchronous_mode"`
	}
	var lastErr error
	for _, n := range r.topo.Of(topology.Postgres) {
		lastErr = getJSON(ctx, "http://"+r.ports().Addr(n.Name, topology.PortPatroni)+"/config", &cfg)
		if lastErr == nil {
			break
		}
	}
	if lastErr != nil {
		return t, fmt.Errorf("patroni /config: %w", lastErr)
	}
	t.TTL, t.LoopWait, t.RetryTimeout, t.Failsafe, t.Synchronous = cfg.TTL, cfg.LoopWait, cfg.RetryTimeout, cfg.Failsafe, cfg.Sync
	b, err := os.ReadFile(filepath.Join(r.c.State.Dir, r.firstOf(topology.HAProxy), "haproxy.cfg"))
	if err != nil {
		return t, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "default-server" {
			continue
		}
		for i := 1; i+1 < len(f); i++ {
			switch f[i] {
			case "inter":
				if m := durRE.FindStringSubmatch(f[i+1]); m != nil {
					v, _ := strconv.Atoi(m[1])
					unit := map[string]time.Duration{"": time.Millisecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute}[m[2]]
					t.Inter = time.Duration(v) * unit
				}
			case "fall":
				t.Fall, _ = strconv.Atoi(f[i+1])
			case "rise":
				t.Rise, _ = strconv.Atoi(f[i+1])
			}
		}
	}
	return t, nil
}

func getJSON(ctx context.Context, url string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

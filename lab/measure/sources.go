package measure

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-zookeeper/zk"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/pglab/pglab/lab/patroni"
)

// What every runtime's Target reads the same way: the leader key in etcd,
// Patroni's dynamic configuration and HAProxy's check settings. Only the
// addresses differ between runtimes.

// EtcdLeader reads Patroni's leader key from etcd with one client, made
// on first use and kept: a new client per 100 ms sample would cost more
// than the read.
type EtcdLeader struct {
	once sync.Once
	cli  *clientv3.Client
	key  string
	err  error
}

// LeaderKey is Patroni's key of the leader, in etcd3 as in ZooKeeper:
// /NAMESPACE/SCOPE/leader (namespace "service" by default).
func LeaderKey(namespace, scope string) string {
	ns := strings.Trim(namespace, "/")
	if ns == "" {
		ns = "service"
	}
	return "/" + ns + "/" + scope + "/leader"
}

// Read returns the member the key names ("" when there is none) and how
// long its lease has left (a linearizable read: what Patroni would see).
// connect gives the client endpoints (http://host:port) and the key, once.
func (d *EtcdLeader) Read(ctx context.Context, connect func() (endpoints []string, key string, err error)) (string, time.Duration, error) {
	d.once.Do(func() {
		var eps []string
		eps, d.key, d.err = connect()
		if d.err == nil && len(eps) == 0 {
			d.err = fmt.Errorf("the leader key: no etcd member address (is every etcd member down?)")
		}
		if d.err == nil {
			d.cli, d.err = clientv3.New(clientv3.Config{Endpoints: eps, DialTimeout: time.Second, Logger: zap.NewNop()})
		}
	})
	if d.err != nil {
		return "", 0, d.err
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

// Close releases the client.
func (d *EtcdLeader) Close() error {
	if d.cli != nil {
		return d.cli.Close()
	}
	return nil
}

// ReadTiming asks the first REST API that answers for Patroni's dynamic
// configuration (GET /config) and reads HAProxy's default-server line.
func ReadTiming(ctx context.Context, profile string, rest []string, haproxyCfg []byte) (Timing, error) {
	t := Timing{Profile: profile}
	var cfg patroni.Config
	err := fmt.Errorf("no Patroni REST address")
	for _, a := range rest {
		if a == "" {
			continue
		}
		if cfg, err = patroni.GetConfig(ctx, a); err == nil {
			break
		}
	}
	if err != nil {
		return t, fmt.Errorf("patroni /config: %w", err)
	}
	t.TTL, t.LoopWait, t.RetryTimeout, t.Failsafe, t.Synchronous = cfg.TTL, cfg.LoopWait, cfg.RetryTimeout, cfg.FailsafeMode, cfg.SynchronousMode
	t.Inter, t.DownInter, t.Fall, t.Rise = HAProxyChecks(haproxyCfg)
	return t, nil
}

var durRE = regexp.MustCompile(`^(\d+)(ms|s|m)?$`)

// HAProxyChecks reads inter, downinter, fall and rise from a config's
// default-server line (HAProxy's unit-less times are milliseconds).
func HAProxyChecks(cfg []byte) (inter, downinter time.Duration, fall, rise int) {
	for _, line := range strings.Split(string(cfg), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "default-server" {
			continue
		}
		dur := func(s string) time.Duration {
			m := durRE.FindStringSubmatch(s)
			if m == nil {
				return 0
			}
			v, _ := strconv.Atoi(m[1])
			return time.Duration(v) * map[string]time.Duration{"": time.Millisecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute}[m[2]]
		}
		for i := 1; i+1 < len(f); i++ {
			switch f[i] {
			case "inter":
				inter = dur(f[i+1])
			case "downinter":
				downinter = dur(f[i+1])
			case "fall":
				fall, _ = strconv.Atoi(f[i+1])
			case "rise":
				rise, _ = strconv.Atoi(f[i+1])
			}
		}
	}
	return inter, downinter, fall, rise
}

// ZooKeeperLeader reads Patroni's leader znode (/NAMESPACE/SCOPE/leader,
// an ephemeral node holding the member's name) with one client, made on
// first use and kept. ZooKeeper has no lease to read: the node lives as
// long as its owner's session, whose timeout Patroni sets to ttl, so
// the lease left is reported unknown (0).
type ZooKeeperLeader struct {
	once sync.Once
	conn *zk.Conn
	path string
	err  error
}

type quietZK struct{}

func (quietZK) Printf(string, ...any) {}

// Read returns the member the leader znode names ("" when there is none).
// connect gives the servers (host:port) and the znode's path, once.
func (d *ZooKeeperLeader) Read(ctx context.Context, connect func() (servers []string, path string, err error)) (string, time.Duration, error) {
	d.once.Do(func() {
		var servers []string
		servers, d.path, d.err = connect()
		if d.err == nil && len(servers) == 0 {
			d.err = fmt.Errorf("the leader key: no ZooKeeper server address")
		}
		if d.err == nil {
			// The session only serves reads; a short timeout makes a lost
			// server show as an error quickly.
			d.conn, _, d.err = zk.Connect(servers, 4*time.Second, zk.WithLogger(quietZK{}), zk.WithLogInfo(false))
		}
	})
	if d.err != nil {
		return "", 0, d.err
	}
	// Get has no context: it answers when the server does, so wait for it
	// no longer than ctx allows.
	type answer struct {
		data []byte
		err  error
	}
	ch := make(chan answer, 1)
	go func() {
		data, _, err := d.conn.Get(d.path)
		ch <- answer{data, err}
	}()
	select {
	case a := <-ch:
		if errors.Is(a.err, zk.ErrNoNode) {
			return "", 0, nil
		}
		return string(a.data), 0, a.err
	case <-ctx.Done():
		return "", 0, ctx.Err()
	}
}

// Close releases the client.
func (d *ZooKeeperLeader) Close() error {
	if d.conn != nil {
		d.conn.Close()
	}
	return nil
}

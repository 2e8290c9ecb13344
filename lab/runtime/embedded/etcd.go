package embedded

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"

	"github.com/pglab/pglab/lab/topology"
)

// etcdMember is one member of the lab's etcd cluster, hosted in this
// process and stoppable on its own like a container.
type etcdMember struct {
	name    string
	dir     string
	logPath string
	cluster string // the --initial-cluster value shared by every member
	ports   Ports

	mu   sync.Mutex
	etcd *embed.Etcd
}

func newEtcdMembers(names []string, labDir string, ports Ports) []*etcdMember {
	var peers []string
	for _, n := range names {
		peers = append(peers, n+"="+httpURL(ports.Addr(n, topology.PortEtcdPeer)))
	}
	members := make([]*etcdMember, len(names))
	for i, n := range names {
		members[i] = &etcdMember{
			name:    n,
			dir:     filepath.Join(labDir, n),
			logPath: filepath.Join(labDir, "logs", n+".log"),
			cluster: strings.Join(peers, ","),
			ports:   ports,
		}
	}
	return members
}

func httpURL(addr string) string { return "http://" + addr }

func mustURL(s string) url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err) // built from loopback addresses above
	}
	return *u
}

// start launches the member; it does not wait for the cluster to form,
// since a member only becomes ready once a quorum is up.
func (m *etcdMember) start() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.etcd != nil {
		return fmt.Errorf("start %s: already running", m.name)
	}
	cfg := embed.NewConfig()
	cfg.Name = m.name
	cfg.Dir = filepath.Join(m.dir, "data")
	client := mustURL(httpURL(m.ports.Addr(m.name, topology.PortEtcdClient)))
	peer := mustURL(httpURL(m.ports.Addr(m.name, topology.PortEtcdPeer)))
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{client}, []url.URL{client}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{peer}, []url.URL{peer}
	cfg.InitialCluster = m.cluster
	cfg.InitialClusterToken = "pglab-etcd"
	cfg.ClusterState = embed.ClusterStateFlagNew // ignored once the data dir exists
	cfg.LogOutputs = []string{m.logPath}
	cfg.LogLevel = "info"
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return fmt.Errorf("start %s: %w", m.name, err)
	}
	m.etcd = e
	return nil
}

// ready returns a channel closed when the member has joined the cluster.
func (m *etcdMember) ready() <-chan struct{} {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.etcd == nil {
		c := make(chan struct{})
		return c
	}
	return m.etcd.Server.ReadyNotify()
}

// failed returns a channel that receives the member's fatal error.
func (m *etcdMember) failed() <-chan error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.etcd == nil {
		return nil
	}
	return m.etcd.Err()
}

// stop shuts the member down; hard skips the graceful leader transfer, the
// nearest an in-process member gets to SIGKILL.
func (m *etcdMember) stop(hard bool) {
	m.mu.Lock()
	e := m.etcd
	m.etcd = nil
	m.mu.Unlock()
	if e == nil {
		return
	}
	if hard {
		e.Server.HardStop()
	}
	e.Close()
}

func (m *etcdMember) running() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.etcd != nil
}

// clusterHealthy does a quorum read through the given members' endpoints.
func clusterHealthy(ctx context.Context, endpoints []string) error {
	cli, err := clientv3.New(clientv3.Config{
		Endpoints:   endpoints,
		DialTimeout: 2 * time.Second,
		Logger:      zap.NewNop(),
	})
	if err != nil {
		return err
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, err = cli.Get(ctx, "health")
	return err
}

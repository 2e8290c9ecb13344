package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/load"
	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/topology"
)

// The embedded partition of the leader, under load, seen from outside
// pglab: once `pglab partition` has returned, the leader's lease is never
// refreshed again (an etcd client of the test's own reads its time to live
// every 100 ms), and no packet of a connection the node held to an etcd
// member at the cut leaves for that member (an nftables counter of the
// test's own, after the cut's chain, on those connections' ports). Issue
// 20: a closed socket's queued request got through and refreshed the lease
// seconds after the cut.
func TestEmbeddedPartitionCutsAtOnce(t *testing.T) {
	needStack(t)
	if os.Geteuid() != 0 {
		t.Skip("the embedded partition needs root: each node's own group, and nftables")
	}
	e := newLabEnv(t, "pcut")
	e.must("up", "-d", "--timing", "fast")
	t.Setenv("PGLAB_HOME", e.home)
	st, err := labdir.Load(e.name)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// The bench's writer, through HAProxy.
	lo := load.Options{Addr: addr(st, "haproxy", topology.PortPostgres), User: "postgres", Password: st.Secrets.Superuser, Database: "postgres", Run: "pcut", Rate: 100, Max: 2 * time.Minute}
	if err := load.Prepare(ctx, lo, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	w, err := load.Start(ctx, lo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Stop() })

	var eps []string
	var etcdPorts []int
	for _, m := range []string{"etcd1", "etcd2", "etcd3"} {
		eps = append(eps, "http://"+addr(st, m, topology.PortEtcdClient))
		etcdPorts = append(etcdPorts, st.Ports[m+":2379"])
	}
	cli, err := clientv3.New(clientv3.Config{Endpoints: eps, DialTimeout: 2 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	key := measure.LeaderKey("", "service")
	lease := func() (string, clientv3.LeaseID, int64, error) {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		r, err := cli.Get(ctx, key)
		if err != nil || len(r.Kvs) == 0 {
			return "", 0, 0, fmt.Errorf("get %s: %v (%d keys)", key, err, len(r.Kvs))
		}
		id := clientv3.LeaseID(r.Kvs[0].Lease)
		ttl, err := cli.TimeToLive(ctx, id)
		if err != nil {
			return "", 0, 0, err
		}
		return string(r.Kvs[0].Value), id, ttl.TTL, nil
	}
	// Three seconds of load first: the cut lands on a leader at work.
	e.waitFor("3 s of acknowledged writes", 30*time.Second, func() (bool, string) {
		return w.Acked() >= 300, fmt.Sprintf("%d acknowledged", w.Acked())
	})
	leader, _, _, err := lease()
	if err != nil {
		t.Fatal(err)
	}

	// The node's connections to the etcd members, and a counter of the
	// packets that still leave on them after the cut's chain.
	ports := etcdConnPorts(t, filepath.Join(st.Dir, leader, "patroni.yml"), etcdPorts)
	if len(ports) == 0 {
		t.Fatalf("%s holds no connection to an etcd member (%v)", leader, etcdPorts)
	}
	table := "pglab_test_" + e.name + "_count"
	nft(t, "-f", "-", fmt.Sprintf(`table inet %s {
	chain out {
		type filter hook output priority 100; policy accept;
		tcp sport { %s } tcp dport { %s } counter
	}
}
`, table, joinInts(ports), joinInts(etcdPorts)))
	t.Cleanup(func() { _ = exec.Command("nft", "delete", "table", "inet", table).Run() })

	e.must("partition", leader)
	cut := time.Now()
	_, id, left, err := lease()
	if err != nil {
		t.Fatal(err)
	}
	before := counted(t, table)
	t.Logf("%s partitioned at %s: lease %x has %d s left; its connections to etcd from ports %v", leader, cut.Format("15:04:05.000"), id, left, ports)

	// Watch until the lease is gone (ttl at most) or 12 s have passed:
	// Patroni times its requests out and closes their sockets within
	// retry_timeout (4 s).
	deadline := time.Now().Add(12 * time.Second)
	for time.Now().Before(deadline) {
		who, cur, l, err := lease()
		if err != nil || cur != id || who != leader {
			break // expired, or another leader: nothing more to refresh
		}
		if l > left {
			t.Fatalf("the lease of the partitioned %s was refreshed %.2f s after `pglab partition` returned: %d s left, then %d s", leader, time.Since(cut).Seconds(), left, l)
		}
		left = l
		time.Sleep(100 * time.Millisecond) // the poller's period, not a synchronisation
	}
	if n := counted(t, table) - before; n > 0 {
		t.Errorf("%d packet(s) left %s's connections for an etcd member after `pglab partition` returned (nft counter on ports %v)", n, leader, ports)
	}
	e.must("heal", leader)
}

func addr(st *labdir.State, node string, port int) string {
	return "127.0.0.1:" + strconv.Itoa(st.Ports[node+":"+strconv.Itoa(port)])
}

func joinInts(ns []int) string {
	var s []string
	for _, n := range ns {
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, ", ")
}

func nft(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command("nft", args[:len(args)-1]...)
	cmd.Stdin = strings.NewReader(args[len(args)-1])
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nft %v: %v\n%s", args, err, out)
	}
}

var counterRE = regexp.MustCompile(`counter packets (\d+)`)

// counted reads the packets of the table's counter.
func counted(t *testing.T, table string) int {
	t.Helper()
	out, err := exec.Command("nft", "list", "table", "inet", table).CombinedOutput()
	if err != nil {
		t.Fatalf("nft list table %s: %v\n%s", table, err, out)
	}
	m := counterRE.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no counter in table %s:\n%s", table, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// etcdConnPorts finds the local ports of the TCP connections to the etcd
// ports held by the processes of a node: the Patroni running config and
// every process of its group (its PostgreSQL), from /proc.
func etcdConnPorts(t *testing.T, config string, etcdPorts []int) []int {
	t.Helper()
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	gid := ""
	for _, e := range ents {
		b, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && strings.Contains(string(b), config) {
			gid = procGid(e.Name())
			break
		}
	}
	if gid == "" {
		t.Fatalf("no process runs %s", config)
	}
	inodes := map[string]bool{}
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err != nil || procGid(e.Name()) != gid {
			continue
		}
		fds, _ := os.ReadDir("/proc/" + e.Name() + "/fd")
		for _, fd := range fds {
			l, err := os.Readlink("/proc/" + e.Name() + "/fd/" + fd.Name())
			if err == nil && strings.HasPrefix(l, "socket:[") {
				inodes[strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]")] = true
			}
		}
	}
	want := map[int]bool{}
	for _, p := range etcdPorts {
		want[p] = true
	}
	var out []int
	f, err := os.Open("/proc/net/tcp")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
		f := strings.Fields(sc.Text())
		if len(f) < 10 || !inodes[f[9]] {
			continue
		}
		local, _ := strconv.ParseInt(f[1][strings.IndexByte(f[1], ':')+1:], 16, 32)
		remote, _ := strconv.ParseInt(f[2][strings.IndexByte(f[2], ':')+1:], 16, 32)
		if want[int(remote)] {
			out = append(out, int(local))
		}
	}
	return out
}

// procGid is a process's real group, from /proc/PID/status.
func procGid(pid string) string {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(b), "\n") {
		if g, ok := strings.CutPrefix(l, "Gid:"); ok {
			if f := strings.Fields(g); len(f) > 0 {
				return f[0]
			}
		}
	}
	return ""
}

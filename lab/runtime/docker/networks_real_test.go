package docker

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/moby/moby/client"
	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/progress"
)

// The layout of answers that pin every address (mbogner-pgclusterp in the
// lint corpus): etcd on one network, PostgreSQL on that one and a second,
// HAProxy on the second only, each container at the ipv4_address the file
// gives it in a subnet the file fixes. The lab boots, each node keeps its
// addresses, and a partition takes a node off both its networks and
// healing puts it back at the same addresses.
func TestFixedAddressesOnSeveralNetworks(t *testing.T) {
	engine(t)
	t.Setenv("PGLAB_HOME", t.TempDir())
	const name = "dnet"
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cli, err := images.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	nets := freeSubnets(ctx, t, cli, 2)
	dcs, db := nets[0], nets[1]
	at := func(p netip.Prefix, host byte) string {
		a := p.Addr().As4()
		a[3] = host
		return netip.AddrFrom4(a).String()
	}
	want := map[string]map[string]string{ // service → network → address
		"etcd1":     {"dcs": at(dcs, 11)},
		"etcd2":     {"dcs": at(dcs, 12)},
		"etcd3":     {"dcs": at(dcs, 13)},
		"postgres1": {"dcs": at(dcs, 51), "db": at(db, 51)},
		"postgres2": {"dcs": at(dcs, 52), "db": at(db, 52)},
		"haproxy":   {"db": at(db, 150)},
	}

	dir := t.TempDir()
	if _, err := exercise.Init(dir, false); err != nil {
		t.Fatal(err)
	}
	composePath := filepath.Join(dir, "docker-compose.yaml")
	b, err := os.ReadFile(composePath)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	services := doc["services"].(map[string]any)
	for svc, addrs := range want {
		n := map[string]any{}
		for net, a := range addrs {
			n[net] = map[string]any{"ipv4_address": a}
		}
		services[svc].(map[string]any)["networks"] = n
	}
	doc["networks"] = map[string]any{
		"dcs": map[string]any{"ipam": map[string]any{"config": []any{map[string]any{"subnet": dcs.String(), "gateway": at(dcs, 1)}}}},
		"db":  map[string]any{"ipam": map[string]any{"config": []any{map[string]any{"subnet": db.String()}}}},
	}
	if b, err = yaml.Marshal(doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(composePath, b, 0o644); err != nil {
		t.Fatal(err)
	}

	t.Cleanup(func() {
		if err := Down(context.Background(), name, false); err != nil {
			t.Errorf("down: %v", err)
		}
	})
	c, err := Start(ctx, Options{Name: name, From: dir}, progress.New(testWriter{t}))
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	defer c.Close()

	addresses := func(node string) map[string]string {
		res, err := cli.ContainerInspect(ctx, ContainerName(name, node), client.ContainerInspectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for net, ep := range res.Container.NetworkSettings.Networks {
			got[net] = ep.IPAddress.String()
		}
		return got
	}
	check := func(when string) {
		for svc, addrs := range want {
			got := addresses(svc)
			if len(got) != len(addrs) {
				t.Errorf("%s: %s is on %v, want %v", when, svc, got, addrs)
			}
			for net, a := range addrs {
				if got[resourceName(name, net)] != a {
					t.Errorf("%s: %s on %s = %q, want %s", when, svc, net, got[resourceName(name, net)], a)
				}
			}
		}
	}
	check("after start") // Start waited for a leader, a streaming replica and HAProxy's route

	replica := other(c, c.Leader(ctx))
	if _, err := c.Do(ctx, replica, Partition); err != nil {
		t.Fatalf("partition %s: %v", replica, err)
	}
	if got := addresses(replica); len(got) != 0 {
		t.Errorf("partitioned %s is still on %v", replica, got)
	}
	if _, err := c.Do(ctx, replica, Heal); err != nil {
		t.Fatalf("heal %s: %v", replica, err)
	}
	check("after healing " + replica)
	if err := c.WaitStreaming(ctx, 2*time.Minute, 1); err != nil {
		t.Errorf("after healing: %v", err)
	}
}

// freeSubnets picks n /24 subnets in 10.240.0.0/12 that no network of the
// engine overlaps (other labs may be running).
func freeSubnets(ctx context.Context, t *testing.T, cli *client.Client, n int) []netip.Prefix {
	t.Helper()
	res, err := cli.NetworkList(ctx, client.NetworkListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var taken []netip.Prefix
	for _, nw := range res.Items {
		for _, c := range nw.IPAM.Config {
			taken = append(taken, c.Subnet)
		}
	}
	var out []netip.Prefix
	for i := 0; i < 4096 && len(out) < n; i++ {
		p := netip.MustParsePrefix(fmt.Sprintf("10.%d.%d.0/24", 240+i/256, i%256))
		free := true
		for _, q := range taken {
			if q.IsValid() && q.Overlaps(p) {
				free = false
			}
		}
		if free {
			out = append(out, p)
		}
	}
	if len(out) < n {
		t.Fatal("no free subnet in 10.240.0.0/12")
	}
	return out
}

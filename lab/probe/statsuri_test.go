package probe

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/wait"
)

// The stats page is read at the config's `stats uri`, asked of a real
// HAProxy: utsavpal's `stats uri /stats` answers the CSV there and not at /.
func TestStatsPageAtItsURI(t *testing.T) {
	bin, err := exec.LookPath("haproxy")
	if err != nil {
		t.Skip("no haproxy (scripts/deps.sh installs it)")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cfg := filepath.Join(t.TempDir(), "haproxy.cfg")
	os.WriteFile(cfg, []byte(`global
    maxconn 100
defaults
    mode tcp
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend stats
    bind 127.0.0.1:`+strconv.Itoa(port)+`
    mode http
    stats enable
    stats uri /stats
backend pg_primary_backend
    server patroni1 127.0.0.1:1 disabled
`), 0o644)
	cmd := exec.Command(bin, "-db", "-f", cfg)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := "127.0.0.1:" + strconv.Itoa(port)
	page := StatsPage(addr, "/stats")
	if page != addr+"/stats" {
		t.Fatalf("StatsPage = %q", page)
	}
	var got map[string]string
	err = wait.Until(context.Background(), "HAProxy's stats page at /stats", 10*time.Second, func(ctx context.Context) (bool, string) {
		got, err = HAProxyServers(ctx, page)
		if err != nil {
			return false, err.Error()
		}
		return true, ""
	})
	if err != nil {
		t.Fatal(err)
	}
	if got["patroni1"] != "MAINT" {
		t.Errorf("servers %v: want patroni1 MAINT", got)
	}
	// At / that HAProxy answers no stats (what pglab read before).
	if _, err := HAProxyServers(context.Background(), StatsPage(addr, "/")); err == nil {
		t.Errorf("stats read at / although the config's uri is /stats")
	}
	c, err := StatsCommand(page)
	if err != nil {
		t.Skip(err)
	}
	if want := "curl -s 'http://" + addr + "/stats;csv' | cut -d, -f1,2,18"; c.Display != want {
		t.Errorf("shown %q, want %q", c.Display, want)
	}
}

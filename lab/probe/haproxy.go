package probe

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/runtime"
)

// HAProxyServers reads the stats page's CSV export and returns each
// backend server's status ("UP", "DOWN", "UP 1/3", "MAINT"...).
func HAProxyServers(ctx context.Context, statsAddr string) (map[string]string, error) {
	return BalancerServers(ctx, statsAddr, "", nil)
}

// BalancerServers reads the stats page's CSV export: the status of each
// server of proxy (every proxy but stats when ""), keyed by the node
// serverNode names for it (the server's own name when it names none): a
// candidate's haproxy.cfg names its servers as it likes.
func BalancerServers(ctx context.Context, statsAddr, proxy string, serverNode map[string]string) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+statsAddr+"/;csv", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("haproxy stats: %w", err)
	}
	defer resp.Body.Close()
	r := csv.NewReader(resp.Body)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		return nil, fmt.Errorf("haproxy stats: unreadable CSV: %v", err)
	}
	header := rows[0]
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(strings.TrimSpace(h), "# ")] = i
	}
	sv, okName := col["svname"]
	st, okStatus := col["status"]
	if !okName || !okStatus {
		return nil, fmt.Errorf("haproxy stats: no svname or status column")
	}
	out := map[string]string{}
	for _, row := range rows[1:] {
		if len(row) <= st || row[sv] == "FRONTEND" || row[sv] == "BACKEND" || row[0] == "stats" {
			continue
		}
		if proxy != "" && row[0] != proxy {
			continue
		}
		name := row[sv]
		if n := serverNode[name]; n != "" {
			name = n
		}
		out[name] = row[st]
	}
	return out, nil
}

// StatsCommand is the balancer-stats step on every runtime: HAProxy's
// stats page (host:port) as CSV, cut to proxy, server and status (the
// first, second and 18th fields), with the host's curl.
func StatsCommand(statsAddr string) (runtime.Command, error) {
	if _, err := hostbin.Look("curl", "curl"); err != nil {
		return runtime.Command{}, err
	}
	url := "http://" + statsAddr + "/;csv"
	return runtime.Command{Shell: true, Display: "curl -s " + runtime.Quote([]string{url}) + " | cut -d, -f1,2,18"}, nil
}

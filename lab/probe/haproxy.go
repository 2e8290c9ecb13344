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

// StatsPage is where a stats page is, as the Stats functions of this
// package take it: addr (host:port) and the haproxy.cfg's `stats uri`
// ("" is /). "" when addr is.
func StatsPage(addr, uri string) string {
	if addr == "" {
		return ""
	}
	if uri == "" {
		uri = "/"
	}
	return addr + uri
}

// csvURL is the stats page's CSV export: HAProxy takes the ";csv" option
// after its `stats uri` (/;csv, /stats;csv, /haproxy?stats;csv). A page
// given as host:port alone is at /.
func csvURL(page string) string {
	if !strings.Contains(page, "/") {
		page += "/"
	}
	return "http://" + page + ";csv"
}

// HAProxyServers reads the stats page's (StatsPage) CSV export and returns each
// backend server's status ("UP", "DOWN", "UP 1/3", "MAINT"...).
func HAProxyServers(ctx context.Context, statsPage string) (map[string]string, error) {
	return BalancerServers(ctx, statsPage, "", nil)
}

// BalancerServers reads the stats page's CSV export: the status of each
// server of proxy (every proxy but stats when ""), keyed by the node
// serverNode names for it (the server's own name when it names none): a
// candidate's haproxy.cfg names its servers as it likes.
func BalancerServers(ctx context.Context, statsPage, proxy string, serverNode map[string]string) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, csvURL(statsPage), nil)
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
// stats page (StatsPage) as CSV, cut to proxy, server and status (the
// first, second and 18th fields), with the host's curl.
func StatsCommand(statsPage string) (runtime.Command, error) {
	if _, err := hostbin.Look("curl", "curl"); err != nil {
		return runtime.Command{}, err
	}
	url := csvURL(statsPage)
	return runtime.Command{Shell: true, Display: "curl -s " + runtime.Quote([]string{url}) + " | cut -d, -f1,2,18"}, nil
}

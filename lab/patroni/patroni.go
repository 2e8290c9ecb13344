// Package patroni reads Patroni's REST API: who leads, who replicates and
// how far behind. Both runtimes reach the same endpoints.
package patroni

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 2 * time.Second}

// Member is one node as /cluster reports it.
type Member struct {
	Name     string `json:"name"`
	Role     string `json:"role"`  // leader, replica, sync_standby
	State    string `json:"state"` // running, streaming, stopped, starting...
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Timeline int    `json:"timeline"`
	Lag      any    `json:"lag"` // bytes, or "unknown"
	APIURL   string `json:"api_url"`
}

// Cluster is the /cluster answer.
type Cluster struct {
	Members []Member `json:"members"`
}

// Leader returns the leader's name, or "".
func (c Cluster) Leader() string {
	for _, m := range c.Members {
		if m.Role == "leader" || m.Role == "master" || m.Role == "primary" {
			return m.Name
		}
	}
	return ""
}

// Replication is one row of the primary's pg_stat_replication, as /patroni shows it.
type Replication struct {
	Usename         string `json:"usename"`
	ApplicationName string `json:"application_name"`
	ClientAddr      string `json:"client_addr"`
	State           string `json:"state"`
	SyncState       string `json:"sync_state"`
}

// Node is the /patroni answer of one node.
type Node struct {
	State       string        `json:"state"`
	Role        string        `json:"role"`
	ServerVer   int           `json:"server_version"`
	Timeline    int           `json:"timeline"`
	Replication []Replication `json:"replication"`
	Patroni     struct {
		Version string `json:"version"`
		Scope   string `json:"scope"`
	} `json:"patroni"`
}

func get(ctx context.Context, url string, v any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	// Read the whole answer: Patroni logs a traceback for a client that hangs up early.
	defer io.Copy(io.Discard, resp.Body)
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			return resp.StatusCode, fmt.Errorf("GET %s: %w", url, err)
		}
	}
	return resp.StatusCode, nil
}

// GetCluster asks one node's REST API (host:port) for the whole cluster.
func GetCluster(ctx context.Context, addr string) (Cluster, error) {
	var c Cluster
	_, err := get(ctx, "http://"+addr+"/cluster", &c)
	return c, err
}

// Config is the part of the dynamic configuration (GET /config) pglab reads.
type Config struct {
	TTL             int  `json:"ttl"`
	LoopWait        int  `json:"loop_wait"`
	RetryTimeout    int  `json:"retry_timeout"`
	SynchronousMode bool `json:"synchronous_mode"`
	FailsafeMode    bool `json:"failsafe_mode"`
}

// GetConfig asks one node's REST API for the dynamic configuration in
// force, as the DCS holds it.
func GetConfig(ctx context.Context, addr string) (Config, error) {
	var c Config
	_, err := get(ctx, "http://"+addr+"/config", &c)
	return c, err
}

// GetNode asks one node's REST API about itself.
func GetNode(ctx context.Context, addr string) (Node, error) {
	var n Node
	_, err := get(ctx, "http://"+addr+"/patroni", &n)
	return n, err
}

// IsPrimary is HAProxy's question: does /primary answer 200?
func IsPrimary(ctx context.Context, addr string) bool {
	code, err := get(ctx, "http://"+addr+"/primary", nil)
	return err == nil && code == http.StatusOK
}

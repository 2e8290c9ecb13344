package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// EtcdHealth asks an etcd member's /health endpoint (host:port): true when
// it answers {"health":"true"}, that is when the cluster has a quorum and
// this member serves reads. seen says what it answered otherwise.
func EtcdHealth(ctx context.Context, addr string) (ok bool, seen string) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/health", nil)
	if err != nil {
		return false, err.Error()
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	var h struct {
		Health string `json:"health"`
		Reason string `json:"reason"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return false, fmt.Sprintf("HTTP %d: %q", resp.StatusCode, b)
	}
	if h.Health == "true" {
		return true, ""
	}
	return false, fmt.Sprintf("health %q %s", h.Health, h.Reason)
}

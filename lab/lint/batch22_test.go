package lint

import (
	"strings"
	"testing"
)

// TestPGProxyAmongSeveral: a compose file with two HAProxy services, a
// Redis cluster's proxy (redis-proxy, redis/haproxy.cfg with Redis
// backends) and the PostgreSQL one (haproxy, postgres/haproxy.cfg with
// check port 8008): the PostgreSQL balancer is the one checked, so no "share
// no network" for the Redis proxy and no "no backend with servers" of the
// Redis config (batch 22: ubaje-consul, kind 1). With the PostgreSQL
// proxy's config naming no node and checking no 8008, lint keeps the first.
func TestPGProxyAmongSeveral(t *testing.T) {
	got := lintMap(t, realFS(t, "ubaje-consul"))
	for _, f := range got {
		if strings.Contains(f.String(), "redis-proxy") || strings.Contains(f.File, "redis/haproxy.cfg") {
			t.Errorf("the Redis proxy judged as PostgreSQL's: %s", f)
		}
	}
	// The PostgreSQL proxy off the nodes' network is still reported.
	v := variantOf(t, realFS(t, "ubaje-consul"), []edit{{file: "compose.yml", old: "        container_name: haproxy\n        networks:\n            - postgres-network\n", new: "        container_name: haproxy\n        networks:\n            - redis-network\n"}})
	if got := lintMap(t, v); !printed(got, "haproxy and patroni1 share no network") {
		t.Errorf("the PostgreSQL proxy's network not checked: %v", got)
	}
}

package lint

import "testing"

// TestServerTemplateIsServer: listen sections whose only servers are
// server-template lines (server-template a 6 patroni-a:5432 check port 8008
// resolvers docker init-addr none) have servers: HAProxy fills the slots
// from the service's DNS records (batch 17: premtsd-linkedin, kind 3).
func TestServerTemplateIsServer(t *testing.T) {
	got := lintMap(t, realFS(t, "premtsd-linkedin"))
	if findingWith(got, "no backend with servers") {
		t.Errorf("server-template lines not counted as servers: %v", got)
	}
}

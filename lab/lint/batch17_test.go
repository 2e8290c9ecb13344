package lint

import (
	"strings"
	"testing"
)

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

// TestCreateDatabaseThroughVariable: a post_bootstrap script's CREATE
// DATABASE ${APP_DB}, APP_DB set in each node service's environment
// (linkedin, linkedin_feed), creates the databases the application uses
// (batch 17: premtsd-linkedin, kind 2).
func TestCreateDatabaseThroughVariable(t *testing.T) {
	m := realFS(t, "premtsd-linkedin")
	got := lintMap(t, m)
	if findingWith(got, "which nothing in the answer creates") {
		t.Errorf("CREATE DATABASE ${APP_DB} not followed to the nodes' APP_DB: %v", got)
	}
	// Without the variable in the nodes' environment, nothing names linkedin_feed.
	m["docker-compose.yml"].Data = []byte(strings.ReplaceAll(string(m["docker-compose.yml"].Data), "APP_DB: linkedin_feed", "APP_DB_UNUSED: linkedin_feed"))
	if got := lintMap(t, m); !findingWith(got, "the database linkedin_feed, which nothing in the answer creates") {
		t.Errorf("linkedin_feed reported created with no APP_DB naming it: %v", got)
	}
}

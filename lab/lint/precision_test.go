package lint

import (
	"testing"
	"testing/fstest"
)

// TestBootstrapUsersBlameOnlyWhenUsed: Patroni 4 ignores bootstrap.users.
// That is a problem only when something of the answer connects as one of
// those users (HAProxy's pgsql-check, an application's PGUSER, a psql -U);
// otherwise nothing the exercise asks breaks and lint says so in a note,
// as it does when a script creates the user itself or the user is one
// Patroni makes anyway (the precision rule of batches 15-18: 33 true
// findings of this kind in the corpus broke nothing).
func TestBootstrapUsersBlameOnlyWhenUsed(t *testing.T) {
	const (
		blamed = "patroni.yml:33: bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it and creates none of these users, so admin, which haproxy.cfg connects as, does not exist"
		noted  = "patroni.yml:33: note: bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it and creates none of these users (admin); nothing in the answer connects as them"
		made   = "patroni.yml:33: note: bootstrap.users was removed in Patroni 4.0, which this image installs: Patroni ignores it, but the users it lists (admin) are made anyway"
	)
	m := realFS(t, "dennie-compose")
	if got := lintMap(t, m); !printed(got, blamed) {
		t.Errorf("HAProxy's pgsql-check user admin: want the problem, got %v", got)
	}
	variantOf(t, m, []edit{{file: "haproxy.cfg", old: "option pgsql-check user admin", new: "option pgsql-check user postgres"}})
	if got := lintMap(t, m); !printed(got, noted) || printed(got, blamed) {
		t.Errorf("nothing connects as admin: want the note, got %v", got)
	}
	// An application whose image reads PGUSER=admin connects as it.
	m["app/Dockerfile"] = &fstest.MapFile{Data: []byte("FROM python:3.12-slim\nENV PGHOST=haproxy PGUSER=admin\nCMD [\"python\", \"app.py\"]\n")}
	if got := lintMap(t, m); !printed(got, "so admin, which app/Dockerfile connects as, does not exist") {
		t.Errorf("an application's PGUSER=admin: want the problem, got %v", got)
	}
	// A post_bootstrap script creates it: nothing is lost.
	m["post_bootstrap.sh"] = &fstest.MapFile{Data: []byte("#!/bin/sh\npsql -c \"CREATE ROLE admin LOGIN PASSWORD 'admin'\"\n")}
	if got := lintMap(t, m); !printed(got, made) {
		t.Errorf("a script creates admin: want the note that it is made anyway, got %v", got)
	}
	// A variable in an env file nothing hands on is no connection.
	delete(m, "app/Dockerfile")
	delete(m, "post_bootstrap.sh")
	m[".env.example"] = &fstest.MapFile{Data: []byte("POSTGRES_USER=admin\n")}
	if got := lintMap(t, m); !printed(got, noted) {
		t.Errorf("POSTGRES_USER=admin in an env file nothing reads: want the note, got %v", got)
	}
}

package lint

import "testing"

// TestBatch13Rules: the mistakes and layouts batch 13 brought, each made from
// pglab's own operations-test files (exact: nothing else may be found), so
// every rule can fail on its own.
func TestBatch13Rules(t *testing.T) {
	const check = "option httpchk GET /primary\n    http-check expect status 200\n"
	postInit := edit{file: p1, old: "bootstrap:\n  dcs:\n", new: "bootstrap:\n  post_init: /usr/local/bin/init.sh\n  dcs:\n"}
	cases := []struct {
		name  string
		edits []edit
		wants []at
	}{
		{"/health with the role in http-check expect string is role-aware",
			[]edit{{file: hap, old: check, new: "option httpchk GET /health\n    http-check expect string primary\n"}},
			nil},
		{"/health with a status check answers 200 on the replica",
			[]edit{{file: hap, old: check, new: "option httpchk GET /health\n    http-check expect status 200\n"}},
			[]at{{hap, "GET /health", "the health check asks Patroni for /health: it answers 200 on the replica too"}}},
		// lint16: "replica" is also in the primary's body ("replication":
		// [{"usename": "replicator", ...}] once a replica streams), so the
		// check passes on every member: /health as asked.
		{"/health expecting the bare word replica passes on the primary too",
			[]edit{{file: hap, old: check, new: "option httpchk GET /health\n    http-check expect string replica\n"}},
			[]at{{hap, "GET /health", "the health check asks Patroni for /health: it answers 200 on the replica too"}}},
		{"two servers checking the wrong port are one finding",
			[]edit{{file: hap, old: "check port 8008", new: "check port 8009"}},
			[]at{{hap, "server postgres1", "server postgres1 checks port 8009 and server postgres2 checks port 8009 but Patroni's REST API on postgres1 and postgres2 listens on 8008 (also lines"}}},
		{"post_init in one node's bootstrap only",
			[]edit{postInit},
			[]at{{p1, "post_init", "bootstrap.post_init is only in postgres1's config, not in postgres2-conf/patroni.yml"},
				{p1, "post_init", "bootstrap.post_init runs /usr/local/bin/init.sh, but nothing puts /usr/local/bin/init.sh in the container"}}}, // lint16: nor is the script put in the image
		{"post_init in both nodes' bootstrap",
			[]edit{postInit, {file: p2, old: postInit.old, new: postInit.new}},
			[]at{{p1, "post_init", "bootstrap.post_init runs /usr/local/bin/init.sh, but nothing puts /usr/local/bin/init.sh in the container"},
				{p2, "post_init", "bootstrap.post_init runs /usr/local/bin/init.sh, but nothing puts /usr/local/bin/init.sh in the container"}}},
		{"two services publishing the same host port",
			[]edit{
				{file: dc, old: "    hostname: postgres1\n", new: "    hostname: postgres1\n    ports:\n      - \"15432:5432\"\n"},
				{file: dc, old: "    hostname: postgres2\n", new: "    hostname: postgres2\n    ports:\n      - \"15432:5432\"\n"},
			},
			[]at{{dc, "15432:5432", "postgres1 and postgres2 both publish host port 15432: Docker binds it for the first container only"}}},
		{"the same host port on two host addresses",
			[]edit{
				{file: dc, old: "    hostname: postgres1\n", new: "    hostname: postgres1\n    ports:\n      - \"127.0.0.1:15432:5432\"\n"},
				{file: dc, old: "    hostname: postgres2\n", new: "    hostname: postgres2\n    ports:\n      - \"127.0.0.2:15432:5432\"\n"},
			},
			nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkFS(t, variant(t, c.edits), c.wants)
		})
	}
}

func TestDebianRelease(t *testing.T) {
	for ref, want := range map[string]string{
		"python:3.11-slim":          "trixie",
		"python:3.9-slim":           "trixie",
		"python:3.11-slim-bookworm": "bookworm",
		"python:3.8-slim":           "",
		"python:3.12-alpine":        "",
		"debian:12":                 "bookworm",
		"debian:bookworm-slim":      "bookworm",
		"debian:latest":             "trixie",
		"postgres:15":               "", // PGDG is in the image
	} {
		if got := debianRelease(ref); got != want {
			t.Errorf("debianRelease(%s) = %q, want %q", ref, got, want)
		}
	}
}

func TestGoneAndUnofficialImages(t *testing.T) {
	for ref, want := range map[string]bool{"consul": true, "consul:latest": true, "library/consul:latest": true, "consul:1.15.4": false, "hashicorp/consul:latest": false} {
		if consulGone(ref) != want {
			t.Errorf("consulGone(%s) = %v, want %v", ref, !want, want)
		}
	}
	for name, want := range map[string]bool{"patroni": true, "patroni-test": true, "etcd": true, "spilo": true, "postgres": false, "haproxy": false, "patronictl-ui": false} {
		if unofficialNameRe.MatchString(name) != want {
			t.Errorf("unofficialNameRe(%s) = %v, want %v", name, !want, want)
		}
	}
}

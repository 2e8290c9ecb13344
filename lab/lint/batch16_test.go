package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// lintMap lints a map and fails the test on error.
func lintMap(t *testing.T, m fstest.MapFS) []Finding {
	t.Helper()
	got, err := FS(m)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestImageBuiltByScript: an image owner/name with no build: that a
// PowerShell script of the answer builds (param $ImageName = "owner/name",
// "build", "-t") is the top Dockerfile's; its ENTRYPOINT ["/bin/sh",
// "/docker-entrypoint.sh"] runs a script COPYed in a builder stage and
// carried over by COPY --from=builder / /, which execs patroni patroni.yml
// in the WORKDIR $PGHOME and exports PATRONI_* variables that override the
// YAML's loopback addresses and relative data_dir (batch 16: nlightn22-1c).
func TestImageBuiltByScript(t *testing.T) {
	m := realFS(t, "nlightn22-1c")
	got := lintMap(t, m)
	for _, bad := range []string{"not Patroni", "no service runs Patroni", "which are not PostgreSQL nodes", "no DCS section", "loopback", "is relative", "which are not compose services", "nothing puts"} {
		if findingWith(got, bad) {
			t.Errorf("finding %q: %v", bad, got)
		}
	}
	if !findingWith(got, "allows replication from 127.0.0.1/32 only") {
		t.Errorf("the real pg_hba problem is lost: %v", got)
	}
	// Without the build script nothing ties the image to the Dockerfile:
	// the one Dockerfile that runs Patroni is most likely the image's, so
	// a note says so rather than "no service runs Patroni" (batch 21 kind 1).
	delete(m, "build-image.ps1")
	if got := lintMap(t, m); findingWith(got, "no service runs Patroni") || !printed(got, "pg1 and pg2 run the image oncharterliz/pg-1c-15:latest, which nothing in the answer is seen to build") {
		t.Errorf("without build-image.ps1: no note on the image, or 'no service runs Patroni': %v", got)
	}
}

// TestStageCopiedScript: COPY --from=builder / / carries the builder's
// COPY of the entrypoint script into the final image.
func TestStageCopiedScript(t *testing.T) {
	d := &dockerfile{}
	l := &linter{fsys: fstest.MapFS{"Dockerfile": &fstest.MapFile{Data: []byte(
		"FROM debian:bookworm-slim AS builder\nCOPY entry.sh /\nFROM scratch\nCOPY --from=builder / /\nARG PGHOME=/var/lib/pg\nWORKDIR $PGHOME\nCOPY patroni.yml patroni.yml\nENTRYPOINT [\"/bin/sh\", \"/entry.sh\"]\n")}},
		seen: map[string]bool{}, once: map[string]bool{}, env: map[string]string{}, buildArgs: map[string]sval{}, dfs: map[string]*dockerfile{}, looks: map[string]bool{}}
	d = l.loadDockerfile("Dockerfile", nil)
	if got := d.copySource("/entry.sh"); got != "entry.sh" {
		t.Errorf("copySource(/entry.sh) = %q, want entry.sh", got)
	}
	if got := d.copySource("/var/lib/pg/patroni.yml"); got != "patroni.yml" {
		t.Errorf("copySource(/var/lib/pg/patroni.yml) = %q, want patroni.yml (WORKDIR $PGHOME)", got)
	}
}

var _ = strings.Contains

// TestEnvEtcdHost: PATRONI_ETCD_HOST in the nodes' environment (an anchor
// merged into each node) gives Patroni an etcd (v2) section, as
// PATRONI_ETCD3_HOSTS gives an etcd3 one: no "no DCS section"; pointed at
// a host no service runs, it is judged as any DCS host (batch 16:
// minh7709-retail).
func TestEnvEtcdHost(t *testing.T) {
	m := realFS(t, "minh7709-retail")
	if got := lintMap(t, m); findingWith(got, "no DCS section") {
		t.Errorf("PATRONI_ETCD_HOST not taken for a DCS: %v", got)
	}
	variantOf(t, m, []edit{{file: "docker-compose.yml", old: `PATRONI_ETCD_HOST: "etcd:2379"`, new: `PATRONI_ETCD_HOST: "etcdx:2379"`}})
	if got := lintMap(t, m); !findingWith(got, "PATRONI_ETCD_HOST names the host etcdx, which is not a compose service") {
		t.Errorf("PATRONI_ETCD_HOST etcdx: no finding: %v", got)
	}
}

// TestEntrypointGosu: an image no service here builds (a split stack runs
// it by name) whose ENTRYPOINT script ends exec gosu postgres patroni runs
// Patroni as postgres: no "Patroni runs as root"; the same script without
// gosu is (batch 16: hesamkashefi-swarm).
func TestEntrypointGosu(t *testing.T) {
	m := realFS(t, "hesamkashefi-swarm")
	if got := lintMap(t, m); findingWith(got, "Patroni runs as root") {
		t.Errorf("gosu in the entrypoint not followed: %v", got)
	}
	variantOf(t, m, []edit{{file: "entrypoint.sh", old: "gosu postgres ", new: ""}})
	if got := lintMap(t, m); !findingWith(got, "Patroni runs as root (no USER instruction)") {
		t.Errorf("entrypoint without gosu: no root finding: %v", got)
	}
}

// TestNotANode: a client built from the nodes' Dockerfile whose
// entrypoint: runs python3 /scripts/ingest.py, and a postgres:15-alpine job
// whose sh -c script names Patroni only in a comment, are no Patroni nodes:
// no "lint found no config for it" (batch 16: josmac-lab, kimvlry-crm).
func TestNotANode(t *testing.T) {
	for _, c := range []struct{ answer, svc string }{{"josmac-lab", "client"}, {"kimvlry-crm", "db-init"}} {
		if got := lintMap(t, realFS(t, c.answer)); findingWith(got, c.svc+" runs Patroni") || findingWith(got, c.svc+" is built to run Patroni") {
			t.Errorf("%s: %s taken for a Patroni node: %v", c.answer, c.svc, got)
		}
	}
	// The comment stripped, the command still starts Patroni when it says so.
	s := &service{entrypoint: []sval{{s: "/bin/sh"}}, command: []sval{{s: "-c"}, {s: "# wait\nexec patroni /etc/patroni.yml"}}}
	if !(&linter{}).runsPatroni(s) {
		t.Errorf("sh -c 'exec patroni ...' not taken for Patroni")
	}
}

// TestHAProxyDirMount: ./patroni (a directory holding haproxy.cfg)
// mounted at /usr/local/etc/haproxy/haproxy.cfg is a directory there, and
// haproxy -f DIR loads its *.cfg files: no "missing", the haproxy.cfg in
// it is checked (batch 16: kimvlry-crm).
func TestHAProxyDirMount(t *testing.T) {
	got := lintMap(t, realFS(t, "kimvlry-crm"))
	if findingWith(got, "mounts ./patroni at /usr/local/etc/haproxy/haproxy.cfg, but there is no such file") || findingWith(got, "cannot read the file") {
		t.Errorf("directory mount taken for a missing file: %v", got)
	}
	if !findingWith(got, "HAProxy binds PostgreSQL port 5434") {
		t.Errorf("patroni/haproxy.cfg not checked: %v", got)
	}
}

// TestExpectMatchesEveryBody: option httpchk GET /role (no Patroni endpoint:
// 503 and the status JSON on every member) with http-check expect rstring
// "master" passes on every running member, whose body holds
// "postmaster_start_time": a finding on the write pool; the read pool's
// "master|replica" is none; "role": "master" read exactly is role-based
// (batch 16: kimvlry-crm).
func TestExpectMatchesEveryBody(t *testing.T) {
	const want = `http-check expect rstring master matches the status body of every running member`
	if got := lintMap(t, realFS(t, "kimvlry-crm")); !findingWith(got, want) || findingWith(got, "rstring master|replica") {
		t.Errorf("kimvlry-crm: want only the write pool's finding: %v", got)
	}
	for _, c := range []struct {
		kind, pat string
		every     bool
	}{{"rstring", `"master"`, true}, {"string", "master", true}, {"string", "replica", true},
		{"string", `"role": "master"`, false}, {"rstring", `"role":\s*"(master|primary)"`, false}, {"string", "primary", false}} {
		if got := matchesEveryMember(c.kind, strings.Fields(c.pat)); got != c.every {
			t.Errorf("expect %s %s: matches every member = %v, want %v", c.kind, c.pat, got, c.every)
		}
	}
}

// TestRelativeConfigUnknownImage: command: patroni ./patroni.yml on a
// third party's image (no build:) is relative to a WORKDIR lint cannot
// know: a note, not "nothing puts /patroni.yml in the container"
// (batch 16: rarinaferrari-cluster).
func TestRelativeConfigUnknownImage(t *testing.T) {
	got := lintMap(t, realFS(t, "rarinaferrari-cluster"))
	if findingWith(got, "nothing puts /patroni.yml") {
		t.Errorf("relative path read as /patroni.yml: %v", got)
	}
	if !findingWith(got, "patroni runs patroni ./patroni.yml, a path relative to the working directory of the image dalongrong/patroni") {
		t.Errorf("no note: %v", got)
	}
}

// TestHookScriptMissing: bootstrap.post_init /tmp/post_init.sh that no
// mount, COPY or start script puts in the container is a finding; mounted,
// none; a script the entrypoint copies there (d33ranked-saga) and a program
// of the image (/usr/local/bin/psql -f ...) are none (batch 16:
// minh7709-retail).
func TestHookScriptMissing(t *testing.T) {
	const want = "bootstrap.post_init runs /tmp/post_init.sh, but nothing puts /tmp/post_init.sh in the container"
	m := realFS(t, "minh7709-retail")
	if got := lintMap(t, m); !findingWith(got, want) {
		t.Errorf("no finding on the missing post_init script: %v", got)
	}
	variantOf(t, m, []edit{{file: "docker-compose.yml", old: "- ./patroni.yml:/etc/patroni/patroni.yml", new: "- ./data/post_init.sh:/tmp/post_init.sh:ro\n      - ./patroni.yml:/etc/patroni/patroni.yml"}})
	if got := lintMap(t, m); findingWith(got, want) {
		t.Errorf("mounted post_init script still reported: %v", got)
	}
	if got := lintMap(t, realFS(t, "d33ranked-saga")); findingWith(got, "but nothing puts /tmp/post_bootstrap.sh") {
		t.Errorf("script the entrypoint copies reported: %v", got)
	}
}

// TestPG18DataMount: postgres:latest (18 today) or postgres:18 with a
// volume at /var/lib/postgresql/data refuses to start; postgres:17, or
// PGDATA set, is no finding (batch 16: rarinaferrari-cluster).
func TestPG18DataMount(t *testing.T) {
	const want = "mount a volume at /var/lib/postgresql/data on postgres:latest, i.e. PostgreSQL 18 or later"
	m := realFS(t, "rarinaferrari-cluster")
	if got := lintMap(t, m); !findingWith(got, want) {
		t.Errorf("no PostgreSQL 18 mount finding: %v", got)
	}
	dc := string(m["docker-compose.yml"].Data)
	for _, c := range []struct {
		old, new string
		want     bool
	}{{"postgres:latest", "postgres:18-alpine", true}, {"postgres:latest", "postgres:17", false}} {
		m["docker-compose.yml"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(dc, c.old, c.new)), Mode: 0o644}
		if got := lintMap(t, m); findingWith(got, "i.e. PostgreSQL 18 or later") != c.want {
			t.Errorf("%s: finding = %v, want %v: %v", c.new, !c.want, c.want, got)
		}
	}
}

// TestSelfInitdb: an entrypoint that runs gosu postgres initdb (and
// pg_ctl start/stop) before exec gosu postgres patroni makes the data
// directory outside Patroni: a finding at the initdb line; without those
// steps none (batch 16: hesamkashefi-swarm).
func TestSelfInitdb(t *testing.T) {
	const want = "the start script runs initdb itself before it starts Patroni"
	m := realFS(t, "hesamkashefi-swarm")
	if got := lintMap(t, m); !findingWith(got, want) {
		t.Errorf("no finding on the entrypoint's initdb: %v", got)
	}
	e := string(m["entrypoint.sh"].Data)
	e = strings.Replace(e, `gosu postgres initdb -D "$DATA_DIR"`, `echo skipped`, 1)
	m["entrypoint.sh"] = &fstest.MapFile{Data: []byte(e), Mode: 0o644}
	if got := lintMap(t, m); findingWith(got, want) {
		t.Errorf("finding without initdb: %v", got)
	}
	for _, c := range []struct {
		line string
		want bool
	}{{"  initdb:\n", false}, {"su - postgres -c \"initdb -D /data\"\n", true}, {"/usr/lib/postgresql/16/bin/initdb -D x\n", true}, {"pg_ctl -D x initdb\n", true}, {"echo initdb done\n", false}} {
		if got := initdbCmdRe.MatchString(c.line); got != c.want {
			t.Errorf("%q: initdb command = %v, want %v", c.line, got, c.want)
		}
	}
}

// TestAppDatabase: applications whose JDBC URL names a database on
// HAProxy that nothing creates get a finding; a post_bootstrap SQL file
// with CREATE DATABASE makes it none (batch 16: cruzinho-editor).
func TestAppDatabase(t *testing.T) {
	const want = "connect to the database editor_colaborativo, which nothing in the answer creates"
	m := realFS(t, "cruzinho-editor")
	if got := lintMap(t, m); !findingWith(got, want) {
		t.Errorf("no finding on the application database: %v", got)
	}
	m["init.sql"] = &fstest.MapFile{Data: []byte("CREATE DATABASE editor_colaborativo;\n"), Mode: 0o644}
	if got := lintMap(t, m); findingWith(got, want) {
		t.Errorf("database created in init.sql still reported: %v", got)
	}
}

// TestSplitImageBuiltByNothing: in a split stack, Patroni nodes on a bare
// local image that no service, folder, script or note builds get a
// finding; a note saying docker build -t NAME makes it none; a Dockerfile
// next to the stack file (purin-zookeeper) is that folder's image
// (batch 16: hesamkashefi-swarm).
func TestSplitImageBuiltByNothing(t *testing.T) {
	const want = "run the image saat-patroni-postgres:17-alpine, which nothing in the answer builds"
	m := realFS(t, "hesamkashefi-swarm")
	if got := lintMap(t, m); !findingWith(got, want) {
		t.Errorf("no finding on the image built by nothing: %v", got)
	}
	m["README.md"] = &fstest.MapFile{Data: []byte("docker build -t saat-patroni-postgres:17-alpine .\n"), Mode: 0o644}
	if got := lintMap(t, m); findingWith(got, want) {
		t.Errorf("image the README builds still reported: %v", got)
	}
	if got := lintMap(t, realFS(t, "purin-zookeeper")); findingWith(got, "which nothing in the answer builds") {
		t.Errorf("purin-zookeeper: folder images reported: %v", got)
	}
}

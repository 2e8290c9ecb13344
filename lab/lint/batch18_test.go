package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestRelativeConfigFromRoot: `patroni ./config/patroni.yml` on an image lint
// cannot see into (ongres/patroni), with the answer's config bind-mounted at
// /config/patroni.yml: read from Docker's default WORKDIR / the path is that
// mount, so the config is checked (etcd v2 against etcd 3.5, no pg_hba)
// instead of skipped (batch 18: rrafids-etcd, kind 6).
func TestRelativeConfigFromRoot(t *testing.T) {
	m := realFS(t, "rrafids-etcd")
	got := lintMap(t, m)
	for _, want := range []string{
		"patroni/patroni1/config.yml:9: etcd: uses the v2 API",
		"patroni/patroni2/config.yml:29: no pg_hba in this config",
		"lint took the working directory to be /",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	// Mounted somewhere the relative path does not reach: still only a note.
	variantOf(t, m, []edit{{file: "docker-compose.yml", old: "config.yml:/config/patroni.yml", new: "config.yml:/etc/patroni.yml"}})
	got = lintMap(t, m)
	if printed(got, "config.yml:9: etcd: uses the v2 API") || !printed(got, "which lint cannot see into: it did not check that config") {
		t.Errorf("a config mounted elsewhere was taken for ./config/patroni.yml: %v", got)
	}
}

// TestLegacyV1Compose: a compose file in the v1 format (services at the top
// level, no services: key) is reported once and its services are still read
// as docker-compose 1.x read them, so a service's own problem (here a
// missing env_file) is found (batch 18: 3manuek-consul, kind 9).
func TestLegacyV1Compose(t *testing.T) {
	m := realFS(t, "3manuek-consul")
	got := lintMap(t, m)
	if !printed(got, "docker-compose.yml:4: the file is in the legacy v1 compose format") || printed(got, "no services: section") {
		t.Errorf("v1 format not recognised: %v", got)
	}
	variantOf(t, m, []edit{{file: "docker-compose.yml", old: "env_file: docker/secrets.env", new: "env_file: docker/nosuch.env"}})
	if got := lintMap(t, m); !printed(got, "nosuch.env") {
		t.Errorf("a v1 service's missing env_file not reported: %v", got)
	}
}

// TestPostgresTagDebian: postgres:9.6 and postgres:10 were last built on
// bullseye (no PEP 668), postgres:10.1 on stretch (batch 18:
// assisken-consul, 3manuek-consul, kind 1).
func TestPostgresTagDebian(t *testing.T) {
	for tag, want := range map[string]string{"9.6": "bullseye", "10": "bullseye", "10.1": "stretch", "9.6.24": "bullseye", "10.17": "buster", "11": "", "16.2": ""} {
		if got := postgresTagDebian(tag); got != want {
			t.Errorf("postgres:%s: %q, want %q", tag, got, want)
		}
	}
	if pep668("postgres:9.6") {
		t.Errorf("postgres:9.6 taken for a PEP 668 image")
	}
	got := lintMap(t, realFS(t, "assisken-consul"))
	if printed(got, "PEP 668") {
		t.Errorf("PEP 668 on postgres:9.6: %v", got)
	}
}

// TestPatroniEnvFromUnreadEnvFile: a Patroni config without scope:,
// restapi:, postgresql: or a DCS section, on services whose env_file
// (test.env, git-ignored; reported missing once) may set PATRONI_SCOPE,
// PATRONI_ETCD_HOST, PATRONI_*_LISTEN: the sections are not reported missing
// (batch 18: seocahill-swarm, kind 5). With the env_file dropped, they are.
func TestPatroniEnvFromUnreadEnvFile(t *testing.T) {
	m := realFS(t, "seocahill-swarm")
	got := lintMap(t, m)
	for _, bad := range []string{"no DCS section", "no postgresql: section", "no restapi: section", "no scope:"} {
		if printed(got, bad) {
			t.Errorf("%q although test.env may set it: %v", bad, got)
		}
	}
	variantOf(t, m, []edit{{file: "docker-stack.test.yml", old: "    env_file:\n      - test.env\n", new: ""}})
	got = lintMap(t, m)
	for _, want := range []string{"no DCS section", "no scope:"} {
		if !printed(got, want) {
			t.Errorf("no %q with no env_file: %v", want, got)
		}
	}
}

// TestHAProxyDashFSwarmConfig: `haproxy -f /haproxy_cfg` with the Swarm
// config haproxy_cfg (config/haproxy.cfg) mounted at /haproxy_cfg: the
// config is there, and it is the one checked (batch 18: seocahill-swarm,
// kind 4).
func TestHAProxyDashFSwarmConfig(t *testing.T) {
	m := realFS(t, "seocahill-swarm")
	got := lintMap(t, m)
	if printed(got, "mounts no config at") || printed(got, "no haproxy.cfg for the haproxy service") {
		t.Errorf("the -f config from configs: not followed: %v", got)
	}
	variantOf(t, m, []edit{{file: "config/haproxy.cfg", old: "port 8008", new: ""}})
	if got := lintMap(t, m); !printed(got, "config/haproxy.cfg:") {
		t.Errorf("config/haproxy.cfg not the config checked: %v", got)
	}
}

// TestPreFromArgWorkdir: ARG PGHOME before FROM, WORKDIR $PGHOME after it:
// out of scope, empty, the build stops; repeating ARG PGHOME after FROM
// brings it into scope (batch 18: assisken-consul, kind 7).
func TestPreFromArgWorkdir(t *testing.T) {
	m := realFS(t, "assisken-consul")
	if got := lintMap(t, m); !printed(got, "Dockerfile:9: WORKDIR $PGHOME: PGHOME is an ARG declared before FROM (line 2)") {
		t.Errorf("pre-FROM ARG in WORKDIR not found: %v", got)
	}
	variantOf(t, m, []edit{{file: "Dockerfile", old: "WORKDIR $PGHOME", new: "ARG PGHOME\nWORKDIR $PGHOME"}})
	if got := lintMap(t, m); printed(got, "WORKDIR $PGHOME") {
		t.Errorf("ARG repeated after FROM still reported: %v", got)
	}
}

// TestConsulDNSUnused: no HAProxy, Patroni registers in Consul, but nothing
// in the answer uses a *.service.consul name: "no HAProxy service" is a
// problem, not a note; with a client naming primary.<scope>.service.consul it
// stays a note (batch 18: assisken-consul, kind 8).
func TestConsulDNSUnused(t *testing.T) {
	m := realFS(t, "assisken-consul")
	if got := lintMap(t, m); !printed(got, "docker-compose.yml:3: no HAProxy service") {
		t.Errorf("no HAProxy not a problem: %v", got)
	}
	m["app.env"] = &fstest.MapFile{Data: []byte("DATABASE_HOST=primary.postgres.service.consul\n")}
	if got := lintMap(t, m); !printed(got, "docker-compose.yml:3: note: no HAProxy service") {
		t.Errorf("Consul DNS used, yet not a note: %v", got)
	}
}

// TestHAProxyStatsSocketVarRun: `stats socket /var/run/haproxy.sock` on
// haproxy:2.9-alpine (USER haproxy since 2.4): HAProxy exits at start; not
// with user: root, nor on haproxy:2.3 (batch 18: jamesyeogz-spilo, kind 10).
func TestHAProxyStatsSocketVarRun(t *testing.T) {
	m := realFS(t, "jamesyeogz-spilo")
	const want = "haproxy/haproxy.dev.cfg:11: stats socket /var/run/haproxy.sock: the image haproxy:2.9-alpine runs HAProxy as the user haproxy"
	if got := lintMap(t, m); !printed(got, want) {
		t.Errorf("stats socket in /var/run not found: %v", got)
	}
	compose := string(m["docker-compose.dev.yml"].Data)
	m["docker-compose.dev.yml"].Data = []byte(strings.Replace(compose, "image: haproxy:2.9-alpine", "image: haproxy:2.9-alpine\n    user: root", 1))
	if got := lintMap(t, m); printed(got, "stats socket") {
		t.Errorf("reported with user: root: %v", got)
	}
	m["docker-compose.dev.yml"].Data = []byte(strings.Replace(compose, "image: haproxy:2.9-alpine", "image: haproxy:2.3", 1))
	if got := lintMap(t, m); printed(got, "stats socket") {
		t.Errorf("reported on haproxy:2.3 (root): %v", got)
	}
}

// TestComposeGeneratorTemplate: docker-compose-template.yml with ${server1}
// placeholders that compose-maker.py fills (string.Template) per host: a
// note, no compose validation of the raw placeholders, no "only one node";
// without the generator the findings come back (batch 18:
// pflaeging-multihost, kinds 2 and 3).
func TestComposeGeneratorTemplate(t *testing.T) {
	m := realFS(t, "pflaeging-multihost")
	got := lintMap(t, m)
	if !printed(got, "docker-compose-template.yml: note: docker-compose-template.yml is a template: compose-maker.py fills in") {
		t.Errorf("generator template not recognised: %v", got)
	}
	for _, bad := range []string{"extra_hosts must be a mapping", "only one PostgreSQL + Patroni service", "docker compose does not find docker-compose-template.yml:"} {
		if printed(got, bad) {
			t.Errorf("%q on a generator's template: %v", bad, got)
		}
	}
	delete(m, "compose-maker.py")
	if got := lintMap(t, m); !printed(got, "only one PostgreSQL + Patroni service") {
		t.Errorf("no generator, yet no single-node finding: %v", got)
	}
}

// TestPython2PatroniClone: a Dockerfile installing only Python 2 packages
// that clones Patroni's default branch (Python 3.7+ since 3.1): Patroni
// cannot start; a clone of a release branch, or python3 in the image, is
// not reported (batch 18: 3manuek-consul, kind 9).
func TestPython2PatroniClone(t *testing.T) {
	m := realFS(t, "3manuek-consul")
	if got := lintMap(t, m); !printed(got, "Dockerfile:29: git clone of Patroni's default branch") {
		t.Errorf("Python 2 image with Patroni's default branch not found: %v", got)
	}
	df := string(m["Dockerfile"].Data)
	m["Dockerfile"].Data = []byte(strings.Replace(df, "git clone https://github.com/zalando/patroni.git", "git clone -b v1.6.5 https://github.com/zalando/patroni.git", 1))
	if got := lintMap(t, m); printed(got, "git clone of Patroni") {
		t.Errorf("a pinned release reported: %v", got)
	}
	m["Dockerfile"].Data = []byte(strings.Replace(df, "python-psycopg2 git", "python3 python3-psycopg2 git", 1))
	if got := lintMap(t, m); printed(got, "git clone of Patroni") {
		t.Errorf("an image with python3 reported: %v", got)
	}
}

// TestMountHidesImageDirectory: a bind mount of a host directory the answer
// does not have (Docker creates it empty) over a path the image filled, here
// the Patroni package the Dockerfile copies to /patroni, hides it; a mount
// of a directory that exists, or over one the image only made (mkdir), is
// no finding (batch 18: 3manuek-consul, the image tied to ./Dockerfile by
// the README's docker build . --tag).
func TestMountHidesImageDirectory(t *testing.T) {
	const hides = "mounts ./patroni at /patroni, but there is no such directory: Docker creates it empty and mounts it over /patroni"
	m := realFS(t, "3manuek-consul")
	if got := lintMap(t, m); !printed(got, "docker-compose.yml:22: dbnode1 "+hides) {
		t.Errorf("the empty mount over the image's /patroni not reported: %v", got)
	}
	// The directory exists in the answer: what it holds is mounted.
	m["patroni/__init__.py"] = &fstest.MapFile{Data: []byte("\n")}
	if got := lintMap(t, m); printed(got, hides) {
		t.Errorf("a mount of an existing directory reported as empty: %v", got)
	}
	delete(m, "patroni/__init__.py")
	// The image only makes the directory: nothing is hidden.
	variantOf(t, m, []edit{{file: "Dockerfile", old: "RUN cp -r patroniSource/patroni /patroni/", new: "RUN mkdir -p /patroni/"}})
	if got := lintMap(t, m); printed(got, hides) {
		t.Errorf("a directory the image only makes taken as filled: %v", got)
	}
	// Without the README's build command the image is still this
	// Dockerfile's, but nothing says to build it: compose would pull it.
	m = realFS(t, "3manuek-consul")
	delete(m, "README.md")
	if got := lintMap(t, m); !printed(got, hides) || !printed(got, "run the image patroniconsul, which nothing in docker-compose.yml builds") {
		t.Errorf("without the README: %v", got)
	}
}

// TestSaysBuild: the docker build lines of a README or a compose comment
// that tag an image, in either order of the arguments.
func TestSaysBuild(t *testing.T) {
	for _, c := range []struct {
		text, repo string
		want       bool
	}{
		{"docker build . --tag patroniconsul\n", "patroniconsul", true},
		{"    $ docker build -t patroni .", "patroni", true},
		{"docker build --tag=me/patroni:4 .", "me/patroni:4", true},
		{"docker build --tag=me/patroni:4 .", "me/patroni", false}, // :4 is not :latest
		{"    $ docker build -t patroni .", "patroni:7.3", false},  // batch 32
		{"docker build -t patroni:${TAG} .", "patroni:7.3", true},  // a tag lint cannot read
		{"docker build -t patroni-test .", "patroni", false},
		{"docker run -t patroni", "patroni", false},
	} {
		if got := saysBuild(c.text, c.repo); got != c.want {
			t.Errorf("saysBuild(%q, %q) = %v", c.text, c.repo, got)
		}
	}
}

package lint

import (
	"testing"
)

// TestHardCodedPythonPath: `rm /usr/lib/python3.11/EXTERNALLY-MANAGED` (no
// -f, joined with &&) on postgres:15, which is Debian trixie (Python 3.13)
// today: rm fails and the build stops (batch 19: romanow-etcd, kind 3).
// With rm -f, or on postgres:15-bookworm (Python 3.11), nothing is said.
func TestHardCodedPythonPath(t *testing.T) {
	m := realFS(t, "romanow-etcd")
	if got := lintMap(t, m); !printed(got, "patroni/patroni/Dockerfile:5: rm /usr/lib/python3.11/EXTERNALLY-MANAGED: postgres:15 is Debian trixie, whose Python is 3.13") {
		t.Errorf("hard-coded python3.11 on trixie not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "patroni/patroni/Dockerfile", old: "rm /usr", new: "rm -f /usr"},
		{file: "patroni/patroni/Dockerfile", old: "FROM postgres:15", new: "FROM postgres:15-bookworm"},
	} {
		v := variantOf(t, realFS(t, "romanow-etcd"), []edit{e})
		if got := lintMap(t, v); printed(got, "/usr/lib/python3.11/EXTERNALLY-MANAGED:") {
			t.Errorf("%s: reported: %v", e.new, got)
		}
	}
	for tag, want := range map[string]string{"15": "trixie", "11": "bookworm", "12.20": "bookworm", "15.13": "bookworm", "15.14": "", "16.11": "trixie", "13.3": "buster", "16-alpine": "", "15-bookworm": "bookworm", "latest": "trixie"} {
		if got := baseDebianRelease("postgres:" + tag); got != want {
			t.Errorf("postgres:%s: %q, want %q", tag, got, want)
		}
	}
}

// TestImageWithNamedDockerfile: node1 and node2 run image: patroni-pg:16 with
// no build:, and the one Dockerfile beside the compose file that installs
// Patroni has another name (Dockerfile.patroni), which docker compose builds
// only when a build: names it: the image is pulled and fails (batch 19:
// anderaneq-replikacja, kind 2). Built by a service, or by a README's
// docker build -f ... -t, nothing is said.
func TestImageWithNamedDockerfile(t *testing.T) {
	const want = "docker-compose.yml:25: node1 and node2 run the image patroni-pg:16, which nothing in docker-compose.yml builds"
	got := lintMap(t, realFS(t, "anderaneq-replikacja"))
	if !printed(got, want) || !printed(got, "add build: {context: ., dockerfile: Dockerfile.patroni}") {
		t.Errorf("image nothing builds, Dockerfile.patroni beside it, not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "docker-compose.yml", old: "    image: patroni-pg:16\n    container_name: patroni-node1", new: "    image: patroni-pg:16\n    build: {context: ., dockerfile: Dockerfile.patroni}\n    container_name: patroni-node1"},
		{file: "README.md", new: "docker build -f Dockerfile.patroni -t patroni-pg:16 .\ndocker compose up -d\n"},
		// The Dockerfile's own comment giving the build command (batch 20's
		// dreamer-etcd: "# docker build -f Dockerfile.patroni -t patroni-pg:15 .").
		{file: "Dockerfile.patroni", old: "CMD [\"bash\"]", new: "CMD [\"bash\"]\n# docker build -f Dockerfile.patroni -t patroni-pg:16 ."},
	} {
		if got := lintMap(t, variantOf(t, realFS(t, "anderaneq-replikacja"), []edit{e})); printed(got, "which nothing in docker-compose.yml builds") {
			t.Errorf("%s: still reported: %v", e.new, got)
		}
	}
}

// TestRaceHBA: only node1.yml has pg_hba (bootstrap.pg_hba); pg1..pg3 each
// wait only for etcd, so pg2 or pg3 can win the initialize race and
// bootstrap with initdb's local-only pg_hba.conf: node2.yml and node3.yml
// are reported, each once (batch 19: frengky-etcd, kind 1). When pg2 and
// pg3 wait for pg1 to be healthy, or node2.yml gets postgresql.pg_hba,
// that node is not reported.
func TestRaceHBA(t *testing.T) {
	const race = "no pg_hba in this config (postgresql.pg_hba or bootstrap.pg_hba), though patroni/node1.yml sets it"
	got := lintMap(t, realFS(t, "frengky-etcd"))
	for _, want := range []string{"patroni/node2.yml:12: " + race, "patroni/node3.yml:12: " + race} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	if printed(got, "node1.yml:12: no pg_hba") {
		t.Errorf("node1 has pg_hba: %v", got)
	}
	wait := "    depends_on:\n      etcd:\n        condition: service_healthy\n      pg1:\n        condition: service_healthy\n    ports:\n      - \"543"
	m := variantOf(t, realFS(t, "frengky-etcd"), []edit{
		{file: "docker-compose.yml", old: "    depends_on:\n      etcd:\n        condition: service_healthy\n    ports:\n      - \"5432:5432\"", new: wait + "2:5432\""},
		{file: "docker-compose.yml", old: "    depends_on:\n      etcd:\n        condition: service_healthy\n    ports:\n      - \"5433:5432\"", new: wait + "3:5432\""},
	})
	if got := lintMap(t, m); printed(got, "no pg_hba") {
		t.Errorf("nodes that wait for pg1 reported: %v", got)
	}
	m = variantOf(t, realFS(t, "frengky-etcd"), []edit{{file: "patroni/node2.yml", old: "  data_dir: /home/postgres/data\n", new: "  data_dir: /home/postgres/data\n  pg_hba:\n    - host all all 0.0.0.0/0 md5\n    - host replication replicator 0.0.0.0/0 md5\n"}})
	if got := lintMap(t, m); printed(got, "node2.yml:12: no pg_hba") || !printed(got, "node3.yml:12: no pg_hba in this config (postgresql.pg_hba or bootstrap.pg_hba), though patroni/node1.yml and patroni/node2.yml set it") {
		t.Errorf("node2 with postgresql.pg_hba: %v", got)
	}
}

// TestConsulHostFixNamesOwnConsul: PATRONI_CONSUL_HOST http://consul:8500
// names only the containers' hostname; the fix names the Consul service the
// node's own config names (consul.host consul-1:8500 in patroni-1.yml, which
// both images COPY), as the variable, with PATRONI_CONSUL_URL beside it
// (batch 19: olekzonder-consul, the fix text the score remarked on).
func TestConsulHostFixNamesOwnConsul(t *testing.T) {
	got := lintMap(t, realFS(t, "olekzonder-consul"))
	for _, want := range []string{
		"patroni/docker-compose.yml:17: PATRONI_CONSUL_HOST names the host consul, which is not a compose service (services: pg-patroni-1, consul-1, pg-patroni-2, consul-2, haproxy) — PATRONI_CONSUL_HOST: http://consul-1:8500 (and the same host in PATRONI_CONSUL_URL",
		"patroni/docker-compose.yml:52: PATRONI_CONSUL_HOST names the host consul",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	if printed(got, "consul-2:8500") {
		t.Errorf("a fix names consul-2, which neither node's config names: %v", got)
	}
}

// TestPerHostComposeFiles: etcdN/etcd.yml, patroniN/patroni.yml and
// haproxy/haproxy.yml redefine docker-compose.yml's services to run one
// machine at a time (network_mode: host, env files from their own
// folders): an alternative to the main file, not parts of it. The main
// file is checked as a stack of its own (no "split stack" note, so its
// fixed addresses are in sight), and the per-host files' env_files are
// checked in their own folders (batch 19: epuaphios-multihost, kind 6).
func TestPerHostComposeFiles(t *testing.T) {
	m := realFS(t, "epuaphios-multihost")
	got := lintMap(t, m)
	if printed(got, "the stack is split over several compose files") || !printed(got, "are per-host compose files (they redefine the services of docker-compose.yml") {
		t.Errorf("per-host files taken for parts of a split stack: %v", got)
	}
	variantOf(t, m, []edit{{file: "patroni2/patroni2.env", del: true}})
	if got := lintMap(t, m); !printed(got, "patroni2/patroni.yml:7: missing: env_file patroni2.env does not exist in patroni2/") {
		t.Errorf("a per-host file's missing env_file not reported: %v", got)
	}
	// A file in a subfolder that adds a service of its own is a part of
	// the stack again.
	m = variantOf(t, realFS(t, "epuaphios-multihost"), []edit{{file: "patroni1/patroni.yml", old: "    patroni1:\n", new: "    patroni9:\n"}})
	if got := lintMap(t, m); !printed(got, "the stack is split over several compose files") {
		t.Errorf("a file adding its own service not read as a part of the stack: %v", got)
	}
}

// TestHAProxyServerIPsNoService: every service of docker-compose.yml has a
// fixed ipv4_address (192.168.1.7-.13) and haproxy.cfg's servers are
// 192.168.1.15, .16 and .231: no container has them. One finding naming the
// six server lines (batch 19: epuaphios-multihost, kind 5). A server at a
// node's fixed address is not reported.
func TestHAProxyServerIPsNoService(t *testing.T) {
	const want = "docker/haproxy.cfg:24: the servers' addresses 192.168.1.15, 192.168.1.16 and 192.168.1.231 are no service's: every service of docker-compose.yml has a fixed ipv4_address"
	got := lintMap(t, realFS(t, "epuaphios-multihost"))
	if !printed(got, want) || !printed(got, "(also lines 25, 26, 33, 34, 35)") {
		t.Errorf("server IPs that no service has not reported: %v", got)
	}
	m := variantOf(t, realFS(t, "epuaphios-multihost"), []edit{
		{file: "docker/haproxy.cfg", old: "192.168.1.15", new: "192.168.1.10"},
		{file: "docker/haproxy.cfg", old: "192.168.1.16", new: "192.168.1.11"},
		{file: "docker/haproxy.cfg", old: "192.168.1.231", new: "192.168.1.12"},
	})
	if got := lintMap(t, m); printed(got, "no service's") {
		t.Errorf("servers at the nodes' fixed addresses reported: %v", got)
	}
}

// TestHAProxyConfdMode: the haproxy service runs the Patroni image's
// entrypoint with command: haproxy; that branch of docker/entrypoint.sh
// runs haproxy -f /etc/haproxy/haproxy.cfg (written by confd) and waits in
// `while ! etcdctl cluster-health` with no ETCDCTL_ENDPOINTS given: the
// haproxy.cfg mounted at /usr/local/etc/haproxy is never read, and the wait
// never ends (batch 19: epuaphios-multihost, kind 4). With
// ETCDCTL_ENDPOINTS in its environment, the wait is not reported.
func TestHAProxyConfdMode(t *testing.T) {
	got := lintMap(t, realFS(t, "epuaphios-multihost"))
	for _, want := range []string{
		"docker-compose.yml:104: haproxy mounts docker/haproxy.cfg at /usr/local/etc/haproxy/haproxy.cfg, but its start script (docker/entrypoint.sh:17) runs haproxy -f /etc/haproxy/haproxy.cfg: HAProxy never reads the mounted config",
		"docker/entrypoint.sh:25: haproxy runs this branch of the script (command: haproxy), which waits for etcdctl to reach etcd, but the service is given no ETCDCTL_ENDPOINTS",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	m := variantOf(t, realFS(t, "epuaphios-multihost"), []edit{{file: "docker-compose.yml", old: "        command: haproxy\n", new: "        command: haproxy\n        environment:\n            ETCDCTL_ENDPOINTS: http://etcd1:2379\n"}})
	if got := lintMap(t, m); printed(got, "waits for etcdctl") {
		t.Errorf("ETCDCTL_ENDPOINTS given, still reported: %v", got)
	}
}

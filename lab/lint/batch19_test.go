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
	} {
		if got := lintMap(t, variantOf(t, realFS(t, "anderaneq-replikacja"), []edit{e})); printed(got, "which nothing in docker-compose.yml builds") {
			t.Errorf("%s: still reported: %v", e.new, got)
		}
	}
}

package lint

import (
	"testing"
)

// TestExternalConfigTarget: a Swarm service's configs: entry (long syntax,
// source: haproxy-cfg, an external config deploy-swarm.sh creates) with
// target: /usr/local/etc/haproxy/haproxy.cfg is a file mounted where the
// haproxy image reads it: no "mounts no config" (batch 21: abocoum-swarm,
// kind 3). The short syntax mounts it at /<name>, secrets at
// /run/secrets/<name>: not where the image reads it, so still reported.
func TestExternalConfigTarget(t *testing.T) {
	m := realFS(t, "abocoum-swarm")
	if got := lintMap(t, m); printed(got, "mounts no config at") {
		t.Errorf("an external config with target: at haproxy.cfg not taken for a mount: %v", got)
	}
	for _, e := range []edit{
		{file: "docker-stack.yml", old: "      - source: haproxy-cfg\n        target: /usr/local/etc/haproxy/haproxy.cfg\n", new: "      - haproxy-cfg\n"},
		{file: "docker-stack.yml", old: "    configs:\n      - source: haproxy-cfg\n        target: /usr/local/etc/haproxy/haproxy.cfg\n", new: "    secrets:\n      - haproxy-cfg\n"},
	} {
		if got := lintMap(t, variantOf(t, realFS(t, "abocoum-swarm"), []edit{e})); !printed(got, "mounts no config at") {
			t.Errorf("%q: a config at /haproxy-cfg taken for haproxy.cfg: %v", e.new, got)
		}
	}
	// The short syntax at the path the image reads: a config named after it
	// is not possible, but a secret whose target is that path is.
	e := edit{file: "docker-stack.yml", old: "    configs:\n      - source: haproxy-cfg\n", new: "    secrets:\n      - source: haproxy-cfg\n"}
	if got := lintMap(t, variantOf(t, realFS(t, "abocoum-swarm"), []edit{e})); printed(got, "mounts no config at") {
		t.Errorf("a secret with target: at haproxy.cfg not taken for a mount: %v", got)
	}
}

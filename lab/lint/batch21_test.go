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

// TestEtcdMemberByWhatItRuns: etcd_ui runs tzfun/etcd-workbench, a web UI
// for etcd: not a member, whatever its name, so the single-member etcd is
// complete (batch 21: begoingto-etcd, kind 2). A service of that name
// running etcd's image is a second member.
func TestEtcdMemberByWhatItRuns(t *testing.T) {
	got := lintMap(t, realFS(t, "begoingto-etcd"))
	if printed(got, "leaves out etcd_ui") || printed(got, "two etcd members") {
		t.Errorf("an etcd UI taken for an etcd member: %v", got)
	}
	for _, img := range []string{"nginx:alpine", "evildecay/etcdkeeper:latest"} {
		v := variantOf(t, realFS(t, "begoingto-etcd"), []edit{{file: "docker-compose.yml", old: "tzfun/etcd-workbench:latest", new: img}})
		if got := lintMap(t, v); printed(got, "two etcd members") {
			t.Errorf("%s taken for an etcd member: %v", img, got)
		}
	}
	v := variantOf(t, realFS(t, "begoingto-etcd"), []edit{{file: "docker-compose.yml", old: "tzfun/etcd-workbench:latest", new: "quay.io/coreos/etcd:v3.5.15"}})
	if got := lintMap(t, v); !printed(got, "two etcd members (etcd and etcd_ui)") {
		t.Errorf("a second service running etcd's image not a member: %v", got)
	}
}

// TestImageBuiltByWorkflow: pg-node1..3 run ghcr.io/begoingto/postgres-cluster:node
// with no build:; .github/workflows/main.yml builds it with
// docker/build-push-action (context ./patroni-node, file
// ./patroni-node/Dockerfile, tags from docker/metadata-action: images
// ${{ env.REGISTRY }}/${{ env.IMAGE_NAME }} = ghcr.io/${{ github.repository }},
// type=raw,value=node): the nodes run that Dockerfile, whose entrypoint
// execs patroni, so there is no "no service runs Patroni" and the HAProxy
// servers are the nodes (batch 21: begoingto-etcd, kind 1). When no
// workflow builds that image (another name, another tag, no workflow), the
// one Dockerfile that runs Patroni is named in a note, and nothing is
// reported on the nodes or the HAProxy servers.
func TestImageBuiltByWorkflow(t *testing.T) {
	const wf = ".github/workflows/main.yml"
	got := lintMap(t, realFS(t, "begoingto-etcd"))
	if printed(got, "no service runs Patroni") || printed(got, "not PostgreSQL nodes") || printed(got, "nothing in the answer is seen to build") {
		t.Errorf("the workflow's image not tied to patroni-node/Dockerfile: %v", got)
	}
	if !printed(got, "patroni-entrypoint.sh:31: note: the Patroni config /etc/patroni/patroni.yml is written by this script") {
		t.Errorf("the nodes' entrypoint not followed: %v", got)
	}
	// Literal tags, the registry's image named in full.
	v := variantOf(t, realFS(t, "begoingto-etcd"), []edit{{file: wf, old: "tags: ${{ steps.meta.outputs.tags }}", new: "tags: |\n            ghcr.io/begoingto/postgres-cluster:latest\n            ghcr.io/begoingto/postgres-cluster:node"}})
	if got := lintMap(t, v); printed(got, "nothing in the answer is seen to build") || printed(got, "no service runs Patroni") {
		t.Errorf("literal tags: image not tied: %v", got)
	}
	for _, e := range []edit{
		{file: wf, old: "type=raw,value=node", new: "type=raw,value=edge"},
		{file: wf, old: "IMAGE_NAME: ${{ github.repository }}", new: "IMAGE_NAME: someone/other"},
		{file: wf, old: "docker/build-push-action@v6", new: "docker/setup-qemu-action@v3"},
	} {
		got := lintMap(t, variantOf(t, realFS(t, "begoingto-etcd"), []edit{e}))
		if !printed(got, "pg-node1, pg-node2 and pg-node3 run the image ghcr.io/begoingto/postgres-cluster:node, which nothing in the answer is seen to build") || printed(got, "no service runs Patroni") || printed(got, "not PostgreSQL nodes") || printed(got, "no backend with servers") {
			t.Errorf("%s: want the note and no findings on the nodes: %v", e.new, got)
		}
	}
}

// TestChownAsUser: pg-node1..3 run as user: postgres; their entrypoint,
// under set -euo pipefail, runs chown -R postgres:postgres
// /var/lib/postgresql, which covers the bind mount ./shared/archive at
// /var/lib/postgresql/archive: on a Linux host chown fails with EPERM and
// the container exits before Patroni (batch 21: begoingto-etcd, kind 5).
// Not reported when the service runs as root, without set -e, with
// || true, or when the chown covers no bind mount.
func TestChownAsUser(t *testing.T) {
	const want = "patroni-node/patroni-entrypoint.sh:14: the start script of pg-node1, pg-node2 and pg-node3 runs chown -R postgres:postgres /var/lib/postgresql (./shared/archive is bind-mounted at /var/lib/postgresql/archive) as user postgres"
	if got := lintMap(t, realFS(t, "begoingto-etcd")); !printed(got, want) {
		t.Errorf("chown over a bind mount as a non-root user not reported: %v", got)
	}
	const sh = "patroni-node/patroni-entrypoint.sh"
	for _, e := range []edit{
		{file: "docker-compose.yml", old: "    user: postgres\n", new: "    user: root\n"},
		{file: sh, old: "set -euo pipefail", new: "set -uo pipefail"},
		{file: sh, old: "chown -R postgres:postgres /var/lib/postgresql\n", new: "chown -R postgres:postgres /var/lib/postgresql || true\n"},
		{file: sh, old: "chown -R postgres:postgres /var/lib/postgresql\n", new: "chown -R postgres:postgres /var/lib/postgresql/data\n"},
		{file: sh, old: "chown -R postgres:postgres /var/lib/postgresql\n", new: "chown postgres:postgres /var/lib/postgresql\n"},
	} {
		if got := lintMap(t, variantOf(t, realFS(t, "begoingto-etcd"), []edit{e})); printed(got, "runs chown") {
			t.Errorf("%q: reported: %v", e.new, got)
		}
	}
}

// TestBlankSpiloSuperuser: PGPASSWORD_SUPERUSER: ${POSTGRES_PASSWORD} on
// Spilo nodes with no .env: the finding says what follows (initdb stops on
// an empty --pwfile, no node bootstraps), and leaves out CLONE_USER and
// CLONE_PASSWORD, which Spilo ignores with CLONE_METHOD pg_basebackup
// (batch 21: proolii-spilo, kind 6). With CLONE_METHOD
// CLONE_WITH_BASEBACKUP they count; with a literal superuser password the
// initdb consequence is not claimed.
func TestBlankSpiloSuperuser(t *testing.T) {
	got := lintMap(t, realFS(t, "proolii-spilo"))
	if !printed(got, "docker-compose.yml:172: POSTGRES_PASSWORD comes from a .env the answer does not have") || !printed(got, "PGPASSWORD_SUPERUSER is empty: Patroni hands initdb an empty --pwfile, initdb stops") || printed(got, "POSTGRES_USER") {
		t.Errorf("blank Spilo superuser password: %v", got)
	}
	v := variantOf(t, realFS(t, "proolii-spilo"), []edit{{file: "docker-compose.yml", old: "CLONE_METHOD: pg_basebackup", new: "CLONE_METHOD: CLONE_WITH_BASEBACKUP"}})
	if got := lintMap(t, v); !printed(got, "POSTGRES_PASSWORD and POSTGRES_USER come from a .env") {
		t.Errorf("CLONE_WITH_BASEBACKUP: CLONE_USER not counted: %v", got)
	}
	v = variantOf(t, realFS(t, "proolii-spilo"), []edit{{file: "docker-compose.yml", old: "PGPASSWORD_SUPERUSER: ${POSTGRES_PASSWORD}", new: "PGPASSWORD_SUPERUSER: secret"}})
	if got := lintMap(t, v); printed(got, "initdb stops") {
		t.Errorf("a set superuser password still said empty: %v", got)
	}
}

// TestNonDefaultV1ComposeFiles: no docker-compose.yml, three top-level
// compose files in the legacy v1 format run with -f
// (patroni-compose-etcd-1.yml, -etcd-3.yml, -addnode.yml): the layout is
// no longer refused; the file that names Patroni most is checked, the one
// that defines its services again is a variant (a note), the one that adds
// a node is a part, and each is reported in the v1 format. The nodes'
// entrypoint comes from the bind-mounted ./scripts folder; it writes the
// config for a Patroni source tree bind-mounted from the answer (python
// /patroni/patroni.py), whose version lint cannot read: a note, no key
// checks (batch 21: pgexperts-v1, kind 4).
func TestNonDefaultV1ComposeFiles(t *testing.T) {
	m := realFS(t, "pgexperts-v1")
	got := lintMap(t, m)
	for _, want := range []string{
		"patroni-compose-etcd-3.yml:4: the file is in the legacy v1 compose format",
		"patroni-compose-etcd-1.yml:4: the file is in the legacy v1 compose format",
		"patroni-compose-addnode.yml:3: the file is in the legacy v1 compose format",
		"patroni-compose-etcd-1.yml defines the services of patroni-compose-etcd-3.yml again",
		"scripts/entrypoint.sh:14: note: the Patroni config /etc/patroni/patroni.yml is written by this script when the container starts, for the Patroni source tree it runs",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	for _, bad := range []string{"lint found no config", "is not read by Patroni", "does not find"} {
		if printed(got, bad) {
			t.Errorf("%q: %v", bad, got)
		}
	}
	// Patroni from the image, not from a source tree of the answer: the
	// config the script writes is checked.
	v := variantOf(t, realFS(t, "pgexperts-v1"), []edit{{file: "patroni-compose-etcd-3.yml", old: "        - ./patroni:/patroni\n", new: ""}})
	if got := lintMap(t, v); !printed(got, "etcd.scope is not read by Patroni") {
		t.Errorf("a config for the image's Patroni not checked: %v", got)
	}
}

// TestSplitTopFilesNoHAProxy: the parts of a stack split over top-level
// compose files run with -f are all read; when none of them has a HAProxy
// service (pgexperts-v1's is commented out), that is a finding, as for one
// file. A haproxy service in the other file, or a part in a subfolder, and
// nothing is said (batch 21: pgexperts-v1, kind 4).
func TestSplitTopFilesNoHAProxy(t *testing.T) {
	const want = "patroni-compose-etcd-3.yml:4: no HAProxy service"
	if got := lintMap(t, realFS(t, "pgexperts-v1")); !printed(got, want) {
		t.Errorf("no HAProxy in any top-level file not reported: %v", got)
	}
	v := variantOf(t, realFS(t, "pgexperts-v1"), []edit{{file: "patroni-compose-addnode.yml", old: "# add one node for testing purposes\n", new: "# add one node for testing purposes\nhaproxy:\n    image: haproxy:2.8\n"}})
	if got := lintMap(t, v); printed(got, "no HAProxy service") {
		t.Errorf("a haproxy service in the other file: %v", got)
	}
}

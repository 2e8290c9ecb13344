package lint

import (
	"testing"
	"testing/fstest"
)

// TestSupervisorIncludedProgram: ENTRYPOINT supervisord, whose
// supervisord.conf has no [program:] of its own but [include] files =
// /etc/supervisor/conf.d/*.conf, where the Dockerfile COPYs patroni.conf
// ([program:patroni] command = patroni patroni.yaml): Patroni starts, so no
// "not Patroni" (and the named volume over /var/lib/postgresql is filled
// with the image's patroni.yaml, not empty). A program file that runs
// something else still leaves Patroni unstarted (batch 25: apetrunev-test,
// kind 1).
func TestSupervisorIncludedProgram(t *testing.T) {
	m := realFS(t, "apetrunev-test")
	got := lintMap(t, m)
	for _, bad := range []string{"not Patroni: Patroni never starts", "it starts empty, so Patroni finds no config"} {
		if findingWith(got, bad) {
			t.Errorf("%q with a supervisord program that runs Patroni: %v", bad, got)
		}
	}
	variantOf(t, m, []edit{{file: "patroni.conf", old: "command = patroni patroni.yaml", new: "command = sleep infinity"}})
	if got := lintMap(t, m); !findingWith(got, "the container runs supervisord, not Patroni: Patroni never starts") {
		t.Errorf("a supervisord without a Patroni program not reported: %v", got)
	}
}

// TestRelativeDataDirWorkingDir: data_dir test.postgres, relative, with
// Patroni run by a supervisord program whose directory= is
// /var/lib/postgresql, the named volume's mount point: the data is inside
// the volume, no finding. With directory=/tmp it is outside (batch 25:
// apetrunev-test, kind 2).
func TestRelativeDataDirWorkingDir(t *testing.T) {
	m := realFS(t, "apetrunev-test")
	if got := lintMap(t, m); findingWith(got, "is relative") {
		t.Errorf("a relative data_dir inside the volume reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "patroni.conf", old: "directory = /var/lib/postgresql", new: "directory = /tmp"}})
	if got := lintMap(t, m); !findingWith(got, "postgresql.data_dir test.postgres is relative") {
		t.Errorf("a relative data_dir outside the volume not reported: %v", got)
	}
}

// TestEtcdMergeShallow: etcd services that merge an x-etcd-base anchor
// (entrypoint: /usr/local/bin/etcd, ETCD_LISTEN_*_URLS on 0.0.0.0 in its
// environment:) and then set their own environment:, which replaces the
// anchor's whole mapping: etcd listens on localhost only, and the merge is
// named as the cause. Without their own environment: the anchor's listen
// URLs stand (batch 25: evgenkolesman-otus, kind 3).
func TestEtcdMergeShallow(t *testing.T) {
	m := realFS(t, "evgenkolesman-otus")
	got := lintMap(t, m)
	for _, want := range []string{
		"docker-compose-upd.yaml:19: etcd0 sets no --listen-client-urls (nor ETCD_LISTEN_CLIENT_URLS) (the merged anchor sets ETCD_LISTEN_CLIENT_URLS, but its own environment: replaces",
		"docker-compose-upd.yaml:35: etcd2 sets no --listen-peer-urls (the merged anchor sets ETCD_LISTEN_PEER_URLS",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	variantOf(t, m, []edit{{file: "docker-compose-upd.yaml", old: "    <<: *etcd-base\n    environment:\n      ETCD_NAME: etcd0", new: "    <<: *etcd-base\n    labels:\n      ETCD_NAME: etcd0"}})
	if got := lintMap(t, m); findingWith(got, "etcd0 sets no --listen") {
		t.Errorf("the anchor's listen URLs not taken when the service has no environment: of its own: %v", got)
	}
}

// TestHAProxyOtherPoolUnresolved: a replica pool (bind *:5433) with a
// server patroni0 beside services patroni, patroni1, patroni2: HAProxy
// resolves it at start and exits, whichever pool it is in. init-addr none
// lets it start (batch 25: evgenkolesman-otus, kind 4).
func TestHAProxyOtherPoolUnresolved(t *testing.T) {
	m := realFS(t, "evgenkolesman-otus")
	if got := lintMap(t, m); !printed(got, "haproxy.cfg:34: server patroni0 names the host patroni0, which is not a compose service") {
		t.Errorf("an unresolvable server of the replica pool not reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "haproxy.cfg", old: "server patroni0 patroni0:5432 maxconn 100 check port 8008", new: "server patroni0 patroni0:5432 maxconn 100 check port 8008 init-addr none"}})
	if got := lintMap(t, m); findingWith(got, "names the host patroni0") {
		t.Errorf("init-addr none not taken: %v", got)
	}
}

// TestPatroniEntrypointArgs: ENTRYPOINT ["/patroni.py", "postgres0.yml"]
// with etcd and haproxy services built from the same image whose command:
// (etcd -name ..., haproxy) was written for the demo's dispatching
// entrypoint.sh: the commands become Patroni's arguments. With the
// shell-script ENTRYPOINT back, no finding (batch 25: wooodhead-timescale,
// kind 6).
func TestPatroniEntrypointArgs(t *testing.T) {
	m := realFS(t, "wooodhead-timescale")
	if got := lintMap(t, m); !printed(got, "Dockerfile:166: the ENTRYPOINT is Patroni itself (/patroni.py postgres0.yml), so the command: of etcd1, etcd2, etcd3 and haproxy") {
		t.Errorf("commands given to a Patroni ENTRYPOINT not reported: %v", got)
	}
	variantOf(t, m, []edit{{file: "Dockerfile", old: "ENTRYPOINT [ \"/patroni.py\", \"postgres0.yml\" ]\n# ENTRYPOINT", new: "# ENTRYPOINT [ \"/patroni.py\", \"postgres0.yml\" ]\nENTRYPOINT"}})
	if got := lintMap(t, m); findingWith(got, "the ENTRYPOINT is Patroni itself") {
		t.Errorf("a script ENTRYPOINT taken for Patroni: %v", got)
	}
}

// TestLocalImageUnbuilt: image: local/patroni:latest on three services with
// no build:, a Dockerfile.patroni that installs Patroni beside them, and no
// script or document that builds or tags it: the pull fails. A README that
// gives the docker build -t step is the build (batch 25: varun-shadowdb,
// kind 7).
func TestLocalImageUnbuilt(t *testing.T) {
	m := realFS(t, "varun-shadowdb")
	if got := lintMap(t, m); !printed(got, "docker-compose.yml:26: image local/patroni:latest: a local/ name no registry serves") {
		t.Errorf("an unbuilt local/ image not reported: %v", got)
	}
	m["README.md"] = &fstest.MapFile{Data: []byte("docker build -f Dockerfile.patroni -t local/patroni:latest .\n")}
	if got := lintMap(t, m); findingWith(got, "a local/ name no registry serves") {
		t.Errorf("a README's docker build -t not taken: %v", got)
	}
}

// TestSleepLoopNoNode: pg-patroni-2204, built from the Patroni image but
// with entrypoint: [] and a while-true sleep loop, is no Patroni node: one
// node only, not "the same config on both". Without the cleared entrypoint
// the image's supervisord runs Patroni there too (batch 25: apetrunev-test,
// kind 9).
func TestSleepLoopNoNode(t *testing.T) {
	m := realFS(t, "apetrunev-test")
	got := lintMap(t, m)
	if !printed(got, "compose.yaml:2: only one PostgreSQL + Patroni service") || findingWith(got, "mount the same Patroni config") {
		t.Errorf("a sleep-loop container counted as a node: %v", got)
	}
	variantOf(t, m, []edit{{file: "compose.yaml", old: "    entrypoint: []\n    command: /bin/sh -c 'while true; do echo \"Test and sleep\"; sleep 2; done'\n", new: ""}})
	if got := lintMap(t, m); findingWith(got, "only one PostgreSQL + Patroni service") {
		t.Errorf("two Patroni nodes taken for one: %v", got)
	}
}

// TestHalvesOfOneStack: two top-level compose files that define the same
// services, but with other container names and hostnames, on one external
// network, are the two machines' halves of one stack, not variants run in
// each other's place: no "only one node", no "not a compose service" for
// the other half's hosts (batch 26: riggiogradiant-keycloak). Given the
// same container names they stay variants.
func TestHalvesOfOneStack(t *testing.T) {
	m := realFS(t, "riggiogradiant-keycloak")
	got := lintMap(t, m)
	if !printed(got, "the stack is split over several compose files") || printed(got, "only one PostgreSQL + Patroni service") || printed(got, "which is not a compose service") {
		t.Errorf("the two halves were not read as one stack: %v", got)
	}
	for _, n := range []string{"etcd", "postgres", "haproxy", "keycloak"} {
		variantOf(t, m, []edit{{file: "docker-compose-nodo2.yaml", old: "container_name: " + n + "-nodo2", new: "container_name: " + n + "-nodo1"}})
	}
	if got := lintMap(t, m); !printed(got, "another variant of the stack") {
		t.Errorf("files with the same container names were not taken for variants: %v", got)
	}
}

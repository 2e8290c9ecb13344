package lint

import "testing"

// TestPatroniDemoHAProxyUnusedCfg: the haproxy service runs Patroni's demo
// image (`image: patroni`, which the compose file also runs as etcd) as
// `command: haproxy`, whose confd writes its own haproxy.cfg (5000, 5001),
// and mounts nothing: the answer's loose patroni/haproxy.cfg is used by no
// service, so its ports and servers are not held against the stack (one
// note instead). Mounted, or on an image lint knows nothing of (which may
// have it baked in), it is the config checked (batch 20: radarslan-billing,
// kind 1).
func TestPatroniDemoHAProxyUnusedCfg(t *testing.T) {
	m := realFS(t, "radarslan-billing")
	got := lintMap(t, m)
	for _, bad := range []string{"publishes container port 5001", "points at 127.0.0.1"} {
		if printed(got, bad) {
			t.Errorf("%q from a haproxy.cfg no service reads: %v", bad, got)
		}
	}
	if !printed(got, "haproxy.cfg: note: no service reads haproxy.cfg: haproxy runs Patroni's demo image (patroni) in its haproxy mode") {
		t.Errorf("no note on the unused haproxy.cfg: %v", got)
	}
	mounted := variantOf(t, realFS(t, "radarslan-billing"), []edit{{file: "patroni/docker-compose.yml", old: "    command: haproxy\n", new: "    command: haproxy\n    volumes:\n      - ./haproxy.cfg:/etc/haproxy/haproxy.cfg\n"}})
	if got := lintMap(t, mounted); !printed(got, "haproxy.cfg:25: server postgresql_127.0.0.1_5432 points at 127.0.0.1") || printed(got, "no service reads") {
		t.Errorf("a mounted haproxy.cfg not checked: %v", got)
	}
	other := variantOf(t, realFS(t, "radarslan-billing"), []edit{{file: "patroni/docker-compose.yml", old: "  haproxy:\n    image: patroni\n", new: "  haproxy:\n    image: someone/haproxy\n"}})
	if got := lintMap(t, other); !printed(got, "points at 127.0.0.1") || printed(got, "no service reads") {
		t.Errorf("an unknown image's loose haproxy.cfg no longer checked: %v", got)
	}
}

// TestPatroniDemoDataBind: Patroni's demo image (`image:
// ${PATRONI_TEST_IMAGE:-patroni}` also run as etcd and haproxy) runs as
// postgres with its data directory at /home/postgres/data; host directories
// the answer lacks bind-mounted there are created root-owned, so no node
// can initialise or clone (batch 20: librecode-nextcloud, kind 2). Named
// volumes, or the image not recognisable as the demo's, print nothing.
func TestPatroniDemoDataBind(t *testing.T) {
	want := "(not in the answer) are bind-mounted at /home/postgres/data, the data directory of Patroni's demo image"
	got := lintMap(t, realFS(t, "librecode-nextcloud"))
	if !printed(got, "docker-compose.yml:69: the host directories ./volumes/patroni1, ./volumes/patroni2 and ./volumes/patroni3 "+want) {
		t.Errorf("root-owned data directories not found: %v", got)
	}
	named := variantOf(t, realFS(t, "librecode-nextcloud"), []edit{{file: "patroni/docker-compose.yml", old: "./volumes/patroni", new: "pgdata"}})
	if got := lintMap(t, named); printed(got, "Patroni's demo image") {
		t.Errorf("named volumes taken for bind mounts: %v", got)
	}
	root := variantOf(t, realFS(t, "librecode-nextcloud"), []edit{{file: "patroni/docker-compose.yml", old: "        container_name: patroni1\n", new: "        container_name: patroni1\n        user: root\n"}})
	if got := lintMap(t, root); printed(got, "./volumes/patroni1,") {
		t.Errorf("a node run as root reported: %v", got)
	}
	alone := variantOf(t, realFS(t, "librecode-nextcloud"), []edit{
		{file: "patroni/docker-compose.yml", old: "command: haproxy", new: "command: [\"sleep\", \"1\"]"},
		{file: "patroni/docker-compose.yml", old: "command: etcd", new: "command: /usr/bin/etcd"},
	})
	if got := lintMap(t, alone); printed(got, "Patroni's demo image") {
		t.Errorf("an image named patroni taken for the demo image without its other modes: %v", got)
	}
}

// TestMisplacedSettingsAtPatroniDefaults: hot_standby on, max_wal_senders
// 10 and max_replication_slots 10 written directly under
// bootstrap.dcs.postgresql never reach PostgreSQL, but they are the values
// Patroni passes on its command line anyway: a note, not a problem (batch
// 20: dreamer-etcd, a true but harmless finding). Another value, or the same
// setting given elsewhere under parameters, stays a problem.
func TestMisplacedSettingsAtPatroniDefaults(t *testing.T) {
	got := lintMap(t, realFS(t, "dreamer-etcd"))
	if !printed(got, "patroni/patroni-node.yml:19: note: bootstrap.dcs.postgresql takes no hot_standby, max_wal_senders and max_replication_slots") || len(Problems(got)) != 0 {
		t.Errorf("settings at Patroni's values not a note: %v", got)
	}
	other := variantOf(t, realFS(t, "dreamer-etcd"), []edit{{file: "patroni/patroni-node.yml", old: "      max_wal_senders: 10\n", new: "      max_wal_senders: 5\n"}})
	if got := lintMap(t, other); !printed(got, "patroni/patroni-node.yml:19: bootstrap.dcs.postgresql takes no hot_standby") {
		t.Errorf("a misplaced value other than Patroni's not a problem: %v", got)
	}
	twice := variantOf(t, realFS(t, "dreamer-etcd"), []edit{{file: "patroni/patroni-node.yml", old: "      max_replication_slots: 10\n", new: "      max_replication_slots: 10\n      parameters:\n        max_replication_slots: 4\n"}})
	if got := lintMap(t, twice); !printed(got, "patroni/patroni-node.yml:19: bootstrap.dcs.postgresql takes no hot_standby") {
		t.Errorf("a misplaced value shadowed by parameters not a problem: %v", got)
	}
}

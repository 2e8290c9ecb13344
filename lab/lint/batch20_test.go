package lint

import "testing"

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

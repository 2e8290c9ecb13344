package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// findingWith reports whether a finding's problem holds s.
func findingWith(got []Finding, s string) bool {
	for _, f := range got {
		if strings.Contains(f.Problem, s) {
			return true
		}
	}
	return false
}

// TestOpsByServiceNames: postgres1/postgres2 built next to etcd1 are the
// operations test only when built from its own top-level Dockerfile; the
// same names built from Dockerfile.patroni are another project's stack, held
// to Patroni's rules (no PostgreSQL 12, no PostGIS demanded).
func TestOpsByServiceNames(t *testing.T) {
	for _, c := range []struct {
		dockerfile string
		want       bool
	}{{"Dockerfile", true}, {"Dockerfile.patroni", false}} {
		m := embeddedFS(t)
		base := string(m[df].Data)
		base = strings.ReplaceAll(base, "ARG BASE_IMAGE=postgres:12", "ARG BASE_IMAGE=postgres:14")
		delete(m, df)
		m[c.dockerfile] = &fstest.MapFile{Data: []byte(base), Mode: 0o644}
		// Move the node configs out of postgresN-conf/, the exercise's own
		// folders, so only the service names can tell.
		for _, n := range []string{"1", "2"} {
			m["conf"+n+"/patroni.yml"] = m["postgres"+n+"-conf/patroni.yml"]
			delete(m, "postgres"+n+"-conf/patroni.yml")
		}
		build := "      context: .\n"
		if c.dockerfile != "Dockerfile" {
			build += "      dockerfile: " + c.dockerfile + "\n"
		}
		m = variantOf(t, m, []edit{
			{file: dc, old: "./postgres1-conf:/etc/patroni", new: "./conf1:/etc/patroni"},
			{file: dc, old: "./postgres2-conf:/etc/patroni", new: "./conf2:/etc/patroni"},
			{file: dc, old: "      context: .\n", new: build},
			{file: dc, old: "${PG_BASE_IMAGE:-postgres:12}", new: "postgres:14"},
		})
		got, err := FS(m)
		if err != nil {
			t.Fatal(err)
		}
		if have := findingWith(got, "the operations test fixes PostgreSQL at 12"); have != c.want {
			t.Errorf("built from %s: PostgreSQL 12 finding = %v, want %v (findings: %v)", c.dockerfile, have, c.want, got)
		}
	}
}

// TestConfigThroughVariable: a start script that writes the Patroni config
// with envsubst from a here-document into "$CONFIG_FILE" (a mktemp dir) and
// runs `exec su-exec postgres patroni "$CONFIG_FILE"` starts Patroni with
// that config: a note, no "not Patroni", no missing /etc/patroni/patroni.yml.
func TestConfigThroughVariable(t *testing.T) {
	conf := string(embeddedFS(t)[p1].Data)
	entry := "#!/bin/sh\nset -e\nCONFIG_DIR=$(mktemp -d)\nCONFIG_FILE=\"$CONFIG_DIR/patroni.yml\"\n" +
		"envsubst '${PATRONI_NAME}' > \"$CONFIG_FILE\" <<'EOF'\n" + conf + "EOF\n" +
		"exec su-exec postgres patroni \"$CONFIG_FILE\"\n"
	m := variantOf(t, embeddedFS(t), []edit{
		{file: "entrypoint.sh", new: entry},
		{file: df, old: "ENTRYPOINT []\nCMD [\"patroni\", \"/etc/patroni/patroni.yml\"]", new: "COPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n"},
		{file: p1, del: true},
		{file: p2, del: true},
		{file: "postgres1-conf/patroni.yml.template", new: conf},
		{file: "postgres2-conf/patroni.yml.template", new: conf},
	})
	got, err := FS(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"not Patroni", "missing", "does not start Patroni"} {
		if findingWith(got, bad) {
			t.Errorf("finding %q: %v", bad, got)
		}
	}
	if !findingWith(got, "is written by this script from the text that follows") {
		t.Errorf("no note on the config the script writes: %v", got)
	}
}

// TestEnvEtcdV2: PATRONI_ETCD_HOSTS in a node's environment is Patroni's
// etcd v2 client (taken before the file's etcd3:): on etcd 3.5 without
// --enable-v2, or with --enable-v2=false, a finding; with --enable-v2 none.
func TestEnvEtcdV2(t *testing.T) {
	for _, c := range []struct {
		flag string
		want bool
	}{{"", true}, {"      - --enable-v2=false\n", true}, {"      - --enable-v2\n", false}} {
		edits := []edit{{file: dc, old: "      PATRONI_REWIND_PASSWORD: ${PATRONI_REWIND_PASSWORD:?set it in .env (pglab init writes one)}\n",
			new: "      PATRONI_REWIND_PASSWORD: ${PATRONI_REWIND_PASSWORD:?set it in .env (pglab init writes one)}\n      PATRONI_ETCD_HOSTS: etcd1:2379,etcd2:2379,etcd3:2379\n"}}
		if c.flag != "" {
			edits = append(edits, edit{file: dc, old: "      - --initial-cluster-state=new\n", new: "      - --initial-cluster-state=new\n" + c.flag})
		}
		got, err := FS(variantOf(t, embeddedFS(t), edits))
		if err != nil {
			t.Fatal(err)
		}
		if have := findingWith(got, "PATRONI_ETCD_HOSTS (postgres1 and postgres2) gives Patroni an etcd: section"); have != c.want {
			t.Errorf("flag %q: finding = %v, want %v (findings: %v)", c.flag, have, c.want, got)
		}
	}
}

// TestSpiloReplicationUser: on Spilo, PATRONI_REPLICATION_USERNAME without
// the matching PGUSER_STANDBY is refused by Spilo's pg_hba; with
// PGUSER_STANDBY set to the same user there is no finding.
func TestSpiloReplicationUser(t *testing.T) {
	node := func(n, extra string) string {
		return "  pg" + n + ":\n    image: ghcr.io/zalando/spilo-16:3.2-p3\n    environment:\n" +
			"      PATRONI_ETCD3_HOSTS: etcd1:2379\n      SCOPE: demo\n" +
			"      PATRONI_REPLICATION_USERNAME: repl\n      PATRONI_REPLICATION_PASSWORD: secret\n" + extra
	}
	for _, c := range []struct {
		extra string
		want  bool
	}{{"", true}, {"      PGUSER_STANDBY: repl\n      PGPASSWORD_STANDBY: secret\n", false}} {
		compose := "services:\n  etcd1:\n    image: quay.io/coreos/etcd:v3.5.17\n    command: [etcd, --name=etcd1, --listen-client-urls=http://0.0.0.0:2379, --advertise-client-urls=http://etcd1:2379]\n" +
			node("1", c.extra) + node("2", c.extra)
		got, err := FS(fstest.MapFS{"docker-compose.yml": &fstest.MapFile{Data: []byte(compose), Mode: 0o644}})
		if err != nil {
			t.Fatal(err)
		}
		if have := findingWith(got, "PATRONI_REPLICATION_USERNAME=repl (pg1 and pg2) makes Patroni replicate as repl, but Spilo's pg_hba allows replication only for standby"); have != c.want {
			t.Errorf("extra %q: finding = %v, want %v (findings: %v)", c.extra, have, c.want, got)
		}
	}
}

// TestArchiveDirNotCreated: archive_command copying into a directory
// nothing creates is a finding; a mkdir in the Dockerfile, or a volume
// mounted there, makes it none.
func TestArchiveDirNotCreated(t *testing.T) {
	archive := "        wal_level: replica\n        archive_mode: \"on\"\n        archive_command: 'test ! -f /archive/wal/%f && cp %p /archive/wal/%f'\n"
	for _, c := range []struct {
		name  string
		extra []edit
		want  bool
	}{
		{"nothing creates it", nil, true},
		{"mkdir in the image", []edit{{file: df, old: "USER postgres\n", new: "RUN mkdir -p /archive/wal && chown postgres /archive/wal\nUSER postgres\n"}}, false},
		{"a volume there", []edit{{file: dc, old: "      - postgres1-data:/opt/postgres\n", new: "      - postgres1-data:/opt/postgres\n      - ./wal1:/archive/wal\n"},
			{file: dc, old: "      - postgres2-data:/opt/postgres\n", new: "      - postgres2-data:/opt/postgres\n      - ./wal2:/archive/wal\n"}}, false},
	} {
		edits := append([]edit{
			{file: p1, old: "        wal_level: replica\n", new: archive},
			{file: p2, old: "        wal_level: replica\n", new: archive},
		}, c.extra...)
		got, err := FS(variantOf(t, embeddedFS(t), edits))
		if err != nil {
			t.Fatal(err)
		}
		if have := findingWith(got, "archive_command copies each WAL segment into /archive/wal, which nothing creates"); have != c.want {
			t.Errorf("%s: finding = %v, want %v (findings: %v)", c.name, have, c.want, got)
		}
	}
}

// multiHost is a multi-host answer laid out as stepanof-split is: one folder
// per role, one compose file per machine two levels down, host networking,
// machine addresses written as $NODEnn_IP.
func multiHost(binDir, hapEnv string) fstest.MapFS {
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
	m := fstest.MapFS{
		"etcd/node01/docker-compose.yaml": f("services:\n  etcd:\n    image: quay.io/coreos/etcd:v3.5.3\n    network_mode: host\n    command: /usr/local/bin/etcd -name e1 -enable-v2=true -listen-client-urls http://$NODE01_IP:2379 -advertise-client-urls http://$NODE01_IP:2379\n"),
		"pg/Dockerfile":                   f("FROM python:3.8\nRUN apt-get update && apt-get install -y postgresql\nUSER postgres\nRUN pip install psycopg2-binary patroni[etcd]==3.3.2\n"),
		"haproxy/Dockerfile":              f("FROM haproxy:2.6.6\n"),
		"haproxy/haproxy.cfg": f("defaults\n  mode tcp\n  timeout client 1m\n  timeout server 1m\n  timeout connect 4s\nfrontend f\n  bind :5000\n  default_backend b\nbackend b\n  option httpchk GET /primary\n  http-check expect status 200\n" +
			"  server n1 $NODE01_IP:5432 check port 8008\n  server n2 $NODE02_IP:5432 check port 8008\n"),
		"haproxy/node01/docker-compose.yaml": f("services:\n  haproxy:\n    build: ..\n    network_mode: host\n" + hapEnv + "    volumes:\n      - ../haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg\n"),
	}
	for _, n := range []string{"01", "02"} {
		m["pg/node"+n+"/docker-compose.yaml"] = f("services:\n  patroni:\n    build:\n      context: ../\n    network_mode: host\n    command: bash -c 'patroni /etc/patroni/postgres.yaml'\n    volumes:\n      - ./postgres.yaml:/etc/patroni/postgres.yaml\n")
		m["pg/node"+n+"/postgres.yaml"] = f("scope: demo\nname: node" + n + "\nrestapi:\n  listen: $NODE" + n + "_IP:8008\n  connect_address: $NODE" + n + "_IP:8008\netcd:\n  hosts:\n    - $NODE01_IP:2379\n" +
			"bootstrap:\n  dcs:\n    ttl: 30\npostgresql:\n  listen: $NODE" + n + "_IP:5432\n  connect_address: $NODE" + n + "_IP:5432\n  data_dir: /home/postgres/data\n  bin_dir: " + binDir + "\n" +
			"  pg_hba:\n  - host replication replicator 0.0.0.0/0 md5\n  authentication:\n    superuser:\n      username: postgres\n      password: pw\n    replication:\n      username: replicator\n      password: pw\n")
	}
	return m
}

// TestMultiHostLayout: compose files two levels down are read as a split
// stack (not "unknown layout"); the nodes' configs beside them are checked,
// with the variables of the service that mounts them; the Dockerfile their
// command: runs Patroni from is not said to start no Patroni; bin_dir is
// checked against the image's PostgreSQL; HAProxy's server variables against
// its container's environment.
func TestMultiHostLayout(t *testing.T) {
	got, err := FS(multiHost("/usr/lib/postgresql/13/bin", ""))
	if err != nil {
		t.Fatalf("layout refused: %v", err)
	}
	for _, want := range []string{
		"Patroni does not expand $NAME or ${...} in its config, and no PATRONI_* variable of patroni (pg/node01/docker-compose.yaml)",
		"the node image has PostgreSQL 15 (apt's postgresql on python:3.8 (Debian bookworm) is PostgreSQL 15), but bin_dir names /usr/lib/postgresql/13/bin",
		"server n1 ($NODE01_IP) and n2 ($NODE02_IP): the address comes from a variable the HAProxy container is not given",
	} {
		if !findingWith(got, want) {
			t.Errorf("no finding %q: %v", want, got)
		}
	}
	if findingWith(got, "does not start Patroni") {
		t.Errorf("the command: that runs Patroni was not seen: %v", got)
	}
	got, err = FS(multiHost("/usr/lib/postgresql/15/bin", "    environment:\n      NODE01_IP: 10.0.0.1\n      NODE02_IP: 10.0.0.2\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"bin_dir names", "the HAProxy container is not given"} {
		if findingWith(got, bad) {
			t.Errorf("finding %q on a fixed answer: %v", bad, got)
		}
	}
}

// TestSplitStackHandBuiltImage: a stack split over compose files whose main
// file runs only ZooKeeper (on a network named patroni) and whose Patroni
// file runs a hand-built image named after its folder (patroni-test and
// patroni-test/Dockerfile): lint checks the Patroni file, ties the image to
// that Dockerfile (its PEP 668 pip install is found, no "nothing builds"),
// and still checks the ZooKeeper file's images.
func TestSplitStackHandBuiltImage(t *testing.T) {
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
	node := func(n string) string {
		return "  patroni" + n + ":\n    image: patroni-test:latest\n    hostname: patroni" + n + "\n    networks: [patroni_default]\n"
	}
	m := fstest.MapFS{
		"docker-compose.yml":         f("services:\n  zk1:\n    image: bitnami/zookeeper:3.6.2\n  zk2:\n    image: bitnami/zookeeper:3.6.2\n  zk3:\n    image: bitnami/zookeeper:3.6.2\nnetworks:\n  patroni:\n    driver: overlay\n"),
		"docker-compose-patroni.yml": f("networks:\n  patroni_default:\n    external: true\nservices:\n" + node("1") + node("2")),
		"patroni-test/Dockerfile":    f("FROM postgres:11\nRUN apt-get update -y && apt-get install -y python3 python3-pip \\\n    && pip3 install psycopg2-binary patroni[zookeeper]\nCOPY patroni.yml /etc/patroni.yml\nUSER postgres\nCMD [\"patroni\", \"/etc/patroni.yml\"]\n"),
		"patroni-test/patroni.yml":   f("scope: demo\nrestapi:\n  listen: 0.0.0.0:8008\nzookeeper:\n  hosts: [zk1:2181, zk2:2181, zk3:2181]\npostgresql:\n  listen: 0.0.0.0:5432\n  data_dir: /data/patroni\n"),
	}
	got, err := FS(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"PEP 668", "lint checked docker-compose-patroni.yml as the HA stack", "Bitnami removed its versioned images"} {
		if !findingWith(got, want) {
			t.Errorf("no finding %q: %v", want, got)
		}
	}
	if findingWith(got, "which nothing in") {
		t.Errorf("an image named after its folder said to be built by nothing: %v", got)
	}
}

// TestPatroniArgVar: a variable handed to patroni is its config when the
// script assigns it a YAML path or names it for one; "patroni $NAME" in a
// message is not a start of Patroni.
func TestPatroniArgVar(t *testing.T) {
	for text, want := range map[string]string{
		"CONFIG_FILE=\"$CONFIG_DIR/patroni.yml\"\nexec su-exec postgres patroni \"$CONFIG_FILE\"\n": "$CONFIG_DIR/patroni.yml",
		"exec gosu postgres patroni ${PATRONI_CONFIG}\n":                                            "$PATRONI_CONFIG",
		"C=/tmp/p.yml\nexec patroni $C\n":                                                           "/tmp/p.yml",
		"echo starting patroni $PATRONI_NAME\n":                                                     "",
		"exec patroni /etc/patroni.yml\n":                                                           "/etc/patroni.yml",
	} {
		if got, _ := patroniArg(text); got != want {
			t.Errorf("patroniArg(%q) = %q, want %q", text, got, want)
		}
	}
}

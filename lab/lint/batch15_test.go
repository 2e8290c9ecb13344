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

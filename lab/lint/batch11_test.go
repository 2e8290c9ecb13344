package lint

import (
	"fmt"
	"testing"
)

var sprintf = fmt.Sprintf

// TestBatch11Rules: the layouts and mistakes batch 11's far variants brought,
// each made from pglab's own operations-test files (exact: nothing else may
// be found), so every rule can fail on its own.
func TestBatch11Rules(t *testing.T) {
	const bare = `FROM %s
RUN apt-get update && apt-get install -y python3-pip postgresql-12-postgis-3 \
 && pip3 install "patroni[etcd3]" psycopg2-binary \
 && mkdir -p /opt/postgres && chown -R postgres:postgres /opt/postgres
USER postgres
CMD ["patroni", "/etc/patroni/patroni.yml"]
`
	from := func(img string) edit {
		return edit{file: df, old: "", new: sprintf(bare, img)}
	}
	cases := []struct {
		name  string
		edits []edit
		wants []at
	}{
		{"a minor tag built on bullseye: pip is not refused", []edit{from("postgres:12.14")}, []at{{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"}}},
		{"a minor tag built on buster: its apt sources are gone",
			[]edit{from("postgres:12.7")},
			[]at{{df, "FROM postgres:12.7", "FROM postgres:12.7 is Debian buster"}}},
		{"a minor of a major that began on bookworm: pip is refused",
			[]edit{from("postgres:16.0")},
			[]at{{df, "FROM postgres:16.0", "postgres:16.0 is PostgreSQL 16"}, {df, "pip3 install", "externally-managed-environment"}}},
		{"a moving tag is today's Debian: pip is refused",
			[]edit{from("postgres:12")},
			[]at{{df, "postgresql-12-postgis-3", "installs postgresql-12-postgis-3 from the PGDG source the postgres:"}, {df, "pip3 install", "externally-managed-environment"}}},
		{"HAProxy's config through compose configs:",
			[]edit{
				{file: dc, old: "    volumes:\n      - ./haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro\n",
					new: "    configs:\n      - source: hacfg\n        target: /usr/local/etc/haproxy/haproxy.cfg\n"},
				{file: dc, old: "\nvolumes:\n", new: "\nconfigs:\n  hacfg:\n    file: ./haproxy/haproxy.cfg\n\nvolumes:\n"},
			},
			nil},
		{"bind in a backend",
			[]edit{{file: hap, old: "listen postgres\n    bind *:5432\n", new: "frontend front\n    bind *:5432\n    default_backend postgres\n\nbackend postgres\n    bind *:5433\n"}},
			[]at{{hap, "bind *:5433", "bind in backend postgres: HAProxy refuses the config"}}},
		{"a resolvers section that is not there",
			[]edit{{file: hap, old: "resolvers docker\n    nameserver dns 127.0.0.11:53\n    hold valid 10s\n", new: ""}},
			[]at{{hap, "default-server", "resolvers docker, but no resolvers section of that name"}}},
		{"archive_mode with no archive_command",
			[]edit{{file: p1, old: "        wal_log_hints: \"on\"\n", new: "        wal_log_hints: \"on\"\n        archive_mode: \"on\"\n"}},
			[]at{{p1, "archive_mode", "archive_mode is on but no archive_command"}}},
		{"archive_mode with an archive_command",
			[]edit{{file: p1, old: "        wal_log_hints: \"on\"\n", new: "        wal_log_hints: \"on\"\n        archive_mode: \"on\"\n        archive_command: /bin/true\n"}},
			nil},
		{"a ${VAR} Patroni never expands",
			[]edit{{file: p1, old: "      username: rewind_user\n", new: "      username: ${REWIND_USER}\n"}},
			[]at{{p1, "${REWIND_USER}", "Patroni does not expand ${...} in its config, and no PATRONI_* variable of postgres1 replaces postgresql.authentication.rewind.username"}}},
		{"PostgreSQL settings beside parameters",
			[]edit{{file: p1, old: "      use_slots: true\n", new: "      use_slots: true\n      wal_keep_size: 128MB\n      synchronous_commit: \"on\"\n"}},
			[]at{{p1, "wal_keep_size", "bootstrap.dcs.postgresql takes no wal_keep_size and synchronous_commit: these are PostgreSQL settings"}}},
		{"Patroni's old layout of credentials",
			[]edit{{file: p1, old: "  authentication:\n    superuser:\n      username: postgres\n    replication:\n      username: replicator\n    rewind:\n      username: rewind_user\n",
				new: "  superuser:\n    username: postgres\n  replication:\n    username: replicator\n  pg_rewind:\n    username: postgres\n"}},
			nil},
		{"two nodes on one named data volume",
			[]edit{{file: dc, old: "postgres2-data:/opt/postgres", new: "postgres1-data:/opt/postgres"}},
			[]at{{dc, "postgres1-data:/opt/postgres", "postgres1 and postgres2 mount the same volume postgres1-data at /opt/postgres"}}},
		{"POSTGRES_DB on a node that runs Patroni",
			[]edit{{file: dc, old: "    hostname: postgres1\n    environment:\n", new: "    hostname: postgres1\n    environment:\n      POSTGRES_DB: app\n"}},
			[]at{{dc, "POSTGRES_DB: app", "POSTGRES_DB is set on postgres1 (app)"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkFS(t, variant(t, c.edits), c.wants)
		})
	}
}

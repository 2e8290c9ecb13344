package lint

import (
	"strings"
	"testing"
)

// TestMasterStringOnPatroni4: an http-check expect that reads the role
// "master" in Patroni's status body (rstring role.*master) passes on the
// primary of Patroni 3 and never on Patroni 4 (it says "primary"), which an
// unpinned pip install gives. lint16: a bare "master" is no role read at
// all: every member's body holds "postmaster_start_time", so the check
// passes everywhere, on Patroni 3 and 4 alike.
func TestMasterStringOnPatroni4(t *testing.T) {
	for _, c := range []struct {
		pip, expect string
		never, all  bool
	}{
		{"pip3 install --break-system-packages patroni[etcd3] psycopg2-binary", `rstring role.*master`, true, false},
		{"pip3 install --break-system-packages patroni[etcd3]==3.3.0 psycopg2-binary", `rstring role.*master`, false, false},
		{"pip3 install --break-system-packages patroni[etcd3] psycopg2-binary", "string master", false, true},
		{"pip3 install --break-system-packages patroni[etcd3]==3.3.0 psycopg2-binary", "string master", false, true},
	} {
		check := "    option httpchk GET /role\n    http-check expect " + c.expect + "\n"
		m := variantOf(t, embeddedFS(t), []edit{
			{file: df, new: "FROM postgres:12\nRUN apt-get update && apt-get install -y python3-pip postgresql-12-postgis-3\nRUN " + c.pip + "\nUSER postgres\nCMD [\"patroni\", \"/etc/patroni/patroni.yml\"]\n"},
			{file: hap, old: "    option httpchk GET /primary\n    http-check expect status 200\n", new: check},
		})
		got, err := FS(m)
		if err != nil {
			t.Fatal(err)
		}
		never, all, role := false, false, false
		for _, f := range got {
			never = never || strings.Contains(f.Problem, "http-check expect "+c.expect+" never matches")
			all = all || strings.Contains(f.Problem, "http-check expect "+c.expect+" matches the status body of every running member")
			role = role || strings.Contains(f.Problem, "asks Patroni for /role")
		}
		if never != c.never || all != c.all {
			t.Errorf("%s, %s: never-matches = %v (want %v), matches-every-member = %v (want %v) (findings: %v)", c.pip, c.expect, never, c.never, all, c.all, got)
		}
		if role {
			t.Errorf("%s: /role with expect string judged as a status check", c.pip)
		}
	}
}

// TestContainerName: a container_name Docker refuses is one finding; a valid
// one none.
func TestContainerName(t *testing.T) {
	for name, want := range map[string]bool{"pg-node-3sudo -u postgres patroni": true, "pg_node.3": false} {
		m := variantOf(t, embeddedFS(t), []edit{{file: dc, old: "    hostname: postgres2\n", new: "    hostname: postgres2\n    container_name: \"" + name + "\"\n"}})
		got, err := FS(m)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range got {
			if strings.Contains(f.Problem, "is not a valid container name") {
				found = true
			}
		}
		if found != want {
			t.Errorf("container_name %q: finding = %v, want %v", name, found, want)
		}
	}
}

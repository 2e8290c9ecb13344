package lint

import (
	"strings"
	"testing"
)

// TestMasterStringOnPatroni4: http-check expect string master passes on
// Patroni 3 (its status body says "master") and never on Patroni 4 (it says
// "primary"), which an unpinned pip install gives.
func TestMasterStringOnPatroni4(t *testing.T) {
	check := "    option httpchk GET /role\n    http-check expect string master\n"
	for _, c := range []struct {
		pip  string
		want bool
	}{
		{"pip3 install --break-system-packages patroni[etcd3] psycopg2-binary", true},
		{"pip3 install --break-system-packages patroni[etcd3]==3.3.0 psycopg2-binary", false},
	} {
		m := variantOf(t, embeddedFS(t), []edit{
			{file: df, new: "FROM postgres:12\nRUN apt-get update && apt-get install -y python3-pip postgresql-12-postgis-3\nRUN " + c.pip + "\nUSER postgres\nCMD [\"patroni\", \"/etc/patroni/patroni.yml\"]\n"},
			{file: hap, old: "    option httpchk GET /primary\n    http-check expect status 200\n", new: check},
		})
		got, err := FS(m)
		if err != nil {
			t.Fatal(err)
		}
		found, role := false, false
		for _, f := range got {
			if strings.Contains(f.Problem, "http-check expect string master never matches") {
				found = true
			}
			if strings.Contains(f.Problem, "asks Patroni for /role") {
				role = true
			}
		}
		if found != c.want {
			t.Errorf("%s: master-string finding = %v, want %v (findings: %v)", c.pip, found, c.want, got)
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

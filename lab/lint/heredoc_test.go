package lint

import (
	"strings"
	"testing"
)

// A start script that writes the Patroni config from a here-document
// hands Patroni the text the shell makes of it: lint checks that text as
// each node's config when it can tell every value, and says so.
func TestHeredocConfigValues(t *testing.T) {
	const script = "entrypoint.sh"
	cases := []struct {
		name       string
		old, new   string
		want, none string
	}{
		{"a value the script assigns is checked",
			"  hosts: etcd:2379\n", "  hosts: ${DCS}\n",
			"names the host etcdx, which is not a compose service", ""},
		{"a quoted delimiter keeps ${...} literal",
			"cat > /tmp/patroni.yml << EOF\n", "cat > /tmp/patroni.yml << 'EOF'\n",
			"Patroni does not expand ${...} in its config", ""},
		{"an escaped \\$ stays a literal $",
			"  connect_address: ${PATRONI_NAME}:8008\n", "  connect_address: \\${PATRONI_NAME}:8008\n",
			"Patroni does not expand ${...} in its config", ""},
		{"a URL in hosts through a variable",
			"cat > /tmp/patroni.yml << EOF\n", "ETCD=\"${ETCD:-http://etcd:2379}\"\ncat > /tmp/patroni.yml << EOF\n",
			"", ""},
		{"the values each node's environment gives are that node's",
			"", "", "", "Patroni does not expand"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := realFS(t, "kolmanis-cluster")
			var edits []edit
			if c.old != "" {
				edits = append(edits, edit{file: script, old: c.old, new: c.new})
			}
			if strings.Contains(c.name, "assigns") {
				edits = append(edits, edit{file: script, old: "cat > /tmp/patroni.yml << EOF\n", new: "DCS=etcdx:2379\ncat > /tmp/patroni.yml << EOF\n"})
			}
			if strings.Contains(c.name, "URL") {
				edits = append(edits, edit{file: script, old: "  hosts: etcd:2379\n", new: "  hosts: ${ETCD}\n"})
				c.want = "etcd.hosts holds the URL http://etcd:2379 where Patroni takes host:port"
			}
			got := lintMap(t, variantOf(t, m, edits))
			if c.want != "" && !findingWith(got, c.want) {
				t.Errorf("want a finding with %q, got:\n%s", c.want, dump(got))
			}
			if c.none != "" && findingWith(got, c.none) {
				t.Errorf("want no finding with %q, got:\n%s", c.none, dump(got))
			}
			if c.old != "" && !strings.Contains(c.name, "quoted") && !strings.Contains(c.name, "escaped") && !findingWith(got, "lint checked it as each one's config") {
				t.Errorf("want the note that the rendered text was checked as each node's config, got:\n%s", dump(got))
			}
		})
	}
}

// A here-document piped through envsubst, or edited after it is written,
// is not the text Patroni reads: it stays a template whose keys are checked.
func TestHeredocEditedStaysTemplate(t *testing.T) {
	for _, e := range []edit{
		{file: "entrypoint.sh", old: "cat > /tmp/patroni.yml << EOF\n", new: "envsubst > /tmp/patroni.yml << 'EOF'\n"},
		{file: "entrypoint.sh", old: "cat > /tmp/patroni.yml << EOF\n", new: "sed -i s/a/b/ /tmp/x\ncat > /tmp/patroni.yml << EOF\n"},
	} {
		got := lintMap(t, variantOf(t, realFS(t, "kolmanis-cluster"), []edit{e}))
		if strings.Contains(e.new, "envsubst") && (findingWith(got, "Patroni does not expand") || !findingWith(got, "lint checked its keys, not the values")) {
			t.Errorf("%q: want the template note and no literal-placeholder finding, got:\n%s", e.new, dump(got))
		}
	}
}

// NAME="${NAME:-default}" is the value NAME already holds when the
// service sets it, and the default (which may name other variables) when
// it does not; a $(command) default is only run when NAME is unset.
func TestSelfDefaultAssignment(t *testing.T) {
	m := realFS(t, "kolmanis-cluster")
	edits := []edit{
		{file: "entrypoint.sh", old: "cat > /tmp/patroni.yml << EOF\n", new: "PATRONI_NAME=\"${PATRONI_NAME:-$(hostname)}\"\nADDR=\"${ADDR:-${PATRONI_NAME}:8008}\"\ncat > /tmp/patroni.yml << EOF\n"},
		{file: "entrypoint.sh", old: "  connect_address: ${PATRONI_NAME}:8008\n", new: "  connect_address: ${ADDR}\n"},
	}
	got := lintMap(t, variantOf(t, m, edits))
	if !findingWith(got, "lint checked it as each one's config") {
		t.Errorf("want the config rendered (PATRONI_NAME set by compose, ADDR from its default), got:\n%s", dump(got))
	}
}

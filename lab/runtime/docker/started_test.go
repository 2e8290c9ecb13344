package docker

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/lint"
)

// Patroni's own process among a container's, as procList prints them
// (run for real by sh on this host's /proc), and the config path it was
// started with: not su's line, not a shell's, relative paths made
// absolute against its working directory.
func TestStartedPatroni(t *testing.T) {
	procs := strings.Join([]string{
		"1\t/\t/bin/bash\x01/entrypoint.sh\x01",
		"7\t/\tsu\x01postgres\x01-c\x01patroni /etc/patroni/patroni.yml\x01",
		"8\t/var/lib/postgresql\t/usr/bin/python3\x01/usr/local/bin/patroni\x01patroni.yml\x01",
		"9\t/\tpostgres: patroni: checkpointer\x01",
	}, "\n")
	pid, argv, cfg, ok := startedPatroni(procs)
	if !ok || pid != "8" || cfg != "/var/lib/postgresql/patroni.yml" || len(argv) != 3 {
		t.Errorf("got pid %q argv %q config %q ok %v; want 8, /var/lib/postgresql/patroni.yml", pid, argv, cfg, ok)
	}
	if _, _, _, ok := startedPatroni("1\t/\tsu\x01postgres\x01-c\x01patroni /x.yml\x01\n"); ok {
		t.Errorf("su's line taken for Patroni's")
	}
	// The listing itself, by sh on this host's /proc: a program named
	// patroni (tail, copied) started as `patroni -f conf.yml` in dir.
	dir := t.TempDir()
	tail, err := exec.LookPath("tail")
	if err != nil {
		t.Skip("no tail")
	}
	b, err := os.ReadFile(tail)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "patroni"), b, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "conf.yml"), nil, 0o644)
	cmd := exec.Command("./patroni", "-f", "conf.yml")
	cmd.Dir = dir
	if err := cmd.Start(); err != nil { // returns once exec'd: /proc shows its argv
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	out, err := exec.Command("sh", "-c", procList).Output()
	if err != nil {
		t.Fatal(err)
	}
	// Only its line: other labs on this host may run a Patroni too.
	var own string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, strconv.Itoa(cmd.Process.Pid)+"\t") {
			own = l
		}
	}
	if _, _, cfg, ok := startedPatroni(own); !ok || cfg != filepath.Join(dir, "conf.yml") {
		t.Errorf("from this host's /proc: config %q ok %v, want %s", cfg, ok, filepath.Join(dir, "conf.yml"))
	}
}

// What a script-written config and the process's PATRONI_* say: the
// variables over the file, as Patroni reads them.
func TestStartedConfig(t *testing.T) {
	file := []byte(`scope: postgres-ha
name: patroni1
restapi:
  listen: 0.0.0.0:8009
postgresql:
  authentication:
    superuser: {username: postgres, password: from-file}
    replication: {username: replicator, password: replpassword}
`)
	got, err := startedConfig(file, "PATH=/bin\x00PATRONI_SUPERUSER_PASSWORD=secretpassword\x00PATRONI_NAME=patroni2\x00")
	if err != nil {
		t.Fatal(err)
	}
	want := lint.NodeLayout{Member: "patroni2", Superuser: "postgres", SuperuserPassword: "secretpassword", ReplicationPassword: "replpassword", RESTPort: 8009}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if !needsStarted(lint.NodeLayout{Path: "/etc/patroni.yml", Superuser: "postgres", Member: "m"}) {
		t.Errorf("a node without its superuser password does not need its container read")
	}
	if _, err := startedConfig([]byte("\tnot: [yaml"), ""); err == nil {
		t.Errorf("a file that is not YAML read")
	}
}

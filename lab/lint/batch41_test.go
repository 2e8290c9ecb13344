package lint

import (
	"strings"
	"testing"
)

// b41EnvFileFS: both nodes' configs leave scope and the DCS to the
// environment (no scope:, no etcd3:), which an env_file gives
// (PATRONI_SCOPE, PATRONI_ETCD3_HOSTS; batch 41: eneko_zubiri). envFile
// is that file's text, named name.
func b41EnvFileFS(name, envFile string) map[string]string {
	m := b37ShellFS(b37GoodHBA)
	c := string(m["compose.yaml"].Data)
	for _, n := range []string{"postgres1", "postgres2"} {
		c = strings.Replace(c, "      NODE_NAME: "+n+"\n", "      NODE_NAME: "+n+"\n    env_file: "+name+"\n", 1)
	}
	files := map[string]string{"compose.yaml": c, name: envFile}
	for k, v := range m {
		if _, set := files[k]; !set {
			files[k] = string(v.Data)
		}
	}
	for _, n := range []string{"postgres1", "postgres2"} {
		conf := b37Conf(n, b37GoodHBA)
		conf = strings.Replace(conf, "scope: demo\n", "", 1)
		conf = strings.Replace(conf, "etcd3:\n  hosts:\n  - etcd1:2379\n  - etcd2:2379\n  - etcd3:2379\n", "", 1)
		files["config/"+n+".yml"] = conf
	}
	return files
}

// TestUnparsableEnvFileSaidOnce: an env_file docker compose cannot parse
// (a quoted list, 'a','b') is said once, at the file; the Patroni keys it
// may set (scope, the DCS hosts) are then unknown, not "no scope" / "no
// DCS section" (batch 41 kind 1: the consequences of the parse failure,
// not their own faults). The same for an env_file other than .env. With a
// parsable file giving them, nothing is said.
func TestUnparsableEnvFileSaidOnce(t *testing.T) {
	good := "PATRONI_SCOPE=demo\nPATRONI_ETCD3_HOSTS=etcd1:2379,etcd2:2379,etcd3:2379\n"
	got := lintMap(t, mapOf(b41EnvFileFS(".env", good)))
	for _, f := range got {
		if !f.Note {
			t.Errorf("a finding on a working answer: %s", f)
		}
	}
	bad := "PATRONI_SCOPE=demo\nPATRONI_ETCD3_HOSTS='etcd1:2379','etcd2:2379','etcd3:2379'\n"
	for _, name := range []string{".env", "patroni.env"} {
		got = lintMap(t, mapOf(b41EnvFileFS(name, bad)))
		for _, no := range []string{"no DCS section", "no scope"} {
			if findingWith(got, no) {
				t.Errorf("%s: %q said although the unparsable env_file may set it: %v", name, no, got)
			}
		}
		n := 0
		for _, f := range got {
			if strings.Contains(f.Problem, "docker compose cannot read "+name+":") {
				n++
				if f.File != name {
					t.Errorf("the parse failure said at %s, not at %s", f.File, name)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: the parse failure said %d times, want once: %v", name, n, got)
		}
	}
}

// TestZooKeeperOnAnotherNetwork: the nodes name zoo as their ZooKeeper
// (zookeeper.hosts), zoo has no networks: (the project's default network)
// and the nodes are on pgnet only: zoo does not resolve from them. Put zoo
// on pgnet and nothing is said (batch 41: ru-timur-gaziev, kind 4).
func TestZooKeeperOnAnotherNetwork(t *testing.T) {
	m := realFS(t, "ru-timur-gaziev")
	if got := lintMap(t, m); !findingWith(got, "pg-master and zoo share no network") {
		t.Errorf("a ZooKeeper the nodes cannot reach by name not reported: %v", got)
	}
	data := string(m["docker-compose.yml"].Data)
	i := strings.Index(data, "  zoo:\n")
	if i < 0 {
		t.Fatal("no zoo service in the fixture")
	}
	variantOf(t, m, []edit{{file: "docker-compose.yml", new: data[:i] + "  zoo:\n    networks: [pgnet]\n" + data[i+len("  zoo:\n"):]}})
	if got := lintMap(t, m); findingWith(got, "and zoo share no network") {
		t.Errorf("zoo on the nodes' network still reported: %v", got)
	}
}

// TestMountedConfigAtAnotherPath: the image runs patroni /etc/patroni.yml
// while each node bind-mounts its one Patroni config at
// /etc/patroni/patroni.yml: the mismatch is said at the mount, naming the
// answer's own file and both ways to agree, and that file is checked as the
// node's config (its bootstrap.pg_hba has no replication line). With the
// CMD pointed at the mounted path, the mismatch goes and the pg_hba
// finding stays (batch 41: es-bartolome-ferrer, kind 2).
func TestMountedConfigAtAnotherPath(t *testing.T) {
	m := realFS(t, "es-bartolome-ferrer")
	got := lintMap(t, m)
	for _, want := range []string{
		"compose.yaml:34: postgres1 runs patroni /etc/patroni.yml (the ENTRYPOINT/CMD of Dockerfile), but nothing puts /etc/patroni.yml in the container: its volumes: mount its Patroni config conf/pg1/patroni.yaml at /etc/patroni/patroni.yml instead — make the two paths agree: run patroni /etc/patroni/patroni.yml, or mount it at /etc/patroni.yml",
		"conf/pg2/patroni.yaml:31: bootstrap.pg_hba has no host replication line",
	} {
		if !printed(got, want) {
			t.Errorf("no %q: %v", want, got)
		}
	}
	if printed(got, "./postgres1.yml") {
		t.Errorf("advice names a file the answer lacks: %v", got)
	}
	data := strings.Replace(string(m["Dockerfile"].Data), "/etc/patroni.yml", "/etc/patroni/patroni.yml", 1)
	variantOf(t, m, []edit{{file: "Dockerfile", new: data}})
	got = lintMap(t, m)
	if printed(got, "but nothing puts") || !printed(got, "conf/pg1/patroni.yaml:31: bootstrap.pg_hba has no host replication line") {
		t.Errorf("CMD at the mounted path: %v", got)
	}
}

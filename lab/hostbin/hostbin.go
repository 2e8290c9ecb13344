// Package hostbin finds the host programs the embedded runtime drives
// (PostgreSQL, Patroni, HAProxy, etcdctl) and says how to install them.
package hostbin

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Program is one host program pglab needs.
type Program struct {
	Name    string // what pglab calls it
	Path    string // absolute path, empty when missing
	Version string // as the program reports it
	Package string // the Debian package that provides it
}

// Found says whether the program is on this host.
func (p Program) Found() bool { return p.Path != "" }

// ErrMissing is wrapped by every "not installed" error.
var ErrMissing = errors.New("not installed")

// InstallHint is the command that installs the given Debian packages.
func InstallHint(pkgs ...string) string {
	return "apt-get update && apt-get install -y --no-install-recommends " + strings.Join(pkgs, " ")
}

var versionRE = regexp.MustCompile(`\d+\.\d+(\.\d+)?`)

// Look finds a program on PATH (or at an absolute path) and asks its version.
func Look(name, pkg string, versionArgs ...string) (Program, error) {
	p := Program{Name: name, Package: pkg}
	path, err := exec.LookPath(name)
	if err != nil {
		return p, fmt.Errorf("%s: %w (install it: %s)", name, ErrMissing, InstallHint(pkg))
	}
	p.Path = path
	if len(versionArgs) > 0 {
		out, _ := exec.Command(path, versionArgs...).CombinedOutput()
		p.Version = versionRE.FindString(string(out))
	}
	return p, nil
}

// Patroni finds the patroni program and its patronictl companion.
func Patroni() (Program, error) { return Look("patroni", "patroni", "--version") }

// Patronictl finds patronictl.
func Patronictl() (Program, error) { return Look("patronictl", "patroni", "version") }

// HAProxy finds haproxy.
func HAProxy() (Program, error) { return Look("haproxy", "haproxy", "-v") }

// Etcdctl finds etcdctl (Debian's etcd-client).
func Etcdctl() (Program, error) { return Look("etcdctl", "etcd-client", "version") }

// Psql finds psql.
func Psql() (Program, error) { return Look("psql", "postgresql-client", "--version") }

// Nft is nftables' command line: the embedded runtime's partition.
func Nft() (Program, error) { return Look("nft", "nftables", "--version") }

// PostgresBin is a PostgreSQL installation's bin directory.
type PostgresBin struct {
	Dir     string
	Major   int
	Version string
}

// The programs Patroni needs in the bin directory: a replica is cloned with
// pg_basebackup and an old primary rejoins with pg_rewind.
var pgPrograms = []string{"postgres", "pg_ctl", "initdb", "pg_basebackup", "pg_rewind", "pg_controldata"}

// FindPostgres picks the PostgreSQL bin directory: dir when given, else the
// newest major under /usr/lib/postgresql that has every program Patroni uses.
func FindPostgres(dir string) (PostgresBin, error) {
	if dir != "" {
		return postgresAt(dir)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return majorOf(dirs[i]) > majorOf(dirs[j]) })
	var lastErr error
	for _, d := range dirs {
		b, err := postgresAt(d)
		if err == nil {
			return b, nil
		}
		lastErr = err
	}
	if lastErr != nil {
		return PostgresBin{}, lastErr
	}
	return PostgresBin{}, fmt.Errorf("PostgreSQL server: %w under /usr/lib/postgresql (install it: %s, or pass --pg-bin DIR)", ErrMissing, InstallHint("postgresql"))
}

func majorOf(binDir string) int {
	m, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return m
}

func postgresAt(dir string) (PostgresBin, error) {
	for _, p := range pgPrograms {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			return PostgresBin{}, fmt.Errorf("PostgreSQL in %s lacks %s: %w (install the full server package, e.g. %s)", dir, p, ErrMissing, InstallHint("postgresql"))
		}
	}
	out, err := exec.Command(filepath.Join(dir, "postgres"), "--version").Output()
	if err != nil {
		return PostgresBin{}, fmt.Errorf("%s/postgres --version: %w", dir, err)
	}
	v := versionRE.FindString(string(out))
	major, _ := strconv.Atoi(strings.Split(v, ".")[0])
	return PostgresBin{Dir: dir, Major: major, Version: v}, nil
}

// ZooKeeper finds Debian's ZooKeeper server script (the HA lab's DCS).
func ZooKeeper() (Program, error) {
	const script = "/usr/share/zookeeper/bin/zkServer.sh"
	if _, err := os.Stat(script); err != nil {
		return Program{Name: "zookeeper", Package: "zookeeper"}, fmt.Errorf("zookeeper: %w (install it: %s)", ErrMissing, InstallHint("zookeeper"))
	}
	return Program{Name: "zookeeper", Path: script, Package: "zookeeper", Version: zookeeperVersion()}, nil
}

func zookeeperVersion() string {
	jars, _ := filepath.Glob("/usr/share/java/zookeeper-[0-9]*.jar")
	if len(jars) == 0 {
		return ""
	}
	return versionRE.FindString(filepath.Base(jars[0]))
}

// Kazoo checks that Patroni's ZooKeeper client is importable by the Python
// that runs /usr/bin/patroni.
func Kazoo() (Program, error) {
	return pythonModule("kazoo", "kazoo", "python3-kazoo", "Patroni's ZooKeeper client")
}

// PythonEtcd checks that Patroni's etcd client is there: Debian's patroni
// depends on any one DCS client, and may have come with kazoo alone.
func PythonEtcd() (Program, error) {
	return pythonModule("python-etcd", "etcd", "python3-etcd", "Patroni's etcd client")
}

// pythonModule checks that the Python running /usr/bin/patroni imports module.
func pythonModule(name, module, pkg, what string) (Program, error) {
	p := Program{Name: name, Package: pkg}
	script := "import " + module + ", importlib.metadata as m; print(m.version('" + name + "'))"
	out, err := exec.Command("/usr/bin/python3", "-c", script).Output()
	if err != nil {
		return p, fmt.Errorf("%s (%s): %w (install it: %s)", pkg, what, ErrMissing, InstallHint(pkg))
	}
	p.Path, p.Version = "/usr/bin/python3", strings.TrimSpace(string(out))
	return p, nil
}

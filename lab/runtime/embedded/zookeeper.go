package embedded

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/probe"
	"github.com/pglab/pglab/lab/topology"
	"github.com/pglab/pglab/lab/wait"
)

// The HA lab's DCS: one real ZooKeeper server (Debian's zookeeper package),
// standalone as in the lab's compose file, on a loopback port.

func (l *Lab) zooDir() string { return l.nodeDir(l.dcsNodes[0]) }

func (l *Lab) zooAddr() string { return l.ports().Addr(l.dcsNodes[0], topology.PortZooKeeper) }

// startZooKeeper writes zoo.cfg and starts the server as the lab's user.
func (l *Lab) startZooKeeper(ctx context.Context) error {
	node := l.dcsNodes[0]
	dir := l.zooDir()
	for _, d := range []string{dir, filepath.Join(dir, "data")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
		if err := os.Chown(d, l.uid, l.gid); err != nil {
			return err
		}
	}
	host, port, _ := net.SplitHostPort(l.zooAddr())
	cfg := fmt.Sprintf(`# Derived by pglab: the lab's standalone ZooKeeper on a loopback port.
tickTime=2000
initLimit=10
syncLimit=5
dataDir=%s
clientPort=%s
clientPortAddress=%s
# No admin HTTP server (it would take port 8080); four-letter words for status.
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr,stat,mntr
`, filepath.Join(dir, "data"), port, host)
	if err := os.WriteFile(filepath.Join(dir, "zoo.cfg"), []byte(cfg), 0o644); err != nil {
		return err
	}
	if err := l.startZooKeeperProc(); err != nil {
		return err
	}
	l.status.Info("waiting ≤ %s for ZooKeeper to answer imok", EtcdTimeout)
	return wait.Until(ctx, "ZooKeeper to answer ruok", EtcdTimeout, func(ctx context.Context) (bool, string) {
		out, err := probe.FourLetter(ctx, l.zooAddr(), "ruok")
		if err != nil {
			return false, err.Error()
		}
		return out == "imok", out
	}, l.died(node))
}

func (l *Lab) startZooKeeperProc() error {
	zk, err := hostbin.ZooKeeper()
	if err != nil {
		return err
	}
	dir := l.zooDir()
	return l.startProcFor(l.dcsNodes[0], procSpec{
		name: "zookeeper " + l.dcsNodes[0],
		argv: []string{zk.Path, "start-foreground", filepath.Join(dir, "zoo.cfg")},
		env: []string{
			"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + dir,
			"ZOOCFGDIR=" + dir, "ZOO_LOG_DIR=" + dir, "ZOO_LOG4J_PROP=INFO,CONSOLE",
			// A lab's ZooKeeper holds a few keys: keep the JVM small.
			"JVMFLAGS=-Xmx128m", "SERVER_JVMFLAGS=-Xmx128m",
		},
		dir: dir, cred: l.cred, logPath: l.logPath(l.dcsNodes[0]),
	})
}

package probe

import (
	"bufio"
	"context"
	"net"
	"strings"
	"time"
)

// FourLetter sends one of ZooKeeper's four-letter commands (ruok, srvr...)
// and returns the answer. The server must allow the command
// (4lw.commands.whitelist); srvr is allowed by default.
func FourLetter(ctx context.Context, addr, cmd string) (string, error) {
	d := net.Dialer{Timeout: time.Second}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Write([]byte(cmd)); err != nil {
		return "", err
	}
	var b strings.Builder
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		b.WriteString(sc.Text() + "\n")
	}
	return strings.TrimSpace(b.String()), nil
}

// ZooKeeperSrvr asks a ZooKeeper server for srvr's fields: "Mode"
// (standalone, leader or follower) and "Zookeeper version" among them.
func ZooKeeperSrvr(ctx context.Context, addr string) (map[string]string, error) {
	out, err := FourLetter(ctx, addr, "srvr")
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	return fields, nil
}

// ZooKeeperMode is "standalone", "leader" or "follower", from srvr;
// "unreachable" when the server does not answer.
func ZooKeeperMode(ctx context.Context, addr string) string {
	f, err := ZooKeeperSrvr(ctx, addr)
	if err != nil {
		return "unreachable"
	}
	if m := f["Mode"]; m != "" {
		return m
	}
	return "?"
}

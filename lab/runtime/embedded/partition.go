package embedded

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"os/exec"
	"os/user"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/topology"
)

// The partition of a node, on a host without containers. Every process
// of the lab talks over loopback, so a node's traffic cannot be told from
// another's by address or user (both Patroni nodes run as postgres). What
// tells it is the group: each PostgreSQL node's Patroni, and the
// PostgreSQL it forks, run with a primary group of their own, a numeric
// gid no other process uses. A partition is then an nftables table of the
// lab's that drops, on the way out, every packet of a socket of that group
// (the node reaches neither the DCS nor the other node, and answers
// nobody) and every packet to the node's PostgreSQL and REST ports (nobody
// reaches it). Patroni reaches its own PostgreSQL through the unix socket
// (use_unix_socket), which no firewall cuts, as inside a container. Heal
// deletes the table. Like `docker network disconnect`, the partitioned
// Patroni keeps running and acts on what it sees: it demotes itself after
// retry_timeout, or keeps leading under failsafe_mode if it still reached
// every member (it cannot here).
//
// The group alone leaks. `meta skgid` reads the group of the socket's
// file, and a socket its process has closed is an orphan with no file: the
// kernel still sends what was queued on it (and its FIN), and those
// packets match no group. A partitioned Patroni whose etcd request times
// out closes the connection with the request still queued (every try was
// dropped), and the orphan then delivers it: the leader's lease was seen
// refreshed 1.8 s after the cut, under load (issue 20; tcpdump on lo
// showed the request leave as [FP.] from the closed socket, and etcd
// answer it). So a second table, loaded before any node starts and kept
// for the lab's life, marks each connection with the gid of the node
// whose socket sent on it first (conntrack's mark lives with the
// connection, orphans included), and the cut also drops every packet of a
// connection marked with the node's gid and every packet from its ports
// (the replies of connections it accepted).
// The partition actions.
const (
	Partition Action = "partition" // cut the node off: nftables drops its traffic
	Heal      Action = "heal"      // remove the cut
)

// nodeGids picks a gid for each PostgreSQL node that names no group on
// this host, from a range far above any an installer hands out, spread
// by the lab's directory so that two labs do not share one.
func nodeGids(labDir string, nodes []string) (map[string]int, error) {
	h := fnv.New32a()
	h.Write([]byte(labDir))
	next := 2_000_000_000 + int(h.Sum32()%50_000_000)*2
	out := map[string]int{}
	for _, n := range nodes {
		for tries := 0; ; tries++ {
			if tries == 1000 {
				return nil, fmt.Errorf("no free gid for %s near %d", n, next)
			}
			g := next
			next++
			if _, err := user.LookupGroupId(strconv.Itoa(g)); err == nil {
				continue // a real group: its members' traffic must not be cut
			}
			out[n] = g
			break
		}
	}
	return out, nil
}

// credFor is the credential a node's processes run with: the lab's user,
// and for a PostgreSQL node its own group. nil when pglab is not root.
func (l *Lab) credFor(node string) *syscall.Credential {
	if l.cred == nil {
		return nil
	}
	if g, ok := l.gids[node]; ok {
		return &syscall.Credential{Uid: l.cred.Uid, Gid: uint32(g)}
	}
	return l.cred
}

var nftNameRE = regexp.MustCompile(`[^A-Za-z0-9_]`)

// nftTable is the name of the table that cuts a lab's node off.
func nftTable(lab, node string) string {
	return "pglab_" + nftNameRE.ReplaceAllString(lab+"_"+node, "_")
}

// partition cuts a PostgreSQL node off, or heals it.
func (l *Lab) partition(n topology.Node, cut bool) error {
	if n.Kind != topology.Postgres {
		return fmt.Errorf("%s: only a PostgreSQL node can be partitioned on the embedded runtime (its etcd members live inside pglab; `%s` stops one)", n.Name, labdir.Hint(l.State.Name, "stop", n.Name))
	}
	gid, ok := l.gids[n.Name]
	if !ok {
		return fmt.Errorf("%s: a partition needs pglab to run as root (each node's processes get a group of their own, and nftables rules drop that group's packets)", n.Name)
	}
	table := nftTable(l.State.Name, n.Name)
	if !cut {
		if err := dropTable(table); err != nil {
			return fmt.Errorf("heal %s: %w", n.Name, err)
		}
		l.setCut(n.Name, false)
		return nil
	}
	ports := Ports(l.State.Ports)
	own := fmt.Sprintf("%d, %d", ports.Of(n.Name, topology.PortPostgres), ports.Of(n.Name, topology.PortPatroni))
	rules := fmt.Sprintf(`table inet %s {
	chain out {
		type filter hook output priority 0; policy accept;
		meta skgid %d drop
		ct mark %d drop
		tcp dport { %s } drop
		tcp sport { %s } drop
	}
}
`, table, gid, gid, own, own)
	if err := nftScript(rules); err != nil {
		return fmt.Errorf("partition %s: %w", n.Name, err)
	}
	l.setCut(n.Name, true)
	return nil
}

// markTable is the name of the table that marks a lab's connections.
func markTable(lab string) string {
	return "pglab_" + nftNameRE.ReplaceAllString(lab, "_") + "_marks"
}

// markConnections loads the table that marks every connection with the
// gid of the lab's node that sent on it first, so that a cut catches the
// packets of a node's closed sockets too (see the top of this file). It
// must be loaded before the nodes start: a connection is marked by a
// packet its node sends while the table is there. Without root (no gids)
// there is nothing to mark; without nft a partition cannot be made anyway.
func (l *Lab) markConnections() error {
	if len(l.gids) == 0 {
		return nil
	}
	if _, err := hostbin.Nft(); err != nil {
		return nil
	}
	var rules strings.Builder
	for _, n := range l.pgNodes {
		g := l.gids[n]
		fmt.Fprintf(&rules, "\t\tct mark 0 meta skgid %d ct mark set %d\n", g, g)
	}
	// Before the cut's chain (priority 0), so the first packet of a
	// connection is marked even when the cut drops it.
	script := fmt.Sprintf(`table inet %s {
	chain out {
		type filter hook output priority -10; policy accept;
%s	}
}
`, markTable(l.State.Name), rules.String())
	if err := nftScript(script); err != nil {
		return fmt.Errorf("mark the nodes' connections: %w", err)
	}
	l.marked = true
	return nil
}

// healAll removes every cut of the lab, and its marks: on teardown, so no
// rule outlives it.
func (l *Lab) healAll() {
	for _, n := range l.pgNodes {
		if l.isCut(n) {
			_ = dropTable(nftTable(l.State.Name, n)) // best effort: the lab is going
			l.setCut(n, false)
		}
	}
	if l.marked {
		_ = dropTable(markTable(l.State.Name))
		l.marked = false
	}
}

func (l *Lab) setCut(node string, cut bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if cut {
		l.cut[node] = true
	} else {
		delete(l.cut, node)
	}
}

func (l *Lab) isCut(node string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cut[node]
}

var errNoTable = errors.New("no such table")

// dropTable deletes a table of ours; one that is not there is no error.
func dropTable(table string) error {
	if err := runNft(nil, "delete", "table", "inet", table); err != nil && !errors.Is(err, errNoTable) {
		return err
	}
	return nil
}

// nftScript loads a ruleset in one transaction (nft -f -).
func nftScript(script string) error {
	return runNft(strings.NewReader(script), "-f", "-")
}

func runNft(stdin *strings.Reader, args ...string) error {
	bin, err := hostbin.Nft()
	if err != nil {
		return err
	}
	cmd := exec.Command(bin.Path, args...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "No such file or directory") {
			return errNoTable
		}
		return fmt.Errorf("nft %s: %w: %s", strings.Join(args, " "), err, msg)
	}
	return nil
}

// dropCuts deletes the nftables tables of a lab whose process died: the
// cuts (one name per node the lab has ports for) and the connection
// marks. Without nft on the host there can be none.
func dropCuts(st *labdir.State) error {
	if _, err := hostbin.Nft(); err != nil {
		return nil
	}
	seen := map[string]bool{}
	for key := range st.Ports {
		node, _, _ := strings.Cut(key, ":")
		if seen[node] {
			continue
		}
		seen[node] = true
		if err := dropTable(nftTable(st.Name, node)); err != nil {
			return err
		}
	}
	return dropTable(markTable(st.Name))
}

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
	rules := fmt.Sprintf(`table inet %s {
	chain out {
		type filter hook output priority 0; policy accept;
		meta skgid %d drop
		tcp dport { %d, %d } drop
	}
}
`, table, gid, ports.Of(n.Name, topology.PortPostgres), ports.Of(n.Name, topology.PortPatroni))
	if err := nftScript(rules); err != nil {
		return fmt.Errorf("partition %s: %w", n.Name, err)
	}
	l.setCut(n.Name, true)
	return nil
}

// healAll removes every cut of the lab: on teardown, so no rule outlives it.
func (l *Lab) healAll() {
	for _, n := range l.pgNodes {
		if l.isCut(n) {
			_ = dropTable(nftTable(l.State.Name, n)) // best effort: the lab is going
			l.setCut(n, false)
		}
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

// dropCuts deletes the nftables tables of a lab whose process died with a
// node partitioned: one name per node the lab has ports for. Without nft
// on the host there can be none.
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
	return nil
}

package embedded

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/topology"
)

// Ports maps a node's container port to the loopback port it got here,
// keyed "node:port" (for example "postgres1:5432").
type Ports map[string]int

// Key names one container port of one node.
func Key(node string, port int) string { return node + ":" + strconv.Itoa(port) }

// Of returns the host port of a node's container port.
func (p Ports) Of(node string, port int) int { return p[Key(node, port)] }

// Addr returns the loopback address of a node's container port.
func (p Ports) Addr(node string, port int) string {
	return net.JoinHostPort(loopback, strconv.Itoa(p.Of(node, port)))
}

const loopback = "127.0.0.1"

// rewriteAddr maps a compose-network address ("postgres1:8008",
// "0.0.0.0:5432") to the loopback port the node got. listenNode names the
// node an unspecified host ("0.0.0.0", "*") belongs to.
func (p Ports) rewriteAddr(addr, listenNode string) (string, error) {
	host, portStr, err := net.SplitHostPort(strings.TrimSpace(addr))
	if err != nil {
		return "", fmt.Errorf("address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return "", fmt.Errorf("address %q: bad port", addr)
	}
	node := host
	if host == "" || host == "*" || host == "0.0.0.0" || host == "::" {
		node = listenNode
	}
	hp := p.Of(node, port)
	if hp == 0 {
		return "", fmt.Errorf("address %q: no node %s listening on %d in the compose file", addr, node, port)
	}
	return net.JoinHostPort(loopback, strconv.Itoa(hp)), nil
}

// NodeOf maps a Patroni member to the lab node it runs on, by its
// PostgreSQL port: Patroni's member names (postgresql0) need not be the
// compose service names (pg-master).
func (p Ports) NodeOf(m patroni.Member, nodes []string) string {
	for _, n := range nodes {
		if p.Of(n, topology.PortPostgres) == m.Port {
			return n
		}
	}
	return m.Name
}

// Timing is a set of Patroni and HAProxy timing values.
type Timing struct {
	Name         string
	TTL          int // Patroni leader key TTL, seconds
	LoopWait     int
	RetryTimeout int
	CheckInter   string // HAProxy health-check interval
	Fall, Rise   int
	// FastInter and DownInter are HAProxy's check intervals for a server
	// changing state and for one that is DOWN: the replica is DOWN (it is
	// not primary), so checking it often is what makes HAProxy notice its
	// promotion soon after Patroni's, without checking the primary as often.
	FastInter, DownInter string
	// WALRetry is PostgreSQL's wal_retrieve_retry_interval: an old primary
	// restarted before the new one has made its replication slot (within
	// a loop_wait of the promotion) retries streaming only this much later
	// (5 s by default, the whole of a fast rejoin).
	WALRetry string
}

// DefaultTiming is the embedded runtime's profile: with exercise timing a
// new replica is reported running only after a whole loop_wait (10 s).
const DefaultTiming = "fast"

// Timings are the selectable profiles. exercise keeps the exercise's own
// values; fast is what a lab on one host can afford, keeping Patroni's rule
// loop_wait + 2*retry_timeout <= ttl.
var Timings = map[string]Timing{
	"exercise": {Name: "exercise"}, // zero values: keep the asset files' values
	"fast":     {Name: "fast", TTL: 20, LoopWait: 2, RetryTimeout: 4, CheckInter: "1s", Fall: 2, Rise: 1, FastInter: "200ms", DownInter: "200ms", WALRetry: "1s"},
}

// PatroniParams are what the embedded runtime changes in a node's patroni.yml.
type PatroniParams struct {
	Node     string
	Dir      string // the node's directory in the lab
	PGBin    string
	Ports    Ports
	DCS      topology.Kind // etcd or zookeeper
	DCSNodes []string
	Secrets  exercise.Secrets
	Timing   Timing
}

// PatroniConfig derives a node's Patroni config from its asset: the same
// file with compose addresses moved to loopback ports, local paths, the
// lab's passwords and failsafe_mode (all DCS members share this host).
func PatroniConfig(asset []byte, p PatroniParams) ([]byte, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(asset, &doc); err != nil {
		return nil, fmt.Errorf("parse patroni.yml of %s: %w", p.Node, err)
	}
	rest := section(doc, "restapi")
	pg := section(doc, "postgresql")
	for _, f := range []struct {
		sec map[string]any
		key string
	}{{rest, "listen"}, {rest, "connect_address"}, {pg, "listen"}, {pg, "connect_address"}} {
		s, _ := f.sec[f.key].(string)
		addr, err := p.Ports.rewriteAddr(s, p.Node)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", p.Node, f.key, err)
		}
		f.sec[f.key] = addr
	}
	// Whatever DCS section the file has, the lab's own members replace it.
	for _, k := range []string{"etcd", "etcd3", "zookeeper"} {
		delete(doc, k)
	}
	var hosts []string
	switch p.DCS {
	case topology.ZooKeeper:
		for _, z := range p.DCSNodes {
			hosts = append(hosts, p.Ports.Addr(z, topology.PortZooKeeper))
		}
		doc["zookeeper"] = map[string]any{"hosts": hosts}
	default:
		for _, e := range p.DCSNodes {
			hosts = append(hosts, p.Ports.Addr(e, topology.PortEtcdClient))
		}
		doc["etcd3"] = map[string]any{"hosts": strings.Join(hosts, ",")}
	}

	pg["data_dir"] = filepath.Join(p.Dir, "data")
	pg["pgpass"] = filepath.Join(p.Dir, "pgpass")
	pg["bin_dir"] = p.PGBin
	params := section(pg, "parameters")
	params["unix_socket_directories"] = filepath.Join(p.Dir, "run")
	// Patroni reaches its own server through the socket, as inside a
	// container: a partition (nftables, partition.go) cuts only the network.
	pg["use_unix_socket"] = true
	if p.Timing.WALRetry != "" {
		params["wal_retrieve_retry_interval"] = p.Timing.WALRetry
	}
	auth := section(pg, "authentication")
	for role, pw := range map[string]string{"superuser": p.Secrets.Superuser, "replication": p.Secrets.Replication, "rewind": p.Secrets.Rewind} {
		section(auth, role)["password"] = pw
	}

	dcs := section(section(doc, "bootstrap"), "dcs")
	dcs["failsafe_mode"] = true
	if p.Timing.TTL > 0 {
		dcs["ttl"], dcs["loop_wait"], dcs["retry_timeout"] = p.Timing.TTL, p.Timing.LoopWait, p.Timing.RetryTimeout
	}
	out, err := yaml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	header := fmt.Sprintf("# Derived by pglab from %s's Patroni config for the embedded runtime: loopback ports, lab paths, this lab's passwords.\n", p.Node)
	return append([]byte(header), out...), nil
}

func section(m map[string]any, key string) map[string]any {
	if s, ok := m[key].(map[string]any); ok {
		return s
	}
	s := map[string]any{}
	m[key] = s
	return s
}

var (
	bindRE     = regexp.MustCompile(`^(\s*bind\s+)(\S+)(.*)$`)
	serverRE   = regexp.MustCompile(`^(\s*server\s+(\S+)\s+)(\S+)(.*)$`)
	checkRE    = regexp.MustCompile(`\bport\s+(\d+)`)
	resolverRE = regexp.MustCompile(`\s+resolvers\s+\S+|\s+init-addr\s+\S+`)
	defSrvRE   = regexp.MustCompile(`^(\s*default-server\s+)(.*)$`)
	interRE    = regexp.MustCompile(`\b(inter|fall|rise)\s+\S+`)
)

// HAProxyConfig derives the balancer's config from its asset: binds and
// servers moved to loopback ports, Docker's DNS resolvers dropped, logs to
// stdout, and the timing profile's check values.
func HAProxyConfig(asset []byte, node string, ports Ports, t Timing) ([]byte, error) {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(asset))
	inResolvers := false
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		isSection := line != "" && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") && !strings.HasPrefix(trimmed, "#")
		if isSection {
			inResolvers = strings.HasPrefix(trimmed, "resolvers ")
		}
		if inResolvers {
			continue // Docker's embedded DNS does not exist on the host
		}
		switch {
		case trimmed == "global":
			out.WriteString(line + "\n    log stdout format raw local0\n")
			continue
		case bindRE.MatchString(line):
			m := bindRE.FindStringSubmatch(line)
			addr, err := ports.rewriteAddr(m[2], node)
			if err != nil {
				return nil, fmt.Errorf("haproxy bind: %w", err)
			}
			line = m[1] + addr + m[3]
		case serverRE.MatchString(line):
			m := serverRE.FindStringSubmatch(line)
			target := m[2]
			addr, err := ports.rewriteAddr(m[3], target)
			if err != nil {
				return nil, fmt.Errorf("haproxy server %s: %w", target, err)
			}
			rest := m[4]
			if c := checkRE.FindStringSubmatch(rest); c != nil {
				cp, _ := strconv.Atoi(c[1])
				hp := ports.Of(strings.Split(m[3], ":")[0], cp)
				if hp == 0 {
					return nil, fmt.Errorf("haproxy server %s: check port %d is not a port of that node", target, cp)
				}
				rest = checkRE.ReplaceAllString(rest, "port "+strconv.Itoa(hp))
			}
			line = m[1] + addr + rest
		case defSrvRE.MatchString(line):
			line = resolverRE.ReplaceAllString(line, "")
			if t.CheckInter != "" {
				line = interRE.ReplaceAllStringFunc(line, func(s string) string {
					switch strings.Fields(s)[0] {
					case "inter":
						return "inter " + t.CheckInter
					case "fall":
						return "fall " + strconv.Itoa(t.Fall)
					}
					return "rise " + strconv.Itoa(t.Rise)
				})
				if t.DownInter != "" {
					line += " fastinter " + t.FastInter + " downinter " + t.DownInter
				}
			}
		}
		out.WriteString(line + "\n")
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return append([]byte("# Derived by pglab from haproxy/haproxy.cfg for the embedded runtime: loopback ports, no Docker DNS.\n"), out.Bytes()...), nil
}

package runtime

import "github.com/pglab/pglab/lab/topology"

// Balancer is how a lab's HAProxy is laid out, as far as probing it goes:
// the container port of its stats page, the proxy that sends writes to
// PostgreSQL, and which node each of that proxy's servers is. pglab's own
// files use stats on 7000 and servers named after the nodes; a
// candidate's haproxy.cfg may bind stats elsewhere, use frontend/backend
// pairs and name servers after Patroni members.
type Balancer struct {
	StatsPort int               // topology.PortStats unless the config binds stats elsewhere
	StatsURI  string            // the config's `stats uri`; "" is /
	Proxy     string            // the write pool; "" reads every proxy
	Servers   map[string]string // server name -> node, where they differ
}

// BalancerLayout is implemented by labs whose balancer is not laid out as
// pglab's own files are (someone's answer, booted as it is).
type BalancerLayout interface {
	BalancerLayout() Balancer
}

// BalancerOf is l's balancer layout: its own when it says, else pglab's.
func BalancerOf(l AddressBook) Balancer {
	if b, ok := l.(BalancerLayout); ok {
		if lb := b.BalancerLayout(); lb.StatsPort != 0 {
			return lb
		}
	}
	return Balancer{StatsPort: topology.PortStats}
}

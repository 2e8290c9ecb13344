package scenario

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Steps refer to values known only while running (which node leads) with
// {{name}}; {{name.port}} is the PostgreSQL port of the node a variable
// (or a literal node name) names, as inet_server_port() reports it, and
// {{name.member}} its Patroni member name, as patronictl and
// pg_stat_replication show it (the HA lab's pg-slave is postgresql1), and
// {{name.addr}} its address as inet_server_addr() reports it, and
// {{name.server}} its row in HAProxy's stats (proxy,server: the proxy and
// server names a haproxy.cfg gives it; postgres,NODE in pglab's files).

var tmplRE = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// Builtins are the variables every scenario may use without capturing them.
// sync_state is what pg_stat_replication shows for the replica: async, or
// sync when the lab's Patroni runs synchronous_mode (the HA lab does); dcs
// names Patroni's store: etcd, or ZooKeeper in the HA lab.
var Builtins = []string{"lab", "run", "runtime", "sync_state", "dcs"}

// attrs are the attributes {{x.attr}} may ask of a node.
var attrs = []string{"port", "member", "addr", "server"}

type ref struct{ name, attr string }

// refs parses the templates of s.
func refs(s string) ([]ref, error) {
	var out []ref
	for _, m := range tmplRE.FindAllStringSubmatch(s, -1) {
		inner := strings.TrimSpace(m[1])
		name, attr, hasAttr := strings.Cut(inner, ".")
		if !varNameRE.MatchString(name) && !nodeNameRE.MatchString(name) {
			return nil, fmt.Errorf("bad variable %q in %q: use {{name}} or {{name.port}}", m[0], s)
		}
		if hasAttr && !contains(attrs, attr) {
			return nil, fmt.Errorf("unknown attribute %q in %q (known: %s)", attr, m[0], strings.Join(attrs, ", "))
		}
		out = append(out, ref{name, attr})
	}
	rest := tmplRE.ReplaceAllString(s, "")
	if strings.Contains(rest, "{{") || strings.Contains(rest, "}}") {
		return nil, fmt.Errorf("unbalanced {{ }} in %q", s)
	}
	return out, nil
}

var nodeNameRE = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// expand replaces the templates of s with their values.
func expand(s string, vars map[string]string, nodes []Node) (string, error) {
	var err error
	out := tmplRE.ReplaceAllStringFunc(s, func(m string) string {
		inner := strings.TrimSpace(m[2 : len(m)-2])
		name, attr, hasAttr := strings.Cut(inner, ".")
		v, ok := vars[name]
		if !hasAttr {
			if !ok && err == nil {
				err = fmt.Errorf("variable %s has no value", name)
			}
			return v
		}
		node := name
		if ok {
			node = v
		}
		for _, n := range nodes {
			if n.Name != node || n.Port == 0 {
				continue
			}
			switch attr {
			case "member":
				if n.Member != "" {
					return n.Member
				}
				return n.Name
			case "server":
				if n.Server != "" {
					return n.Server
				}
				return "postgres," + n.Name
			case "addr":
				if n.Addr != "" {
					return n.Addr
				}
				if err == nil {
					err = fmt.Errorf("{{%s}}: %s has no address now (stopped?)", inner, node)
				}
				return m
			}
			return strconv.Itoa(n.Port)
		}
		if err == nil {
			err = fmt.Errorf("{{%s}}: %q is not a PostgreSQL node", inner, node)
		}
		return m
	})
	return out, err
}

// placeholder replaces templates with a neutral value, so that a templated
// regex can be checked at load time.
func placeholder(s string) string { return tmplRE.ReplaceAllString(s, "x") }

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

package scenario

import (
	"fmt"
	"regexp"
	"strings"
)

// A wait step's condition is a short phrase, checked against what Patroni
// and the balancer report (Observation), so that it means the same on
// every runtime.

type condKind int

const (
	condLeaderExists condKind = iota
	condLeaderIs
	condLeaderIsNot
	condBalancerRoutes
	condStreams
	condReplicaStreams
	condReplicaStreamsAs
	condBalancerNowhere
)

type condition struct {
	kind condKind
	node string // templated node of leader is / leader is not / streams; sync or async of "a MODE replica streams"
}

// Conditions documents the phrases a wait step understands.
var Conditions = []string{
	"leader exists",
	"leader is NODE",
	"leader is not NODE",
	"balancer routes to leader",
	"balancer routes nowhere (no server UP: no node answers as primary)",
	"NODE streams",
	"a replica streams",
	"a MODE replica streams (MODE sync, async or {{sync_state}}: sync waits for Patroni to name it synchronous)",
}

var condREs = []struct {
	re   *regexp.Regexp
	kind condKind
}{
	{regexp.MustCompile(`^leader exists$`), condLeaderExists},
	{regexp.MustCompile(`^leader is not (\S+)$`), condLeaderIsNot},
	{regexp.MustCompile(`^leader is (\S+)$`), condLeaderIs},
	{regexp.MustCompile(`^balancer routes to leader$`), condBalancerRoutes},
	{regexp.MustCompile(`^balancer routes nowhere$`), condBalancerNowhere},
	{regexp.MustCompile(`^a replica streams$`), condReplicaStreams},
	{regexp.MustCompile(`^an? (\S+) replica streams$`), condReplicaStreamsAs},
	{regexp.MustCompile(`^(\S+) streams$`), condStreams},
}

// normalizeTemplates removes blanks inside {{ }} so a template is one word.
func normalizeTemplates(s string) string {
	return tmplRE.ReplaceAllStringFunc(s, func(m string) string {
		return "{{" + strings.TrimSpace(m[2:len(m)-2]) + "}}"
	})
}

func parseCondition(s string) (*condition, error) {
	s = strings.Join(strings.Fields(normalizeTemplates(s)), " ")
	for _, c := range condREs {
		if m := c.re.FindStringSubmatch(s); m != nil {
			cond := &condition{kind: c.kind}
			if len(m) > 1 {
				cond.node = m[1]
			}
			return cond, nil
		}
	}
	return nil, fmt.Errorf("unknown condition %q (known: %s)", s, strings.Join(Conditions, "; "))
}

// holds evaluates the condition, node already expanded.
func (c *condition) holds(o Observation, node string) bool {
	leader := o.Leader()
	switch c.kind {
	case condLeaderExists:
		return leader != ""
	case condLeaderIs:
		return leader == node
	case condLeaderIsNot:
		return leader != "" && leader != node
	case condBalancerRoutes:
		if leader == "" || o.Balancer == nil {
			return false
		}
		// "UP 1/3" is still routed (going down); "DOWN 1/2" is not (going up).
		for server, status := range o.Balancer {
			if strings.HasPrefix(status, "UP") != (server == leader) {
				return false
			}
		}
		return strings.HasPrefix(o.Balancer[leader], "UP")
	case condBalancerNowhere:
		// What a client sees when no node is primary: every check fails.
		if len(o.Balancer) == 0 {
			return false
		}
		for _, status := range o.Balancer {
			if strings.HasPrefix(status, "UP") {
				return false
			}
		}
		return true
	case condStreams:
		return contains(o.StreamingReplicas(), node)
	case condReplicaStreams:
		return len(o.StreamingReplicas()) > 0
	case condReplicaStreamsAs:
		// In synchronous_mode Patroni names the synchronous standby a loop
		// after the replica starts streaming; until then it is async.
		for _, r := range o.StreamingReplicas() {
			if node != "sync" || o.Role(r) == "sync_standby" {
				return true
			}
		}
		return false
	}
	return false
}

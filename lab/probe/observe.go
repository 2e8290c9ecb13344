package probe

import (
	"context"
	"fmt"

	"github.com/pglab/pglab/lab/patroni"
)

// Observe is the cluster as Patroni's REST API and HAProxy's stats page
// show it now, with members and replicas named by node. What cannot be
// asked is listed in Problems rather than failing: a scenario waiting for
// a failover sees a cluster with a node down.
func (l Lab) Observe(ctx context.Context) Observation {
	var o Observation
	var cluster patroni.Cluster
	asked := false
	for _, n := range l.Nodes {
		a := l.REST(ctx, n)
		if a == "" {
			continue
		}
		if c, err := patroni.GetCluster(ctx, a); err == nil {
			cluster, asked = c, true
			break
		}
	}
	if !asked {
		o.Problems = append(o.Problems, "no Patroni REST API answers")
	}
	// Replicas' application_name is their member name, mapped to nodes too.
	nodeOfMember := map[string]string{}
	leader := ""
	for _, m := range cluster.Members {
		node := l.NodeOf(m)
		nodeOfMember[m.Name] = node
		if m.Name == cluster.Leader() {
			leader = node
		}
		o.Members = append(o.Members, Member{Name: node, Role: m.Role, State: m.State, Timeline: m.Timeline, Lag: m.Lag})
	}
	if leader != "" {
		st, err := patroni.GetNode(ctx, l.REST(ctx, leader))
		if err != nil {
			o.Problems = append(o.Problems, fmt.Sprintf("leader %s's REST API: %v", leader, err))
		}
		for _, rep := range st.Replication {
			if rep.State != "streaming" {
				continue
			}
			name := rep.ApplicationName
			if node, ok := nodeOfMember[name]; ok {
				name = node
			}
			o.Streaming = append(o.Streaming, name)
		}
	}
	if servers, err := l.Balancer(ctx); err != nil {
		o.Problems = append(o.Problems, err.Error())
	} else {
		o.Balancer = servers
	}
	return o
}

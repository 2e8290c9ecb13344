package lint

import (
	"fmt"
	"slices"
	"strings"
)

// checkNodePublishedPorts: a ports: entry of a PostgreSQL node whose
// container side is a port nothing in the container listens on
// ("5434:5433" while PostgreSQL listens on 5432 and the REST API on 8008):
// Docker forwards the host port there, and a client of localhost:5434 gets
// its connection reset (batch 37: timur_galiullin, kind 4). Only for a node
// whose command starts Patroni itself (no start script or supervisor that
// may run something else), whose ports lint knows, and whose image does
// not EXPOSE that port (6432, pgbouncer's, is left alone too).
func (l *linter) checkNodePublishedPorts() {
	done := map[*service]bool{}
	for _, n := range l.nodes {
		s := n.svc
		if s == nil || n.conf == nil || done[s] || s.networkMode != "" {
			continue
		}
		done[s] = true
		words, _ := l.commandOf(s)
		if p, _ := patroniArg(strings.Join(words, " ")); p == "" || slices.ContainsFunc(words, func(w string) bool { return strings.Contains(w, "supervisord") }) {
			continue
		}
		rest, pg := l.nodePorts(n)
		if rest == 0 || pg == 0 {
			continue
		}
		for _, p := range s.ports {
			if p.udp || p.container == 0 || p.container == pg || p.container == rest || p.container == 6432 || l.exposes(s, p.container) {
				continue
			}
			want, what := pg, "PostgreSQL"
			if p.container/100 == rest/100 && p.container/100 != pg/100 {
				want, what = rest, "Patroni's REST API"
			}
			spec := fmt.Sprint(want)
			host := "a random host port"
			if p.host != 0 {
				spec = fmt.Sprintf("%d:%d", p.host, want)
				host = fmt.Sprintf("host port %d", p.host)
			}
			l.add(l.composeFile, p.line, fmt.Sprintf("%s publishes %s to container port %d, where nothing listens: PostgreSQL on %s listens on %d and Patroni's REST API on %d, so a client of that host port gets its connection reset", s.name, host, p.container, s.name, pg, rest),
				fmt.Sprintf("publish the port %s listens on: \"%s\"", what, spec))
		}
	}
}

// exposes: the service's image (its Dockerfile) EXPOSEs port.
func (l *linter) exposes(s *service, port int) bool {
	if s.df == nil || s.df.final() == nil {
		return false
	}
	for _, in := range s.df.final().chain() {
		if in.cmd == "EXPOSE" && slices.ContainsFunc(in.words(), func(w string) bool { return strings.TrimSuffix(w, "/tcp") == fmt.Sprint(port) }) {
			return true
		}
	}
	return false
}

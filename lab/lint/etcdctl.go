package lint

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// docEtcdctlRe finds an etcdctl run in an etcd container of the stack
// (docker compose exec [-T] etcd1 etcdctl ..., docker exec -it etcd1
// etcdctl ...) with one of the commands only etcdctl's v2 API has.
var docEtcdctlRe = regexp.MustCompile(`\bdocker(?:-compose|\s+compose)?\s+exec\s+(?:-[A-Za-z]+\s+|--[\w-]+(?:[= ]\S+)?\s+|-e\s+\S+\s+)*([\w.-]+)\s+etcdctl\s+(?:--[\w-]+(?:=\S+)?\s+)*(cluster-health|ls|mk|mkdir|rmdir|setdir|updatedir|backup)\b`)

// etcdctlV3 is what an answer would run instead, with the v3 API.
var etcdctlV3 = map[string]string{
	"cluster-health": "etcdctl endpoint health --cluster", "ls": "etcdctl get --prefix --keys-only /",
	"mk": "etcdctl put KEY VALUE", "mkdir": "etcdctl put (v3 has no directories)", "rmdir": "etcdctl del --prefix KEY",
	"setdir": "etcdctl put (v3 has no directories)", "updatedir": "etcdctl put (v3 has no directories)", "backup": "etcdctl snapshot save FILE",
}

// checkDocEtcdctl: the answer's documents show an etcdctl v2 command run in
// an etcd container of the stack whose etcd is 3.4 or newer: its etcdctl
// speaks the v3 API by default (3.6 has no v2 at all) and answers Error:
// unknown command, so what the document says it showed cannot have been
// seen. Not said when ETCDCTL_API=2 is on the line or in the service's
// environment, nor for an etcdctl whose version lint cannot tell (one
// run outside the etcd containers).
func (l *linter) checkDocEtcdctl() {
	if l.compose == nil {
		return
	}
	for _, f := range l.textFiles() {
		lower := strings.ToLower(path.Base(f.path))
		if ext := path.Ext(lower); ext != ".md" && ext != ".txt" && ext != ".rst" && !strings.HasPrefix(lower, "readme") {
			continue
		}
		for i, line := range strings.Split(f.text, "\n") {
			m := docEtcdctlRe.FindStringSubmatch(line)
			if m == nil || strings.Contains(line, "ETCDCTL_API=2") {
				continue
			}
			s := l.compose.byName[m[1]]
			if s == nil {
				s = l.compose.lookupHost(m[1])
			}
			if s == nil || s.kind != kindEtcd {
				continue
			}
			if v, ok := s.env["ETCDCTL_API"]; ok && v.s == "2" {
				continue
			}
			v, known := etcdOf(s).version(l)
			if !known || v.major < 3 || (v.major == 3 && v.minor < 4) {
				continue
			}
			l.add(f.path, i+1, fmt.Sprintf("etcdctl %s is an etcdctl v2 command, but %s runs etcd %s, whose etcdctl speaks the v3 API by default: it answers Error: unknown command %q, so the output written here cannot be what it showed", m[2], s.name, v, m[2]),
				fmt.Sprintf("run %s (in %s) and write down what it prints", etcdctlV3[m[2]], s.name))
		}
	}
}

package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// dcsClients: for each DCS section of a Patroni config, the Python client
// Patroni imports for it (setup.py's extras_require), the pip extras of
// patroni that bring it, and the pip / Debian packages that are it. The
// kubernetes DCS needs no client of its own.
var dcsClients = map[string]struct {
	client string
	extras []string
	pkgs   []string
}{
	"etcd":      {"python-etcd", []string{"etcd", "etcd3"}, []string{"python-etcd", "python3-etcd"}},
	"etcd3":     {"python-etcd", []string{"etcd", "etcd3"}, []string{"python-etcd", "python3-etcd"}},
	"zookeeper": {"kazoo", []string{"zookeeper", "exhibitor"}, []string{"kazoo", "python3-kazoo"}},
	"exhibitor": {"kazoo", []string{"zookeeper", "exhibitor"}, []string{"kazoo", "python3-kazoo"}},
	"consul":    {"py-consul", []string{"consul"}, []string{"py-consul", "python-consul", "python-consul2", "python3-consul"}},
	"raft":      {"pysyncobj", []string{"raft"}, []string{"pysyncobj", "python3-pysyncobj"}},
}

var pipPatroniSpecRe = regexp.MustCompile(`^patroni(?:\[([^\]]*)\])?(?:[=<>~!].*)?$`)

// checkDCSClient: Patroni pip-installed in a node's image without the
// client of the DCS its config names (pip install "patroni[etcd]" while
// the config has only zookeeper:) cannot import its DCS module and exits
// "Can not find suitable configuration of distributed configuration
// store" (patroni/dcs/__init__.py). Only said when the image's own
// Dockerfile pip-installs patroni in its final stage and lint sees every
// package it installs there (no requirements file, no COPY --from, no
// Debian patroni package, whose dependencies differ by release), and no
// DCS the node configures has its client (batch 31: ru-timofey, kind 5).
func (l *linter) checkDCSClient() {
	for _, n := range l.nodes {
		if n.conf == nil || n.conf.root == nil || n.svc == nil || n.svc.df == nil {
			continue
		}
		var dcs []string
		for _, k := range []string{"etcd", "etcd3", "zookeeper", "exhibitor", "consul", "raft", "kubernetes"} {
			if key, _ := get(n.conf.root, k); key != nil {
				dcs = append(dcs, k)
			}
			for e := range n.svc.env {
				if strings.HasPrefix(e, "PATRONI_"+strings.ToUpper(k)+"_") && !slices.Contains(dcs, k) {
					dcs = append(dcs, k)
				}
			}
		}
		if len(dcs) == 0 || slices.Contains(dcs, "kubernetes") {
			continue
		}
		st := n.svc.df.final()
		if st == nil {
			continue
		}
		var patroni *dfInstr
		var patroniWord, extras string
		patroniLine := 0
		var have []string
		known := true
		for _, in := range st.chain() {
			if in.cmd == "COPY" || in.cmd == "ADD" {
				for _, fl := range in.flags {
					if strings.HasPrefix(fl, "--from=") {
						known = false // a venv built elsewhere
					}
				}
			}
			if in.cmd != "RUN" {
				continue
			}
			for _, words := range aptInstalls(in.text) {
				for _, w := range words {
					v, _, _ := strings.Cut(w.val, "=")
					if v == "patroni" {
						known = false
					}
					have = append(have, v)
				}
			}
			for _, c := range shellCommands(in.text) {
				idx, ok := pipInstall(c.words)
				if !ok {
					continue
				}
				for _, w := range c.words[idx+1:] {
					v := strings.ToLower(strings.Trim(w.val, `"'`))
					switch {
					case v == "-r" || v == "--requirement" || strings.HasPrefix(v, "-r") && len(v) > 2 || strings.HasPrefix(v, "--requirement=") || v == "-e" || v == "." || strings.Contains(v, "$") || strings.Contains(v, "/"):
						known = false // packages lint cannot list
					case pipPatroniSpecRe.MatchString(v):
						patroni, patroniWord, patroniLine = in, v, in.lineAt(w.start)
						extras = pipPatroniSpecRe.FindStringSubmatch(v)[1]
					default:
						name := pipSpecTailRe.ReplaceAllString(v, "")
						have = append(have, strings.ReplaceAll(name, "_", "-"))
					}
				}
			}
		}
		if patroni == nil || !known || strings.Contains(st.root().base, "patroni") || strings.Contains(st.root().base, "spilo") {
			continue
		}
		ex := strings.Split(strings.ReplaceAll(extras, " ", ""), ",")
		satisfied := false
		for _, d := range dcs {
			c := dcsClients[d]
			if slices.ContainsFunc(c.extras, func(e string) bool { return slices.Contains(ex, e) }) || slices.ContainsFunc(c.pkgs, func(p string) bool { return slices.Contains(have, p) }) {
				satisfied = true
			}
		}
		if satisfied {
			continue
		}
		want := dcsClients[dcs[0]]
		fix := strings.Replace(patroniWord, "["+extras+"]", "", 1)
		fix = "patroni[" + want.extras[0] + "]" + strings.TrimPrefix(fix, "patroni")
		what := "pip installs " + patroniWord
		if extras == "" {
			what += " (no DCS extra)"
		}
		// One cause per pip line and DCS, naming every config it fails.
		d := dcs[0]
		l.gatherEach(fmt.Sprintf("dcsclient:%d:%s", patroniLine, d), n.svc.df.file, patroniLine, path.Clean(n.file), func(confs []string) string {
			whose := "the nodes' Patroni config " + confs[0] + " uses"
			if len(confs) > 1 {
				whose = "the nodes' Patroni configs " + joinAnd(confs) + " use"
			}
			return fmt.Sprintf("%s, but %s %s:, whose client %s nothing installs: Patroni cannot load that DCS and exits (Can not find suitable configuration of distributed configuration store)", what, whose, d, want.client)
		}, fmt.Sprintf("install the extra for it: pip install \"%s\"", fix))
	}
}

// pipSpecTailRe: what follows a package name in a pip requirement
// (==1.2, >=2, [extra], ; marker).
var pipSpecTailRe = regexp.MustCompile(`[=<>~!\[;].*$`)

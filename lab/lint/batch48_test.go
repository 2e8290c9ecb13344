package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// An etcd member configured by ETCD_* variables whose ETCD_NAME is not a
// name of ETCD_INITIAL_CLUSTER (batch 48: pilar_navarro): the finding's
// fix speaks of the variables the answer sets, not of --name and
// --initial-cluster flags it has not, and names the member the list gives
// the service's own peer URL.
func TestEtcdNameFixByEnv(t *testing.T) {
	const compose = `x-etcd: &etcd-env
  ETCD_LISTEN_PEER_URLS: http://0.0.0.0:2380
  ETCD_LISTEN_CLIENT_URLS: http://0.0.0.0:2379
  ETCD_INITIAL_CLUSTER: node1=http://etcd1:2380,node2=http://etcd2:2380,node3=http://etcd3:2380
  ETCD_INITIAL_CLUSTER_STATE: new
services:
  etcd1:
    image: gcr.io/etcd-development/etcd:v3.5.17
    command: /usr/local/bin/etcd
    environment:
      <<: *etcd-env
      ETCD_NAME: node1
      ETCD_INITIAL_ADVERTISE_PEER_URLS: http://etcd1:2380
      ETCD_ADVERTISE_CLIENT_URLS: http://etcd1:2379
  etcd2:
    image: gcr.io/etcd-development/etcd:v3.5.17
    command: /usr/local/bin/etcd
    environment:
      <<: *etcd-env
      ETCD_NAME: node2
      ETCD_INITIAL_ADVERTISE_PEER_URLS: http://etcd2:2380
      ETCD_ADVERTISE_CLIENT_URLS: http://etcd2:2379
  etcd3:
    image: gcr.io/etcd-development/etcd:v3.5.17
    command: /usr/local/bin/etcd
    environment:
      <<: *etcd-env
      ETCD_NAME: etcd3
      ETCD_INITIAL_ADVERTISE_PEER_URLS: http://etcd3:2380
      ETCD_ADVERTISE_CLIENT_URLS: http://etcd3:2379
`
	for _, byFlags := range []bool{false, true} {
		c := compose
		if byFlags {
			c = strings.Replace(c, "      ETCD_NAME: etcd3\n", "", 1)
			c = strings.Replace(c, "command: /usr/local/bin/etcd\n    environment:\n      <<: *etcd-env\n      ETCD_INITIAL_ADVERTISE_PEER_URLS: http://etcd3:2380", "command: [/usr/local/bin/etcd, --name=etcd3]\n    environment:\n      <<: *etcd-env\n      ETCD_INITIAL_ADVERTISE_PEER_URLS: http://etcd3:2380", 1)
		}
		got := lintMap(t, fstest.MapFS{"compose.yaml": {Data: []byte(c)}})
		var fix string
		for _, f := range got {
			if strings.Contains(f.Problem, `etcd3 is named "etcd3"`) {
				fix = f.Fix
			}
		}
		if fix == "" {
			t.Fatalf("byFlags=%v: want the name finding, got:%s", byFlags, dump(got))
		}
		if !byFlags && (strings.Contains(fix, "--name") || !strings.Contains(fix, "ETCD_NAME=node3")) {
			t.Errorf("ETCD_NAME set by a variable: want a fix naming ETCD_NAME=node3, got %q", fix)
		}
		if byFlags && !strings.Contains(fix, "--name=node3") {
			t.Errorf("--name on the command line: want a fix naming --name=node3, got %q", fix)
		}
	}
}

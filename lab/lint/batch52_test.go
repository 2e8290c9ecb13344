package lint

import (
	"strings"
	"testing"
	"testing/fstest"
)

// b52EtcdShellFS: b37ShellFS with the three etcd members on image, run as
// the given entrypoint/command lines (YAML text under each member).
func b52EtcdShellFS(image, run string) fstest.MapFS {
	m := b37ShellFS(b37GoodHBA)
	c := string(m["compose.yaml"].Data)
	for _, n := range []string{"etcd1", "etcd2", "etcd3"} {
		i := strings.Index(c, "  "+n+":\n    image: quay.io/coreos/etcd:v3.5.15\n    command: ")
		j := i + strings.Index(c[i:], "\n    command: ")
		k := j + 1 + strings.Index(c[j+1:], "\n")
		c = c[:i] + "  " + n + ":\n    image: " + image + "\n" + strings.ReplaceAll(run, "NAME", n) + c[k+1:]
	}
	m["compose.yaml"] = &fstest.MapFile{Data: []byte(c)}
	return m
}

// TestShellEntrypointOnDistrolessEtcd: etcd's images from v3.5.7 on are
// distroless (no /bin/sh): an entrypoint or command that starts a shell
// (entrypoint: [/bin/sh, -c], command: sh -c ...) never runs (exec:
// "/bin/sh": stat /bin/sh: no such file or directory), so no etcd member
// starts (batch 52: yolanda_zubiri, missed blind). Said once per line
// (here each member has its own). The same run on v3.5.6 (busybox based, with a
// shell) and etcd's flags with no shell are silent.
func TestShellEntrypointOnDistrolessEtcd(t *testing.T) {
	flags := "exec etcd --name NAME --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://NAME:2379 --listen-peer-urls http://0.0.0.0:2380 --initial-advertise-peer-urls http://NAME:2380 --initial-cluster etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380"
	shell := "    entrypoint: [\"/bin/sh\", \"-c\"]\n    command: [\"" + flags + "\"]\n"
	said := func(got []Finding) (n int) {
		for _, f := range got {
			if strings.Contains(f.Problem, "is distroless") && strings.Contains(f.Problem, "(no shell since etcd v3.5.7): docker cannot start it") && !f.Note {
				n++
			}
		}
		return n
	}
	for _, run := range []string{shell, "    command: [\"sh\", \"-c\", \"" + flags + "\"]\n"} {
		got := lintMap(t, b52EtcdShellFS("quay.io/coreos/etcd:v3.5.7", run))
		if n := said(got); n != 3 {
			t.Errorf("a shell on distroless etcd said %d times, want once per member (3): %v", n, got)
		}
	}
	for _, ok := range []fstest.MapFS{
		b52EtcdShellFS("quay.io/coreos/etcd:v3.5.6", shell),
		b52EtcdShellFS("quay.io/coreos/etcd:v3.5.7", "    command: "+strings.TrimPrefix(flags, "exec ")+"\n"),
	} {
		if got := lintMap(t, ok); findingWith(got, "distroless") {
			t.Errorf("an etcd that starts said: %v", got)
		}
	}
}

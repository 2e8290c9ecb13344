package lint

import (
	"strings"
	"testing"
)

// b50HAProxyFS: b37's working answer with the haproxy service's image and
// a global section given.
func b50HAProxyFS(image, user, global string) map[string]string {
	m := b37ShellFS(b37GoodHBA)
	files := map[string]string{}
	for k, v := range m {
		files[k] = string(v.Data)
	}
	svc := "    image: " + image + "\n"
	if user != "" {
		svc += "    user: " + user + "\n"
	}
	files["compose.yaml"] = strings.Replace(files["compose.yaml"], "    image: haproxy:2.8\n", svc, 1)
	files["haproxy.cfg"] = global + files["haproxy.cfg"]
	return files
}

// TestHAProxyChrootUnprivileged: `chroot /var/lib/haproxy` in the global
// section (Debian's packaged haproxy.cfg) with the official haproxy image
// 2.4 or newer, which runs as USER haproxy (docker-library/haproxy#134,
// #158): chroot(2) needs CAP_SYS_CHROOT, which a non-root process lacks,
// so HAProxy exits at start ([haproxy.main()] Cannot chroot(...)) and
// nothing listens on 5432 (batch 50 kind 4: elena_barahona, missed
// blind). Silent without chroot, with user: root, and on haproxy:2.3
// (which runs as root).
func TestHAProxyChrootUnprivileged(t *testing.T) {
	global := "global\n  chroot /var/lib/haproxy\n  user haproxy\n  group haproxy\n"
	got := lintMap(t, mapOf(b50HAProxyFS("haproxy:2.8", "", global)))
	n := 0
	for _, f := range got {
		if strings.Contains(f.Problem, "chroot /var/lib/haproxy") {
			n++
			if f.File != "haproxy.cfg" || f.Line != 2 || !strings.Contains(f.Problem, "Cannot chroot") {
				t.Errorf("said as: %s", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("chroot in the haproxy:2.8 image (user haproxy): said %d times, want 1: %v", n, got)
	}
	for _, c := range []struct{ image, user, global string }{
		{"haproxy:2.8", "", "global\n  user haproxy\n"},
		{"haproxy:2.8", "root", global},
		{"haproxy:2.3", "", global},
	} {
		got := lintMap(t, mapOf(b50HAProxyFS(c.image, c.user, c.global)))
		for _, f := range got {
			if !f.Note && (strings.Contains(f.Problem, "chroot") || c.image == "haproxy:2.8") {
				t.Errorf("%s user %q %q: a finding: %s", c.image, c.user, c.global, f)
			}
		}
	}
}

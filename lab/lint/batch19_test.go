package lint

import (
	"testing"
)

// TestHardCodedPythonPath: `rm /usr/lib/python3.11/EXTERNALLY-MANAGED` (no
// -f, joined with &&) on postgres:15, which is Debian trixie (Python 3.13)
// today: rm fails and the build stops (batch 19: romanow-etcd, kind 3).
// With rm -f, or on postgres:15-bookworm (Python 3.11), nothing is said.
func TestHardCodedPythonPath(t *testing.T) {
	m := realFS(t, "romanow-etcd")
	if got := lintMap(t, m); !printed(got, "patroni/patroni/Dockerfile:5: rm /usr/lib/python3.11/EXTERNALLY-MANAGED: postgres:15 is Debian trixie, whose Python is 3.13") {
		t.Errorf("hard-coded python3.11 on trixie not reported: %v", got)
	}
	for _, e := range []edit{
		{file: "patroni/patroni/Dockerfile", old: "rm /usr", new: "rm -f /usr"},
		{file: "patroni/patroni/Dockerfile", old: "FROM postgres:15", new: "FROM postgres:15-bookworm"},
	} {
		v := variantOf(t, realFS(t, "romanow-etcd"), []edit{e})
		if got := lintMap(t, v); printed(got, "/usr/lib/python3.11/EXTERNALLY-MANAGED:") {
			t.Errorf("%s: reported: %v", e.new, got)
		}
	}
	for tag, want := range map[string]string{"15": "trixie", "11": "bookworm", "12.20": "bookworm", "15.13": "bookworm", "15.14": "", "16.11": "trixie", "13.3": "buster", "16-alpine": "", "15-bookworm": "bookworm", "latest": "trixie"} {
		if got := baseDebianRelease("postgres:" + tag); got != want {
			t.Errorf("postgres:%s: %q, want %q", tag, got, want)
		}
	}
}

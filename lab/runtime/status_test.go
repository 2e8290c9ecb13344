package runtime

import (
	"encoding/json"
	"testing"

	"github.com/pglab/pglab/lab/patroni"
)

// Patroni's lag comes as a JSON number of bytes or as a word; status shows
// bytes as a whole number, never in exponent form.
func TestStatusShowsLagInBytes(t *testing.T) {
	for body, want := range map[string]string{
		`{"members":[{"name":"postgres1","role":"replica","lag":1125128}]}`:   "1125128",
		`{"members":[{"name":"postgres1","role":"replica","lag":0}]}`:         "0",
		`{"members":[{"name":"postgres1","role":"replica","lag":"unknown"}]}`: "unknown",
		`{"members":[{"name":"postgres1","role":"sync_standby","lag":4096}]}`: "4096",
		`{"members":[{"name":"postgres1","role":"leader","lag":1125128}]}`:    "",
	} {
		var c patroni.Cluster
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			t.Fatal(err)
		}
		s := NodeStatus{Name: "postgres1", State: "running"}
		s.FromPatroni(c, func(m patroni.Member) bool { return m.Name == "postgres1" }, nil)
		if s.Lag != want {
			t.Errorf("%s: lag %q, want %q", body, s.Lag, want)
		}
	}
}

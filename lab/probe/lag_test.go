package probe

import (
	"encoding/json"
	"testing"

	"github.com/pglab/pglab/lab/patroni"
	"github.com/pglab/pglab/lab/runtime"
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
		var o Observation
		for _, m := range c.Members {
			o.Members = append(o.Members, Member{Name: m.Name, Role: m.Role, State: m.State, Lag: m.Lag})
		}
		s := runtime.NodeStatus{Name: "postgres1", State: "running"}
		fromObservation(&s, o)
		if s.Lag != want {
			t.Errorf("%s: lag %q, want %q", body, s.Lag, want)
		}
	}
}

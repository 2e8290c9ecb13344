package lint

import (
	"testing"
)

// TestStandbyLeaderExpect: backend pgsql_replicas checks GET /patroni with
// http-check expect string "role\": \"standby_leader": the body match
// admits the standby leader only, a replica role, so the backend is a read
// pool and no write goes to a replica (batch 30: nedhsu-haspilo, kind 3;
// "standby_leader" holds "leader", which was read as the primary's role).
// Without the expect string the /patroni check still admits every member.
func TestStandbyLeaderExpect(t *testing.T) {
	if got := lintMap(t, realFS(t, "nedhsu-haspilo")); findingWith(got, "asks Patroni for /patroni") {
		t.Errorf("a /patroni check whose expect string selects standby_leader taken for a write check: %v", got)
	}
	v := variantOf(t, realFS(t, "nedhsu-haspilo"), []edit{{file: "haproxy/haproxy.cfg", old: "    http-check expect string \"role\\\": \\\"standby_leader\"\n", new: ""}})
	if got := lintMap(t, v); !findingWith(got, "asks Patroni for /patroni") {
		t.Errorf("a /patroni check with no role in its expect no longer reported: %v", got)
	}
}

package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A frontend/backend answer whose servers are named after members, with a
// read pool beside the write pool: only the write pool counts, by node.
func TestBalancerServersOfTheWritePool(t *testing.T) {
	csv := `# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status
stats,FRONTEND,,,,,,,,,,,,,,,,OPEN
pg_write,FRONTEND,,,,,,,,,,,,,,,,OPEN
pg_primary,postgresql0,,,,,,,,,,,,,,,,UP
pg_primary,postgresql1,,,,,,,,,,,,,,,,DOWN
pg_primary,BACKEND,,,,,,,,,,,,,,,,UP
pg_replicas,postgresql0,,,,,,,,,,,,,,,,DOWN
pg_replicas,postgresql1,,,,,,,,,,,,,,,,UP
`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(csv)) }))
	t.Cleanup(srv.Close)
	addr := strings.TrimPrefix(srv.URL, "http://")
	got, err := BalancerServers(context.Background(), addr, "pg_primary", map[string]string{"postgresql0": "pg-master", "postgresql1": "pg-slave"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["pg-master"] != "UP" || got["pg-slave"] != "DOWN" {
		t.Errorf("write pool = %v, want pg-master UP, pg-slave DOWN", got)
	}
}

package wait

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A check that the deadline interrupts says so ("no answer"); the timeout
// must report what the last complete check saw.
func TestTimeoutKeepsTheLastCompleteReason(t *testing.T) {
	n := 0
	err := Until(context.Background(), "a leader", 350*time.Millisecond, func(ctx context.Context) (bool, string) {
		n++
		if n == 1 {
			return false, "postgres1=leader/running, HAProxy DOWN"
		}
		<-ctx.Done() // the next check runs into the deadline
		return false, "no Patroni REST API answers"
	})
	if err == nil {
		t.Fatal("wait succeeded; it must time out")
	}
	if !strings.Contains(err.Error(), "postgres1=leader/running, HAProxy DOWN") || strings.Contains(err.Error(), "no Patroni REST API") {
		t.Fatalf("timeout reason: %v; want the last complete check's", err)
	}
}

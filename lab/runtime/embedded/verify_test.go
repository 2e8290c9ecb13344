package embedded

import (
	"strings"
	"testing"
	"time"
)

// Verify returns the start of the check that saw the fault, and fails
// after its bound with what the last check saw.
func TestVerifyReportsTheMomentOrWhatWasSeen(t *testing.T) {
	tries := 0
	var third time.Time
	at, err := Verify("kill postgres1", time.Second, func() (bool, string) {
		tries++
		if tries == 3 {
			third = time.Now()
			return true, ""
		}
		return false, "still running"
	})
	if err != nil || at.After(third) || third.Sub(at) > 5*time.Millisecond {
		t.Errorf("verified at %v (err %v), the successful check started at %v", at, err, third)
	}
	start := time.Now()
	_, err = Verify("pause postgres2", 50*time.Millisecond, func() (bool, string) { return false, "not stopped: 42 S postgres" })
	if err == nil || !strings.Contains(err.Error(), "pause postgres2: not in effect 50ms after it returned: not stopped: 42 S postgres") {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > time.Second {
		t.Errorf("gave up after %s, want just over 50ms", d)
	}
}

package embedded

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// The parent relays the supervisor's progress lines, stops at the ready
// mark, and keeps the last error line for its own message.
func TestRelayOfTheSupervisorsProgress(t *testing.T) {
	var out bytes.Buffer
	ready, lastErr := relay(strings.NewReader(" • Starting etcd ...\n ✓ Starting etcd 2.3s\n"+readyMark+"\nnever read\n"), &out)
	if !ready || lastErr != "" || out.String() != " • Starting etcd ...\n ✓ Starting etcd 2.3s\n" {
		t.Errorf("ready %v, error %q, relayed %q", ready, lastErr, out.String())
	}
	out.Reset()
	ready, lastErr = relay(strings.NewReader(" • Starting etcd ...\nerror: listen tcp: address already in use\n"), &out)
	if ready || lastErr != "listen tcp: address already in use" || strings.Contains(out.String(), "error") {
		t.Errorf("ready %v, error %q, relayed %q", ready, lastErr, out.String())
	}
}

type failingWriter struct{ n int }

func (f *failingWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("broken pipe")
}

// Once the parent is gone, the supervisor's writes are dropped, not errors.
func TestDropWriterStopsAfterTheFirstError(t *testing.T) {
	f := &failingWriter{}
	d := &dropWriter{w: f}
	for i := 0; i < 3; i++ {
		if n, err := io.WriteString(d, "line\n"); err != nil || n != 5 {
			t.Fatalf("write %d: %d, %v", i, n, err)
		}
	}
	if f.n != 1 {
		t.Errorf("the broken writer was tried %d times, want once", f.n)
	}
}

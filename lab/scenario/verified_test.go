package scenario

import (
	"testing"
	"time"
)

// The moment `pglab partition` prints is the one the mark gets, to the
// nanosecond; output without it gives none.
func TestVerifiedLineRoundTrips(t *testing.T) {
	at := time.Date(2026, 11, 29, 2, 46, 21, 419312345, time.UTC)
	got, ok := ParseVerified("partition postgres1: done in 0.2s, " + VerifiedLine(at) + "\n")
	if !ok || !got.Equal(at) {
		t.Errorf("parsed %v (%v), want %v", got, ok, at)
	}
	if _, ok := ParseVerified("heal postgres1: done in 0.0s\n"); ok {
		t.Error("a moment found in output that has none")
	}
}

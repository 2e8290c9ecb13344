// Package wait waits for a condition with a deadline, testcontainers-style:
// every wait says what it waits for, fails fast when a watched component
// dies, and on timeout says what it saw last.
package wait

import (
	"context"
	"fmt"
	"time"
)

// Check reports whether the condition holds, and what it saw (for errors).
type Check func(ctx context.Context) (ok bool, seen string)

// Died is a component a wait watches: when Done closes, the wait fails
// with Why().
type Died struct {
	Name string
	Done <-chan struct{}
	Why  func() string
}

// Interval between two checks.
const Interval = 100 * time.Millisecond

// Until polls check until it holds, ctx ends, timeout passes or a watched
// component dies. what names the condition ("postgres1 to be leader").
func Until(ctx context.Context, what string, timeout time.Duration, check Check, watch ...Died) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	t := time.NewTicker(Interval)
	defer t.Stop()
	seen := "nothing yet"
	for {
		for _, d := range watch {
			select {
			case <-d.Done:
				return fmt.Errorf("%s exited while waiting for %s: %s", d.Name, what, d.Why())
			default:
			}
		}
		ok, s := check(ctx)
		if ok {
			return nil
		}
		// A check the deadline cut short reports its own interruption ("no
		// REST API answers", "context deadline exceeded"), not the state of
		// what it looked at: the last complete check keeps the true reason.
		if s != "" && ctx.Err() == nil {
			seen = s
		}
		select {
		case <-ctx.Done():
			if ctx.Err() == context.DeadlineExceeded {
				return fmt.Errorf("timed out after %s waiting for %s; last seen: %s", timeout, what, seen)
			}
			return fmt.Errorf("interrupted while waiting for %s: %w", what, context.Cause(ctx))
		case <-t.C:
		}
	}
}

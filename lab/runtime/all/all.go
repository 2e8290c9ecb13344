// Package all lists pglab's runtimes. It is the one place that knows the
// concrete runtimes, so that lab/runtime imports none of them and the
// code above chooses a runtime by name only.
package all

import (
	"context"

	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/docker"
	"github.com/pglab/pglab/lab/runtime/embedded"
)

// Runtimes are pglab's runtimes, the default first.
var Runtimes = runtime.Registry{embedded.Runtime{}, docker.Runtime{}}

// DefaultTiming is the timing of a lab booted without --timing.
const DefaultTiming = embedded.DefaultTiming

// Supervised says whether this process was started to host a lab (the
// embedded runtime's supervisor).
func Supervised() bool { return embedded.Supervised() }

// Supervise hosts the lab this process was started for, until it is
// removed or ctx ends.
func Supervise(ctx context.Context) error { return embedded.Supervise(ctx) }

// Package progress prints one status line per phase, kind-style: a spinner
// on a terminal, plain lines otherwise ("✓ Starting etcd (3 members) 2.3s").
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Status prints phases to a writer. The zero value is not usable: use New.
type Status struct {
	w   io.Writer
	tty bool

	mu      sync.Mutex
	msg     string
	started time.Time
	stop    chan struct{}
	stopped chan struct{}
}

// New prints to w, with a spinner when w is a terminal.
func New(w io.Writer) *Status {
	s := &Status{w: w}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			s.tty = true
		}
	}
	return s
}

// Discard is a Status that prints nothing.
func Discard() *Status { return New(io.Discard) }

var spin = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// Start begins a phase, ending any phase still open as done.
func (s *Status) Start(format string, args ...any) {
	s.End(nil)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msg = fmt.Sprintf(format, args...)
	s.started = time.Now()
	if !s.tty {
		fmt.Fprintf(s.w, " • %s ...\n", s.msg)
		return
	}
	s.stop, s.stopped = make(chan struct{}), make(chan struct{})
	go s.spin(s.msg, s.stop, s.stopped)
}

func (s *Status) spin(msg string, stop, stopped chan struct{}) {
	defer close(stopped)
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for i := 0; ; i++ {
		s.mu.Lock()
		fmt.Fprintf(s.w, "\r%s %s %.1fs \x1b[K", spin[i%len(spin)], msg, time.Since(s.started).Seconds())
		s.mu.Unlock()
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// Info prints a line under the current phase ("waiting ≤ 60s for ...").
func (s *Status) Info(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tty {
		fmt.Fprint(s.w, "\r\x1b[K")
	}
	fmt.Fprintf(s.w, "   %s\n", fmt.Sprintf(format, args...))
}

// End closes the open phase: ✓ when err is nil, ✗ otherwise.
func (s *Status) End(err error) {
	s.mu.Lock()
	msg, stop, stopped := s.msg, s.stop, s.stopped
	s.msg, s.stop, s.stopped = "", nil, nil
	s.mu.Unlock()
	if msg == "" {
		return
	}
	if stop != nil {
		close(stop)
		<-stopped
	}
	mark := "✓"
	if err != nil {
		mark = "✗"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tty {
		fmt.Fprint(s.w, "\r\x1b[K")
	}
	fmt.Fprintf(s.w, " %s %s %.1fs\n", mark, msg, time.Since(s.started).Seconds())
}

// Package progress prints one status line per phase, kind-style: a spinner
// on a terminal, plain lines otherwise ("✓ Starting etcd (3 members) 2.3s").
package progress

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Status prints phases to a writer. The zero value is not usable: use New.
type Status struct {
	w   io.Writer
	tty bool
	tr  func(string) string // the reader's language; nil: as written

	mu      sync.Mutex
	msg     string
	started time.Time
	stop    chan struct{}
	stopped chan struct{}
}

// New prints to w, with a spinner when w is a terminal.
func New(w io.Writer) *Status {
	s := &Status{w: w}
	if t, ok := w.(*Translator); ok {
		s.w, s.tr = t.w, t.f
		w = t.w
	}
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
	s.msg = s.say(fmt.Sprintf(format, args...))
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
	fmt.Fprintf(s.w, "   %s\n", s.say(fmt.Sprintf(format, args...)))
}

func (s *Status) say(msg string) string {
	if s.tr == nil {
		return msg
	}
	return s.tr(msg)
}

// Translator is a writer whose status lines reach the reader in their
// language: a Status made on it translates its phases with f, and whole
// status lines written to it (a detached lab's supervisor relays its
// own) are translated the same way. Other text passes as written.
type Translator struct {
	w io.Writer
	f func(string) string
}

// Translating writes to w, translating status lines with f.
func Translating(w io.Writer, f func(string) string) *Translator { return &Translator{w: w, f: f} }

// statusLine is " • PHASE ...", " ✓ PHASE 2.3s" or "   INFO".
var statusLine = regexp.MustCompile(`^( [•✓✗] |   )(.*?)( \.\.\.| \d+\.\ds)?$`)

func (t *Translator) Write(p []byte) (int, error) {
	text := string(p)
	if !strings.HasSuffix(text, "\n") || strings.Contains(text, "\r") {
		return t.w.Write(p)
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n") {
		line = strings.TrimSuffix(line, "\n")
		if m := statusLine.FindStringSubmatch(line); m != nil {
			line = m[1] + t.f(m[2]) + m[3]
		}
		b.WriteString(line + "\n")
	}
	if _, err := io.WriteString(t.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
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

// Count is "1 streaming replica" or "2 streaming replicas": n with the
// English word in the form n takes (status lines are written in English,
// then translated).
func Count(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, other)
}

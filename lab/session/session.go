// Package session is a command's time with a lab: find the lab under a
// name or boot one, drive it, save what the run recorded, and remove a lab
// the command booted. The CLI's scenario, walkthrough and bench commands
// are a session each; so is anything else that drives labs from code.
package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/provenance"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/target"
)

// Options say which lab a session uses and how to boot it when none runs.
type Options struct {
	// Boot is the lab to boot when none of Boot.Name runs.
	Boot    runtime.Options
	Runtime string // the runtime of a lab the session boots
	Keep    bool   // leave a lab the session booted running
	// Pglab is the binary `pglab` steps run; "" is this process's own.
	Pglab string
	// Existing: the user named the lab and did not say what to boot, so
	// only a running lab of that name will do. Booting pglab's own lab in
	// its place would report on other files than the user's.
	Existing bool
	// Lang is the language of the lines the session and the boot print
	// (es, ru; "" or en: English).
	Lang string
}

// ErrNotRunning is wrapped when an Existing lab does not run.
var ErrNotRunning = errors.New("no such lab")

// Session is a lab opened for a command.
type Session struct {
	// Lab is the lab, as scenarios and measurements drive it.
	Lab *target.Lab
	// Booted says the session booted the lab (and Close removes it unless Keep).
	Booted bool

	o        Options
	runtimes runtime.Registry
	out      io.Writer
}

// Open connects to the lab under o.Boot.Name, booting it first on
// o.Runtime when none runs. Progress goes to out.
func Open(ctx context.Context, rts runtime.Registry, o Options, out io.Writer) (*Session, error) {
	if o.Pglab == "" {
		self, err := os.Executable()
		if err != nil {
			return nil, err
		}
		o.Pglab = self
	}
	name := o.Boot.Name
	if o.Lang != "" && o.Lang != "en" {
		out = progress.Translating(out, func(s string) string { return report.ConsoleLine(s, o.Lang) })
	}
	s := &Session{o: o, runtimes: rts, out: out}
	l, err := Connect(rts, name)
	switch {
	case err == nil:
		if _, serr := l.Status(ctx); serr != nil {
			l.Close()
			return nil, fmt.Errorf("lab %q exists but does not answer (%v): `%s` cleans it up", name, serr, labdir.Hint(name, "down"))
		}
		if from := o.Boot.From; from != "" && !sameDir(from, l.State().From) {
			l.Close()
			ran := "pglab's own files"
			if l.State().From != "" {
				ran = l.State().From
			}
			return nil, fmt.Errorf("lab %s runs %s, not %s: `%s` first, or choose another --name", name, ran, from, labdir.Hint(name, "down"))
		}
		fmt.Fprintln(out, report.Console("using", o.Lang, name, l.State().Runtime, l.State().Dir))
	case errors.Is(err, labdir.ErrNoLab) && o.Existing:
		return nil, fmt.Errorf("%w %s: start it with `pglab up -d --name %s` (a candidate's files: `--runtime docker --from DIR`), or drop --name for a fresh lab of pglab's own files",
			ErrNotRunning, name, name)
	case errors.Is(err, labdir.ErrNoLab):
		rt, gerr := rts.Get(o.Runtime)
		if gerr != nil {
			return nil, gerr
		}
		if cerr := o.Boot.Check(rt); cerr != nil {
			return nil, cerr
		}
		fmt.Fprintln(out, report.Console("booting", o.Lang, name, rt.Name(), o.Boot.Profile, o.Boot.Timing))
		if l, err = rt.Up(ctx, o.Boot, out); err != nil {
			return nil, fmt.Errorf("boot lab %s: %w", name, err)
		}
		s.Booted = true
	default:
		return nil, err
	}
	s.Lab = target.New(l, o.Pglab)
	return s, nil
}

// sameDir says whether two paths name the same directory.
func sameDir(a, b string) bool {
	if b == "" {
		return false
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// Source is the exercise files the lab runs: as its runtime recorded them
// at boot, else pglab's own files of its profile, from which a runtime
// of host processes derives its configs (not run as they are).
func (s *Session) Source() (*provenance.Manifest, error) {
	st := s.Lab.Runtime().State()
	if st.Source != nil {
		return st.Source, nil
	}
	p, err := exercise.ProfileByName(st.Profile)
	if err != nil {
		return nil, err
	}
	m, err := p.Manifest()
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// Close releases the lab and removes it if the session booted it (unless
// Keep); a failed removal is returned when *err is nil.
func (s *Session) Close(err *error) {
	s.Lab.Close()
	if !s.Booted {
		return
	}
	name := s.o.Boot.Name
	if s.o.Keep {
		fmt.Fprintf(s.out, "\n%s\n", report.Console("kept", s.o.Lang, name, labdir.Hint(name, "down")))
		return
	}
	if derr := RemoveShown(s.out, s.runtimes, name); derr != nil && *err == nil {
		*err = derr
	}
}

// Connect finds a lab by name and connects to it through its runtime.
func Connect(rts runtime.Registry, name string) (runtime.Lab, error) {
	st, err := labdir.Load(name)
	if err != nil {
		return nil, err
	}
	rt, err := rts.Get(st.Runtime)
	if err != nil {
		return nil, fmt.Errorf("lab %q: %w", name, err)
	}
	return rt.Connect(st)
}

// Remove removes a lab: through its runtime when its state is there, else
// whatever a runtime still holds of it (a half-created docker lab). It
// returns the lab's state as it was, for messages.
func Remove(ctx context.Context, rts runtime.Registry, name string, keep bool) (*labdir.State, error) {
	l, err := Connect(rts, name)
	if err != nil {
		if errors.Is(err, labdir.ErrNoLab) {
			for _, rt := range rts {
				if found, ferr := rt.Exists(ctx, name); ferr == nil && found {
					return &labdir.State{Name: name, Dir: labdir.Dir(name), Runtime: rt.Name()}, rt.Remove(ctx, name, keep)
				}
			}
		}
		return nil, err
	}
	defer l.Close()
	return l.State(), l.Down(ctx, keep)
}

// RemoveShown removes a lab a command booted, also after Ctrl-C, with a
// status line; a lab already gone is no error.
func RemoveShown(out io.Writer, rts runtime.Registry, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	st := progress.New(out)
	st.Start("Removing lab %s", name)
	l, err := Connect(rts, name)
	if err == nil {
		err = l.Down(ctx, false)
		l.Close()
	}
	if errors.Is(err, labdir.ErrNoLab) {
		err = nil
	}
	st.End(err)
	return err
}

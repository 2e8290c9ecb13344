package grade

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	goruntime "runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/target"
)

// Options configure a class's grading.
type Options struct {
	Out  string // the gradebook and each submission's folder
	Jobs int    // submissions graded at once
	Lang string // the feedback's language; "" is each exercise's own (es, ru)
	// Only grades these submissions (by name); Regrade grades them again
	// even when their files did not change.
	Only, Regrade []string
	Rubrics       map[string]*Rubric // by exercise (Rubrics())
	// ImageMap and ReferenceImage stand in for images this machine cannot
	// pull (runtime.Options).
	ImageMap       runtime.ImageMap
	ReferenceImage string
	Prefix         string // lab names are PREFIX-NAME
	Pglab          string // the binary `pglab` steps run (faults, exec)
	Version        string // pglab's, for the reports
	Runtime        runtime.Runtime
	Scenarios      fs.FS // holds scenarios/*.yaml (pglab.Scenarios)
	Progress       io.Writer
	// MinMemory is the memory a lab needs to boot; less available is
	// "not graded: the machine is short of memory".
	MinMemory int64
}

// PerLabMemory is what one lab of either exercise takes (five or six
// containers: etcd or ZooKeeper, two Patroni nodes, HAProxy) with room
// for its image builds.
const PerLabMemory = 1536 << 20

// DefaultJobs is how many submissions this machine grades at once: one
// per core, as far as the available memory allows; why says so.
func DefaultJobs() (n int, why string) {
	cores := goruntime.NumCPU()
	mem := availableMemory()
	n = cores
	if mem > 0 && int(mem/PerLabMemory) < n {
		n = int(mem / PerLabMemory)
	}
	n = max(n, 1)
	return n, fmt.Sprintf("%d core(s), %d MiB available, %d MiB per lab", cores, mem>>20, PerLabMemory>>20)
}

// availableMemory is MemAvailable of /proc/meminfo in bytes, 0 if unknown.
func availableMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// Run grades the submissions, o.Jobs at a time, writing each one's
// result and feedback as it is graded and the gradebook after each. It
// returns every result, the previously graded ones it skipped included.
// When ctx ends (Ctrl-C) the labs it started are removed and what was
// graded is kept.
func Run(ctx context.Context, subs []Submission, o Options) ([]*Result, error) {
	if o.Jobs < 1 {
		o.Jobs = 1
	}
	if o.Prefix == "" {
		o.Prefix = "grade"
	}
	if o.MinMemory == 0 {
		o.MinMemory = PerLabMemory / 2
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	// compose-go warns through logrus about their files ("version is
	// obsolete"): lint reports what matters; the progress lines stay clean.
	logOut := logrus.StandardLogger().Out
	logrus.SetOutput(io.Discard)
	defer logrus.SetOutput(logOut)
	g := &grader{o: o, results: make([]*Result, len(subs))}
	g.others = earlier(o.Out, subs)
	var todo []int
	for i, s := range subs {
		if len(o.Only) > 0 && !slices.Contains(o.Only, s.Name) {
			if r, err := LoadResult(filepath.Join(o.Out, s.Name, resultFile)); err == nil {
				g.results[i] = r // kept in the gradebook
			}
			continue
		}
		todo = append(todo, i)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range o.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r, err := g.one(ctx, subs[i], i, len(subs))
				g.mu.Lock()
				if r != nil {
					g.results[i] = r
				}
				if err != nil && g.err == nil && ctx.Err() == nil {
					g.err = err
				}
				g.mu.Unlock()
				g.writeBook()
			}
		}()
	}
feed:
	for _, i := range todo {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	g.writeBook()
	var out []*Result
	for _, r := range g.results {
		if r != nil {
			out = append(out, r)
		}
	}
	if ctx.Err() != nil {
		return out, context.Cause(ctx)
	}
	return out, g.err
}

// earlier are the results an earlier run saved in out for submissions
// other than subs: the gradebook is the folder's, not one run's.
func earlier(out string, subs []Submission) []*Result {
	paths, _ := filepath.Glob(filepath.Join(out, "*", resultFile))
	var rs []*Result
	for _, p := range paths {
		name := filepath.Base(filepath.Dir(p))
		if slices.ContainsFunc(subs, func(s Submission) bool { return s.Name == name }) {
			continue
		}
		if r, err := LoadResult(p); err == nil {
			rs = append(rs, r)
		}
	}
	return rs
}

// resultFile is each submission's saved result.
const resultFile = "result.json"

type grader struct {
	o       Options
	mu      sync.Mutex
	results []*Result
	others  []*Result // graded by earlier runs into the same folder, kept in its gradebook
	err     error
	ownLay  sync.Map // profile -> *lint.Layout of pglab's own files
}

func (g *grader) say(format string, args ...any) {
	if g.o.Progress == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	fmt.Fprintf(g.o.Progress, format+"\n", args...)
}

func (g *grader) writeBook() {
	g.mu.Lock()
	defer g.mu.Unlock()
	rs := slices.Clone(g.others)
	for _, r := range g.results {
		if r != nil {
			rs = append(rs, r)
		}
	}
	if err := WriteGradebook(g.o.Out, rs, g.o.Lang); err != nil && g.err == nil {
		g.err = err
	}
}

// one grades a submission, or returns its saved result when its files
// did not change since.
func (g *grader) one(ctx context.Context, s Submission, i, n int) (*Result, error) {
	o := g.o
	dir := filepath.Join(o.Out, s.Name)
	tag := fmt.Sprintf("[%d/%d] %s", i+1, n, s.Name)
	hash, err := s.Hash()
	if err != nil {
		return nil, err
	}
	if prev, err := LoadResult(filepath.Join(dir, resultFile)); err == nil && prev.Hash == hash && !slices.Contains(o.Regrade, s.Name) && prev.Status != NotGraded {
		g.say("%s: unchanged since %s, %s (--regrade %s grades it again)", tag, prev.GradedAt.Local().Format("2006-01-02 15:04"), summary(prev), s.Name)
		return prev, nil
	}
	if ctx.Err() != nil {
		return nil, nil
	}
	start := time.Now()
	g.say("%s: grading…", tag)
	r := &Result{Name: s.Name, Hash: hash, GradedAt: start.UTC(), Lab: labName(o.Prefix, s.Name)}
	err = g.grade(ctx, s, dir, r)
	r.Took = time.Since(start).Round(time.Second).Seconds()
	if ctx.Err() != nil {
		g.say("%s: interrupted; not recorded", tag)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	if err := writeFeedback(dir, r); err != nil {
		return nil, err
	}
	if err := r.Save(filepath.Join(dir, resultFile)); err != nil {
		return nil, err
	}
	g.say("%s: %s in %s", tag, summary(r), time.Duration(r.Took)*time.Second)
	return r, nil
}

// summary is a result in a few words, for the progress lines.
func summary(r *Result) string {
	s := fmt.Sprintf("%s %g/%g (%.0f %%)", r.Exercise, r.Score, r.Max, r.Percent())
	if r.Status != Graded {
		s += ", " + r.Status + ": " + firstLine(r.Why)
	}
	return s
}

// firstLine is s's first line, cut at 160 characters (not bytes: a
// Russian message must not end in half a letter).
func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	if r := []rune(l); len(r) > 160 {
		l = string(r[:160]) + "…"
	}
	return l
}

// labName is a submission's lab: PREFIX-NAME within a lab name's 31
// characters.
func labName(prefix, name string) string {
	n := prefix + "-" + name
	if len(n) > 31 {
		n = strings.TrimRight(n[:31], "-")
	}
	return n
}

// grade fills r: unpack, lint, boot, ask, score, remove.
func (g *grader) grade(ctx context.Context, s Submission, dir string, r *Result) error {
	o := g.o
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := s.Unpack(filepath.Join(dir, "files"))
	if err != nil {
		r.Status, r.Why, r.Reason, r.Exercise = Broken, err.Error(), ReasonUnreadable, "ops"
		return nil
	}
	lay, findings, err := lint.Inspect(root)
	if err != nil {
		r.Status, r.Why, r.Reason, r.Exercise = Broken, err.Error(), ReasonUnreadable, "ops"
		return nil
	}
	r.Exercise, r.Variant, r.Lint = lay.Exercise, lay.Variant, findings
	rub := o.Rubrics[r.Exercise]
	if rub == nil {
		return fmt.Errorf("no rubric for exercise %s", r.Exercise)
	}
	r.Rubric, r.Max = rub.File, rub.Max()
	r.Lang = o.Lang
	if r.Lang == "" {
		r.Lang = map[string]string{"ops": "es", "lab": "ru"}[r.Exercise]
	}
	profile := exercise.Etcd
	if r.Exercise == "lab" {
		profile = exercise.ZooKeeper
	}
	byLint := o.ReferenceImage != ""
	failAll := func(status, why, reason string, args ...string) {
		r.Status, r.Why, r.Reason, r.ReasonArgs = status, why, reason, args
		r.Questions, r.Score = score(rub, nil, nil, r.Lint, lay, byLint)
		for i := range r.Questions {
			if q := &r.Questions[i]; q.Verdict == NotAsked {
				q.Why, q.WhyArgs = SeeStatus, nil
				if status == NoBoot {
					q.Verdict, q.Advice = Fail, rub.Questions[i].Fail
				}
			}
		}
	}
	if mem := availableMemory(); mem > 0 && mem < o.MinMemory {
		failAll(NotGraded, fmt.Sprintf("this machine is short of memory (%d MiB available, a lab needs %d MiB): grade it again with fewer -j", mem>>20, o.MinMemory>>20),
			ReasonMemory, strconv.FormatInt(mem>>20, 10), strconv.FormatInt(o.MinMemory>>20, 10))
		return nil
	}

	// Boot their stack as it is, under a lab name of the grader's.
	name := r.Lab
	_, stateErr := labdir.Load(name)
	if found, _ := o.Runtime.Exists(ctx, name); found || stateErr == nil {
		// Left by an interrupted earlier grading: the grader's own lab.
		if err := o.Runtime.Remove(ctx, name, false); err != nil {
			return fmt.Errorf("remove the lab %s an earlier run left: %w", name, err)
		}
	}
	bootLog, err := os.Create(filepath.Join(dir, "boot.log"))
	if err != nil {
		return err
	}
	defer bootLog.Close()
	lab, err := o.Runtime.Up(ctx, runtime.Options{Name: name, Profile: profile.Name, From: root,
		ImageMap: o.ImageMap, ReferenceImage: o.ReferenceImage, Grading: true}, bootLog)
	if ctx.Err() != nil {
		if lab != nil {
			lab.Down(context.WithoutCancel(ctx), false)
		}
		return nil
	}
	if err != nil {
		status, reason := NoBoot, ReasonNoBoot
		if errors.Is(err, runtime.ErrUnavailable) {
			status, reason = NotGraded, ReasonUnavailable
		}
		failAll(status, err.Error(), reason)
		return nil
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Minute)
		defer cancel()
		if derr := lab.Down(dctx, false); derr != nil {
			fmt.Fprintf(bootLog, "removing lab %s: %v\n", name, derr)
		}
		lab.Close()
	}()
	r.Substitutions, r.Readings = lab.State().Substitutions, lab.State().Readings
	tl := target.New(lab, o.Pglab)

	// Ask their stack the exercise's questions, in their node names.
	own, err := runtime.LabTopology(profile)
	if err != nil {
		return err
	}
	ren := MapNodes(own, lab.Topology(), g.ownLayout(profile), &lay)
	set, scs, unloadable, err := LoadScenarios(o.Scenarios, rub, profile.Name, o.Runtime.Name(), lab.Topology(), ren)
	if err != nil {
		return err
	}
	runLog, err := os.Create(filepath.Join(dir, "run.log"))
	if err != nil {
		return err
	}
	defer runLog.Close()
	t, _ := scenario.Run(ctx, tl, scs, scenario.Options{Catalog: set.Catalog, Pglab: o.Version, Lang: r.Lang,
		Profile: profile.Name, GoOn: true, Progress: progress.New(runLog)})
	if ctx.Err() != nil {
		return nil
	}
	if err := t.Save(filepath.Join(dir, "transcript.json")); err != nil {
		return err
	}
	for _, format := range report.Formats {
		var b bytes.Buffer
		if err := report.Render(&b, t, report.Options{Lang: r.Lang, Format: format}); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "report."+r.Lang+"."+format), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	r.Status = Graded
	r.Questions, r.Score = score(rub, t, unloadable, r.Lint, lay, byLint)
	// Out of what could be asked here: a question not graded for this
	// machine's reasons is neither won nor lost.
	r.Max = 0
	for _, q := range r.Questions {
		if q.Verdict != NotAsked {
			r.Max += q.Weight
		}
	}
	return nil
}

// ownLayout is the layout of pglab's own files of a profile: which of
// its configs each exercise node uses, to rename them to a submission's.
func (g *grader) ownLayout(p exercise.Profile) *lint.Layout {
	if v, ok := g.ownLay.Load(p.Name); ok {
		return v.(*lint.Layout)
	}
	dir, err := os.MkdirTemp("", "pglab-grade-own-")
	if err != nil {
		return nil
	}
	defer os.RemoveAll(dir)
	if _, err := p.Init(dir, false); err != nil {
		return nil
	}
	lay, _, err := lint.Inspect(dir)
	if err != nil {
		return nil
	}
	g.ownLay.Store(p.Name, &lay)
	return &lay
}

// RuntimeFor is the runtime that grades: the first that boots someone's
// files as they are (accepts From).
func RuntimeFor(rts runtime.Registry) (runtime.Runtime, error) {
	for _, rt := range rts {
		if rt.Check(runtime.Options{From: "."}) == nil {
			return rt, nil
		}
	}
	return nil, errors.New("no runtime here boots a submission's own files (--from)")
}

// Failing are the graded results below pass (a percentage): what sets
// the exit code of a CI run.
func Failing(rs []*Result, pass float64) []*Result {
	var out []*Result
	for _, r := range rs {
		if r.Status != NotGraded && r.Percent() < pass {
			out = append(out, r)
		}
	}
	return out
}

package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/report"
	labrt "github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/docker"
	"github.com/pglab/pglab/lab/runtime/embedded"
	"github.com/pglab/pglab/lab/scenario"
)

// The scenario commands: run (boot if needed, run, record, report),
// walkthrough (the same as a lesson), report and submission (from the
// transcript a run saved).

const (
	resultsDir     = "pglab-results"
	transcriptName = "transcript.json"
)

var langFlag = &cli.StringFlag{Name: "lang", Value: "en", Usage: "report `LANG`uage: es (the operations test), ru (the HA lab) or en (both)"}

func runCmd() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "run something against the lab (example: pglab run scenario failover)",
		Commands: []*cli.Command{{
			Name:      "scenario",
			Usage:     "run scenarios, record every command and its output, write the report (example: pglab run scenario all)",
			ArgsUsage: "NAME|FILE.yaml...",
			Description: `Boots the lab if no lab of that --name runs (and removes it afterwards
unless --keep), runs the scenarios step by step, and saves the transcript
in the lab directory and in --out, with the report beside it.
Without NAME, lists the scenarios.`,
			Flags: scenarioLabFlags(),
			Action: func(ctx context.Context, cmd *cli.Command) error {
				return runScenarios(ctx, cmd, nil)
			},
		}},
	}
}

// scenarioLabFlags are the flags of the commands that run scenarios on a
// lab they may boot: run scenario and walkthrough.
func scenarioLabFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "keep", Usage: "leave a lab this command booted running"},
		&cli.StringFlag{Name: "out", Value: resultsDir, Usage: "`DIR` for the transcript and reports (kept after `pglab down`)"},
		&cli.StringFlag{Name: "timing", Value: embedded.DefaultTiming, Usage: "timing of a lab this command boots: fast or exercise (see pglab up --help)"},
		&cli.StringFlag{Name: "runtime", Value: embedded.Name, Usage: "runtime of a lab this command boots"},
		profileFlag(),
		langFlag,
	}
}

func walkthroughCmd() *cli.Command {
	return &cli.Command{
		Name:      "walkthrough",
		Usage:     "a scenario as a lesson: why each step, the command, its output, what to look for (example: pglab walkthrough failover)",
		ArgsUsage: "NAME",
		Description: `Like ` + "`pglab run scenario`" + `, but before each step it explains what the
step does and why, shows the command and waits for Enter (q quits);
after it, the output and what to look for. --auto runs straight through.`,
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "auto", Usage: "do not wait for Enter between steps"},
		}, scenarioLabFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usageError("walkthrough: name one scenario, e.g. `pglab walkthrough failover`")
			}
			w := &walker{out: cmd.Root().Writer, in: bufio.NewReader(cmd.Root().Reader), lang: cmd.String("lang"), auto: cmd.Bool("auto")}
			return runScenarios(ctx, cmd, w)
		},
	}
}

// labProfile is the profile of the lab under --name, or --profile when
// no lab of that name exists yet.
func labProfile(cmd *cli.Command) (exercise.Profile, error) {
	name := cmd.String("profile")
	if st, err := labdir.Load(cmd.String("name")); err == nil && st.Profile != "" {
		name = st.Profile
	}
	return exercise.ProfileByName(name)
}

// loadScenarios reads the embedded scenarios written for the profile and
// the runtime, checked against the profile's nodes, plus any scenario files named on the command line.
func loadScenarios(profile exercise.Profile, runtime string, args []string) (*scenario.Set, []*scenario.Scenario, error) {
	topo, err := labrt.LabTopology(profile)
	if err != nil {
		return nil, nil, err
	}
	set, err := scenario.LoadFS(pglab.Scenarios, "scenarios", scenario.LoadOptions{Nodes: scenario.TopologyNodes(topo), Profile: profile.Name, Runtime: runtime})
	if err != nil {
		return nil, nil, err
	}
	badFile := func(err error) error {
		var le *scenario.LoadError
		if errors.As(err, &le) {
			return exitError{code: 2, err: err}
		}
		return err
	}
	var names []string
	for _, a := range args {
		if strings.HasSuffix(a, ".yaml") || strings.HasSuffix(a, ".yml") || strings.ContainsRune(a, os.PathSeparator) {
			sc, err := set.AddFile(a)
			if err != nil {
				return nil, nil, badFile(err)
			}
			a = sc.Name
		}
		names = append(names, a)
	}
	scs, err := set.Resolve(names)
	if err != nil {
		return nil, nil, usageError("%v", err)
	}
	return set, scs, nil
}

func listScenarios(w io.Writer, set *scenario.Set, lang string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tANSWERS\tTITLE")
	for _, n := range set.Names() {
		sc := set.Scenarios[n]
		answers := strings.Join(sc.Answers(), " ")
		if len(sc.Include) > 0 {
			answers = "= " + strings.Join(sc.Include, " + ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", n, answers, sc.Title.In(lang))
	}
	return tw.Flush()
}

func checkLang(lang string) error {
	for _, l := range scenario.Languages {
		if l == lang {
			return nil
		}
	}
	return usageError("--lang %q: choose es, ru or en", lang)
}

// runScenarios boots the lab when needed, runs the scenarios, saves the
// transcript and reports, and removes a lab it booted unless --keep.
func runScenarios(ctx context.Context, cmd *cli.Command, w *walker) (err error) {
	out := cmd.Root().Writer
	lang := cmd.String("lang")
	if err := checkLang(lang); err != nil {
		return err
	}
	profile, err := labProfile(cmd)
	if err != nil {
		return usageError("%v", err)
	}
	runtime, err := labRuntime(cmd)
	if err != nil {
		return err
	}
	set, scs, err := loadScenarios(profile, runtime, cmd.Args().Slice())
	if err != nil {
		return err
	}
	if len(scs) == 0 {
		fmt.Fprintln(out, "Name one or more scenarios (or a scenario FILE.yaml):")
		if err := listScenarios(out, set, lang); err != nil {
			return err
		}
		return usageError("run scenario: no scenario named, e.g. `pglab run scenario all`")
	}
	sl, err := openScenarioLab(ctx, out, cmd, profile)
	if err != nil {
		return err
	}
	defer sl.done(&err)
	rt, booted := sl.rt, sl.booted
	opts := scenario.Options{Catalog: set.Catalog, Pglab: version, Lang: lang, Profile: profile.Name}
	if w != nil {
		opts.Hooks = scenario.Hooks{Before: w.before, After: w.after}
	} else {
		opts.Progress = progress.New(out)
		fmt.Fprintf(out, "\nRunning %s on lab %s:\n", scenarioNames(scs), rt.Lab())
	}
	t, runErr := scenario.Run(ctx, rt, scs, opts)
	if errors.Is(runErr, errQuit) {
		fmt.Fprintln(out, "Stopped.")
		return nil
	}
	paths, saveErr := saveResults(t, rt.Lab(), cmd.String("out"), lang)
	fmt.Fprintln(out)
	for i, p := range paths {
		note := ""
		if i == 0 && booted && !cmd.Bool("keep") {
			note = " (goes with the lab)"
		}
		fmt.Fprintf(out, "Saved %s%s\n", p, note)
	}
	if saveErr != nil {
		return saveErr
	}
	if runErr != nil {
		if ctx.Err() != nil {
			return runErr // interrupted: main exits 130
		}
		return exitError{code: 1, err: runErr}
	}
	fmt.Fprintf(out, "All %d scenario(s) passed in %s. Other languages: pglab --name %s report --lang es|ru|en [--format html]\n",
		len(scs), t.Finished.Sub(t.Started).Round(time.Second), rt.Lab())
	return nil
}

func scenarioNames(scs []*scenario.Scenario) string {
	var n []string
	for _, s := range scs {
		n = append(n, s.Name)
	}
	return strings.Join(n, ", ")
}

// scenarioLab is the lab a command runs scenarios on: the one running
// under --name, or one booted for the command.
type scenarioLab struct {
	rt     scenario.Runtime
	booted bool
	done   func(err *error) // removes a booted lab unless --keep; sets *err if that fails
}

// labRuntime is the runtime of the lab under --name, or --runtime when no
// lab of that name exists yet.
func labRuntime(cmd *cli.Command) (string, error) {
	if st, err := labdir.Load(cmd.String("name")); err == nil && st.Runtime != "" {
		return st.Runtime, nil
	}
	rt := cmd.String("runtime")
	return rt, checkRuntime(rt)
}

// openScenarioLab connects to the lab under --name, booting it first (with
// --runtime, --timing and the exercise profile) when none runs.
func openScenarioLab(ctx context.Context, out io.Writer, cmd *cli.Command, profile exercise.Profile) (*scenarioLab, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	name := cmd.String("name")
	runtime := cmd.String("runtime")
	if runtime == "" { // a command without --runtime (bench) measures embedded labs
		runtime = embedded.Name
	}
	booted, err := ensureLab(ctx, out, self, name, runtime, cmd.String("timing"), profile.Name)
	if err != nil {
		return nil, err
	}
	sl := &scenarioLab{booted: booted, done: func(*error) {}}
	switch {
	case booted && !cmd.Bool("keep"):
		sl.done = func(err *error) {
			if derr := removeLab(out, name); derr != nil && *err == nil {
				*err = derr
			}
		}
	case booted:
		sl.done = func(*error) {
			fmt.Fprintf(out, "\nThe lab %s keeps running (--keep): `pglab --name %s down` removes it.\n", name, name)
		}
	}
	st, err := labdir.Load(name)
	if err == nil {
		if st.Runtime == docker.Name {
			sl.rt, err = docker.NewScenarioRuntime(ctx, name, self)
		} else {
			sl.rt, err = embedded.NewScenarioRuntime(ctx, name, self)
		}
	}
	if err != nil {
		sl.done(&err)
		return nil, err
	}
	return sl, nil
}

// ensureLab makes sure lab name runs, booting it with `pglab up -d` (its
// progress shown) when no lab of that name exists; booted says it did.
func ensureLab(ctx context.Context, out io.Writer, self, name, runtime, timing, profile string) (booted bool, err error) {
	l, st, err := connect(name)
	if err == nil {
		if _, serr := l.LabStatus(ctx); serr != nil {
			return false, fmt.Errorf("lab %q exists but does not answer (%v): `pglab --name %s down` cleans it up", name, serr, name)
		}
		fmt.Fprintf(out, "Using the running lab %s (%s runtime, %s).\n", name, st.Runtime, st.Dir)
		return false, nil
	}
	if !errors.Is(err, labdir.ErrNoLab) {
		return false, err
	}
	args := []string{"--name", name, "up", "-d", "--runtime", runtime, "--timing", timing, "--profile", profile}
	fmt.Fprintf(out, "No lab %s is running: booting one (pglab %s).\n", name, strings.Join(args, " "))
	up := exec.CommandContext(ctx, self, args...)
	up.Stdout, up.Stderr = out, out
	// On Ctrl-C, SIGTERM lets `up` stop the lab it was starting.
	up.Cancel = func() error { return up.Process.Signal(syscall.SIGTERM) }
	up.WaitDelay = time.Minute
	if err := up.Run(); err != nil {
		return false, fmt.Errorf("boot lab %s: %w", name, err)
	}
	return true, nil
}

// removeLab downs a lab this command booted, also after Ctrl-C.
func removeLab(out io.Writer, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	st := progress.New(out)
	st.Start("Removing lab %s", name)
	_, err := downLab(ctx, name, false)
	if errors.Is(err, labdir.ErrNoLab) {
		err = nil
	}
	st.End(err)
	return err
}

// saveResults writes the transcript into the lab directory and into dir
// (which outlives the lab), and the report (md and html) into dir.
func saveResults(t *scenario.Transcript, lab, dir, lang string) ([]string, error) {
	var saved []string
	labCopy := filepath.Join(labdir.Dir(lab), transcriptName)
	if err := t.Save(labCopy); err != nil {
		return saved, err
	}
	saved = append(saved, labCopy)
	keep := filepath.Join(dir, lab+"-"+transcriptName)
	if err := t.Save(keep); err != nil {
		return saved, err
	}
	saved = append(saved, keep)
	for _, format := range report.Formats {
		p := filepath.Join(dir, fmt.Sprintf("%s-report.%s.%s", lab, lang, format))
		var b bytes.Buffer
		if err := report.Render(&b, t, report.Options{Lang: lang, Format: format}); err != nil {
			return saved, err
		}
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return saved, fmt.Errorf("write report: %w", err)
		}
		saved = append(saved, p)
	}
	return saved, nil
}

// findTranscript picks the transcript to report on: the one given, else the
// newer of the lab directory's and the results directory's.
func findTranscript(cmd *cli.Command) (*scenario.Transcript, string, error) {
	if p := cmd.String("transcript"); p != "" {
		t, err := scenario.LoadTranscript(p)
		return t, p, err
	}
	name := cmd.String("name")
	cands := []string{filepath.Join(labdir.Dir(name), transcriptName), filepath.Join(resultsDir, name+"-"+transcriptName)}
	sort.SliceStable(cands, func(i, j int) bool { return mtime(cands[i]).After(mtime(cands[j])) })
	for _, p := range cands {
		if !mtime(p).IsZero() {
			t, err := scenario.LoadTranscript(p)
			return t, p, err
		}
	}
	return nil, "", usageError("no transcript of lab %s in %s or %s: run `pglab --name %s run scenario all` first, or pass --transcript FILE",
		name, cands[0], cands[1], name)
}

func mtime(p string) time.Time {
	fi, err := os.Stat(p)
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}

func reportCmd() *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "write the report of the last scenario run: each question, the commands, their output, the verdict (example: pglab report --lang es --format html -o report.html)",
		Flags: []cli.Flag{
			langFlag,
			&cli.StringFlag{Name: "format", Value: "md", Usage: "md or html (self-contained)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.StringFlag{Name: "transcript", Usage: "transcript `FILE` (default: the lab's last run)"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "exercise `ID` to report on: ops, lab (default: the lab's exercise, or by --lang for the etcd stack, which answers both; repeatable)"},
			&cli.StringFlag{Name: "profile", Usage: "report on `PROFILE`'s exercise: etcd (ops, the operations test) or zookeeper (lab, the HA lab)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			lang := cmd.String("lang")
			if err := checkLang(lang); err != nil {
				return err
			}
			if f := cmd.String("format"); f != "md" && f != "html" {
				return usageError("--format %q: choose md or html", f)
			}
			var profile *exercise.Profile
			if name := cmd.String("profile"); name != "" {
				p, err := exercise.ProfileByName(name)
				if err != nil {
					return usageError("report: %v", err)
				}
				profile = &p
			}
			t, _, err := findTranscript(cmd)
			if err != nil {
				return err
			}
			exercises := cmd.StringSlice("exercise")
			if p := profile; p != nil {
				if t.Profile != "" && t.Profile != p.Name {
					return usageError("report --profile %s: the transcript is of a %s lab; run the scenarios on a %s lab (`pglab run scenario all --profile %s`)", p.Name, t.Profile, p.Name, p.Name)
				}
				exercises = append(exercises, p.Exercise)
			}
			var b bytes.Buffer
			if err := report.Render(&b, t, report.Options{Lang: lang, Format: cmd.String("format"), Exercises: exercises}); err != nil {
				return usageError("%v", err)
			}
			if o := cmd.String("output"); o != "" {
				if err := os.WriteFile(o, b.Bytes(), 0o644); err != nil {
					return fmt.Errorf("report: %w", err)
				}
				fmt.Fprintf(cmd.Root().ErrWriter, "Wrote %s\n", o)
				return nil
			}
			_, err = cmd.Root().Writer.Write(b.Bytes())
			return err
		},
	}
}

// submissionReport is the report's name inside the zip.
const submissionReport = "DOCUMENTACION.md"

func submissionCmd() *cli.Command {
	return &cli.Command{
		Name:  "submission",
		Usage: "zip the operations test's deliverable: the corrected files and the Spanish report (example: pglab submission -o answer.zip)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "pglab-submission.zip", Usage: "zip `FILE` to write"},
			&cli.StringFlag{Name: "transcript", Usage: "transcript `FILE` (default: the lab's last run)"},
			&cli.BoolFlag{Name: "force", Usage: "write it even if the run failed or left questions unanswered"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			t, src, err := findTranscript(cmd)
			if err != nil {
				return err
			}
			m, err := report.Build(t, report.Options{Lang: "es", Exercises: []string{"ops"}})
			if err != nil {
				return err
			}
			var missing []string
			for _, q := range m.Exercises[0].Questions {
				if q.Verdict != scenario.Pass {
					missing = append(missing, q.Label+" "+m.VerdictText(q.Verdict))
				}
			}
			if len(missing) > 0 && !cmd.Bool("force") {
				return exitError{code: 1, err: fmt.Errorf("the transcript %s does not answer every question: %s; run `pglab run scenario all` (or --force)", src, strings.Join(missing, "; "))}
			}
			var doc bytes.Buffer
			if err := report.Render(&doc, t, report.Options{Lang: "es", Format: "md", Exercises: []string{"ops"}}); err != nil {
				return err
			}
			out := cmd.String("output")
			if err := writeSubmission(out, doc.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(cmd.Root().Writer, "Wrote %s: %d corrected files and %s (from %s)\n", out, len(exercise.Files), submissionReport, src)
			return nil
		},
	}
}

// writeSubmission zips the corrected exercise files (never the .env of
// passwords) and the report, atomically.
func writeSubmission(path string, doc []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".submission-*.zip")
	if err != nil {
		return fmt.Errorf("submission: %w", err)
	}
	defer os.Remove(tmp.Name())
	zw := zip.NewWriter(tmp)
	add := func(name string, data []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	for _, f := range exercise.Files {
		data, err := exercise.Read(f.Path)
		if err != nil {
			return err
		}
		if err := add(f.Path, data); err != nil {
			return err
		}
	}
	if err := add(submissionReport, doc); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// walkLabels are the walkthrough's own words.
var walkLabels = map[string]map[string]string{
	"wait":   {"es": "esperar como mucho %s hasta que: %s", "ru": "ждать не более %s, пока: %s", "en": "wait at most %s until: %s"},
	"prompt": {"es": "[Intro: ejecutar · q: salir]", "ru": "[Enter: выполнить · q: выход]", "en": "[Enter: run · q: quit]"},
}

// errQuit ends a walkthrough when the user types q.
var errQuit = errors.New("walkthrough stopped")

// walker prints a scenario as a lesson around the engine's steps.
type walker struct {
	out  io.Writer
	in   *bufio.Reader
	lang string
	auto bool
	last string // scenario whose introduction was printed
}

func (w *walker) before(sc *scenario.ScenarioRun, st *scenario.StepRun) error {
	if w.last != sc.Name {
		w.last = sc.Name
		fmt.Fprintf(w.out, "\n══ %s ══\n", sc.Title.In(w.lang))
		if a := sc.About.In(w.lang); a != "" {
			fmt.Fprintf(w.out, "%s\n", wrap(a, 78, ""))
		}
	}
	fmt.Fprintf(w.out, "\n── %s %d/%d · %s ──\n", sc.Name, st.N, st.Of, st.Title.In(w.lang))
	if why := st.Why.In(w.lang); why != "" {
		fmt.Fprintf(w.out, "%s\n", wrap(why, 78, ""))
	}
	if st.Kind == scenario.KindWait {
		fmt.Fprintf(w.out, "\n  ⏱ "+walkLabels["wait"][w.lang]+"\n", time.Duration(float64(st.Timeout)*float64(time.Second)), st.Condition)
	} else {
		fmt.Fprintf(w.out, "\n  $ %s\n", st.Command)
	}
	if w.auto {
		return nil
	}
	fmt.Fprint(w.out, "  "+walkLabels["prompt"][w.lang]+" ")
	line, err := w.in.ReadString('\n')
	if err == io.EOF {
		w.auto = true // no one to press Enter: go on alone
		fmt.Fprintln(w.out)
		return nil
	}
	if strings.TrimSpace(line) == "q" {
		return errQuit
	}
	return nil
}

func (w *walker) after(sc *scenario.ScenarioRun, st *scenario.StepRun) {
	if strings.HasSuffix(st.Problem, errQuit.Error()) {
		return
	}
	if st.Output != "" {
		fmt.Fprintf(w.out, "%s\n", indentLines(strings.TrimRight(st.Output, "\n"), "  │ "))
	}
	mark := "✓"
	if st.Verdict != scenario.Pass {
		mark = "✗"
	}
	fmt.Fprintf(w.out, "  %s %s", mark, st.Duration)
	if st.Exit != nil {
		fmt.Fprintf(w.out, " · exit %d", *st.Exit)
	}
	fmt.Fprintln(w.out)
	if st.Problem != "" {
		fmt.Fprintf(w.out, "  ✗ %s\n", st.Problem)
	}
	if look := st.Look.In(w.lang); look != "" {
		fmt.Fprintf(w.out, "  👀 %s\n", wrap(look, 74, "     "))
	}
}

func indentLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// wrap breaks text into lines of at most width runes.
func wrap(s string, width int, prefix string) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
			lines = append(lines, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"+prefix)
}

package session

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/report"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/scenario"
)

// ErrBadArgs is matched by LoadScenarios' errors about the names and
// files it was given (not about the embedded scenarios).
var ErrBadArgs = errors.New("bad scenario name or file")

// LoadScenarios reads the embedded scenarios written for the profile and
// the runtime, checked against the profile's nodes, plus any scenario files named on the command line.
func LoadScenarios(profile exercise.Profile, rt string, args []string) (*scenario.Set, []*scenario.Scenario, error) {
	topo, err := runtime.LabTopology(profile)
	if err != nil {
		return nil, nil, err
	}
	set, err := scenario.LoadFS(pglab.Scenarios, "scenarios", scenario.LoadOptions{Nodes: scenario.TopologyNodes(topo), Profile: profile.Name, Runtime: rt})
	if err != nil {
		return nil, nil, err
	}
	badFile := func(err error) error {
		var le *scenario.LoadError
		if errors.As(err, &le) {
			return runtime.Refuse(ErrBadArgs, "%v", err)
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
		return nil, nil, runtime.Refuse(ErrBadArgs, "%v", err)
	}
	return set, scs, nil
}

// PrintSkipped says, one line per reason, which scenarios the names
// include (all) that the lab does not run, and what they are written for.
func PrintSkipped(w io.Writer, set *scenario.Set, names []string, lang string) {
	var reasons []string
	byReason := map[string][]string{}
	for _, s := range set.Skipped(names) {
		if byReason[s.For] == nil {
			reasons = append(reasons, s.For)
		}
		byReason[s.For] = append(byReason[s.For], s.Name)
	}
	for _, r := range reasons {
		fmt.Fprintln(w, report.Console("skips", lang, strings.Join(byReason[r], ", "), report.ConsoleLine(r, lang)))
	}
}

// ListScenarios prints the set's scenarios: name, the questions each
// answers, title.
func ListScenarios(w io.Writer, set *scenario.Set, lang string) error {
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

// Choice is the exercise and the runtime a command works with.
type Choice struct {
	Profile exercise.Profile
	Runtime string
}

// Choose picks the profile and the runtime of the lab under name, or
// profile and rt (the command's flags) when no lab of that name exists.
func Choose(rts runtime.Registry, name, profile, rt string) (Choice, error) {
	if st, err := labdir.Load(name); err == nil {
		if st.Profile != "" {
			profile = st.Profile
		}
		if st.Runtime != "" {
			rt = st.Runtime
		}
	}
	p, err := exercise.ProfileByName(profile)
	if err != nil {
		return Choice{}, err
	}
	r, err := rts.Get(rt)
	if err != nil {
		return Choice{}, err
	}
	return Choice{Profile: p, Runtime: r.Name()}, nil
}

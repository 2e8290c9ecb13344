package grade

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Class is `pglab grade`: the submissions graded with o, the gradebook
// (and, with junit, junit.xml) written, and an error when a submission
// scores below pass (pass < 0: no threshold). o.Jobs 0 picks what the
// machine allows and says why.
func Class(ctx context.Context, subs []Submission, o Options, junit bool, pass float64, out io.Writer) error {
	if o.Jobs <= 0 {
		var why string
		o.Jobs, why = DefaultJobs()
		fmt.Fprintf(out, "Grading %d submission(s), %d at a time (%s; -j sets it).\n", len(subs), o.Jobs, why)
	} else {
		fmt.Fprintf(out, "Grading %d submission(s), %d at a time.\n", len(subs), o.Jobs)
	}
	rs, err := Run(ctx, subs, o)
	if junit {
		if jerr := WriteJUnit(o.Out, rs); jerr != nil && err == nil {
			err = jerr
		}
	}
	fmt.Fprintf(out, "\nGradebook: %s/%s and %s/%s (%d submission(s)).\n", o.Out, GradebookHTML, o.Out, GradebookCSV, len(rs))
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: the labs it started are removed, what was graded is kept: %w", err)
		}
		return err
	}
	if pass >= 0 {
		if low := Failing(rs, pass); len(low) > 0 {
			var names []string
			for _, r := range low {
				names = append(names, fmt.Sprintf("%s (%.0f %%)", r.Name, r.Percent()))
			}
			return errors.New("below --pass " + fmt.Sprint(pass) + " %: " + strings.Join(names, ", "))
		}
	}
	return nil
}

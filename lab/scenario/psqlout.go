package scenario

import (
	"regexp"
	"strings"
)

// Table is a result set read back from psql's default (aligned) output,
// the format a person sees, so the report shows exactly what was checked.
type Table struct {
	Columns []string
	Rows    [][]string
}

var (
	psqlRuleRE  = regexp.MustCompile(`^-+(\+-+)*$`)
	psqlCountRE = regexp.MustCompile(`^\(\d+ rows?\)$`)
)

// ParseTable reads the first result set of psql's aligned output; ok is
// false when there is none (an error, or a command tag like INSERT 0 1).
// Cells are cut where the rule line under the header has its '+', so a
// value holding '|' stays whole.
func ParseTable(out string) (Table, bool) {
	lines := strings.Split(out, "\n")
	for i := 1; i < len(lines); i++ {
		rule := []rune(lines[i])
		if !psqlRuleRE.MatchString(strings.TrimSpace(lines[i])) {
			continue
		}
		var cuts []int
		for k, r := range rule {
			if r == '+' {
				cuts = append(cuts, k)
			}
		}
		split := func(line string) []string {
			rs := []rune(line)
			cells := make([]string, 0, len(cuts)+1)
			from := 0
			for _, c := range append(cuts, len(rule)) {
				to := min(c, len(rs))
				if from > to {
					from = to
				}
				if c == len(rule) {
					to = len(rs) // the last cell may run past the rule
				}
				cells = append(cells, strings.TrimSpace(string(rs[from:to])))
				from = c + 1
			}
			return cells
		}
		t := Table{Columns: split(lines[i-1])}
		for _, l := range lines[i+1:] {
			if psqlCountRE.MatchString(strings.TrimSpace(l)) || strings.TrimSpace(l) == "" {
				break
			}
			t.Rows = append(t.Rows, split(l))
		}
		return t, true
	}
	return Table{}, false
}

// Column returns the value of a column in the first row.
func (t Table) Column(name string) (string, bool) {
	if len(t.Rows) == 0 {
		return "", false
	}
	for i, c := range t.Columns {
		if c == name {
			return t.Rows[0][i], true
		}
	}
	return "", false
}

package grade

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pglab/pglab/lab/report"
)

// Gradebook files, in the output folder.
const (
	GradebookCSV  = "gradebook.csv"
	GradebookHTML = "gradebook.html"
	JUnitFile     = "junit.xml"
)

// questionIDs are every question of the results, in rubric order (the
// operations test's first), for the gradebook's columns.
func questionIDs(rs []*Result) []string {
	var ids []string
	for _, ex := range []string{"ops", "lab"} {
		for _, r := range rs {
			if r.Exercise != ex {
				continue
			}
			for _, q := range r.Questions {
				if !slices.Contains(ids, q.ID) {
					ids = append(ids, q.ID)
				}
			}
		}
	}
	return ids
}

// cell is a question's column in a row: its points, "-" when the
// submission has no such question, "n/g" when not graded.
func cell(r *Result, id string) string {
	for _, q := range r.Questions {
		if q.ID != id {
			continue
		}
		switch q.Verdict {
		case Pass, ByLintPass:
			return strconv.FormatFloat(q.Weight, 'g', -1, 64)
		case Fail, ByLintFail:
			return "0"
		}
		return "n/g"
	}
	return "-"
}

// column is a question's column in the HTML gradebook: a short header
// (the table must fit a screen with both exercises' questions), the
// question's id and title on hover.
type column struct{ Short, Title string }

// shortID is a question's header, its id without the exercise's prefix
// ("3" for ops.3, "postgis" for dockerfile.postgis, "3.4" for lab.3.4):
// the exercise column says whose it is, the title the rest.
func shortID(id string) string {
	for _, p := range []string{"ops.", "lab.", "dockerfile."} {
		if rest, ok := strings.CutPrefix(id, p); ok {
			return rest
		}
	}
	return id
}

// questionTitle is a question's title in lang, from the first result
// that has it.
func questionTitle(rs []*Result, id, lang string) string {
	for _, r := range rs {
		for _, q := range r.Questions {
			if q.ID == id {
				return q.Title.In(lang)
			}
		}
	}
	return ""
}

// WriteGradebook writes gradebook.csv and gradebook.html for the results.
func WriteGradebook(out string, rs []*Result, lang string) error {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b *Result) int { return strings.Compare(a.Name, b.Name) })
	ids := questionIDs(rs)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := append([]string{"name", "exercise", "score", "max", "percent"}, ids...)
	head = append(head, "lint_findings", "status", "why", "graded_at", "image_substitutions")
	w.Write(head)
	for _, r := range rs {
		row := []string{r.Name, r.Exercise, strconv.FormatFloat(r.Score, 'g', -1, 64), strconv.FormatFloat(r.Max, 'g', -1, 64), fmt.Sprintf("%.0f", r.Percent())}
		for _, id := range ids {
			row = append(row, cell(r, id))
		}
		row = append(row, strconv.Itoa(len(r.Lint)), r.Status, firstLine(r.Why), r.GradedAt.UTC().Format("2006-01-02T15:04:05Z"), substitutions(r))
		w.Write(row)
	}
	w.Flush()
	if err := os.WriteFile(filepath.Join(out, GradebookCSV), b.Bytes(), 0o644); err != nil {
		return err
	}
	if lang == "" {
		lang = "en"
	}
	L := func(k string) string { return report.Label(k, lang) }
	type row struct {
		R                *Result
		Cells            []string
		Status, Feedback string
		Percent, Why     string
	}
	v := struct {
		L      func(string) string
		IDs    []column
		Rows   []row
		AnyWhy bool // a column no row fills is left out: it only widens the table
	}{L: L}
	for _, id := range ids {
		v.IDs = append(v.IDs, column{Short: shortID(id), Title: id + ": " + questionTitle(rs, id, lang)})
	}
	for _, r := range rs {
		rw := row{R: r, Status: L("st_" + r.Status), Percent: fmt.Sprintf("%.0f", r.Percent()), Why: r.Why}
		if lead, raw := reason(r, lang); len(lead) > 0 {
			// In the teacher's language, then the first line of what was
			// seen (the title keeps all of it).
			rw.Why = strings.TrimSpace(lead.Plain() + " " + firstLine(raw))
		}
		v.AnyWhy = v.AnyWhy || rw.Why != ""
		for _, id := range ids {
			rw.Cells = append(rw.Cells, cell(r, id))
		}
		if r.Lang != "" {
			rw.Feedback = r.Name + "/" + FeedbackName(r.Lang, "html")
		}
		v.Rows = append(v.Rows, rw)
	}
	var h bytes.Buffer
	if err := bookTmpl.Execute(&h, v); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, GradebookHTML), h.Bytes(), 0o644)
}

var bookTmpl = template.Must(template.New("book").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{call .L "g_gradebook"}}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.25rem;color:#1d2330}
h1{font-size:1.5rem} .meta{color:#5a6478}
table{border-collapse:collapse} th,td{padding:.35rem .45rem;border-bottom:1px solid #e6e9ef;text-align:left;white-space:nowrap}
th{cursor:pointer;background:#f3f5f9;position:sticky;top:0;user-select:none} th:hover{background:#e7ebf2}
th.asc::after{content:" ▲"} th.desc::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums} th.q,td.q{padding:.35rem .35rem}
.q0{color:#b42318} .qp{color:#137a3a} .qn{color:#8a6100}
.st-graded{color:#137a3a} .st-not{color:#8a6100} .st-bad{color:#b42318}
.why{min-width:12rem;max-width:24rem;white-space:normal;color:#5a6478}
.wide{overflow-x:auto}
</style></head><body>
<h1>{{call .L "g_gradebook"}}</h1>
<p class="meta">{{call .L "g_sort"}}</p>
<div class="wide"><table id="book"><thead><tr>
<th data-t="s">{{call .L "g_name"}}</th><th data-t="s">{{call .L "g_exercise"}}</th><th data-t="n">{{call .L "g_score"}}</th><th data-t="n">%</th>
<th data-t="s">{{call .L "g_status"}}</th><th data-t="n">{{call .L "g_findings"}}</th>
{{range .IDs}}<th data-t="n" class="q" title="{{.Title}}">{{.Short}}</th>{{end}}
<th data-t="s">{{call .L "g_graded_at"}}</th>{{if .AnyWhy}}<th data-t="s">{{call .L "g_why"}}</th>{{end}}
</tr></thead><tbody>
{{range .Rows}}<tr>
<td>{{if .Feedback}}<a href="{{.Feedback}}">{{.R.Name}}</a>{{else}}{{.R.Name}}{{end}}</td><td>{{.R.Exercise}}</td>
<td class="n">{{.R.Score}} / {{.R.Max}}</td><td class="n">{{.Percent}}</td>
<td class="{{if eq .R.Status "graded"}}st-graded{{else if eq .R.Status "not graded"}}st-not{{else}}st-bad{{end}}">{{.Status}}</td>
<td class="n">{{len .R.Lint}}</td>
{{range .Cells}}<td class="n q {{if eq . "0"}}q0{{else if eq . "n/g"}}qn{{else if ne . "-"}}qp{{end}}">{{.}}</td>{{end}}
<td>{{.R.GradedAt.Format "2006-01-02 15:04"}}</td>{{if $.AnyWhy}}<td class="why" title="{{.R.Why}}">{{.Why}}</td>{{end}}
</tr>
{{end}}</tbody></table></div>
<script>
document.querySelectorAll('#book th').forEach(function(th, i){
  th.addEventListener('click', function(){
    var body = document.querySelector('#book tbody'), rows = Array.from(body.rows);
    var asc = !th.classList.contains('asc');
    document.querySelectorAll('#book th').forEach(function(h){ h.classList.remove('asc','desc'); });
    th.classList.add(asc ? 'asc' : 'desc');
    var num = th.dataset.t === 'n';
    rows.sort(function(a, b){
      var x = a.cells[i].textContent.trim(), y = b.cells[i].textContent.trim();
      if (num) { x = parseFloat(x); y = parseFloat(y); if (isNaN(x)) x = -1; if (isNaN(y)) y = -1; return asc ? x - y : y - x; }
      return asc ? x.localeCompare(y) : y.localeCompare(x);
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
</script>
</body></html>
`))

// JUnit XML: one test suite per submission, one test case per question,
// for CI-based classrooms (GitHub Classroom, GitLab CI).
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     float64     `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes junit.xml for the results.
func WriteJUnit(out string, rs []*Result) error {
	var js junitSuites
	for _, r := range rs {
		s := junitSuite{Name: r.Name, Time: r.Took}
		for _, q := range r.Questions {
			c := junitCase{Name: q.ID + ": " + q.Title.In("en"), ClassName: "pglab." + r.Exercise}
			var detail strings.Builder
			why := questionWhy(q, r, "en").Plain()
			if q.Why == SeeStatus {
				why = r.Why // a JUnit case has no "above": the submission's own reason
			}
			if why != "" {
				detail.WriteString(why + "\n")
			}
			for _, e := range q.Evidence {
				fmt.Fprintf(&detail, "$ %s\n%s\n%s\n", e.Command, e.Output, e.Problem)
			}
			switch q.Verdict {
			case Fail, ByLintFail:
				s.Failures++
				c.Failure = &junitMessage{Message: q.Fail(r), Text: detail.String()}
			case NotAsked:
				s.Skipped++
				c.Skipped = &junitMessage{Message: "not graded: " + firstLine(orStr(why, r.Why))}
			}
			s.Tests++
			s.Cases = append(s.Cases, c)
		}
		js.Suites = append(js.Suites, s)
	}
	b, err := xml.MarshalIndent(js, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, JUnitFile), append([]byte(xml.Header), b...), 0o644)
}

// substitutions are a result's substitutions in English, for the CSV.
func substitutions(r *Result) string {
	var out []string
	for _, s := range r.Substitutions {
		out = append(out, s.String())
	}
	return strings.Join(out, "; ")
}

// Fail is the failure's message: the rubric's advice in English.
func (q QuestionResult) Fail(r *Result) string {
	if s := q.Advice.In("en"); s != "" {
		return s
	}
	return "failed"
}

func orStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

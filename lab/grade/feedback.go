package grade

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"

	"github.com/pglab/pglab/lab/report"
)

// FeedbackName is a submission's feedback file in a format (md, html).
func FeedbackName(lang, format string) string { return "feedback." + lang + "." + format }

// writeFeedback writes the student's feedback, Markdown and HTML, in the
// result's language.
func writeFeedback(dir string, r *Result) error {
	var md bytes.Buffer
	renderMarkdown(&md, r)
	if err := os.WriteFile(filepath.Join(dir, FeedbackName(r.Lang, "md")), md.Bytes(), 0o644); err != nil {
		return err
	}
	var h bytes.Buffer
	if err := feedbackTmpl.Execute(&h, view(r, dir)); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, FeedbackName(r.Lang, "html")), h.Bytes(), 0o644)
}

// feedbackView is what the templates show.
type feedbackView struct {
	R         *Result
	L         func(key string) string
	Title     string
	Exercise  string
	Status    string
	Reason    template.HTML // why it was not graded, in the reader's language
	ReasonRaw string        // what was seen (an error as recorded)
	reasonMD  string
	// Lists are the headed lists before the questions: the
	// substitutions, then what was read from running containers.
	Lists      []phraseList
	Questions  []questionView
	FullReport string // the full report's file, when one was written
	LintNote   template.HTML
}

// phraseList is a heading and its phrases, as HTML and as Markdown.
type phraseList struct {
	Title string
	Items []template.HTML
	md    []string
}

func (l *phraseList) add(p report.Phrase) {
	l.Items = append(l.Items, report.PhraseHTML(p))
	l.md = append(l.md, p.Markdown())
}

type questionView struct {
	QuestionResult
	TitleText, AdviceText, VerdictText, Class string
	WhyHTML                                   template.HTML
	whyMD                                     string
	Evidence                                  []evidenceView
}

type evidenceView struct {
	Evidence
	TitleText    string
	ExpectedHTML template.HTML
	expectedMD   string
	ProblemHTML  template.HTML // the engine's sentence, said again
	ProblemRaw   string        // a program's own words, as recorded
	problemMD    string
}

func view(r *Result, dir string) feedbackView {
	lang := r.Lang
	L := func(k string) string { return report.Label(k, lang) }
	v := feedbackView{R: r, L: L, Title: fmt.Sprintf(L("g_feedback"), r.Name), Exercise: L("g_ex_" + r.Exercise), Status: L("st_" + r.Status)}
	if r.Variant {
		v.Exercise += " " + L("g_variant")
	}
	v.LintNote = report.PhraseHTML(fill(L("g_lint_note"), "pglab lint"))
	lead, raw := reason(r, lang)
	v.Reason, v.reasonMD, v.ReasonRaw = report.PhraseHTML(lead), lead.Markdown(), raw
	subst := phraseList{Title: L("g_subst")}
	for _, sub := range r.Substitutions {
		subst.add(report.Substitution(sub, lang))
	}
	read := phraseList{Title: L("g_read")}
	for _, rd := range r.Readings {
		read.add(report.Reading(rd, lang))
	}
	for _, l := range []phraseList{subst, read} {
		if len(l.Items) > 0 {
			v.Lists = append(v.Lists, l)
		}
	}
	for _, q := range r.Questions {
		why := questionWhy(q, r, lang)
		qv := questionView{QuestionResult: q, TitleText: q.Title.In(lang), AdviceText: q.Advice.In(lang), VerdictText: verdictText(q.Verdict, lang), Class: verdictClass(q.Verdict),
			WhyHTML: report.PhraseHTML(why), whyMD: why.Markdown()}
		for _, e := range q.Evidence {
			ev := evidenceView{Evidence: e, TitleText: e.Title.In(lang)}
			var exp report.Phrase
			if e.Condition != "" {
				exp = report.Condition(e.Condition, lang)
			} else {
				for i, x := range e.Expected {
					if i > 0 {
						exp = append(exp, report.Span{Text: "; "})
					}
					exp = append(exp, report.Expectation(x, lang)...)
				}
			}
			ev.ExpectedHTML, ev.expectedMD = report.PhraseHTML(exp), exp.Markdown()
			if e.Problem != "" {
				if p := report.Failure(e.Problem, lang); !worded(p) {
					ev.ProblemRaw, ev.problemMD = e.Problem, "`"+oneLine(e.Problem)+"`"
				} else {
					ev.ProblemHTML, ev.problemMD = report.PhraseHTML(p), p.Markdown()
				}
			}
			qv.Evidence = append(qv.Evidence, ev)
		}
		v.Questions = append(v.Questions, qv)
	}
	if p := "report." + lang + ".html"; fileExists(filepath.Join(dir, p)) {
		v.FullReport = p
	}
	return v
}

// worded: some of the phrase is prose the catalogue said, not only a
// program's words (code) between the "; " that joined them.
func worded(p report.Phrase) bool {
	for _, s := range p {
		if !s.Code && strings.TrimSpace(s.Text) != ";" {
			return true
		}
	}
	return false
}

// fill is a catalogue sentence with its %s filled by values, as code.
func fill(pattern string, values ...string) report.Phrase {
	var p report.Phrase
	for i := 0; ; i++ {
		before, after, found := strings.Cut(pattern, "%s")
		if before != "" {
			p = append(p, report.Span{Text: before})
		}
		if !found {
			return p
		}
		if i < len(values) {
			p = append(p, report.Span{Text: values[i], Code: true})
		}
		pattern = after
	}
}

// reason is why a submission was not graded (or did not boot), in lang,
// and what was seen, as recorded (an error's own words).
func reason(r *Result, lang string) (report.Phrase, string) {
	L := func(k string) string { return report.Label(k, lang) }
	switch r.Reason {
	case ReasonMemory:
		return fill(L("g_r_memory"), r.ReasonArgs...), ""
	case ReasonUnavailable:
		return fill(L("g_r_unavailable")), r.Why
	case ReasonNoBoot:
		return fill(L("g_r_no_boot")), r.Why
	case ReasonUnreadable:
		return fill(L("g_r_unreadable")), r.Why
	}
	return nil, r.Why // an earlier pglab's sentence, as recorded
}

// questionWhy is why a question was not graded, or failed before any of
// its steps ran, in lang.
func questionWhy(q QuestionResult, r *Result, lang string) report.Phrase {
	L := func(k string) string { return report.Label(k, lang) }
	switch q.Why {
	case "":
		return nil
	case Unreachable:
		return fill(L("g_unreachable"))
	case ComposeV1:
		return fill(L("g_compose_v1"))
	case NoStepRan:
		return fill(L("g_q_no_step"), q.WhyArgs...)
	case StepsNotRun:
		return fill(L("g_q_not_run"), q.WhyArgs...)
	case CannotAsk:
		p := fill(L("g_q_cannot_ask"), q.WhyArgs...)
		if len(q.WhyArgs) > 1 {
			p = append(p, report.Span{Text: " "}, report.Span{Text: q.WhyArgs[1], Code: true})
		}
		return p
	case SeeStatus:
		return fill(L("g_q_status"))
	case NoPostgis3:
		return fill(L("g_q_no_postgis3"), q.WhyArgs...)
	}
	return report.Phrase{{Text: q.Why, Code: true}} // an earlier pglab's sentence, as recorded
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// verdictText is a question's verdict in words.
func verdictText(v, lang string) string {
	switch v {
	case Pass:
		return report.Label("g_pass", lang)
	case Fail:
		return report.Label("g_fail", lang)
	case ByLintPass:
		return report.Label("g_pass", lang) + " (" + report.Label("g_by_lint", lang) + ")"
	case ByLintFail:
		return report.Label("g_fail", lang) + " (" + report.Label("g_by_lint", lang) + ")"
	}
	return report.Label("g_not_graded", lang)
}

func verdictClass(v string) string {
	switch v {
	case Pass, ByLintPass:
		return "pass"
	case Fail, ByLintFail:
		return "fail"
	}
	return "skip"
}

func renderMarkdown(b *bytes.Buffer, r *Result) {
	v := view(r, "")
	L := v.L
	fmt.Fprintf(b, "# %s\n\n", v.Title)
	fmt.Fprintf(b, "- %s: %s\n", L("g_exercise"), v.Exercise)
	fmt.Fprintf(b, "- **%s: %g / %g (%.0f %%)**\n", L("g_score"), r.Score, r.Max, r.Percent())
	fmt.Fprintf(b, "- %s: %s\n", L("g_status"), v.Status)
	if v.reasonMD != "" {
		fmt.Fprintf(b, "- %s: %s\n", L("g_why"), v.reasonMD)
	}
	if v.ReasonRaw != "" {
		fmt.Fprintf(b, "\n```\n%s\n```\n", strings.TrimRight(v.ReasonRaw, "\n"))
	}
	for _, l := range v.Lists {
		fmt.Fprintf(b, "\n## %s\n\n", l.Title)
		for _, item := range l.md {
			fmt.Fprintf(b, "- %s\n", item)
		}
	}
	fmt.Fprintf(b, "\n| %s | %s | %s |\n|---|---|---|\n", L("g_question"), L("g_weight"), L("g_verdict"))
	for _, q := range v.Questions {
		fmt.Fprintf(b, "| %s | %g | %s |\n", strings.ReplaceAll(q.TitleText, "|", `\|`), q.Weight, q.VerdictText)
	}
	for _, q := range v.Questions {
		fmt.Fprintf(b, "\n## %s — %s\n\n", q.TitleText, q.VerdictText)
		if q.AdviceText != "" {
			fmt.Fprintf(b, "%s\n\n", q.AdviceText)
		}
		if q.whyMD != "" {
			fmt.Fprintf(b, "%s: %s\n\n", L("g_why"), q.whyMD)
		}
		if len(q.Evidence) > 0 {
			fmt.Fprintf(b, "### %s\n\n", L("g_failed_checks"))
		}
		for _, e := range q.Evidence {
			if e.TitleText != "" {
				fmt.Fprintf(b, "**%s** (`%s`, %d)\n\n", e.TitleText, e.Scenario, e.Step)
			}
			if e.Command != "" {
				fmt.Fprintf(b, "%s:\n\n```sh\n%s\n```\n\n", L("g_command"), e.Command)
			}
			if e.Output != "" {
				fmt.Fprintf(b, "%s:\n\n```\n%s\n```\n\n", L("g_output"), e.Output)
			}
			if e.expectedMD != "" {
				fmt.Fprintf(b, "%s: %s\n\n", L("g_expected"), e.expectedMD)
			}
			if e.problemMD != "" {
				fmt.Fprintf(b, "%s: %s\n\n", L("g_problem"), e.problemMD)
			}
		}
	}
	fmt.Fprintf(b, "\n## %s (%d)\n\n", L("g_lint"), len(r.Lint))
	if len(r.Lint) == 0 {
		fmt.Fprintf(b, "%s\n", L("g_none"))
	}
	if len(r.Lint) > 0 {
		fmt.Fprintf(b, "%s\n\n", fill(L("g_lint_note"), "pglab lint").Markdown())
	}
	for _, f := range r.Lint {
		fmt.Fprintf(b, "- `%s`\n", f.String())
	}
	fmt.Fprintf(b, "\n%s: `report.%s.md`\n", L("g_full_report"), r.Lang)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

var feedbackTmpl = template.Must(template.New("feedback").Funcs(template.FuncMap{"code": report.CodeSpans}).Parse(`<!doctype html>
<html lang="{{.R.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem;margin-bottom:.3rem} h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde2ea;padding-bottom:.2rem}
.score{font-size:2.2rem;font-weight:700} .meta{color:#5a6478}
table{border-collapse:collapse;width:100%;margin:1rem 0} th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #e6e9ef;vertical-align:top}
.pass{color:#137a3a;font-weight:600} .fail{color:#b42318;font-weight:600} .skip{color:#8a6100;font-weight:600}
pre{background:#f5f7fa;border:1px solid #e2e6ee;padding:.6rem;overflow:auto;font-size:13px;max-height:24rem}
pre.lint{white-space:pre-wrap;max-height:none}
code{background:#f1f3f7;padding:0 .2rem;border-radius:3px;overflow-wrap:anywhere}
.ev{border-left:3px solid #b42318;padding-left:.8rem;margin:1rem 0}
.advice{background:#f7f9fc;border:1px solid #e3e8f0;padding:.5rem .8rem;border-radius:4px}
</style></head><body>
<h1>{{.Title}}</h1>
<p class="meta">{{call .L "g_exercise"}}: {{.Exercise}} · {{call .L "g_status"}}: {{.Status}}{{if .FullReport}} · <a href="{{.FullReport}}">{{call .L "g_full_report"}}</a>{{end}}</p>
<p class="score">{{call .L "g_score"}}: {{.R.Score}} / {{.R.Max}} ({{printf "%.0f" .R.Percent}} %)</p>
{{if or .Reason .ReasonRaw}}<p><strong>{{call .L "g_why"}}:</strong> {{.Reason}}</p>{{end}}{{if .ReasonRaw}}<pre>{{.ReasonRaw}}</pre>{{end}}
{{range .Lists}}<h2>{{.Title}}</h2><ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul>
{{end}}<table><tr><th>{{call .L "g_question"}}</th><th>{{call .L "g_weight"}}</th><th>{{call .L "g_verdict"}}</th></tr>
{{range .Questions}}<tr><td><a href="#{{.ID}}">{{code .TitleText}}</a></td><td>{{.Weight}}</td><td class="{{.Class}}">{{.VerdictText}}</td></tr>
{{end}}</table>
{{range .Questions}}<h2 id="{{.ID}}">{{code .TitleText}} — <span class="{{.Class}}">{{.VerdictText}}</span></h2>
{{if .AdviceText}}<p class="advice">{{code .AdviceText}}</p>{{end}}
{{if .WhyHTML}}<p><strong>{{call $.L "g_why"}}:</strong> {{.WhyHTML}}</p>{{end}}
{{if .Evidence}}<h3>{{call $.L "g_failed_checks"}}</h3>{{end}}
{{range .Evidence}}<div class="ev">{{if .TitleText}}<p><strong>{{code .TitleText}}</strong> <span class="meta">(<code>{{.Scenario}}</code>, {{.Step}})</span></p>{{end}}
{{if .Command}}<p>{{call $.L "g_command"}}:</p><pre>{{.Command}}</pre>{{end}}
{{if .Output}}<p>{{call $.L "g_output"}}:</p><pre>{{.Output}}</pre>{{end}}
{{if .ExpectedHTML}}<p>{{call $.L "g_expected"}}: {{.ExpectedHTML}}</p>{{end}}
{{if .ProblemHTML}}<p>{{call $.L "g_problem"}}: {{.ProblemHTML}}</p>{{end}}{{if .ProblemRaw}}<p>{{call $.L "g_problem"}}:</p><pre>{{.ProblemRaw}}</pre>{{end}}</div>
{{end}}{{end}}
<h2>{{call .L "g_lint"}} ({{len .R.Lint}})</h2>
{{if .R.Lint}}<p>{{.LintNote}}</p><pre class="lint">{{range .R.Lint}}{{.String}}
{{end}}</pre>{{else}}<p>{{call .L "g_none"}}</p>{{end}}
</body></html>
`))

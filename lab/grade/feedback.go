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
	R          *Result
	L          func(key string) string
	Title      string
	Exercise   string
	Status     string
	Verdicts   map[string]string
	Questions  []questionView
	FullReport string // the full report's file, when one was written
}

type questionView struct {
	QuestionResult
	TitleText, AdviceText, VerdictText, Class string
	Evidence                                  []evidenceView
}

type evidenceView struct {
	Evidence
	TitleText string
}

func view(r *Result, dir string) feedbackView {
	L := func(k string) string { return report.Label(k, r.Lang) }
	v := feedbackView{R: r, L: L, Title: fmt.Sprintf(L("g_feedback"), r.Name), Exercise: L("g_ex_" + r.Exercise), Status: L("st_" + r.Status)}
	if r.Variant {
		v.Exercise += " " + L("g_variant")
	}
	for _, q := range r.Questions {
		switch q.Why {
		case Unreachable:
			q.Why = L("g_unreachable")
		case ComposeV1:
			q.Why = L("g_compose_v1")
		}
		qv := questionView{QuestionResult: q, TitleText: q.Title.In(r.Lang), AdviceText: q.Advice.In(r.Lang), VerdictText: verdictText(q.Verdict, r.Lang), Class: verdictClass(q.Verdict)}
		for _, e := range q.Evidence {
			qv.Evidence = append(qv.Evidence, evidenceView{Evidence: e, TitleText: e.Title.In(r.Lang)})
		}
		v.Questions = append(v.Questions, qv)
	}
	if p := "report." + r.Lang + ".html"; fileExists(filepath.Join(dir, p)) {
		v.FullReport = p
	}
	return v
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
	if r.Why != "" {
		fmt.Fprintf(b, "- %s: %s\n", L("g_why"), oneLine(r.Why))
	}
	if len(r.Substitutions) > 0 {
		fmt.Fprintf(b, "\n## %s\n\n", L("g_subst"))
		for _, s := range r.Substitutions {
			fmt.Fprintf(b, "- `%s`\n", s)
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
		if q.Why != "" {
			fmt.Fprintf(b, "%s: %s\n\n", L("g_why"), oneLine(q.Why))
		}
		if len(q.Evidence) > 0 {
			fmt.Fprintf(b, "### %s\n\n", L("g_failed_checks"))
		}
		for _, e := range q.Evidence {
			if e.TitleText != "" {
				fmt.Fprintf(b, "**%s** (%s, %d)\n\n", e.TitleText, e.Scenario, e.Step)
			}
			if e.Command != "" {
				fmt.Fprintf(b, "%s:\n\n```sh\n%s\n```\n\n", L("g_command"), e.Command)
			}
			if e.Output != "" {
				fmt.Fprintf(b, "%s:\n\n```\n%s\n```\n\n", L("g_output"), e.Output)
			}
			if len(e.Expected) > 0 {
				fmt.Fprintf(b, "%s: `%s`\n\n", L("g_expected"), strings.Join(e.Expected, "`, `"))
			}
			if e.Problem != "" {
				fmt.Fprintf(b, "%s: %s\n\n", L("g_problem"), oneLine(e.Problem))
			}
		}
	}
	fmt.Fprintf(b, "\n## %s (%d)\n\n", L("g_lint"), len(r.Lint))
	if len(r.Lint) == 0 {
		fmt.Fprintf(b, "%s\n", L("g_none"))
	}
	for _, f := range r.Lint {
		fmt.Fprintf(b, "- `%s`\n", f.String())
	}
	fmt.Fprintf(b, "\n%s: `report.%s.md`\n", L("g_full_report"), r.Lang)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

var feedbackTmpl = template.Must(template.New("feedback").Parse(`<!doctype html>
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
code{background:#f1f3f7;padding:0 .2rem;border-radius:3px}
.ev{border-left:3px solid #b42318;padding-left:.8rem;margin:1rem 0}
.advice{background:#f7f9fc;border:1px solid #e3e8f0;padding:.5rem .8rem;border-radius:4px}
</style></head><body>
<h1>{{.Title}}</h1>
<p class="meta">{{call .L "g_exercise"}}: {{.Exercise}} · {{call .L "g_status"}}: {{.Status}}{{if .FullReport}} · <a href="{{.FullReport}}">{{call .L "g_full_report"}}</a>{{end}}</p>
<p class="score">{{call .L "g_score"}}: {{.R.Score}} / {{.R.Max}} ({{printf "%.0f" .R.Percent}} %)</p>
{{if .R.Why}}<p><strong>{{call .L "g_why"}}:</strong></p><pre>{{.R.Why}}</pre>{{end}}
{{if .R.Substitutions}}<h2>{{call .L "g_subst"}}</h2><ul>{{range .R.Substitutions}}<li><code>{{.}}</code></li>{{end}}</ul>{{end}}
<table><tr><th>{{call .L "g_question"}}</th><th>{{call .L "g_weight"}}</th><th>{{call .L "g_verdict"}}</th></tr>
{{range .Questions}}<tr><td><a href="#{{.ID}}">{{.TitleText}}</a></td><td>{{.Weight}}</td><td class="{{.Class}}">{{.VerdictText}}</td></tr>
{{end}}</table>
{{range .Questions}}<h2 id="{{.ID}}">{{.TitleText}} — <span class="{{.Class}}">{{.VerdictText}}</span></h2>
{{if .AdviceText}}<p class="advice">{{.AdviceText}}</p>{{end}}
{{if .Why}}<p><strong>{{call $.L "g_why"}}:</strong></p><pre>{{.Why}}</pre>{{end}}
{{if .Evidence}}<h3>{{call $.L "g_failed_checks"}}</h3>{{end}}
{{range .Evidence}}<div class="ev">{{if .TitleText}}<p><strong>{{.TitleText}}</strong> <span class="meta">({{.Scenario}}, {{.Step}})</span></p>{{end}}
{{if .Command}}<p>{{call $.L "g_command"}}:</p><pre>{{.Command}}</pre>{{end}}
{{if .Output}}<p>{{call $.L "g_output"}}:</p><pre>{{.Output}}</pre>{{end}}
{{if .Expected}}<p>{{call $.L "g_expected"}}: {{range $i, $e := .Expected}}{{if $i}}, {{end}}<code>{{$e}}</code>{{end}}</p>{{end}}
{{if .Problem}}<p>{{call $.L "g_problem"}}:</p><pre>{{.Problem}}</pre>{{end}}</div>
{{end}}{{end}}
<h2>{{call .L "g_lint"}} ({{len .R.Lint}})</h2>
{{if .R.Lint}}<ul>{{range .R.Lint}}<li><code>{{.File}}{{if .Line}}:{{.Line}}{{end}}</code>: {{.Problem}}{{if .Fix}} — <em>{{.Fix}}</em>{{end}}</li>{{end}}</ul>{{else}}<p>{{call .L "g_none"}}</p>{{end}}
</body></html>
`))

package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// The HTML report is one file: inline CSS, no script, no fonts or images
// from the network, so it opens the same anywhere, offline.

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"mark":     Mark,
	"join":     strings.Join,
	"sprintf":  fmt.Sprintf,
	"code":     func(s string) template.HTML { return codeSpans(s) },
	"anchor":   func(id string) string { return "q-" + strings.ReplaceAll(id, ".", "-") },
	"stepArgs": func(m *Model, i int, s StepView) stepArgs { return stepArgs{m, i + 1, s} },
	"svg":      TimelineSVG,
	"inc":      func(i int) int { return i + 1 },
	"phrase":   phraseHTML,
	"vclass":   verdictClass,
	"count":    count,
	"ticks":    func(xs []string) string { return "`" + strings.Join(xs, "`, `") + "`" },
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { --fg:#1d232b; --muted:#5b6673; --line:#d8dee6; --bg:#fff; --code:#0f1720; --codefg:#e6edf3; --ok:#13794a; --bad:#b42318; --wait:#8a5a00; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif; color:var(--fg); background:#f4f6f8; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; background:var(--bg); }
h1 { font-size:1.6rem; line-height:1.25; margin:0 0 .5rem; }
h2 { font-size:1.3rem; margin:2.5rem 0 1rem; padding-bottom:.3rem; border-bottom:2px solid var(--line); }
h3 { font-size:1.1rem; margin:2rem 0 .5rem; }
h4 { font-size:1rem; margin:1.5rem 0 .4rem; }
.meta { color:var(--muted); font-size:.9rem; }
table { border-collapse:collapse; margin:1rem 0; font-size:.9rem; }
td, th { border:1px solid var(--line); padding:.3rem .6rem; text-align:left; vertical-align:top; }
th { background:#f0f3f6; }
.result { padding:.7rem 1rem; border-radius:6px; margin:1rem 0; font-weight:600; }
.result.pass { background:#e7f6ee; color:var(--ok); }
.result.fail { background:#fdecea; color:var(--bad); }
.note { color:var(--muted); font-size:.92rem; }
.translation { border-left:3px solid var(--line); margin:.3rem 0 .8rem; padding:.1rem .8rem; color:var(--muted); }
.verdict { display:inline-block; font-weight:600; font-size:.9rem; padding:.1rem .55rem; border-radius:999px; background:#eef1f4; }
.verdict.pass { background:#e7f6ee; color:var(--ok); }
.verdict.fail { background:#fdecea; color:var(--bad); }
.verdict.notrun, .verdict.notinrun { background:#fdf3e1; color:var(--wait); }
.st { display:inline-block; min-width:1.2em; font-size:.78rem; font-weight:600; padding:0 .45rem; margin-right:.3rem; border-radius:4px; border:1px solid currentColor; color:var(--muted); }
.st.pass { color:var(--ok); } .st.fail { color:var(--bad); } .st.notrun, .st.notinrun { color:var(--wait); }
.notice { background:#fdf3e1; border-left:4px solid var(--wait); padding:.6rem .9rem; margin:1rem 0; }
.step { border:1px solid var(--line); border-radius:8px; padding:.2rem 1rem .8rem; margin:1rem 0; }
.step.fail { border-color:var(--bad); }
pre { background:var(--code); color:var(--codefg); padding:.8rem 1rem; border-radius:6px; overflow-x:auto; font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; white-space:pre; margin:.6rem 0; }
.term pre { margin:0; border-radius:0; }
.term { margin:.6rem 0; border-radius:6px; overflow:hidden; }
pre.cmd { color:#9be9a8; white-space:pre-wrap; word-break:break-all; padding-bottom:.3rem; }
pre.out { padding-top:.2rem; }
pre.seen { background:#fbf7ee; color:#3d3320; white-space:pre-wrap; }
.about { background:#f6f8fa; border-left:3px solid #0b5cad; padding:.5rem .8rem; }
code { font:0.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; background:#eef1f4; padding:.05rem .3rem; border-radius:4px; }
.wait { color:var(--wait); font-weight:600; }
.foot { font-size:.88rem; color:var(--muted); }
.problem { color:var(--bad); }
nav ul { padding-left:1.2rem; } nav li { margin:.15rem 0; }
a { color:#0b5cad; }
@media print { body { background:#fff; } main { max-width:none; } pre { white-space:pre-wrap; } }
</style>
</head>
<body><main>
<h1>{{.Title}}</h1>
{{range .Preface}}<p class="notice">{{phrase .}}</p>
{{end}}<p class="meta">{{.L "lab"}} <code>{{.Lab}}</code> · {{.L "runtime"}} <code>{{.Runtime}}</code> · {{.L "run"}} {{.RunID}} · {{.L "started"}} {{.Started}} · {{.L "took"}} {{.Took}} · pglab <code>{{.Pglab}}</code></p>
{{with .Source}}<p class="meta">{{phrase .}}</p>{{end}}
<table><tr><th>{{.L "component"}}</th><th>{{.L "version"}}</th></tr>
{{range .Versions}}<tr><td>{{.Component}}</td><td>{{phrase .Version}}</td></tr>
{{end}}</table>
{{if .Deviations}}<p><strong>{{.L "deviations"}}:</strong></p><ul>{{range .Deviations}}<li>{{phrase .}}</li>{{end}}</ul>{{end}}
{{if .Passed}}<div class="result pass">✅ {{.L "result_ok"}} ({{.Summary}})</div>
{{else}}<div class="result fail">❌ {{.L "result_bad"}} ({{.Summary}}){{if .Failure}}<br><span class="problem">{{phrase .Failure}}</span>{{end}}</div>{{end}}
{{range .Exercises}}{{$title := .Title}}{{with .OtherStackNotice $.Lang}}<p class="notice">⚠ <strong>{{$title}}.</strong> {{phrase .}}</p>{{end}}{{end}}
<p class="note">{{code (.L "env_note")}}</p>
<p class="note">{{.L "reproduce"}}: <code>pglab run scenario all{{.RunFlags}}</code> · <code>pglab report --lang {{.Lang}} --format html</code></p>
{{if .Exercises}}<nav><h2>{{.L "contents"}}</h2><ul>
{{range .Exercises}}<li>{{.Title}}<ul>{{range .Questions}}<li><span class="st {{vclass .Verdict}}"><span aria-hidden="true">{{mark .Verdict}}</span> {{$.VerdictText .Verdict}}</span> <a href="#{{anchor .ID}}">{{.Label}}</a> <span lang="{{.TextLang}}">{{.Text}}</span></li>{{end}}</ul></li>{{end}}
</ul></nav>{{end}}
{{$m := .}}
{{range .Exercises}}<h2>{{.Title}}</h2>
{{range .Questions}}<section id="{{anchor .ID}}">
<h3>{{.Label}} <span lang="{{.TextLang}}">{{.Text}}</span></h3>
{{if .Translation}}<p class="translation">{{$m.L "translation"}}: {{code .Translation}}</p>{{end}}
<p><span class="verdict {{vclass .Verdict}}">{{mark .Verdict}} {{$m.VerdictText .Verdict}}</span>{{if .Scenarios}} <span class="meta">· {{$m.L "answered_by"}}: {{range $i, $s := .Scenarios}}{{if $i}}, {{end}}<code>{{$s}}</code>{{end}}</span>{{end}}</p>
{{if .NotInRun}}<p>{{phrase .NotInRun}}</p>{{end}}
{{if .NotCovered}}<p>{{code .NotCovered}}</p>{{end}}
{{range .About}}<p class="about">{{code .}}</p>{{end}}
{{range $i, $s := .Steps}}{{template "step" (stepArgs $m $i $s)}}{{end}}
</section>
{{end}}{{end}}
{{if .Failovers}}<h2>{{.L "failovers"}}</h2>
{{range $i, $f := .Failovers}}<section class="failover"><h3>{{inc $i}}. {{code $f.Title}} <code>{{$f.Scenario}}</code></h3>
{{range $f.Errors}}<p class="problem"><strong>{{$.L "measurement_error"}}:</strong> {{phrase .}}</p>{{end}}
<figure>{{svg $f.Result $.Lang}}</figure>
<table>{{range $f.Rows}}<tr><th>{{.Label}}</th><td>{{phrase .Value}}</td></tr>{{end}}</table>
{{range $f.Notes}}<p class="note">{{phrase .}}</p>{{end}}</section>
{{end}}{{end}}
{{if .Other}}<h2>{{.L "other"}}</h2><p class="note">{{.L "other_note"}}</p>
{{range $i, $s := .Other}}{{template "step" (stepArgs $m $i $s)}}{{end}}{{end}}
</main></body></html>
{{define "step"}}{{$m := .M}}{{with .S}}<div class="step {{vclass .Verdict}}">
<h4>{{$.N}}. {{code .Title}}</h4>
{{if .Why}}<p>{{code .Why}}</p>{{end}}
{{if .IsWait}}<p class="wait">⏱ {{sprintf ($m.L "wait") .Timeout}}: {{phrase .Condition}} — {{if eq .Verdict "pass"}}{{sprintf ($m.L "wait_held") .Duration (count "checks" $m.Lang .Attempts)}}{{else}}{{sprintf ($m.L "wait_fail") .Duration}}{{end}}</p>
<p class="note">{{$m.L "wait_how"}} {{$m.L "last_seen"}}:</p>
<pre class="seen">{{.Output}}</pre>
{{else}}{{if .Env}}<p class="note"><em>{{code (sprintf ($m.L "env_set") (ticks .Env))}}</em></p>{{end}}
<div class="term"><pre class="cmd">$ {{.Command}}</pre>{{if .Output}}<pre class="out">{{.Output}}</pre>{{end}}</div>{{end}}
{{if .Look}}<p><strong>{{$m.L "look"}}:</strong> {{code .Look}}</p>{{end}}
<p class="foot"><span class="verdict {{vclass .Verdict}}">{{mark .Verdict}} {{$m.VerdictText .Verdict}}</span>{{if .Exit}} · {{$m.L "exit"}} {{.Exit}}{{end}} · {{.Duration}}{{if and (gt .Attempts 1) (not .IsWait)}} · {{count "attempts" $m.Lang .Attempts}}{{end}}{{if and .Expected (not .IsWait)}} · {{$m.L "expected"}}: {{phrase .Expected}}{{end}}</p>
{{if .Problem}}<p class="problem"><strong>{{$m.L "problem"}}:</strong> {{phrase .Problem}}</p>{{end}}
</div>{{end}}{{end}}
`))

type stepArgs struct {
	M *Model
	N int
	S StepView
}

func renderHTML(w io.Writer, m *Model) error { return htmlTmpl.Execute(w, m) }

// codeSpans escapes text and turns `code` spans (the texts' only markup)
// into <code> elements.
func codeSpans(s string) template.HTML {
	parts := strings.Split(s, "`")
	var b strings.Builder
	for i, part := range parts {
		esc := template.HTMLEscapeString(part)
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString("<code>" + esc + "</code>")
		} else {
			if i%2 == 1 {
				b.WriteString("`")
			}
			b.WriteString(esc)
		}
	}
	return template.HTML(b.String())
}

// phraseHTML escapes a phrase, its code as <code>.
func phraseHTML(p Phrase) template.HTML {
	var b strings.Builder
	for _, s := range p {
		if s.Code {
			b.WriteString("<code>" + template.HTMLEscapeString(s.Text) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(s.Text))
		}
	}
	return template.HTML(b.String())
}

// verdictClass is a verdict as one CSS class name.
func verdictClass(v string) string {
	if v == NotInRun {
		return "notinrun"
	}
	return strings.ReplaceAll(v, " ", "")
}

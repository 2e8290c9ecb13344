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
<p class="meta">{{.L "lab"}} <code>{{.Lab}}</code> · {{.L "runtime"}} <code>{{.Runtime}}</code> · {{.L "run"}} {{.RunID}} · {{.L "started"}} {{.Started}} · {{.L "took"}} {{.Took}} · pglab {{.Pglab}}</p>
<table><tr><th>{{.L "component"}}</th><th>{{.L "version"}}</th></tr>
{{range .Versions}}<tr><td>{{.Component}}</td><td>{{.Version}}</td></tr>
{{end}}</table>
{{if .Passed}}<div class="result pass">✅ {{.L "result_ok"}} ({{sprintf (.L "summary") .Steps .Failed}})</div>
{{else}}<div class="result fail">❌ {{.L "result_bad"}} ({{sprintf (.L "summary") .Steps .Failed}}){{if .Failure}}<br><span class="problem">{{.Failure}}</span>{{end}}</div>{{end}}
<p class="note">{{code (.L "env_note")}}</p>
<p class="note">{{.L "reproduce"}}: <code>pglab run scenario all{{.RunFlags}}</code> · <code>pglab report --lang {{.Lang}} --format html</code></p>
<nav><h2>{{.L "contents"}}</h2><ul>
{{range .Exercises}}<li>{{.Title}}<ul>{{range .Questions}}<li>{{mark .Verdict}} <a href="#{{anchor .ID}}">{{.Label}}</a> {{.Text}}</li>{{end}}</ul></li>{{end}}
</ul></nav>
{{$m := .}}
{{range .Exercises}}<h2>{{.Title}}</h2>
{{range .Questions}}<section id="{{anchor .ID}}">
<h3 lang="{{.TextLang}}">{{.Label}} {{.Text}}</h3>
{{if .Translation}}<p class="translation">{{$m.L "translation"}}: {{.Translation}}</p>{{end}}
<p><span class="verdict {{.Verdict}}">{{mark .Verdict}} {{$m.VerdictText .Verdict}}</span>{{if .Scenarios}} <span class="meta">· {{$m.L "answered_by"}}: {{join .Scenarios ", "}}</span>{{end}}</p>
{{if .NotCovered}}<p>{{.NotCovered}}</p>{{end}}
{{range .About}}<p class="about">{{code .}}</p>{{end}}
{{range $i, $s := .Steps}}{{template "step" (stepArgs $m $i $s)}}{{end}}
</section>
{{end}}{{end}}
{{if .Failovers}}<h2>{{.L "failovers"}}</h2>
{{range $i, $f := .Failovers}}<section class="failover"><h3>{{inc $i}}. {{$f.Title}} <code>{{$f.Scenario}}</code></h3>
{{range $f.Errors}}<p class="problem"><strong>{{$.L "measurement_error"}}:</strong> {{.}}</p>{{end}}
<figure>{{svg $f.Result $.Lang}}</figure>
<table>{{range $f.Rows}}<tr><th>{{index . 0}}</th><td>{{index . 1}}</td></tr>{{end}}</table>
{{range $f.Notes}}<p class="note">{{.}}</p>{{end}}</section>
{{end}}{{end}}
{{if .Other}}<h2>{{.L "other"}}</h2><p class="note">{{.L "other_note"}}</p>
{{range $i, $s := .Other}}{{template "step" (stepArgs $m $i $s)}}{{end}}{{end}}
</main></body></html>
{{define "step"}}{{$m := .M}}{{with .S}}<div class="step {{.Verdict}}">
<h4>{{$.N}}. {{.Title}}</h4>
{{if .Why}}<p>{{code .Why}}</p>{{end}}
{{if .IsWait}}<p class="wait">⏱ {{sprintf ($m.L "wait") .Timeout}}: <code>{{.Condition}}</code> — {{if eq .Verdict "pass"}}{{sprintf ($m.L "wait_held") .Duration .Attempts}}{{else}}{{sprintf ($m.L "wait_fail") .Duration}}{{end}}</p>
<p class="note">{{$m.L "wait_how"}} {{$m.L "last_seen"}}:</p>
<pre class="seen">{{.Output}}</pre>
{{else}}{{if .Env}}<p class="note"><em>{{sprintf ($m.L "env_set") (join .Env ", ")}}</em></p>{{end}}
<div class="term"><pre class="cmd">$ {{.Command}}</pre>{{if .Output}}<pre class="out">{{.Output}}</pre>{{end}}</div>{{end}}
{{if .Look}}<p><strong>{{$m.L "look"}}:</strong> {{code .Look}}</p>{{end}}
<p class="foot"><span class="verdict {{.Verdict}}">{{mark .Verdict}} {{$m.VerdictText .Verdict}}</span>{{if .Exit}} · {{$m.L "exit"}} {{.Exit}}{{end}} · {{.Duration}}{{if and (gt .Attempts 1) (not .IsWait)}} · {{.Attempts}} {{$m.L "attempts"}}{{end}}{{if and .Expected (not .IsWait)}} · {{$m.L "expected"}}: <code>{{join .Expected "; "}}</code>{{end}}</p>
{{if .Problem}}<p class="problem"><strong>{{$m.L "problem"}}:</strong> <code>{{.Problem}}</code></p>{{end}}
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

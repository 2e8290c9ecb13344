package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

func renderMarkdown(w io.Writer, m *Model) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	p("# %s\n\n", m.Title)
	for i, l := range m.Preface {
		if i > 0 {
			p(">\n")
		}
		p("> %s\n", l.Markdown())
	}
	if len(m.Preface) > 0 {
		p("\n")
	}
	p("%s `%s` · %s `%s` · %s %s · %s %s · %s %s · pglab %s\n\n",
		m.L("lab"), m.Lab, m.L("runtime"), m.Runtime, m.L("run"), m.RunID, m.L("started"), m.Started, m.L("took"), m.Took, mdInline(m.Pglab))
	if len(m.Source) > 0 {
		p("%s\n\n", m.Source.Markdown())
	}
	p("| %s | %s |\n|---|---|\n", m.L("component"), m.L("version"))
	for _, v := range m.Versions {
		p("| %s | %s |\n", v.Component, mdCell(v.Version.Markdown()))
	}
	p("\n")
	if len(m.Deviations) > 0 {
		p("**%s:**\n\n", m.L("deviations"))
		for _, d := range m.Deviations {
			p("- %s\n", d.Markdown())
		}
		p("\n")
	}
	result := m.L("result_ok")
	if !m.Passed {
		result = m.L("result_bad")
	}
	p("**%s %s** (%s).\n\n", Mark(verdictOf(m.Passed)), result, m.Summary())
	if len(m.Failure) > 0 {
		p("**%s:** %s\n\n", m.L("failure"), m.Failure.Markdown())
	}
	for _, ex := range m.Exercises {
		if n := ex.OtherStackNotice(m.Lang); n != nil {
			p("> ⚠ **%s.** %s\n\n", ex.Title, n.Markdown())
		}
	}
	p("%s\n\n", m.L("env_note"))
	p("%s: `pglab run scenario all%s` · `pglab report --lang %s`\n\n", m.L("reproduce"), m.RunFlags, m.Lang)

	if len(m.Exercises) > 0 {
		p("## %s\n\n", m.L("contents"))
	}
	for _, ex := range m.Exercises {
		p("- %s\n", ex.Title)
		for _, q := range ex.Questions {
			p("  - %s %s %s — _%s_\n", Mark(q.Verdict), q.Label, firstWords(q.Text, 14), m.VerdictText(q.Verdict))
		}
	}
	if len(m.Exercises) > 0 {
		p("\n")
	}

	for _, ex := range m.Exercises {
		p("## %s\n\n", ex.Title)
		for _, q := range ex.Questions {
			p("### %s %s\n\n", q.Label, q.Text)
			if q.Translation != "" {
				p("> %s: %s\n\n", m.L("translation"), q.Translation)
			}
			p("**%s %s**", Mark(q.Verdict), m.VerdictText(q.Verdict))
			if len(q.Scenarios) > 0 {
				p(" · %s: `%s`", m.L("answered_by"), strings.Join(q.Scenarios, "`, `"))
			}
			p("\n\n")
			if len(q.NotInRun) > 0 {
				p("%s\n\n", q.NotInRun.Markdown())
			}
			if q.NotCovered != "" {
				p("%s\n\n", q.NotCovered)
			}
			for _, a := range q.About {
				p("%s\n\n", a)
			}
			for i, st := range q.Steps {
				markdownStep(b, m, i+1, st)
			}
		}
	}
	if len(m.Failovers) > 0 {
		p("## %s\n\n", m.L("failovers"))
		for i, f := range m.Failovers {
			p("### %d. %s (`%s`)\n\n", i+1, f.Title, f.Scenario)
			for _, e := range f.Errors {
				p("> **%s:** %s\n\n", m.L("measurement_error"), e.Markdown())
			}
			p("| | |\n|---|---|\n")
			for _, r := range f.Rows {
				p("| %s | %s |\n", mdCell(r.Label), mdCell(r.Value.Markdown()))
			}
			p("\n")
			for _, n := range f.Notes {
				p("- %s\n", n.Markdown())
			}
			if len(f.Notes) > 0 {
				p("\n")
			}
		}
	}
	if len(m.Other) > 0 {
		p("## %s\n\n%s\n\n", m.L("other"), m.L("other_note"))
		for i, st := range m.Other {
			markdownStep(b, m, i+1, st)
		}
	}
	return b.Flush()
}

func markdownStep(b *bufio.Writer, m *Model, n int, st StepView) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("#### %d. %s\n\n", n, st.Title)
	if st.Why != "" {
		p("%s\n\n", st.Why)
	}
	if st.IsWait {
		p("⏱ %s: %s", fmt.Sprintf(m.L("wait"), st.Timeout), st.Condition.Markdown())
		if st.Verdict == "pass" {
			p(" — %s.\n\n", fmt.Sprintf(m.L("wait_held"), st.Duration, count("checks", m.Lang, st.Attempts)))
		} else {
			p(" — %s.\n\n", fmt.Sprintf(m.L("wait_fail"), st.Duration))
		}
		p("%s\n\n", m.L("wait_how"))
		p("%s:\n\n%s\n", m.L("last_seen"), fenced(st.Output, "text"))
	} else {
		if len(st.Env) > 0 {
			p("_%s_\n\n", fmt.Sprintf(m.L("env_set"), "`"+strings.Join(st.Env, "`, `")+"`"))
		}
		p("%s\n", fenced("$ "+st.Command+"\n"+st.Output, "console"))
	}
	if st.Look != "" {
		p("**%s:** %s\n\n", m.L("look"), st.Look)
	}
	p("%s %s", Mark(st.Verdict), m.VerdictText(st.Verdict))
	if st.Exit != "" {
		p(" · %s %s", m.L("exit"), st.Exit)
	}
	p(" · %s", st.Duration)
	if st.Attempts > 1 && !st.IsWait {
		p(" · %s", count("attempts", m.Lang, st.Attempts))
	}
	if len(st.Expected) > 0 && !st.IsWait {
		p(" · %s: %s", m.L("expected"), st.Expected.Markdown())
	}
	p("\n\n")
	if len(st.Problem) > 0 {
		p("**%s:** %s\n\n", m.L("problem"), st.Problem.Markdown())
	}
}

// fenced puts text in a code block whose fence no line of it can close.
func fenced(text, lang string) string {
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return fence + lang + "\n" + strings.TrimRight(text, "\n") + "\n" + fence + "\n"
}

// mdInline shows text as inline code, which keeps regexes and | intact.
func mdInline(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + strings.ReplaceAll(s, "\n", " ") + pad + fence
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return s
	}
	return strings.Join(words[:n], " ") + " …"
}

func verdictOf(passed bool) string {
	if passed {
		return "pass"
	}
	return "fail"
}

package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pglab/pglab/lab/provenance"
	"github.com/pglab/pglab/lab/scenario"
)

// Every difference from what the operations test fixes is stated, with
// its cause, in the reader's language; what matches is not mentioned.
func TestDeviations(t *testing.T) {
	tr := &scenario.Transcript{Profile: "etcd", Runtime: "docker", Versions: []scenario.Version{
		{Component: "PostgreSQL", Version: "postgres (PostgreSQL) 17.6 (Debian 17.6-1) (image pglab/postgres-patroni:17)"},
		{Component: "HAProxy", Version: "HAProxy version 2.6.12-1+deb12u1 2023/12/16 - https://haproxy.org/ (image haproxy:2.6)"},
	}, Scenarios: []scenario.ScenarioRun{{Name: "nonroot", Steps: []scenario.StepRun{{
		Node: "postgres1", Command: "docker-compose exec postgres1 ps -eo user,pid,args",
		Output: "USER PID COMMAND\nroot 1 /usr/bin/python3 /usr/bin/patroni /etc/patroni/patroni.yml\npostgres 30 postgres -D /opt/postgres/data\n",
	}, {Output: `POSTGIS="2.5.5"`}}}}}
	var got []string
	for _, d := range Deviations(tr, "es") {
		got = append(got, d.Markdown())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"`PostgreSQL 17` en lugar de `PostgreSQL 12`: esta máquina no pudo descargar", "`BASE_IMAGE`",
		"`HAProxy 2.6`, por debajo de `HAProxy 2.7`",
		"PostGIS `2` en lugar de PostGIS `3`",
		"Un proceso se ejecuta como `root` en `postgres1` (`/usr/bin/python3 /usr/bin/patroni /etc/patroni/patroni.yml`)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("deviations lack %q:\n%s", want, all)
		}
	}
	if len(got) != 4 {
		t.Errorf("%d deviations, want 4:\n%s", len(got), all)
	}
	// On a machine that could pull: PostgreSQL 12, HAProxy 2.8, no root.
	ok := &scenario.Transcript{Profile: "etcd", Versions: []scenario.Version{
		{Component: "PostgreSQL", Version: "postgres (PostgreSQL) 12.22 (Debian 12.22-1.pgdg120+1) (image pglab/postgres-patroni:12)"},
		{Component: "HAProxy", Version: "HAProxy version 2.8.5 (image haproxy:2.8)"},
	}}
	if d := Deviations(ok, "es"); len(d) != 0 {
		t.Errorf("deviations of a run as the exercise fixes it: %v", d)
	}
}

// The report's first lines name the files the run used and their digest.
func TestSourceLine(t *testing.T) {
	m := provenance.Of(map[string][]byte{"Dockerfile": []byte("FROM x\n")})
	if got := SourceLine(&m, "en").Markdown(); !strings.Contains(got, "pglab's own") || !strings.Contains(got, m.Digest[:12]) {
		t.Errorf("own files: %s", got)
	}
	m.From = "/home/c/answer"
	if got := SourceLine(&m, "ru").Markdown(); !strings.Contains(got, "каталог `/home/c/answer`") {
		t.Errorf("a directory: %s", got)
	}
	if SourceLine(nil, "es") != nil {
		t.Error("a transcript without provenance says nothing")
	}
}

// Where the balancer was published, and why not on 5432.
func TestBalancerRow(t *testing.T) {
	c, p := VersionRow("balancer", "localhost:41234 (5432 was taken on this machine)", "es")
	if c != "balanceador" || p.Markdown() != "`localhost:41234` (el puerto `5432` estaba ocupado en esta máquina)" {
		t.Errorf("%s: %s", c, p.Markdown())
	}
}

// A run of a candidate's folder is reproduced from that folder.
func TestReproduceFromTheSameFolder(t *testing.T) {
	tr := &scenario.Transcript{Runtime: "docker", Source: &provenance.Manifest{From: "/home/c/answer", AsIs: true}}
	m, err := Build(tr, Options{Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if m.RunFlags != " --runtime docker --from /home/c/answer" {
		t.Errorf("run flags %q", m.RunFlags)
	}
}

// The submission's preface and the source line read in the reader's
// language too.
func TestSubmissionPrefaceSpeaksTheReadersLanguage(t *testing.T) {
	tr, err := scenario.LoadTranscript("testdata/transcripts/embedded-etcd.json")
	if err != nil {
		t.Fatal(err)
	}
	m := provenance.Of(map[string][]byte{"Dockerfile": []byte("x")})
	m.From = "/tmp/answer"
	tr.Source = &m
	render := func(lang string) string {
		preface := []Phrase{
			CoverageWarning(lang, UncoveredRuntime, "embedded", "", "pglab run scenario all --runtime docker"),
			CoverageWarning(lang, UncoveredFiles, "e52c90f34ccb", "haproxy/haproxy.cfg", "pglab run scenario all --runtime docker --from /tmp/answer"),
		}
		preface = append(preface, StartLines(lang, true)...)
		var b bytes.Buffer
		if err := Render(&b, tr, Options{Lang: lang, Format: "html", Exercises: []string{"ops"}, Preface: preface}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	en := english(readerText(render("en")))
	for _, lang := range []string{"es", "ru"} {
		if bad := foreignWords(readerText(render(lang)), lang, en); len(bad) > 0 {
			t.Errorf("%s: English outside commands: %s", lang, strings.Join(bad, ", "))
		}
	}
}

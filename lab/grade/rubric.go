// Package grade grades a class: each submission (someone's Dockerfile,
// compose file, Patroni configs and haproxy.cfg, in their own layout) is
// linted, booted on the docker runtime as it is, asked its exercise's
// questions by the scenarios, scored by a rubric and removed; the grader
// writes a feedback report per submission and a gradebook of the class.
package grade

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab/lab/scenario"
)

// Rubric is how an exercise is graded: its questions, each made of the
// steps of some scenarios, with a weight and what a student reads.
type Rubric struct {
	Exercise  string     `yaml:"exercise"` // ops or lab
	Questions []Question `yaml:"questions"`
	File      string     `yaml:"-"`
}

// Question is one graded question of a rubric.
type Question struct {
	ID     string  `yaml:"id"`
	Weight float64 `yaml:"weight"`
	// Scenarios are those whose steps answer it: the steps naming ID in
	// answers:, or every step of a scenario none of whose steps does.
	Scenarios []string `yaml:"scenarios"`
	// Lint, when set, grades the question by lint alone when the
	// submission's own image was not built (--reference-image): it passes
	// when no finding on the Dockerfile matches this pattern.
	Lint string `yaml:"lint,omitempty"`
	// LintNeeds is evidence a question graded by lint alone also needs
	// from lint's layout, beyond no finding matching Lint: postgis3 (the
	// Dockerfile installs PostGIS 3: the package or a postgis base image).
	LintNeeds string        `yaml:"lint_needs,omitempty"`
	Title     scenario.Text `yaml:"title"`
	Pass      scenario.Text `yaml:"pass"`
	Fail      scenario.Text `yaml:"fail"`

	lint *regexp.Regexp
}

// NeedsPostgis3 is the lint_needs of a PostGIS question: the Dockerfile
// must show it installs PostGIS 3.
const NeedsPostgis3 = "postgis3"

// Max is the rubric's total weight.
func (r *Rubric) Max() float64 {
	var m float64
	for _, q := range r.Questions {
		m += q.Weight
	}
	return m
}

// ScenarioNames are the scenarios the rubric runs, in the order of their
// first question.
func (r *Rubric) ScenarioNames() []string {
	var out []string
	for _, q := range r.Questions {
		for _, s := range q.Scenarios {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// ParseRubric reads a rubric file's content and checks it.
func ParseRubric(file string, data []byte) (*Rubric, error) {
	var r Rubric
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("rubric %s: %w", file, err)
	}
	r.File = file
	if r.Exercise != "ops" && r.Exercise != "lab" {
		return nil, fmt.Errorf("rubric %s: exercise %q: write ops (the operations test) or lab (the HA lab)", file, r.Exercise)
	}
	if len(r.Questions) == 0 {
		return nil, fmt.Errorf("rubric %s: no questions: list them under questions:, as scenarios/rubric-%s.yaml does", file, r.Exercise)
	}
	seen := map[string]bool{}
	for i := range r.Questions {
		q := &r.Questions[i]
		switch {
		case q.ID == "":
			return nil, fmt.Errorf("rubric %s: question %d has no id", file, i+1)
		case seen[q.ID]:
			return nil, fmt.Errorf("rubric %s: question %s twice", file, q.ID)
		case q.Weight <= 0:
			return nil, fmt.Errorf("rubric %s: question %s: weight must be positive", file, q.ID)
		case len(q.Scenarios) == 0:
			return nil, fmt.Errorf("rubric %s: question %s: name the scenarios that answer it", file, q.ID)
		}
		for _, l := range []string{"es", "ru", "en"} {
			if q.Title[l] == "" {
				return nil, fmt.Errorf("rubric %s: question %s: no title in %s", file, q.ID, l)
			}
		}
		seen[q.ID] = true
		if q.LintNeeds != "" && (q.LintNeeds != NeedsPostgis3 || q.Lint == "") {
			return nil, fmt.Errorf("rubric %s: question %s: lint_needs %q: the only evidence is %s, with a lint: pattern", file, q.ID, q.LintNeeds, NeedsPostgis3)
		}
		if q.Lint != "" {
			re, err := regexp.Compile(q.Lint)
			if err != nil {
				return nil, fmt.Errorf("rubric %s: question %s: lint: %w", file, q.ID, err)
			}
			q.lint = re
		}
	}
	return &r, nil
}

// Rubrics are the rubric of each exercise: the embedded ones
// (scenarios/rubric-EXERCISE.yaml), each replaced by a teacher's file
// (--rubric) that grades the same exercise.
func Rubrics(scenarios fs.FS, files []string) (map[string]*Rubric, error) {
	out := map[string]*Rubric{}
	for _, ex := range []string{"ops", "lab"} {
		name := path.Join("scenarios", scenario.RubricPrefix+ex+".yaml")
		data, err := fs.ReadFile(scenarios, name)
		if err != nil {
			return nil, err
		}
		if out[ex], err = ParseRubric(name, data); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("--rubric %s: cannot read it (%v): copy scenarios/rubric-ops.yaml or rubric-lab.yaml from pglab's source and edit it", f, errors.Unwrap(err))
		}
		r, err := ParseRubric(f, data)
		if err != nil {
			return nil, err
		}
		out[r.Exercise] = r
	}
	return out, nil
}

package docker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/runtime"
)

func TestRewriteBuildThroughTheImageMap(t *testing.T) {
	m, err := runtime.ParseImageMap([]string{"postgres:15=pglab/lab-postgres:17", "postgres:12=pglab/debian-pg:17"})
	if err != nil {
		t.Fatal(err)
	}
	spec := images.BuildSpec{Dockerfile: "Dockerfile", Args: map[string]string{"BASE_IMAGE": "postgres:12", "PG_MAJOR": "12"},
		Files: map[string][]byte{"Dockerfile": []byte("ARG BASE_IMAGE=postgres:12\nFROM ${BASE_IMAGE} AS base\nFROM --platform=linux/amd64 postgres:15\nFROM base\n")}}
	did := rewriteBuild(&spec, m.Map)
	df := string(spec.Files["Dockerfile"])
	for _, want := range []string{"ARG BASE_IMAGE=pglab/debian-pg:17", "FROM ${BASE_IMAGE} AS base", "FROM --platform=linux/amd64 pglab/lab-postgres:17", "FROM base"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
	if spec.Args["BASE_IMAGE"] != "pglab/debian-pg:17" || spec.Args["PG_MAJOR"] != "12" {
		t.Errorf("args %v", spec.Args)
	}
	if len(did) != 3 {
		t.Errorf("substitutions said: %v", did)
	}
}

// The HA lab's Dockerfile COPYs its Patroni configs into the image: on
// the reference image they are mounted where they were copied, and its
// CMD is kept.
func TestReferenceRunMountsTheCopiedConfigs(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"Dockerfile":    "FROM postgres:15\nRUN pip install patroni\nCOPY postgres0.yml postgres1.yml /\nCOPY --chown=postgres entry.sh /usr/local/bin/\nCOPY requirements.txt /tmp/\nCMD [\"patroni\", \"/postgres0.yml\"]\n",
		"postgres0.yml": "name: a\n", "postgres1.yml": "name: b\n", "entry.sh": "#!/bin/sh\n", "requirements.txt": "patroni\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := types.ServiceConfig{Name: "pg-master"}
	s.Build = &types.BuildConfig{Context: "."}
	mounts, err := referenceRun(dir, &s)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(mounts, " "); got != "postgres0.yml:/postgres0.yml postgres1.yml:/postgres1.yml entry.sh:/usr/local/bin/entry.sh" {
		t.Errorf("mounts %s", got)
	}
	if strings.Join(s.Command, " ") != "patroni /postgres0.yml" {
		t.Errorf("command %q", s.Command)
	}
}

// A lowercase dockerfile (BuildKit's fallback), named by no build.dockerfile.
func TestLowercaseDockerfile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dockerfile"), []byte("FROM postgres:15\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := types.ServiceConfig{Name: "pg"}
	s.Build = &types.BuildConfig{Context: ".", Dockerfile: "Dockerfile"}
	if got := dockerfileOf(dir, s); got != "dockerfile" {
		t.Errorf("dockerfileOf = %q", got)
	}
}

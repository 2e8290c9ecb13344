package docker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/labdir"
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

// Two nodes built from one context each mount their own copy of a copied
// file, as each container has its own layer of the image: a start script
// writing its config over it (utsavpal-pgha) writes its node's only.
func TestReferenceRunCopiesPerService(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM postgres:16\nCOPY patroni.yml /etc/patroni/patroni.yml\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "patroni.yml"), []byte("name: patroni1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "entrypoint.sh"), []byte("#!/bin/sh\n"), 0o755)
	src := map[string]string{}
	for _, name := range []string{"patroni1", "patroni2"} {
		s := types.ServiceConfig{Name: name}
		s.Build = &types.BuildConfig{Context: "."}
		if _, err := referenceRun(dir, &s); err != nil {
			t.Fatal(err)
		}
		for _, v := range s.Volumes {
			if v.Target == "/etc/patroni/patroni.yml" {
				src[name] = v.Source
			}
			if v.Target == "/entrypoint.sh" {
				if fi, err := os.Stat(v.Source); err != nil || fi.Mode().Perm()&0o111 == 0 {
					t.Errorf("%s: entrypoint copy %s not executable (%v)", name, v.Source, err)
				}
			}
		}
	}
	if src["patroni1"] == "" || src["patroni1"] == src["patroni2"] {
		t.Fatalf("config mounted from %v: want one file each", src)
	}
	os.WriteFile(src["patroni2"], []byte("name: patroni2\n"), 0o644)
	if b, _ := os.ReadFile(src["patroni1"]); string(b) != "name: patroni1\n" {
		t.Errorf("patroni1's config is %q after patroni2 wrote its own", b)
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

// A service on a stand-in image whose command or mounted start script
// names a program where the original image has it gets a script there
// that runs the stand-in's own.
func TestShimPrograms(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "run.sh"), []byte("#!/bin/sh\nsed -i s/x/y/ /etc/patroni/patroni.yml\nexec /patroni-venv/bin/patroni /etc/patroni.yml\n"), 0o755)
	c := &Client{State: &labdir.State{Dir: dir}}
	s := types.ServiceConfig{Name: "pg1"}
	s.Entrypoint, s.Command = []string{"/usr/local/bin/etcd"}, []string{"/usr/bin/patroni", "/x.yml"}
	s.Volumes = []types.ServiceVolumeConfig{{Type: types.VolumeTypeBind, Source: "./run.sh", Target: "/run.sh"}}
	var said []string
	if err := c.shimPrograms(&s, func(sub labdir.Substitution) { said = append(said, sub.String()) }); err != nil {
		t.Fatal(err)
	}
	targets := map[string]string{}
	for _, v := range s.Volumes[1:] {
		targets[v.Target] = v.Source
	}
	if len(targets) != 2 || targets["/usr/local/bin/etcd"] == "" || targets["/patroni-venv/bin/patroni"] == "" {
		t.Fatalf("shims = %v, want /usr/local/bin/etcd and /patroni-venv/bin/patroni only", targets)
	}
	b, err := os.ReadFile(targets["/patroni-venv/bin/patroni"])
	if err != nil || !strings.Contains(string(b), `exec "$d/patroni" "$@"`) {
		t.Errorf("shim = %q, %v", b, err)
	}
	if fi, err := os.Stat(targets["/usr/local/bin/etcd"]); err != nil || fi.Mode().Perm()&0o111 == 0 {
		t.Errorf("shim not executable: %v %v", fi, err)
	}
	if len(said) != 1 || !strings.Contains(said[0], "/patroni-venv/bin/patroni, /usr/local/bin/etcd") {
		t.Errorf("recorded %q", said)
	}
}

func TestChmodsExecutable(t *testing.T) {
	df := "FROM x\nCOPY entrypoint.sh /entrypoint.sh\nRUN chmod +x /entrypoint.sh && echo\nRUN chmod 0644 /etc/patroni.yml\nRUN chmod -R 755 /opt/run.sh\n"
	for target, want := range map[string]bool{"/entrypoint.sh": true, "/etc/patroni.yml": false, "/opt/run.sh": true, "/other.sh": false} {
		if got := chmodsExecutable(df, target); got != want {
			t.Errorf("chmodsExecutable(%s) = %v, want %v", target, got, want)
		}
	}
}

func TestAptPackages(t *testing.T) {
	df := "FROM postgres:16-bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    python3 \\\n    python3-pip \\\n    curl=8.* \\\n    jq \\\n    && pip3 install patroni\n" +
		"RUN apt install -y postgresql-16-postgis-3 gettext-base; echo $HOME\nRUN apk add bash\n"
	got := strings.Join(aptPackages(df), " ")
	if want := "curl gettext-base jq python3 python3-pip"; got != want {
		t.Errorf("aptPackages = %q, want %q", got, want)
	}
	// A continued RUN ends where the instruction does: the next RUN's
	// words are no packages (dany217mk-acs's Dockerfile gave "RUN" and
	// "venv" to apt-get once).
	df = "FROM postgres:15\n\nRUN apt-get update -y && \\\n apt-get install -y netcat-openbsd python3-venv iputils-ping\n\nRUN python3 -m venv /opt/patroni-venv && \\\n /opt/patroni-venv/bin/pip install patroni\n"
	if got, want := strings.Join(aptPackages(df), " "), "iputils-ping netcat-openbsd python3-venv"; got != want {
		t.Errorf("aptPackages = %q, want %q", got, want)
	}
}

// The rebuild experiment's scratch copy builds through the image map as
// the lab did: the copy's Dockerfiles are rewritten, also of a node the
// lab runs on the reference image (no build left in its project), and a
// context outside the folder is left alone.
func TestMapScratchRewritesTheCopy(t *testing.T) {
	m, err := runtime.ParseImageMap([]string{"postgres:15=pglab/lab-postgres:17"})
	if err != nil {
		t.Fatal(err)
	}
	scratch := t.TempDir()
	const df = "FROM postgres:15\nUSER postgres\n"
	compose := "services:\n  pg-master:\n    build: ./pg\n  outside:\n    build: ..\n"
	if err := os.MkdirAll(filepath.Join(scratch, "pg"), 0o755); err != nil {
		t.Fatal(err)
	}
	for f, b := range map[string]string{"pg/Dockerfile": df, "docker-compose.yml": compose} {
		if err := os.WriteFile(filepath.Join(scratch, f), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := &Client{imageMap: m, Project: &types.Project{Services: types.Services{"pg-master": {Name: "pg-master"}}}} // runs on the reference image: nothing to build
	if err := c.mapScratch(scratch); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(scratch, "pg", "Dockerfile")); !strings.Contains(string(b), "FROM pglab/lab-postgres:17") {
		t.Errorf("the scratch copy's Dockerfile:\n%s", b)
	}
}

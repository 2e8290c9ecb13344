package docker

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/runtime"
)

// A failed RUN step under docker-compose 1.x (the legacy builder) leaves
// its container behind; the scratch copy's builds sweep it away, and a
// build container still running or committed is left alone.
func TestFailedBuildLeavesNoContainer(t *testing.T) {
	engine(t)
	if _, err := os.Stat("/usr/bin/docker-compose"); err != nil {
		t.Fatalf("docker-compose: %v (scripts/deps.sh installs it)", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cli, err := images.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	project := fmt.Sprintf("pglab-leftover-%d", time.Now().UnixNano())
	tag := "pglab/" + project + ":latest"
	dir := t.TempDir()
	for f, b := range map[string]string{
		"docker-compose.yml": "version: '3'\nservices:\n  x:\n    build: .\n    image: " + tag + "\n",
		"Dockerfile":         "FROM " + images.Base + "\nRUN echo a step that fails && exit 3\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := &Client{cli: cli}
	before, err := c.containerIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Whatever the sweep missed, so the test leaves nothing either way.
		cs, _ := cli.ContainerList(context.Background(), client.ContainerListOptions{All: true})
		for _, x := range cs.Items {
			if buildLeftover(x, before) {
				cli.ContainerRemove(context.Background(), x.ID, client.ContainerRemoveOptions{Force: true})
			}
		}
		cli.ImageRemove(context.Background(), tag, client.ImageRemoveOptions{Force: true})
	})
	r := &steps{c: c}
	cmd := r.sweepingBuilds(runtime.Command{Argv: []string{"docker-compose", "build", "x"}, Dir: dir,
		Env: []string{"COMPOSE_PROJECT_NAME=" + project}, Display: "docker-compose build x"})
	out, code := cmd.Call(ctx)
	if code == 0 || !strings.Contains(out, "a step that fails") {
		t.Fatalf("the build did not fail as written (exit %d):\n%s", code, out)
	}
	if !strings.Contains(out, "[pglab: removed 1 container(s) the failed build left]") {
		t.Errorf("no sweep said:\n%s", out)
	}
	cs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range cs.Items {
		if buildLeftover(x, before) {
			t.Errorf("left behind: %s (%s, %s)", x.ID[:12], x.Image, x.Command)
		}
	}
}

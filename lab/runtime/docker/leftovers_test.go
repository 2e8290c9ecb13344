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
		"Dockerfile":         "FROM " + images.Base + "\nRUN echo " + project + " > /committed\nRUN echo a step that fails && exit 3\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := &Client{cli: cli}
	created := time.Now().Add(-time.Second) // image times are in whole seconds
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
		if !t.Failed() {
			return // the sweep removed its layers; another test's may be building now
		}
		imgs, _ := cli.ImageList(context.Background(), client.ImageListOptions{All: true})
		for _, img := range imgs.Items {
			if img.Created >= created.Unix() && (len(img.RepoTags) == 0 || img.RepoTags[0] == "<none>:<none>") {
				cli.ImageRemove(context.Background(), img.ID, client.ImageRemoveOptions{PruneChildren: true})
			}
		}
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
	// The step that succeeded was committed as an untagged layer; it goes
	// with the failed step's container, the base image stays.
	imgs, err := cli.ImageList(ctx, client.ImageListOptions{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range imgs.Items {
		untagged := len(img.RepoTags) == 0 || (len(img.RepoTags) == 1 && img.RepoTags[0] == "<none>:<none>")
		if img.Created >= created.Unix() && untagged {
			t.Errorf("layer left behind: %s (created %s)", img.ID, time.Unix(img.Created, 0).UTC())
		}
	}
	if _, err := cli.ImageInspect(ctx, images.Base); err != nil {
		t.Errorf("the base image went too: %v", err)
	}
}

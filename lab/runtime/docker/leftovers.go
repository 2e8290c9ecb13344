package docker

import (
	"context"
	"fmt"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/wait"
)

// The rebuild experiment runs the real docker-compose, whose 1.x builds
// with Docker's legacy builder. That builder removes the container of a
// RUN step once the step is committed, but leaves the container of a
// step that failed (unless --force-rm, which `docker-compose up` cannot
// pass): on a machine that cannot reach PyPI, every graded answer whose
// Dockerfile pip-installs Patroni would leave one behind, and Down
// cannot find it (it carries no label of the lab, only its base image's).
//
// So a compose command of the scratch copy that may build is run with a
// sweep after it: a container that appeared while it ran, was created
// from an image ID (as the builder does, never a person or compose), has
// no compose project label, and exited is a failed build step's. It is
// removed once it has been exited for settle: a step that succeeded is
// committed and removed right after it exits, so one still there by then
// is a leftover, whoever's build it was. So is the layer it ran on when
// no tag names it and it was made during the command: the steps the
// failed build committed, removed with their untagged parents (as
// `docker rmi` does; a parent another image still builds on stays).

// settle is how long an exited build container must stay before it is
// taken for a failed step's.
const settle = 2 * time.Second

// sweepingBuilds runs c, then removes the build containers it left.
func (r *steps) sweepingBuilds(c runtime.Command) runtime.Command {
	run := c
	c.Call = func(ctx context.Context) (string, int) {
		start := time.Now()
		before, err := r.c.containerIDs(ctx)
		out, code := run.Run(ctx)
		if err != nil {
			return out, code
		}
		if n, err := r.c.removeBuildLeftovers(context.WithoutCancel(ctx), before, start); err != nil {
			out += fmt.Sprintf("[pglab: removing the failed build's containers: %v]\n", err)
		} else if n > 0 {
			out += fmt.Sprintf("[pglab: removed %d container(s) the failed build left]\n", n)
		}
		return out, code
	}
	return c
}

// buildsImages tells a compose command that may build: up, build, run,
// create.
func buildsImages(args []string) bool {
	for _, a := range args {
		switch a {
		case "up", "build", "run", "create":
			return true
		}
	}
	return false
}

func (c *Client) containerIDs(ctx context.Context) (map[string]bool, error) {
	cs, err := c.cli.ContainerList(ctx, client.ContainerListOptions{All: true})
	if err != nil {
		return nil, fmt.Errorf("list containers: %w", err)
	}
	ids := map[string]bool{}
	for _, x := range cs.Items {
		ids[x.ID] = true
	}
	return ids, nil
}

// buildLeftover tells a failed build step's container among those not
// in before.
func buildLeftover(x container.Summary, before map[string]bool) bool {
	if before[x.ID] || x.State != container.StateExited || !strings.HasPrefix(x.Image, "sha256:") {
		return false
	}
	_, compose := x.Labels[composeProject]
	_, lab := x.Labels[LabelLab]
	return !compose && !lab
}

// removeBuildLeftovers removes the failed build steps' containers that
// appeared since before, each once it has been exited for settle, and
// the untagged layers made since start that they ran on; it says how many
// containers.
func (c *Client) removeBuildLeftovers(ctx context.Context, before map[string]bool, start time.Time) (int, error) {
	cs, err := c.cli.ContainerList(ctx, client.ContainerListOptions{All: true})
	if err != nil {
		return 0, fmt.Errorf("list containers: %w", err)
	}
	removed := 0
	for _, x := range cs.Items {
		if !buildLeftover(x, before) {
			continue
		}
		gone := false
		werr := wait.Until(ctx, "build container "+x.ID[:12]+" to be exited for "+settle.String(), 5*settle, func(ctx context.Context) (bool, string) {
			res, err := c.cli.ContainerInspect(ctx, x.ID, client.ContainerInspectOptions{})
			if cerrdefs.IsNotFound(err) {
				gone = true
				return true, ""
			}
			if err != nil {
				return false, err.Error()
			}
			st := res.Container.State
			if st == nil || st.Status != container.StateExited {
				gone = true // restarted or being removed: not a leftover
				return true, ""
			}
			done, err := time.Parse(time.RFC3339Nano, st.FinishedAt)
			if err != nil {
				return false, err.Error()
			}
			return time.Since(done) >= settle, "exited " + time.Since(done).Round(time.Millisecond).String() + " ago"
		})
		if werr != nil || gone {
			continue
		}
		if _, err := c.cli.ContainerRemove(ctx, x.ID, client.ContainerRemoveOptions{Force: true}); err != nil && !cerrdefs.IsNotFound(err) {
			return removed, fmt.Errorf("remove %s: %w", x.ID[:12], err)
		}
		removed++
		if err := c.removeBuildLayer(ctx, x.Image, start); err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// removeBuildLayer removes image id, with its untagged parents, when no
// tag names it and it was made since start: a failed build's last
// committed step.
func (c *Client) removeBuildLayer(ctx context.Context, id string, start time.Time) error {
	res, err := c.cli.ImageInspect(ctx, id)
	if cerrdefs.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("inspect layer %s: %w", id, err)
	}
	made, err := time.Parse(time.RFC3339Nano, res.Created)
	if err != nil || len(res.RepoTags) > 0 || made.Before(start.Add(-time.Second)) {
		return nil // named, or older than the command: someone's image
	}
	if _, err := c.cli.ImageRemove(ctx, id, client.ImageRemoveOptions{PruneChildren: true}); err != nil && !cerrdefs.IsNotFound(err) && !cerrdefs.IsConflict(err) {
		return fmt.Errorf("remove layer %s: %w", id, err)
	}
	return nil
}

package images

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/build"
	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/progress"
)

// Connect returns a Docker Engine API client that has already talked to the
// engine, its API version negotiated down to what the engine speaks.
//
// github.com/moby/moby/client (the successor of github.com/docker/docker/client)
// supports engines down to API 1.40, so it works against this machine's
// Docker 20.10 (API 1.41); negotiation matters because the client's default
// version (1.5x) would be refused by such an engine.
func Connect(ctx context.Context) (*client.Client, error) {
	cli, err := client.New(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return nil, fmt.Errorf("docker client: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := cli.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		cli.Close()
		return nil, fmt.Errorf("docker engine at %s does not answer: %w", cli.DaemonHost(), err)
	}
	return cli, nil
}

// Inspect says whether an image exists, and its labels.
func Inspect(ctx context.Context, cli *client.Client, ref string) (exists bool, labels map[string]string, err error) {
	res, err := cli.ImageInspect(ctx, ref)
	if cerrdefs.IsNotFound(err) {
		return false, nil, nil
	}
	if err != nil {
		return false, nil, fmt.Errorf("inspect image %s: %w", ref, err)
	}
	if res.Config != nil {
		labels = res.Config.Labels
	}
	return true, labels, nil
}

// imageID is an image's ID, "" when it is missing.
func imageID(ctx context.Context, cli *client.Client, ref string) string {
	res, err := cli.ImageInspect(ctx, ref)
	if err != nil {
		return ""
	}
	return res.ID
}

// removeReplaced deletes images a rebuild left without a tag, children
// first; one still used (by a container, or as another image's parent) stays.
func removeReplaced(ctx context.Context, cli *client.Client, ids []string) {
	for i := len(ids) - 1; i >= 0; i-- {
		_, _ = cli.ImageRemove(ctx, ids[i], client.ImageRemoveOptions{PruneChildren: true})
	}
}

// Size is an image's size in bytes, or 0 when it is missing.
func Size(ctx context.Context, cli *client.Client, ref string) int64 {
	res, err := cli.ImageInspect(ctx, ref)
	if err != nil {
		return 0
	}
	return res.Size
}

// TarContext packs files (slash-separated path → content) as a build
// context; those in exec are executable (0755), as COPY/ADD keep a file's
// mode: a start script `CMD ["/run.sh"]` runs only if it was.
func TarContext(files map[string][]byte, exec map[string]bool) (*bytes.Buffer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	// A fixed time keeps the context, hence the build cache, stable.
	mtime := time.Unix(0, 0)
	for name, data := range files {
		mode := int64(0o644)
		if exec[name] {
			mode = 0o755
		}
		hdr := &tar.Header{Name: name, Mode: mode, Size: int64(len(data)), ModTime: mtime, Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return &buf, nil
}

// BuildSpec is one `docker build` through the API.
type BuildSpec struct {
	Ref         string            // tag of the result
	Files       map[string][]byte // the build context
	Exec        map[string]bool   // the files of Files that are executable
	Dockerfile  string            // its path in Files
	Args        map[string]string // build arguments
	Labels      map[string]string
	NetworkMode string // "" = the engine's default bridge; "host" when containers cannot reach the mirror
}

// jsonMessage is one line of the engine's build, pull and import streams.
type jsonMessage struct {
	Stream      string `json:"stream"`
	Status      string `json:"status"`
	Error       string `json:"error"`
	ErrorDetail *struct {
		Message string `json:"message"`
	} `json:"errorDetail"`
}

// tailLines keeps the last n lines of a stream, for error messages.
type tailLines struct {
	n       int
	lines   []string
	partial string
}

func (t *tailLines) add(s string) {
	s = t.partial + s
	parts := strings.Split(s, "\n")
	t.partial = parts[len(parts)-1]
	for _, l := range parts[:len(parts)-1] {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		t.lines = append(t.lines, l)
		if len(t.lines) > t.n {
			t.lines = t.lines[len(t.lines)-t.n:]
		}
	}
}

func (t *tailLines) String() string {
	lines := append([]string(nil), t.lines...)
	if strings.TrimSpace(t.partial) != "" {
		lines = append(lines, t.partial)
	}
	if len(lines) > t.n {
		lines = lines[len(lines)-t.n:]
	}
	return "   | " + strings.Join(lines, "\n   | ")
}

// readStream consumes an engine JSON stream. Each "Step N/M" line of a
// build is shown as progress; everything is kept so a failure can show the
// last lines instead of the whole output.
func readStream(r io.Reader, status *progress.Status) (*tailLines, error) {
	tail := &tailLines{n: 25}
	dec := json.NewDecoder(r)
	for {
		var m jsonMessage
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				return tail, nil
			}
			return tail, fmt.Errorf("read engine stream: %w", err)
		}
		if m.Stream != "" {
			tail.add(m.Stream)
			if line := strings.TrimSpace(m.Stream); strings.HasPrefix(line, "Step ") {
				status.Info("%s", shorten(line, 90))
			}
		}
		if m.Status != "" {
			tail.add(m.Status + "\n")
		}
		if m.ErrorDetail != nil && m.ErrorDetail.Message != "" {
			return tail, errors.New(m.ErrorDetail.Message)
		}
		if m.Error != "" {
			return tail, errors.New(m.Error)
		}
	}
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}

// Build runs one image build with the classic builder (the only one an
// API-1.41 engine offers without a BuildKit session), showing steps as
// progress. On failure the error carries the build's last lines.
func Build(ctx context.Context, cli *client.Client, s BuildSpec, status *progress.Status) error {
	tarball, err := TarContext(s.Files, s.Exec)
	if err != nil {
		return fmt.Errorf("build %s: pack context: %w", s.Ref, err)
	}
	args := map[string]*string{}
	for k, v := range s.Args {
		args[k] = &v
	}
	res, err := cli.ImageBuild(ctx, tarball, client.ImageBuildOptions{
		Tags:        []string{s.Ref},
		Dockerfile:  s.Dockerfile,
		BuildArgs:   args,
		Labels:      s.Labels,
		Remove:      true,
		ForceRemove: true,
		NetworkMode: s.NetworkMode,
		Version:     build.BuilderV1,
	})
	if err != nil {
		return fmt.Errorf("build %s: %w", s.Ref, err)
	}
	defer res.Body.Close()
	tail, err := readStream(res.Body, status)
	if err == nil && ctx.Err() != nil {
		err = context.Cause(ctx)
	}
	if err != nil {
		return fmt.Errorf("build %s: %w; last lines:\n%s", s.Ref, err, tail)
	}
	if ok, _, ierr := Inspect(ctx, cli, s.Ref); ierr != nil || !ok {
		return fmt.Errorf("build %s: the engine reported no error but there is no image; last lines:\n%s", s.Ref, tail)
	}
	return nil
}

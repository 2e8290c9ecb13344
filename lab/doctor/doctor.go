// Package doctor says what this host has for each runtime, and the
// command that installs what is missing.
package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	etcdversion "go.etcd.io/etcd/api/v3/version"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/images"
)

// ErrMissing is wrapped when a program a runtime needs is missing.
var ErrMissing = errors.New("missing programs")

// Check prints one row per thing each runtime needs, ✓ or ✗ with why.
func Check(ctx context.Context, w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var missing []string
	row := func(ok bool, what, detail string) {
		mark := "✓"
		if !ok {
			mark = "✗"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", mark, what, detail)
	}
	fmt.Fprintln(tw, "\tembedded runtime\t")
	if pg, err := hostbin.FindPostgres(""); err == nil {
		row(true, "postgresql", fmt.Sprintf("%s in %s", pg.Version, pg.Dir))
	} else {
		row(false, "postgresql", err.Error())
		missing = append(missing, "postgresql")
	}
	row(true, "etcd", etcdversion.Version+" (inside pglab)")
	programs := []struct {
		find func() (hostbin.Program, error)
		note string // which profile needs it, when not every one does
	}{
		{hostbin.Patroni, ""}, {hostbin.PythonEtcd, "the etcd profile"}, {hostbin.Patronictl, ""}, {hostbin.HAProxy, ""}, {hostbin.Psql, ""}, {hostbin.Etcdctl, ""},
		{hostbin.ZooKeeper, "--profile zookeeper"}, {hostbin.Kazoo, "--profile zookeeper"}, {hostbin.Nft, "pglab partition"},
	}
	for _, pr := range programs {
		p, err := pr.find()
		note := ""
		if pr.note != "" {
			note = " (" + pr.note + ")"
		}
		if err != nil {
			row(false, p.Name, "not found"+note)
			missing = append(missing, p.Package)
			continue
		}
		row(true, p.Name, p.Version+" at "+p.Path+note)
	}
	if ln, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		row(true, "loopback ports", "free ports can be picked")
	} else {
		row(false, "loopback ports", err.Error())
	}
	fmt.Fprintln(tw, "\tdocker runtime\t")
	if v, err := dockerVersion(ctx); err == nil {
		row(true, "docker engine", v)
		imageRows(ctx, row)
	} else {
		row(false, "docker engine", err.Error()+" (install docker.io and start dockerd)")
	}
	for _, p := range []int{5432, 7000} {
		if ln, err := net.Listen("tcp", fmt.Sprintf(":%d", p)); err == nil {
			ln.Close()
			row(true, fmt.Sprintf("host port %d", p), "free for docker-compose's published port")
		} else {
			row(false, fmt.Sprintf("host port %d", p), "busy: set HAPROXY_PORT / HAPROXY_STATS_PORT for docker-compose")
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w; install them with: %s", ErrMissing, hostbin.InstallHint(dedupe(missing)...))
	}
	return nil
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// dockerVersion asks the engine on its default socket for its version.
func dockerVersion(ctx context.Context) (string, error) {
	c := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", "/var/run/docker.sock")
		},
	}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://docker/version", nil)
	resp, err := c.Do(req)
	if err != nil {
		return "", fmt.Errorf("not reachable at /var/run/docker.sock")
	}
	defer resp.Body.Close()
	var v struct{ Version, APIVersion string }
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s (API %s)", v.Version, v.APIVersion), nil
}

// Versions prints pglab's version and the versions its lab files pin.
func Versions(w io.Writer, pglabVersion string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "pglab\t%s\n", pglabVersion)
	for _, p := range pinned() {
		fmt.Fprintf(tw, "%s\t%s\t(%s)\n", p[0], p[1], p[2])
	}
	fmt.Fprintf(tw, "etcd (embedded runtime)\t%s\t(inside pglab)\n", etcdversion.Version)
	return tw.Flush()
}

// pinned reads the versions the embedded Dockerfile and compose file pin.
func pinned() [][3]string {
	read := func(name string) string {
		b, _ := fs.ReadFile(pglab.Files, name)
		return string(b)
	}
	find := func(text, re string) string {
		if m := regexp.MustCompile(re).FindStringSubmatch(text); m != nil {
			return m[1]
		}
		return "?"
	}
	df, compose := read("Dockerfile"), read("docker-compose.yaml")
	return [][3]string{
		{"PostgreSQL", find(df, `(?m)^ARG PG_MAJOR=(\S+)`), "Dockerfile ARG PG_MAJOR"},
		{"base image", find(df, `(?m)^ARG BASE_IMAGE=(\S+)`), "Dockerfile ARG BASE_IMAGE"},
		{"PostGIS", strings.TrimSuffix(find(df, `postgis-(\d+)`), "-"), "Dockerfile package postgresql-${PG_MAJOR}-postgis-3"},
		{"Patroni", "Debian package of the base image", "Dockerfile"},
		{"etcd", find(compose, `ETCD_IMAGE:-([^}]+)`), "docker-compose.yaml"},
		{"HAProxy", find(compose, `HAPROXY_IMAGE:-([^}]+)`), "docker-compose.yaml"},
	}
}

// imageRows says which of the docker runtime's local images exist. Missing
// ones are not an error: `pglab up --runtime docker` builds them, and
// `pglab images build` does it ahead of time.
func imageRows(ctx context.Context, row func(ok bool, what, detail string)) {
	cli, err := images.Connect(ctx)
	if err != nil {
		row(false, "images", err.Error())
		return
	}
	defer cli.Close()
	for _, img := range images.Set() {
		exists, _, err := images.Inspect(ctx, cli, img.Ref)
		switch {
		case err != nil:
			row(false, img.Ref, err.Error())
		case exists:
			row(true, img.Ref, img.About)
		default:
			row(false, img.Ref, "not built yet: pglab images build (about 5 min, once)")
		}
	}
}

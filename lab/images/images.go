// Package images builds, on a machine that cannot pull from any registry,
// every image the exercises' compose stacks need, from Debian packages: a
// Debian root filesystem made with debootstrap is imported into the engine,
// small Dockerfiles install etcd, ZooKeeper, HAProxy and PostgreSQL on it,
// and each exercise's own Dockerfile builds its Patroni image on that
// PostgreSQL. The compose files then run unchanged, their images
// overridden through the variables they already read (Env).
package images

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/moby/moby/client"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/progress"
)

//go:embed dockerfiles
var dockerfiles embed.FS

// The local images. Their tags name the versions Debian trixie carries
// (patroni 4.0.7, haproxy 3.0.11, etcd 3.5.16, ZooKeeper 3.9.3, PostgreSQL
// 17 with PostGIS 3.5). Debian has neither PostgreSQL 12 (the operations
// test's) nor 15 (the HA lab's) in trixie: both stacks run on 17 locally.
const (
	Base        = "pglab/debian:trixie"          // debootstrap root filesystem
	PGBase      = "pglab/debian-pg:17"           // PG_BASE_IMAGE: PostgreSQL 17, like the official postgres image
	Etcd        = "pglab/etcd:3.5"               // ETCD_IMAGE
	ZooKeeper   = "pglab/zookeeper:3.9"          // ZOOKEEPER_IMAGE (the HA lab)
	HAProxy     = "pglab/haproxy:3.0"            // HAPROXY_IMAGE
	Postgres    = "pglab/postgres-patroni:17"    // PG_IMAGE: the operations test's Dockerfile on PGBase
	LabPostgres = "pglab/lab-postgres:17"        // PG_IMAGE of the HA lab: its Dockerfile on PGBase
	PGMajor     = "17"                           // PG_MAJOR
	Suite       = "trixie"                       // the Debian release the images come from
	Mirror      = "http://deb.debian.org/debian" // where debootstrap and apt fetch packages
)

// Labels pglab puts on the images it builds.
const (
	LabelImage  = "io.pglab.image"  // which image of the set
	LabelSource = "io.pglab.source" // hash of what it was built from, to notice a changed Dockerfile
)

// Env is the variables of a profile's compose file that select the local
// images ("" is the default profile).
func Env(profile string) map[string]string {
	env := map[string]string{
		"HAPROXY_IMAGE": HAProxy,
		"PG_BASE_IMAGE": PGBase,
		"PG_MAJOR":      PGMajor,
	}
	if profile == exercise.ZooKeeper.Name {
		env["ZOOKEEPER_IMAGE"] = ZooKeeper
		env["PG_IMAGE"] = LabPostgres
	} else {
		env["ETCD_IMAGE"] = Etcd
		env["PG_IMAGE"] = Postgres
	}
	return env
}

// EnvNames lists Env's keys in a stable order, for printing.
func EnvNames(profile string) []string {
	var out []string
	for k := range Env(profile) {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Image is one image of the local set.
type Image struct {
	Ref   string
	About string
	spec  func() (BuildSpec, error) // nil for Base, which is imported
}

// Set lists the local images in build order.
func Set() []Image {
	fromFile := func(ref, file, name string, args map[string]string) func() (BuildSpec, error) {
		return func() (BuildSpec, error) {
			df, err := fs.ReadFile(dockerfiles, "dockerfiles/"+file)
			if err != nil {
				return BuildSpec{}, err
			}
			return BuildSpec{Ref: ref, Files: map[string][]byte{"Dockerfile": df}, Dockerfile: "Dockerfile", Args: args,
				Labels: map[string]string{LabelImage: name}}, nil
		}
	}
	return []Image{
		{Ref: Base, About: "Debian " + Suite + " root filesystem (debootstrap, minbase)"},
		{Ref: PGBase, About: "PostgreSQL " + PGMajor + " from Debian (PG_BASE_IMAGE)",
			spec: fromFile(PGBase, "debian-pg.Dockerfile", "debian-pg", map[string]string{"BASE_IMAGE": Base, "PG_MAJOR": PGMajor})},
		{Ref: Etcd, About: "etcd and etcdctl from Debian (ETCD_IMAGE)",
			spec: fromFile(Etcd, "etcd.Dockerfile", "etcd", map[string]string{"BASE_IMAGE": Base})},
		{Ref: ZooKeeper, About: "ZooKeeper from Debian, standalone on 2181 (ZOOKEEPER_IMAGE, the HA lab)",
			spec: fromFile(ZooKeeper, "zookeeper.Dockerfile", "zookeeper", map[string]string{"BASE_IMAGE": Base})},
		{Ref: HAProxy, About: "HAProxy from Debian (HAPROXY_IMAGE)",
			spec: fromFile(HAProxy, "haproxy.Dockerfile", "haproxy", map[string]string{"BASE_IMAGE": Base})},
		{Ref: Postgres, About: "the operations test's Dockerfile: Patroni + PostGIS 3 on PostgreSQL " + PGMajor + " (PG_IMAGE)",
			spec: func() (BuildSpec, error) {
				return PostgresSpec(exercise.Etcd, Postgres, map[string]string{"BASE_IMAGE": PGBase, "PG_MAJOR": PGMajor})
			}},
		{Ref: LabPostgres, About: "the HA lab's Dockerfile: Patroni (ZooKeeper) with its configs copied in, on PostgreSQL " + PGMajor + " (PG_IMAGE)",
			spec: func() (BuildSpec, error) {
				return PostgresSpec(exercise.ZooKeeper, LabPostgres, map[string]string{"BASE_IMAGE": PGBase, "PG_MAJOR": PGMajor})
			}},
	}
}

// PostgresSpec builds a profile's embedded Dockerfile with its embedded
// directory as the context, as `docker-compose build` does in a directory
// written by `pglab init`.
func PostgresSpec(p exercise.Profile, ref string, args map[string]string) (BuildSpec, error) {
	files := map[string][]byte{}
	for _, f := range p.Files {
		data, err := p.Read(f.Path)
		if err != nil {
			return BuildSpec{}, err
		}
		files[f.Path] = data
	}
	name := "postgres-patroni"
	if p.Name != exercise.Etcd.Name {
		name = p.Name + "-postgres"
	}
	return BuildSpec{Ref: ref, Files: files, Dockerfile: "Dockerfile", Args: args,
		Labels: map[string]string{LabelImage: name}}, nil
}

// source hashes what an image is built from, so a changed Dockerfile or
// argument makes `images build` rebuild it without --force.
func (s BuildSpec) source() string {
	h := sha256.New()
	var names []string
	for n := range s.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(s.Files[n]))
		h.Write(s.Files[n])
		if s.Exec[n] { // only then: the sources of specs without modes keep their hash
			fmt.Fprintf(h, "\x00exec")
		}
	}
	var keys []string
	for k := range s.Args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%s\x00", k, s.Args[k])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Options of BuildAll.
type Options struct {
	Force       bool   // rebuild images that exist
	FreshRootfs bool   // run debootstrap again even when the cached tarball exists
	CacheDir    string // where the root filesystem tarball is kept; "" = DefaultCacheDir
	Mirror      string // Debian mirror; "" = Mirror
	NetworkMode string // network of the build containers; "" = the engine's default
}

// EnsureSpec builds one image unless it exists and was built from the same
// source; it reports whether it built.
func EnsureSpec(ctx context.Context, cli *client.Client, s BuildSpec, force bool, status *progress.Status) (bool, error) {
	if ok, err := UpToDate(ctx, cli, s); err != nil || (ok && !force) {
		return false, err
	}
	if s.Labels == nil {
		s.Labels = map[string]string{}
	}
	s.Labels[LabelSource] = s.source()
	return true, Build(ctx, cli, s, status)
}

// UpToDate says whether the image of s exists and was built from the same
// source. An image without pglab's label was built by someone on purpose
// (e.g. `docker-compose build`): it counts as up to date.
func UpToDate(ctx context.Context, cli *client.Client, s BuildSpec) (bool, error) {
	exists, labels, err := Inspect(ctx, cli, s.Ref)
	if err != nil || !exists {
		return false, err
	}
	return labels[LabelSource] == "" || labels[LabelSource] == s.source(), nil
}

// Result is what BuildAll did with one image.
type Result struct {
	Ref      string
	Built    bool
	Duration time.Duration
	Size     int64
}

// BuildAll makes every image of Set that is missing (all of them with
// Force), in order, each shown as one status line.
func BuildAll(ctx context.Context, cli *client.Client, o Options, status *progress.Status) ([]Result, error) {
	if o.CacheDir == "" {
		o.CacheDir = DefaultCacheDir
	}
	if o.Mirror == "" {
		o.Mirror = Mirror
	}
	// One builder at a time per cache: a second pglab (or a test package
	// running in parallel) waits here, then finds the images built.
	unlock, err := lockCache(ctx, o.CacheDir, status)
	if err != nil {
		return nil, err
	}
	defer unlock()
	var out []Result
	var replaced []string
	defer func() { removeReplaced(context.WithoutCancel(ctx), cli, replaced) }()
	for _, img := range Set() {
		start := time.Now()
		r := Result{Ref: img.Ref}
		oldID := imageID(ctx, cli, img.Ref)
		if img.spec == nil {
			exists, _, err := Inspect(ctx, cli, img.Ref)
			if err != nil {
				return out, err
			}
			if exists && !o.Force {
				status.Info("%s exists (--force re-imports it)", img.Ref)
			} else {
				status.Start("Importing %s: %s", img.Ref, img.About)
				if err := importBase(ctx, cli, o, status); err != nil {
					status.End(err)
					return out, err
				}
				status.End(nil)
				r.Built = true
			}
		} else {
			spec, err := img.spec()
			if err != nil {
				return out, err
			}
			spec.NetworkMode = o.NetworkMode
			ok, err := UpToDate(ctx, cli, spec)
			if err != nil {
				return out, err
			}
			if ok && !o.Force {
				status.Info("%s exists (--force rebuilds it)", img.Ref)
			} else {
				status.Start("Building %s: %s", img.Ref, img.About)
				if _, err := EnsureSpec(ctx, cli, spec, true, status); err != nil {
					status.End(err)
					return out, err
				}
				status.End(nil)
				r.Built = true
			}
		}
		r.Duration = time.Since(start)
		r.Size = Size(ctx, cli, img.Ref)
		if id := imageID(ctx, cli, img.Ref); oldID != "" && id != oldID {
			replaced = append(replaced, oldID)
		}
		out = append(out, r)
	}
	return out, nil
}

// Missing lists the images of Set that the engine does not have.
func Missing(ctx context.Context, cli *client.Client) ([]string, error) {
	var out []string
	for _, img := range Set() {
		ok, _, err := Inspect(ctx, cli, img.Ref)
		if err != nil {
			return nil, err
		}
		if !ok {
			out = append(out, img.Ref)
		}
	}
	return out, nil
}

// lockCache takes an exclusive lock on the cache directory, waiting for
// another builder to finish; ctx ends the wait.
func lockCache(ctx context.Context, dir string, status *progress.Status) (func(), error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("image cache %s: %w", dir, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, ".build.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("image cache lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err == nil {
		return func() { f.Close() }, nil
	}
	status.Info("another pglab is building images; waiting for it")
	locked := make(chan error, 1)
	go func() { locked <- syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }()
	select {
	case err := <-locked:
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("image cache lock: %w", err)
		}
		return func() { f.Close() }, nil
	case <-ctx.Done():
		// The goroutine stays blocked in flock; it ends with the process.
		f.Close()
		return nil, ctx.Err()
	}
}

package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/progress"
)

// imagesCmd builds and lists the local images of the docker runtime.
func imagesCmd() *cli.Command {
	return &cli.Command{
		Name:  "images",
		Usage: "build the docker stack's images locally from Debian packages (no registry needed)",
		Description: `The compose stack needs an etcd, an HAProxy and a PostgreSQL image. Where no
registry can be reached, ` + "`pglab images build`" + ` makes them all from Debian ` + images.Suite + `:
a root filesystem made with debootstrap (cached in ` + images.DefaultCacheDir + `) is
imported, etcd, HAProxy and PostgreSQL ` + images.PGMajor + ` are installed on it, and the
exercise's own Dockerfile builds the Patroni image on that PostgreSQL.
The compose file then takes them through its variables:

  eval "$(pglab images env)"; docker-compose up -d`,
		Commands: []*cli.Command{
			{
				Name:  "build",
				Usage: "build every missing image (example: pglab images build)",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "force", Usage: "rebuild images that already exist"},
					&cli.BoolFlag{Name: "fresh-rootfs", Usage: "run debootstrap again instead of using the cached root filesystem"},
					&cli.StringFlag{Name: "network", Usage: "network `MODE` of the build containers (host, when the default bridge cannot reach the mirror)"},
					&cli.StringFlag{Name: "cache-dir", Value: images.DefaultCacheDir, Usage: "where the root filesystem tarball is kept"},
					&cli.StringFlag{Name: "mirror", Value: images.Mirror, Usage: "Debian mirror `URL`"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					cli, err := images.Connect(ctx)
					if err != nil {
						return err
					}
					defer cli.Close()
					start := time.Now()
					res, err := images.BuildAll(ctx, cli, images.Options{
						Force: cmd.Bool("force"), FreshRootfs: cmd.Bool("fresh-rootfs"),
						NetworkMode: cmd.String("network"), CacheDir: cmd.String("cache-dir"), Mirror: cmd.String("mirror"),
					}, progress.New(os.Stderr))
					if err != nil {
						return err
					}
					w := cmd.Root().Writer
					tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
					fmt.Fprintln(tw, "IMAGE\tSIZE\tBUILT")
					for _, r := range res {
						built := "existed"
						if r.Built {
							built = r.Duration.Round(100 * time.Millisecond).String()
						}
						fmt.Fprintf(tw, "%s\t%d MB\t%s\n", r.Ref, r.Size>>20, built)
					}
					tw.Flush()
					fmt.Fprintf(w, "\nDone in %s. Use them with docker-compose: eval \"$(pglab images env)\"\n", time.Since(start).Round(time.Second))
					return nil
				},
			},
			{
				Name:  "list",
				Usage: "show which local images exist",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					cli, err := images.Connect(ctx)
					if err != nil {
						return err
					}
					defer cli.Close()
					tw := tabwriter.NewWriter(cmd.Root().Writer, 0, 0, 2, ' ', 0)
					fmt.Fprintln(tw, "IMAGE\tSIZE\tWHAT")
					missing := 0
					for _, img := range images.Set() {
						size := "missing"
						if ok, _, err := images.Inspect(ctx, cli, img.Ref); err != nil {
							return err
						} else if ok {
							size = fmt.Sprintf("%d MB", images.Size(ctx, cli, img.Ref)>>20)
						} else {
							missing++
						}
						fmt.Fprintf(tw, "%s\t%s\t%s\n", img.Ref, size, img.About)
					}
					tw.Flush()
					if missing > 0 {
						fmt.Fprintln(cmd.Root().Writer, "\nBuild the missing ones with `pglab images build`.")
					}
					return nil
				},
			},
			{
				Name:  "env",
				Usage: "print the compose variables that select the local images, for eval in a shell",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					env := images.Env()
					for _, k := range images.EnvNames() {
						fmt.Fprintf(cmd.Root().Writer, "export %s=%s\n", k, env[k])
					}
					return nil
				},
			},
		},
	}
}

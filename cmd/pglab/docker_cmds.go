package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/images"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/all"
	"github.com/pglab/pglab/lab/session"
)

// imagesCmd builds and lists the local images of the docker runtime.
func imagesCmd() *cli.Command {
	return &cli.Command{
		Name:  "images",
		Usage: "build the docker stack's images locally from Debian packages (no registry needed)",
		Description: `The operations test's stack needs an etcd, an HAProxy and a PostgreSQL image;
the HA lab's a ZooKeeper one instead of etcd. Where no registry can be
reached, ` + "`pglab images build`" + ` makes them all from Debian ` + images.Suite + `: a root
filesystem made with debootstrap (cached in ` + images.DefaultCacheDir + `) is imported,
etcd, ZooKeeper, HAProxy and PostgreSQL ` + images.PGMajor + ` are installed on it, and each
exercise's own Dockerfile builds its Patroni image on that PostgreSQL.
The compose files then take them through their variables:

  eval "$(pglab images env)"; docker-compose up -d
  eval "$(pglab images env --profile zookeeper)"; docker-compose up -d`,
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
					images.PrintBuilt(cmd.Root().Writer, res, time.Since(start))
					return nil
				},
			},
			{
				Name:  "list",
				Usage: "show which local images exist",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return images.List(ctx, cmd.Root().Writer)
				},
			},
			{
				Name:  "env",
				Usage: "print the compose variables that select the local images, for eval in a shell (example: pglab images env --profile zookeeper)",
				Flags: []cli.Flag{profileFlag()},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					p, err := exercise.ProfileByName(cmd.String("profile"))
					if err != nil {
						return usageError("images env: %v", err)
					}
					env := images.Env(p.Name)
					for _, k := range images.EnvNames(p.Name) {
						fmt.Fprintf(cmd.Root().Writer, "export %s=%s\n", k, env[k])
					}
					return nil
				},
			},
		},
	}
}

// execCmd runs a command in a node's container through the Engine API:
// what `docker-compose exec` does, without needing the docker CLI. The
// scenarios run their in-container steps with it.
func execCmd() *cli.Command {
	return &cli.Command{
		Name:      "exec",
		Usage:     "run a command in a node's container, like docker-compose exec (docker runtime; example: pglab exec postgres1 -- patronictl -c /etc/patroni/patroni.yml list)",
		ArgsUsage: "NODE -- COMMAND [ARGS...]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "user", Aliases: []string{"u"}, Usage: "run as `USER` (default: the image's user)"},
			&cli.StringSliceFlag{Name: "env", Aliases: []string{"e"}, Usage: "pass variable `NAME` from this environment into the container (repeatable); values stay off the command line"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			args := cmd.Args().Slice()
			if len(args) < 2 {
				return usageError("exec: give a node and a command, e.g. `pglab exec postgres1 -- ps -eo user,pid,args`")
			}
			l, err := session.Connect(all.Runtimes, cmd.String("name"))
			if err != nil {
				return err
			}
			defer l.Close()
			if err := runtime.CheckNode(l, args[0]); err != nil {
				return err
			}
			var env []string
			for _, name := range cmd.StringSlice("env") {
				if v, ok := os.LookupEnv(name); ok {
					env = append(env, name+"="+v)
				}
			}
			out, code, err := l.Exec(ctx, args[0], cmd.String("user"), env, args[1:]...)
			fmt.Fprint(cmd.Root().Writer, out)
			if err != nil {
				if errors.Is(err, runtime.ErrUnknownNode) || errors.Is(err, runtime.ErrNoExec) {
					return usageError("exec: %v", err)
				}
				return err
			}
			if code != 0 {
				// The command's own exit code, as docker-compose exec returns it.
				return quietExit(code)
			}
			return nil
		},
	}
}

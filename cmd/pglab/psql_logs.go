package main

import (
	"context"
	"strings"
	"syscall"

	"github.com/urfave/cli/v3"

	labrt "github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/all"
	"github.com/pglab/pglab/lab/session"
)

func psqlCmd() *cli.Command {
	return &cli.Command{
		Name:      "psql",
		Usage:     "open a real psql session on a node or through HAProxy (example: pglab psql --via haproxy -c 'select 1')",
		ArgsUsage: "[NODE] [-- PSQL_ARGS...]",
		// -c takes SQL, whose commas must not split it into several values.
		DisableSliceFlagSeparator: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "via", Usage: "connect through `haproxy` instead of a node"},
			&cli.StringSliceFlag{Name: "command", Aliases: []string{"c"}, Usage: "run `SQL` and exit (repeatable)"},
			&cli.StringFlag{Name: "dbname", Aliases: []string{"d"}, Value: "postgres", Usage: "database"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			l, err := session.Connect(all.Runtimes, cmd.String("name"))
			if err != nil {
				return err
			}
			defer l.Close()
			node := cmd.String("via")
			args := cmd.Args().Slice()
			if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
				if node != "" {
					return usageError("psql: give a NODE or --via haproxy, not both")
				}
				node, args = args[0], args[1:]
			}
			if node == "" {
				node = "haproxy"
			}
			path, argv, env, err := session.Psql(ctx, l, node, cmd.String("dbname"), cmd.StringSlice("command"), args)
			if err != nil {
				return err
			}
			// Replace this process: an interactive session gets the terminal as is.
			return syscall.Exec(path, argv, env)
		},
	}
}

func logsCmd() *cli.Command {
	return &cli.Command{
		Name:      "logs",
		Usage:     "print a node's log (example: pglab logs postgres1 -f)",
		ArgsUsage: "NODE",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "follow", Aliases: []string{"f"}, Usage: "keep printing new lines until Ctrl-C"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() != 1 {
				return usageError("logs: name one node, e.g. `pglab logs postgres1`")
			}
			l, err := session.Connect(all.Runtimes, cmd.String("name"))
			if err != nil {
				return err
			}
			defer l.Close()
			if err := labrt.CheckNode(l, cmd.Args().First()); err != nil {
				return err
			}
			return l.Logs(ctx, cmd.Args().First(), cmd.Bool("follow"), cmd.Root().Writer)
		},
	}
}

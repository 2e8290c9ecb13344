package main

import (
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/hostbin"
	"github.com/pglab/pglab/lab/labdir"
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
			st, err := labdir.Load(cmd.String("name"))
			if err != nil {
				return err
			}
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
			host, port, err := psqlTarget(ctx, st, node)
			if err != nil {
				return err
			}
			psql, err := hostbin.Psql()
			if err != nil {
				return err
			}
			argv := []string{"psql", "-h", host, "-p", strconv.Itoa(port), "-U", "postgres", "-d", cmd.String("dbname")}
			for _, c := range cmd.StringSlice("command") {
				argv = append(argv, "-c", c)
			}
			argv = append(argv, args...)
			env := append(os.Environ(), "PGPASSWORD="+st.Secrets.Superuser, "PGCONNECT_TIMEOUT=5", "PGAPPNAME=pglab")
			// Replace this process: an interactive session gets the terminal as is.
			return syscall.Exec(psql.Path, argv, env)
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
			st, err := labdir.Load(cmd.String("name"))
			if err != nil {
				return err
			}
			return printLogs(ctx, cmd.Root().Writer, st, cmd.Args().First(), cmd.Bool("follow"))
		},
	}
}

// copyFollow copies f to w and, when follow is set, keeps copying what is
// appended until ctx ends.
func copyFollow(ctx context.Context, w io.Writer, f *os.File, follow bool) error {
	if _, err := io.Copy(w, f); err != nil || !follow {
		return err
	}
	t := time.NewTicker(200 * time.Millisecond) // follow a file: no event to wait on without inotify
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if _, err := io.Copy(w, f); err != nil {
				return err
			}
		}
	}
}

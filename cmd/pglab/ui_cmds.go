package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime/all"
	"github.com/pglab/pglab/lab/ui"
)

func uiCmd() *cli.Command {
	return &cli.Command{
		Name:  "ui",
		Usage: "watch labs live in the browser: roles, the leader key, HAProxy, writes; faults from the page (example: pglab ui)",
		Description: `Serves a page on 127.0.0.1 (a free port, or --listen) and prints its URL,
with a random token every request needs; it opens nothing by itself. The
page draws the lab as it runs (DCS members, the PostgreSQL nodes with role,
state, timeline and lag, HAProxy and its servers, the leader key and its
lease), charts a writer's acknowledged writes when a load runs, and does
faults, a switchover and a load from buttons, each showing its command.
A lab picker shows every lab of this host. Ctrl-C stops serving.`,
		Flags: []cli.Flag{listenFlag, uiLangFlag},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			lab := ""
			if name := cmd.String("name"); cmd.IsSet("name") || slices.Contains(labdir.List(), name) {
				lab = name
			}
			if _, err := serveUI(ctx, cmd, lab); err != nil {
				return err
			}
			fmt.Fprintln(cmd.Root().Writer, "Press Ctrl-C to stop serving.")
			<-ctx.Done()
			return nil
		},
	}
}

var (
	listenFlag = &cli.StringFlag{Name: "listen", Usage: "serve the page on `ADDR` (loopback only; default: 127.0.0.1 on a free port)"}
	uiLangFlag = &cli.StringFlag{Name: "lang", Value: "en", Usage: "the page's `LANG`uage: es, ru or en"}
	uiFlag     = &cli.BoolFlag{Name: "ui", Usage: "also serve the live page (as pglab ui does) while this runs; its URL is printed"}
)

// uiFlags are --ui and --listen, for the commands that can serve the page
// while they run.
func uiFlags() []cli.Flag { return []cli.Flag{uiFlag, listenFlag} }

// serveUI serves the page on lab ("" the first there is) until ctx ends
// and prints its URL.
func serveUI(ctx context.Context, cmd *cli.Command, lab string) (*ui.Server, error) {
	lang := "en"
	if cmd.IsSet("lang") {
		lang = cmd.String("lang")
	}
	srv, err := ui.New(ctx, ui.Options{Labs: ui.RegistryLabs{Runtimes: all.Runtimes}, Lang: lang, Lab: lab})
	if err != nil {
		return nil, usageError("%v", err)
	}
	url, _, err := srv.Listen(ctx, cmd.String("listen"))
	if err != nil {
		return nil, usageError("%v", err)
	}
	fmt.Fprintf(cmd.Root().Writer, "Watch the lab live: %s\n", url)
	return srv, nil
}

// maybeUI serves the page on the --name lab when --ui is given; nil
// otherwise.
func maybeUI(ctx context.Context, cmd *cli.Command) (*ui.Server, error) {
	if !cmd.Bool("ui") {
		return nil, nil
	}
	return serveUI(ctx, cmd, cmd.String("name"))
}

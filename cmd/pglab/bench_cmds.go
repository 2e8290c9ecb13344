package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/bench"
	"github.com/pglab/pglab/lab/runtime/all"
	"github.com/pglab/pglab/lab/scenario"
	"github.com/pglab/pglab/lab/session"
)

func benchCmd() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure something repeatedly (example: pglab bench failover --cycles 5 --fault kill)",
		Commands: []*cli.Command{{
			Name:  "failover",
			Usage: "repeat a fault under load N times and print min / median / p95 / max of each figure next to its theoretical bound",
			Description: `Boots a lab of --profile (the operations test's by default) if none of that
--name runs (on --runtime, removed afterwards unless --keep), or measures
the running one as it is (the HA lab's too). It runs the fault's scenario
--cycles times: a writer inserts through HAProxy while pglab samples the
leader key (etcd, or ZooKeeper's leader znode), Patroni, PostgreSQL and
HAProxy every 100 ms; after each cycle every acknowledged row is read back
from the new primary. Faults: ` + bench.FaultNames() + `.
The transcript and a report (with a timeline chart per cycle) go to --out.`,
			Flags: []cli.Flag{
				&cli.IntFlag{Name: "cycles", Value: 5, Usage: "inject the fault `N` times"},
				&cli.IntFlag{Name: "n", Hidden: true, Usage: "deprecated: --cycles"},
				&cli.StringFlag{Name: "fault", Value: "stop", Usage: "`KIND`: " + bench.FaultNames()},
				timingFlag("`TIMING` of an embedded lab this command boots: fast or exercise (a docker lab runs the exercise's own)"),
				profileFlag(),
				runtimeFlag("`RUNTIME` of a lab this command boots: embedded or docker (where a fault is a container's: docker stop|kill|pause)"),
				&cli.BoolFlag{Name: "sync", Usage: "run with synchronous_mode: true (set in Patroni's dynamic config, restored afterwards)"},
				&cli.BoolFlag{Name: "no-failsafe", Usage: "run with failsafe_mode: false (dynamic config, restored afterwards)"},
				&cli.IntFlag{Name: "rate", Value: scenario.DefaultRate, Usage: "`N` writes per second (at most 200)"},
				&cli.BoolFlag{Name: "keep", Usage: "leave a lab this command booted running"},
				&cli.StringFlag{Name: "out", Value: session.ResultsDir, Usage: "`DIR` for the transcript and reports"},
				uiFlag, listenFlag,
			},
			Action: benchFailover,
		}},
	}
}

func benchFailover(ctx context.Context, cmd *cli.Command) (err error) {
	out := cmd.Root().Writer
	o := bench.Options{Fault: cmd.String("fault"), Cycles: int(cmd.Int("cycles")), Rate: int(cmd.Int("rate")),
		Sync: cmd.Bool("sync"), NoFailsafe: cmd.Bool("no-failsafe"), Pglab: version}
	if cmd.IsSet("n") {
		fmt.Fprintln(cmd.Root().ErrWriter, "pglab: bench failover -n is deprecated: use --cycles (-n names the lab elsewhere)")
		o.Cycles = int(cmd.Int("n"))
	}
	if err := o.Check(); err != nil {
		return usageError("%v", err)
	}
	c, err := choose(cmd)
	if err != nil {
		return err
	}
	set, scs, err := session.LoadScenarios(c.Profile, c.Runtime, []string{o.Scenario()})
	if err != nil {
		return err
	}
	page, err := maybeUI(ctx, cmd)
	if err != nil {
		return err
	}
	if page != nil {
		o.Hooks = page.Hooks(cmd.String("name"), scenario.Hooks{})
	}
	s, err := session.Open(ctx, all.Runtimes, sessionOptions(cmd, c), cmd.Root().Writer)
	if err != nil {
		return err
	}
	defer s.Close(&err)
	return session.Bench(ctx, s, set, scs, o, cmd.String("out"), out)
}

// Command pglab boots, breaks and documents a PostgreSQL high-availability
// lab: two PostgreSQL nodes under Patroni, etcd and HAProxy. This file only
// wires the CLI; the work is done in lab/.
package main

import (
	"context"
	"github.com/sirupsen/logrus"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/command"
	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/all"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// quietExit passes on the exit code of a command pglab ran for the user
// (exec), which has said all there is to say itself.
type quietExit = command.Passthrough

func main() {
	// SIGHUP too: a closed terminal must tear a foreground lab down, not orphan PostgreSQL.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	// compose-go warns through logrus about a compose file's style ("the
	// attribute `version` is obsolete", unset variables) each time pglab
	// loads it, which is every step a scenario runs through pglab: those
	// lines would land in the steps' outputs, before the command's own
	// answer. What in a file is wrong is lint's to say.
	logrus.SetLevel(logrus.ErrorLevel)
	var err error
	if all.Supervised() {
		// This process was started to host a detached lab (`pglab up -d`).
		err = all.Supervise(ctx)
	} else {
		err = command.Run(ctx, app(), os.Args)
	}
	if code := command.Report(os.Stderr, err, ctx.Err() != nil); code != command.OK {
		os.Exit(code)
	}
}

var nameFlag = &cli.StringFlag{
	Name:    "name",
	Aliases: []string{"n"},
	Value:   labdir.DefaultName,
	Usage:   "lab `NAME`, to run several labs side by side",
	Sources: cli.EnvVars("PGLAB_NAME"),
}

func app() *cli.Command {
	return &cli.Command{
		Name:  "pglab",
		Usage: "a PostgreSQL high-availability lab: Patroni, etcd and HAProxy, for real",
		Description: `pglab writes the corrected exercise files, checks someone else's, boots the
real stack (etcd members inside pglab, real Patroni, PostgreSQL and HAProxy
processes), and injects faults.

Examples:
  pglab init ./answer && pglab lint ./answer
  pglab up -d && pglab status
  pglab kill postgres1 && pglab status
  pglab psql --via haproxy -c 'select inet_server_port(), pg_is_in_recovery()'
  pglab down`,
		Version:               version,
		EnableShellCompletion: true,
		Suggest:               true,
		Flags:                 []cli.Flag{nameFlag},
		Commands: []*cli.Command{
			initCmd(), filesCmd(), lintCmd(),
			upCmd(), statusCmd(), psqlCmd(), logsCmd(), execCmd(),
			faultCmd(runtime.Stop, "stop a node gracefully (Patroni hands over leadership)", "pglab stop postgres1"),
			faultCmd(runtime.Kill, "kill a node hard (SIGKILL of Patroni and PostgreSQL, like docker kill)", "pglab kill postgres1"),
			faultCmd(runtime.Start, "start a stopped or killed node again", "pglab start postgres1"),
			faultCmd(runtime.Partition, "cut a node off the network (docker runtime: network disconnect; embedded: nftables drops its traffic, root only)", "pglab partition postgres1"),
			faultCmd(runtime.Heal, "reconnect a partitioned node", "pglab heal postgres1"),
			downCmd(), doctorCmd(), versionCmd(),
			runCmd(), reportCmd(), walkthroughCmd(), submissionCmd(),
			faultCmd(runtime.Pause, "freeze a node: SIGSTOP of Patroni and PostgreSQL, like docker pause", "pglab pause postgres1"),
			faultCmd(runtime.Resume, "let a paused node run on (SIGCONT)", "pglab resume postgres1"),
			imagesCmd(), benchCmd(), uiCmd(), gradeCmd(),
		},
	}
}

// usageError is a wrong invocation: exit code 2, like flag errors.
func usageError(format string, args ...any) error {
	return command.Usage(format, args...)
}

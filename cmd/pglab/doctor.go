package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"

	"github.com/pglab/pglab/lab/command"
	"github.com/pglab/pglab/lab/doctor"
)

func doctorCmd() *cli.Command {
	return &cli.Command{
		Name:  "doctor",
		Usage: "check what this host has for each runtime, and how to install what is missing (example: pglab doctor)",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			err := doctor.Check(ctx, cmd.Root().Writer)
			if errors.Is(err, doctor.ErrMissing) {
				return command.Exit(1, err)
			}
			return err
		},
	}
}

func versionCmd() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print pglab's version and the component versions its lab files pin (example: pglab version)",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			return doctor.Versions(cmd.Root().Writer, version)
		},
	}
}

package runtime

import (
	"context"
	"path"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/topology"
)

// LabTopology is a profile's nodes, from its embedded compose file: what
// every runtime boots for that exercise.
func LabTopology(p exercise.Profile) (topology.Topology, error) {
	compose, err := pglab.Files.ReadFile(p.Compose)
	if err != nil {
		return topology.Topology{}, err
	}
	return topology.FromCompose(context.Background(), path.Base(p.Compose), compose)
}

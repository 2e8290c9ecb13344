package pglab

import "embed"

// Scenarios holds the scenario files (scenarios/*.yaml) and the exercises
// whose questions they answer (scenarios/exercises.yaml).
//
//go:embed scenarios
var Scenarios embed.FS

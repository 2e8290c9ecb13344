// Package pglab holds the lab files embedded in the binary: the corrected
// exercise (Dockerfile, docker-compose.yaml, Patroni and HAProxy configs).
// go:embed cannot reach parent folders, so the embedding lives at the module
// root; everything else is under lab/ and cmd/.
package pglab

import "embed"

// Files is the embedded tree: Dockerfile, docker-compose.yaml and assets/.
//
//go:embed Dockerfile docker-compose.yaml assets
var Files embed.FS

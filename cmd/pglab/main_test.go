package main

import (
	"testing"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
)

// The CLI's own tests run the built binary, as the end-to-end ones under
// e2e/ do.
func TestMain(m *testing.M) { e2etest.Main(m) }

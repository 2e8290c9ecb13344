package labdir

import (
	"os"
	"strings"
)

// Hint is the pglab command line that acts on lab name, for the hints
// pglab prints ("`pglab --name t down` removes it"): it names the lab
// unless pglab would pick that lab without being told (the default name,
// no other PGLAB_NAME in the environment), so that pasting it acts on the
// same lab.
func Hint(name string, args ...string) string {
	words := []string{"pglab"}
	if env := os.Getenv("PGLAB_NAME"); name != DefaultName || (env != "" && env != DefaultName) {
		words = append(words, "--name", name)
	}
	return strings.Join(append(words, args...), " ")
}

package progress

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A lesson in Russian boots its lab in Russian: a Status made on a
// Translator says its phases translated, and whole status lines relayed
// through it (a detached lab's supervisor) are translated too; other
// text passes as written.
func TestTranslatorTranslatesStatusLines(t *testing.T) {
	var out bytes.Buffer
	tr := Translating(&out, func(s string) string { return strings.ReplaceAll(s, "Starting", "Запуск") })
	st := New(tr)
	st.Start("Starting %s", "HAProxy")
	st.Info("Starting soon")
	st.End(errors.New("no"))
	fmt.Fprintln(tr, " ✓ Starting etcd (3 members) 2.3s")
	fmt.Fprintln(tr, " • Starting etcd ...")
	fmt.Fprint(tr, "Starting is a word\n")
	want := " • Запуск HAProxy ...\n   Запуск soon\n ✗ Запуск HAProxy "
	if got := out.String(); !strings.HasPrefix(got, want) ||
		!strings.Contains(got, " ✓ Запуск etcd (3 members) 2.3s\n • Запуск etcd ...\nStarting is a word\n") {
		t.Errorf("got:\n%s", got)
	}
}

func TestCountSaysOneOrMany(t *testing.T) {
	if a, b := Count(1, "replica", "replicas"), Count(2, "replica", "replicas"); a != "1 replica" || b != "2 replicas" {
		t.Errorf("%q %q", a, b)
	}
}

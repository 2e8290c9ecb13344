package all

import (
	"errors"
	"testing"

	"github.com/pglab/pglab/lab/runtime"
)

// --runtime names a runtime; "" (a lab recorded before its runtime was)
// is the default, embedded; a wrong name lists the choices.
func TestRuntimesByName(t *testing.T) {
	for name, want := range map[string]string{"": "embedded", "embedded": "embedded", "docker": "docker"} {
		rt, err := Runtimes.Get(name)
		if err != nil || rt.Name() != want {
			t.Errorf("Get(%q) = %v, %v; want %s", name, rt, err, want)
		}
	}
	_, err := Runtimes.Get("podman")
	if err == nil || err.Error() != `runtime "podman": choose embedded (host processes) or docker (the exercise's containers)` {
		t.Errorf("Get(podman): %v", err)
	}
}

// Booting someone else's files needs containers: the embedded runtime
// refuses --from before anything starts, as a usage error.
func TestCheckRefusesWhatARuntimeCannotBoot(t *testing.T) {
	emb, _ := Runtimes.Get("embedded")
	dock, _ := Runtimes.Get("docker")
	o := runtime.Options{Name: "x", Profile: "etcd", From: "/tmp/answer"}
	if err := o.Check(emb); !errors.Is(err, runtime.ErrOption) {
		t.Errorf("embedded --from: %v", err)
	}
	if err := o.Check(dock); err != nil {
		t.Errorf("docker --from: %v", err)
	}
	o.From, o.Profile = "", "nope"
	if err := o.Check(dock); !errors.Is(err, runtime.ErrOption) {
		t.Errorf("unknown profile: %v", err)
	}
}

package runtime

import (
	"errors"
	"testing"
)

func TestImageMap(t *testing.T) {
	m, err := ParseImageMap([]string{"postgres:15=pglab/lab-postgres:17", "quay.io/coreos/etcd:*=pglab/etcd:3.5", "haproxy=pglab/haproxy:3.0"})
	if err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[string]string{
		"postgres:15":                "pglab/lab-postgres:17",
		"quay.io/coreos/etcd:v3.5.9": "pglab/etcd:3.5",
		"haproxy:2.8":                "pglab/haproxy:3.0",
		"haproxy":                    "pglab/haproxy:3.0",
		"postgres:12":                "",
		"bitnami/etcd:3.5":           "",
	} {
		if got, _ := m.Map(ref); got != want {
			t.Errorf("Map(%q) = %q, want %q", ref, got, want)
		}
	}
	if _, err := ParseImageMap([]string{"postgres:15"}); !errors.Is(err, ErrOption) {
		t.Errorf("a flag without = : %v", err)
	}
}

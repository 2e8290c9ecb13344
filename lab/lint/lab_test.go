package lint

import (
	"testing"

	"github.com/pglab/pglab/lab/exercise"
)

// The HA lab's layout (ZooKeeper, pg-master/pg-slave, configs copied into
// the image) is checked by its own rules.
func TestHALab(t *testing.T) {
	const (
		zdf = "Dockerfile"
		zdc = "docker-compose.yml"
		z0  = "postgres0.yml"
		z1  = "postgres1.yml"
	)
	cases := []struct {
		name  string
		edits []edit
		wants []at
	}{
		{"embedded files are clean", nil, nil},
		{"ZooKeeper on loopback",
			[]edit{{file: z1, old: "  - zoo:2181", new: "  - 127.0.0.1:2181"}},
			[]at{{z1, "127.0.0.1:2181", "zookeeper.hosts 127.0.0.1:2181 is loopback"}}},
		{"unknown ZooKeeper host",
			[]edit{{file: z0, old: "  - zoo:2181", new: "  - zookeeper:2181"}},
			[]at{{z0, "zookeeper:2181", "names the host zookeeper, which is not a compose service"}}},
		{"etcd3 section in the lab",
			[]edit{{file: z0, old: "zookeeper:\n  hosts:\n  - zoo:2181", new: "etcd3:\n  hosts: zoo:2379"}},
			[]at{{z0, "etcd3:", "the DCS is etcd3 but the lab runs ZooKeeper"}}},
		{"PostgreSQL 12 in the lab: the lab fixes no version",
			[]edit{{file: zdf, old: "ARG BASE_IMAGE=postgres:15\nFROM ${BASE_IMAGE}", new: "FROM postgres:12"}},
			nil},
		{"no ZooKeeper service",
			[]edit{{file: zdc, old: "  zoo:\n    image: ${ZOOKEEPER_IMAGE:-zookeeper:3.9}\n    hostname: zoo\n    expose:\n      - \"2181\"\n", new: ""},
				{file: zdc, old: "    depends_on:\n      - zoo\n", new: ""}},
			// Without the service the files still say zookeeper: the lab's rules apply.
			[]at{{zdc, "services:", "no ZooKeeper service"},
				{z0, "  - zoo:2181", "names the host zoo, which is not a compose service"},
				{z1, "  - zoo:2181", "names the host zoo, which is not a compose service"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkFS(t, variantOf(t, profileFS(t, exercise.ZooKeeper), c.edits), c.wants)
		})
	}
}

package lint

import (
	"testing"
	"testing/fstest"

	"github.com/pglab/pglab/lab/exercise"
)

// The rebuild question answered with "Patroni rereads the config on
// restart" (перечитает конфиг) in a layout that COPYs the configs into the
// image (batch 48: polina_vetrova): a restart runs the copy baked in at
// build time, so the claim is wrong as "picked up on restart" is. Negated
// ("не перечитает") or with the rebuild named, it stays right.
func TestRebuildAnswerRereads(t *testing.T) {
	const wrong = "the report says an edited Patroni config is picked up when the containers restart"
	cases := []struct {
		name, report string
		want         bool
	}{
		{"перечитает конфиг", "**Пересборка.** Если отредактировать `postgresX.yml`, пересобирать тоже не нужно: при перезапуске контейнера Patroni перечитает конфиг.\n", true},
		{"rereads, in English", "- After editing postgres0.yml a restart is all it takes: Patroni rereads its config file when it starts.\n", true},
		{"не перечитает", "- Если отредактировать postgresX.yml, Patroni при перезапуске его не перечитает: конфиг скопирован в образ.\n", false},
		{"rereads after --build", "- Patroni rereads postgres0.yml only from a new image: docker compose up --build.\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := profileFS(t, exercise.ZooKeeper)
			m["ОТЧЕТ.md"] = &fstest.MapFile{Data: []byte(c.report)}
			got := lintMap(t, m)
			if findingWith(got, wrong) != c.want {
				t.Errorf("want the rebuild finding: %v, got:%s", c.want, dump(got))
			}
		})
	}
}

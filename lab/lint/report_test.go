package lint

import (
	"testing"
	"testing/fstest"

	"github.com/pglab/pglab/lab/exercise"
)

// The lab's rebuild question, answered in the report against the answer's
// own layout: pglab's lab answer COPYs the configs into the image, so a
// report that says a restart picks an edited postgresX.yml up is wrong, and
// one that says it needs --build (or names the COPY) is right.
func TestRebuildAnswer(t *testing.T) {
	const wrong = "the report says an edited Patroni config is picked up when the containers restart"
	cases := []struct {
		name, report string
		want         bool
	}{
		{"the methodology's sample answer", "## Вопросы\n\n2. При обычном перезапуске образ не будет сбилден заново.\nЕсли же отредактировать файлы postgresX.yml, образ также не будет сбилден заново, потому что такие файлы\nобычно монтируются в контейнер как внешние тома, а изменения будут применены при следующем запуске контейнера.\n", true},
		// "Patroni rereads the config" (batch 48: polina_vetrova), and the
		// same negated or with the rebuild named.
		{"Patroni re-reads the config on restart", "**Пересборка.** Если отредактировать `postgresX.yml`, пересобирать тоже не нужно: при\nперезапуске контейнера Patroni перечитает конфиг.\n", true},
		{"rereads, in English", "- After editing postgres0.yml a restart is all it takes: Patroni rereads its config file when it starts.\n", true},
		{"не перечитает", "- Если отредактировать postgresX.yml, Patroni при перезапуске его не перечитает: конфиг скопирован в образ.\n", false},
		{"rereads after --build", "- Patroni rereads postgres0.yml only from a new image: docker compose up --build.\n", false},
		{"restart is enough, in English", "- Editing postgres0.yml needs no rebuild: the change is picked up on the next docker compose restart.\n", true},
		{"not picked up without a rebuild", "- Если отредактировать postgresX.yml, образ не пересоберётся и изменения не подхватятся: нужен docker compose up --build.\n", false},
		{"copied into the image", "Конфиги postgresX.yml копируются в образ, поэтому после правки они подхватятся только после пересборки.\n", false},
		{"the Dockerfile's own sentence", "Если изменить Dockerfile, нужен `docker compose up --build`. Образ при обычном перезапуске не пересобирается.\n", false},
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

// A layout that bind-mounts the configs: a restart does pick edits up, so
// the same sentence is right there.
func TestRebuildAnswerMounted(t *testing.T) {
	m := realFS(t, "ru-gennady")
	m["ОТЧЕТ.md"] = &fstest.MapFile{Data: []byte("Если отредактировать postgresX.yml, пересборка не нужна: изменения подхватятся при перезапуске.\n")}
	if got := lintMap(t, m); findingWith(got, "the report says an edited Patroni config") {
		t.Errorf("bind-mounted configs: want no rebuild finding, got:%s", dump(got))
	}
}

func TestSentences(t *testing.T) {
	got := sentences("2. Первое. Второе\nпродолжение.\n\n- Третье\n")
	want := []sentence{{"2. Первое.", 1}, {"Второе продолжение.", 1}, {"- Третье", 4}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// pg_hba that allows replication only from a range sharing no address with
// the subnet the compose file gives the nodes' network refuses the replica;
// a range that covers it does not.
func TestSubnetHBA(t *testing.T) {
	const say = "but the nodes are on the compose network hanet (10.30.0.0/24)"
	for _, c := range []struct {
		cidr string
		want bool
	}{{"172.20.0.0/16", true}, {"10.30.0.0/16", false}, {"10.30.0.0/24", false}} {
		m := realFS(t, "es-leire-ochandiano")
		var edits []edit
		for _, f := range []string{"patroni/postgres1.yml", "patroni/postgres2.yml"} {
			edits = append(edits, edit{file: f, old: "172.20.0.0/16", new: c.cidr})
		}
		got := lintMap(t, variantOf(t, m, edits))
		if findingWith(got, say) != c.want {
			t.Errorf("%s: want the subnet finding: %v, got:%s", c.cidr, c.want, dump(got))
		}
	}
}

// HAProxy in a profile nothing activates never starts; the same profile
// named in the report's commands (or COMPOSE_PROFILES) is activated.
func TestProfiledStack(t *testing.T) {
	const say = "haproxy runs only with the profile lb, which nothing in the answer activates"
	m := realFS(t, "es-leire-ochandiano")
	if got := lintMap(t, m); !findingWith(got, say) {
		t.Errorf("want the profile finding, got:%s", dump(got))
	}
	for _, doc := range []string{"docker compose --profile lb up -d\n", "COMPOSE_PROFILES=lb docker compose up -d\n"} {
		m := realFS(t, "es-leire-ochandiano")
		m["RESPUESTAS.md"] = &fstest.MapFile{Data: append(m["RESPUESTAS.md"].Data, []byte("\n"+doc)...)}
		if got := lintMap(t, m); findingWith(got, say) {
			t.Errorf("%q documented: want no profile finding, got:%s", doc, dump(got))
		}
	}
}

// A start script that writes the config into a folder the service mounts
// read-only fails (Read-only file system); the template it reads there is
// found, and a literal bin_dir in it is checked against the image's major.
func TestReadOnlyMountWrite(t *testing.T) {
	m := realFS(t, "es-ines-carvajal")
	got := lintMap(t, m)
	for _, want := range []string{
		"this script writes the Patroni config /etc/patroni/patroni.yml into /etc/patroni, which postgres1 and postgres2 mount read-only",
		"the node image has PostgreSQL 12 (FROM postgres:12), but bin_dir names /usr/lib/postgresql/14/bin (patroni/patroni.yml.tpl:34)",
	} {
		if !findingWith(got, want) {
			t.Errorf("want %q, got:%s", want, dump(got))
		}
	}
	m = variantOf(t, realFS(t, "es-ines-carvajal"), []edit{
		{file: "compose.yaml", old: "      - ./patroni:/etc/patroni:ro\n", new: "      - ./patroni:/etc/patroni\n"},
	})
	if got := lintMap(t, m); findingWith(got, "mounts read-only") || findingWith(got, "mount read-only") {
		t.Errorf("a writable mount: want no read-only finding, got:%s", dump(got))
	}
}

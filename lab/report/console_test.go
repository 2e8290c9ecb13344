package report

import "testing"

// The runtimes' boot lines read in the lesson's language; a line the
// catalogue does not know stays as printed.
func TestConsoleLinesInEachLanguage(t *testing.T) {
	for _, c := range []struct{ in, lang, want string }{
		{"Starting etcd (3 members)", "es", "Arrancando etcd (3 miembros)"},
		{"Starting Patroni and PostgreSQL 15", "ru", "Запуск Patroni и PostgreSQL 15"},
		{"waiting ≤ 1m0s for 1 streaming replica", "ru", "ожидание реплики в режиме streaming, не более 1m0s"},
		{"waiting ≤ 30s for a leader", "es", "esperando como mucho 30s a que haya un líder"},
		{"waiting ≤ 30s for a leader", "en", "waiting ≤ 30s for a leader"},
		{"something new", "ru", "something new"},
	} {
		if got := ConsoleLine(c.in, c.lang); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.in, got, c.want)
		}
	}
	if got := Console("prompt", "ru"); got != "[Enter: выполнить · q: выход]" {
		t.Errorf("prompt: %q", got)
	}
	for key, tr := range console {
		for _, l := range []string{"es", "ru", "en"} {
			if tr[l] == "" {
				t.Errorf("console %q has no %s", key, l)
			}
		}
	}
}

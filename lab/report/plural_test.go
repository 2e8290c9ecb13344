package report

import "testing"

// Counted words follow CLDR's plural rules: Russian's one/few/many
// (1, 21 проверка; 2, 22 проверки; 5, 11, 25, 111 проверок), Spanish's
// one/other.
func TestCountFollowsEachLanguagesPlurals(t *testing.T) {
	for _, c := range []struct {
		key, lang string
		n         int
		want      string
	}{
		{"checks", "ru", 1, "1 проверка"}, {"checks", "ru", 21, "21 проверка"},
		{"checks", "ru", 2, "2 проверки"}, {"checks", "ru", 22, "22 проверки"}, {"checks", "ru", 204, "204 проверки"},
		{"checks", "ru", 5, "5 проверок"}, {"checks", "ru", 11, "11 проверок"}, {"checks", "ru", 25, "25 проверок"}, {"checks", "ru", 111, "111 проверок"}, {"checks", "ru", 0, "0 проверок"},
		{"rows", "ru", 1, "1 строка"}, {"rows", "ru", 3, "3 строки"}, {"rows", "ru", 12, "12 строк"},
		{"times", "ru", 2, "2 раза"}, {"times", "ru", 5, "5 раз"},
		{"steps_run", "ru", 42, "выполнено 42 шага"}, {"steps_run", "ru", 51, "выполнен 51 шаг"}, {"steps_run", "ru", 53, "выполнено 53 шага"}, {"steps_run", "ru", 71, "выполнен 71 шаг"}, {"steps_run", "ru", 9, "выполнено 9 шагов"},
		{"checks", "es", 1, "1 comprobación"}, {"checks", "es", 0, "0 comprobaciones"}, {"checks", "es", 46, "46 comprobaciones"},
		{"times", "es", 1, "1 vez"}, {"times", "es", 3, "3 veces"},
		{"checks", "en", 1, "1 check"}, {"checks", "en", 2, "2 checks"}, {"times", "en", 1, "once"},
	} {
		if got := count(c.key, c.lang, c.n); got != c.want {
			t.Errorf("count(%s, %s, %d) = %q, want %q", c.key, c.lang, c.n, got, c.want)
		}
	}
}

func TestSecondsInEachLanguage(t *testing.T) {
	for lang, want := range map[string]string{"es": "27,3 s", "ru": "27,3 с", "en": "27.3s"} {
		if got := seconds(lang, 27.3, 1); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := duration("ru", 90); got != "1 мин 30 с" {
		t.Errorf("ru 90 s: %q", got)
	}
}

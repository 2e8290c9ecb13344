package report

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// counted are the report's words that go with a number, one format per
// CLDR plural form: Russian needs three (1 проверка, 2 проверки, 5
// проверок), Spanish and English two. A missing form falls back to Other.
var counted = map[string]map[string]map[plural.Form]string{
	"checks": {
		"es": {plural.One: "%d comprobación", plural.Other: "%d comprobaciones"},
		"ru": {plural.One: "%d проверка", plural.Few: "%d проверки", plural.Many: "%d проверок", plural.Other: "%d проверки"},
		"en": {plural.One: "%d check", plural.Other: "%d checks"},
	},
	"attempts": {
		"es": {plural.One: "%d intento", plural.Other: "%d intentos"},
		"ru": {plural.One: "%d попытка", plural.Few: "%d попытки", plural.Many: "%d попыток", plural.Other: "%d попытки"},
		"en": {plural.One: "%d attempt", plural.Other: "%d attempts"},
	},
	"rows": {
		"es": {plural.One: "%d fila", plural.Other: "%d filas"},
		"ru": {plural.One: "%d строка", plural.Few: "%d строки", plural.Many: "%d строк", plural.Other: "%d строки"},
		"en": {plural.One: "%d row", plural.Other: "%d rows"},
	},
	"times": {
		"es": {plural.One: "%d vez", plural.Other: "%d veces"},
		"ru": {plural.One: "%d раз", plural.Few: "%d раза", plural.Many: "%d раз", plural.Other: "%d раза"},
		"en": {plural.One: "once", plural.Other: "%d times"},
	},
	"errors": {
		"es": {plural.One: "%d error", plural.Other: "%d errores"},
		"ru": {plural.One: "%d ошибка", plural.Few: "%d ошибки", plural.Many: "%d ошибок", plural.Other: "%d ошибки"},
		"en": {plural.One: "%d error", plural.Other: "%d errors"},
	},
	"steps_run": {
		"es": {plural.One: "%d paso ejecutado", plural.Other: "%d pasos ejecutados"},
		"ru": {plural.One: "выполнен %d шаг", plural.Few: "выполнено %d шага", plural.Many: "выполнено %d шагов", plural.Other: "выполнено %d шага"},
		"en": {plural.One: "%d step run", plural.Other: "%d steps run"},
	},
	"steps_failed": {
		"es": {plural.One: "%d con fallo", plural.Other: "%d con fallo"},
		"ru": {plural.Other: "не пройдено: %d"},
		"en": {plural.Other: "%d failed"},
	},
}

var tags = map[string]language.Tag{"es": language.Spanish, "ru": language.Russian, "en": language.English}

// count is n with its word in lang, in the plural form CLDR gives n.
func count(key, lang string, n int) string {
	forms, ok := counted[key][lang]
	if !ok {
		forms = counted[key]["en"]
	}
	tag, ok := tags[lang]
	if !ok {
		tag = language.English
	}
	abs := n
	if abs < 0 {
		abs = -abs
	}
	f, ok := forms[plural.Cardinal.MatchPlural(tag, abs, 0, 0, 0, 0)]
	if !ok {
		f = forms[plural.Other]
	}
	if !strings.Contains(f, "%d") {
		return f
	}
	return fmt.Sprintf(f, n)
}

// decimal writes v with prec decimals and the language's decimal mark
// (a comma in Spanish and Russian).
func decimal(lang string, v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if lang == "es" || lang == "ru" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// seconds writes a time in seconds the way the language does: "27.3s",
// "27,3 s", "27,3 с".
func seconds(lang string, v float64, prec int) string {
	switch lang {
	case "es":
		return decimal(lang, v, prec) + " s"
	case "ru":
		return decimal(lang, v, prec) + " с"
	}
	return decimal(lang, v, prec) + "s"
}

// duration writes a longer time: minutes and seconds past a minute.
func duration(lang string, v float64) string {
	if v < 60 {
		return seconds(lang, v, 1)
	}
	min := int(v) / 60
	rest := v - float64(min*60)
	unit := map[string]string{"es": "min", "ru": "мин", "en": "m"}[lang]
	sep := " "
	if unit == "m" {
		sep = ""
	}
	if rest < 0.05 {
		return fmt.Sprintf("%d%s%s", min, sep, unit)
	}
	return fmt.Sprintf("%d%s%s %s", min, sep, unit, seconds(lang, rest, 0))
}

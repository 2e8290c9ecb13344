package report

import (
	"fmt"
	"regexp"
)

// The console's words: what a walkthrough and the boot of its lab print
// while they run, in the lesson's language. They live in the report's
// catalogue so that a lesson in Russian reads like its report.

var console = map[string]tr{
	"wait":   {"es": "esperar como mucho %s hasta que: %s", "ru": "ждать не более %s, пока: %s", "en": "wait at most %s until: %s"},
	"prompt": {"es": "[Intro: ejecutar · q: salir]", "ru": "[Enter: выполнить · q: выход]", "en": "[Enter: run · q: quit]"},
	// The live line of a long wait: seconds so far, the condition, what was seen last.
	"waiting":     {"es": "⏳ %s esperando: %s · visto: %s", "ru": "⏳ %s ожидание: %s · видно: %s", "en": "⏳ %s waiting until: %s · seen: %s"},
	"interrupted": {"es": "Interrumpido: no se guarda ningún resultado.", "ru": "Прервано: результаты не сохраняются.", "en": "Interrupted: no result saved."},
	"quit":        {"es": "Detenido: no se guarda ningún resultado.", "ru": "Остановлено: результаты не сохраняются.", "en": "Stopped: no result saved."},
	"recap":       {"es": "Resumen", "ru": "Итоги", "en": "Recap"},
	"recap_fail":  {"es": "falló en el paso %d: %s", "ru": "ошибка на шаге %d: %s", "en": "failed at step %d: %s"},
	"saved":       {"es": "Guardado: %s", "ru": "Сохранено: %s", "en": "Saved %s"},
	"with_lab":    {"es": " (se va con el laboratorio)", "ru": " (удаляется вместе с лабораторией)", "en": " (goes with the lab)"},
	"passed_one":  {"es": "El escenario ha pasado en %s.", "ru": "Сценарий пройден за %s.", "en": "The scenario passed in %s."},
	"passed_all":  {"es": "Los %d escenarios han pasado en %s.", "ru": "Все сценарии (%d) пройдены за %s.", "en": "All %d scenarios passed in %s."},
	"skips":       {"es": "Se omite %s: escrito para %s.", "ru": "Пропущено: %s — написано для %s.", "en": "Skipping %s: written for %s."},
	"running":     {"es": "Ejecutando %s en el laboratorio %s:", "ru": "Выполняется %s в лаборатории %s:", "en": "Running %s on lab %s:"},
	"other_langs": {"es": "Otros idiomas: %s", "ru": "Другие языки: %s", "en": "Other languages: %s"},
	// The session's lines around the lesson.
	"booting": {"es": "No hay ningún laboratorio %s en marcha: se arranca uno (entorno %s, perfil %s, tiempos %s).",
		"ru": "Лаборатория %s не запущена: запускается новая (среда %s, профиль %s, тайминги %s).",
		"en": "No lab %s is running: booting one (%s runtime, profile %s, timing %s)."},
	"using": {"es": "Se usa el laboratorio %s que ya está en marcha (entorno %s, %s).",
		"ru": "Используется уже запущенная лаборатория %s (среда %s, %s).",
		"en": "Using the running lab %s (%s runtime, %s)."},
	"kept": {"es": "El laboratorio %s sigue en marcha (--keep): `%s` lo elimina.",
		"ru": "Лаборатория %s продолжает работать (--keep): `%s` удалит её.",
		"en": "The lab %s keeps running (--keep): `%s` removes it."},
}

// Console is the console's line key in lang, filled with args.
func Console(key, lang string, args ...any) string {
	f := console[key].in(lang)
	if f == "" {
		f = key
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// progressRules translate the status lines a runtime prints while it
// boots or removes a lab (lab/runtime/*/lab.go, lab/probe). A line none
// knows stays as printed.
var progressRules = []struct {
	re *regexp.Regexp
	t  tr
}{
	{regexp.MustCompile(`^the (\S+) profile \((--profile \S+)\)$`), tr{"es": "el perfil $1 ($2)", "ru": "профиля $1 ($2)", "en": "$0"}},
	{regexp.MustCompile(`^the (\S+) runtime \((--runtime \S+)\)$`), tr{"es": "el entorno $1 ($2)", "ru": "среды $1 ($2)", "en": "$0"}},
	{regexp.MustCompile(`^Starting etcd \((\d+) members\)$`), tr{"es": "Arrancando etcd ($1 miembros)", "ru": "Запуск etcd (участников: $1)", "en": "$0"}},
	{regexp.MustCompile(`^Starting ZooKeeper(.*)$`), tr{"es": "Arrancando ZooKeeper$1", "ru": "Запуск ZooKeeper$1", "en": "$0"}},
	{regexp.MustCompile(`^Starting Patroni and PostgreSQL(.*)$`), tr{"es": "Arrancando Patroni y PostgreSQL$1", "ru": "Запуск Patroni и PostgreSQL$1", "en": "$0"}},
	{regexp.MustCompile(`^Starting HAProxy$`), tr{"es": "Arrancando HAProxy", "ru": "Запуск HAProxy", "en": "$0"}},
	{regexp.MustCompile(`^Preparing lab (\S+) in (.*)$`), tr{"es": "Preparando el laboratorio $1 en $2", "ru": "Подготовка лаборатории $1 в $2", "en": "$0"}},
	{regexp.MustCompile(`^Checking images$`), tr{"es": "Comprobando las imágenes", "ru": "Проверка образов", "en": "$0"}},
	{regexp.MustCompile(`^Creating network, volumes and containers$`), tr{"es": "Creando la red, los volúmenes y los contenedores", "ru": "Создание сети, томов и контейнеров", "en": "$0"}},
	{regexp.MustCompile(`^Removing lab (\S+)$`), tr{"es": "Eliminando el laboratorio $1", "ru": "Удаление лаборатории $1", "en": "$0"}},
	{regexp.MustCompile(`^Stopping lab (\S+)$`), tr{"es": "Deteniendo el laboratorio $1", "ru": "Остановка лаборатории $1", "en": "$0"}},
	{regexp.MustCompile(`^waiting ≤ (\S+) for etcd quorum$`), tr{"es": "esperando como mucho $1 al quórum de etcd", "ru": "ожидание кворума etcd, не более $1", "en": "$0"}},
	{regexp.MustCompile(`^waiting ≤ (\S+) for ZooKeeper to answer imok$`), tr{"es": "esperando como mucho $1 a que ZooKeeper responda imok", "ru": "ожидание ответа imok от ZooKeeper, не более $1", "en": "$0"}},
	{regexp.MustCompile(`^waiting ≤ (\S+) for a leader$`), tr{"es": "esperando como mucho $1 a que haya un líder", "ru": "ожидание лидера, не более $1", "en": "$0"}},
	{regexp.MustCompile(`^waiting ≤ (\S+) for 1 streaming replica$`), tr{"es": "esperando como mucho $1 a una réplica en streaming", "ru": "ожидание реплики в режиме streaming, не более $1", "en": "$0"}},
	{regexp.MustCompile(`^waiting ≤ (\S+) for (\d+) streaming replicas$`), tr{"es": "esperando como mucho $1 a $2 réplicas en streaming", "ru": "ожидание реплик в режиме streaming ($2), не более $1", "en": "$0"}},
	{regexp.MustCompile(`^waiting ≤ (\S+) for HAProxy to route to the leader only$`), tr{"es": "esperando como mucho $1 a que HAProxy envíe las conexiones solo al líder", "ru": "ожидание, пока HAProxy начнёт направлять подключения только на лидера, не более $1", "en": "$0"}},
	{regexp.MustCompile(`^waiting ≤ (\S+) for (\S+) to be healthy$`), tr{"es": "esperando como mucho $1 a que $2 esté sano (healthy)", "ru": "ожидание, пока $2 станет healthy, не более $1", "en": "$0"}},
	{regexp.MustCompile(`^waiting ≤ (\S+) for (\S+) to answer srvr$`), tr{"es": "esperando como mucho $1 a que $2 responda srvr", "ru": "ожидание ответа srvr от $2, не более $1", "en": "$0"}},
}

// ConsoleLine is a runtime's status line in lang.
func ConsoleLine(s, lang string) string {
	for _, r := range progressRules {
		if m := r.re.FindStringSubmatchIndex(s); m != nil {
			return string(r.re.ExpandString(nil, r.t.in(lang), s, m))
		}
	}
	return s
}

// Count is n with its word in lang, in the plural form the language
// gives n ("1 check", "5 проверок").
func Count(key, lang string, n int) string { return count(key, lang, n) }

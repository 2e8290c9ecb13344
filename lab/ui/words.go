package ui

import "fmt"

// Langs are the page's languages, as the reports': es, ru, en.
var Langs = []string{"es", "ru", "en"}

// words is the page's catalogue: every text a reader sees on it, in each
// language. The page is built once per language with its column.
var words = map[string]map[string]string{
	"title":        {"es": "pglab en vivo", "ru": "pglab вживую", "en": "pglab live"},
	"lab":          {"es": "Laboratorio", "ru": "Лаборатория", "en": "Lab"},
	"no_labs":      {"es": "no hay laboratorios en marcha: pglab up", "ru": "нет запущенных лабораторий: pglab up", "en": "no lab is running: pglab up"},
	"connected":    {"es": "conectado", "ru": "подключено", "en": "connected"},
	"reconnecting": {"es": "sin conexión con pglab ui: reconectando…", "ru": "нет связи с pglab ui: переподключение…", "en": "lost pglab ui: reconnecting…"},
	"lab_gone":     {"es": "el laboratorio no está: se espera a que vuelva", "ru": "лаборатории нет: ждём, пока она вернётся", "en": "the lab is gone: waiting for it to come back"},
	"leader_key":   {"es": "clave del líder", "ru": "ключ лидера", "en": "leader key"},
	"lease_left":   {"es": "vence en", "ru": "истекает через", "en": "lease left"},
	"no_leader":    {"es": "sin líder", "ru": "нет лидера", "en": "no leader"},
	"dcs_down":     {"es": "DCS sin respuesta", "ru": "DCS не отвечает", "en": "DCS not answering"},
	"leader":       {"es": "líder", "ru": "лидер", "en": "leader"},
	"replica":      {"es": "réplica", "ru": "реплика", "en": "replica"},
	"unreachable":  {"es": "inalcanzable", "ru": "недоступен", "en": "unreachable"},
	"writable":     {"es": "acepta escrituras", "ru": "принимает запись", "en": "writable"},
	"read_only":    {"es": "solo lectura", "ru": "только чтение", "en": "read-only"},
	"timeline":     {"es": "TL", "ru": "TL", "en": "TL"},
	"lag":          {"es": "retraso", "ru": "отставание", "en": "lag"},
	"unknown":      {"es": "desconocido", "ru": "неизвестно", "en": "unknown"},
	"member_up":    {"es": "activo", "ru": "работает", "en": "up"},
	"member_down":  {"es": "caído", "ru": "не работает", "en": "down"},
	"streaming":    {"es": "replicación", "ru": "репликация", "en": "streaming"},
	"routes":       {"es": "conexiones", "ru": "подключения", "en": "connections"},
	"actions":      {"es": "Acciones", "ru": "Действия", "en": "Actions"},
	"same_as":      {"es": "equivale a", "ru": "то же, что", "en": "same as"},
	"stop":         {"es": "parar", "ru": "остановить", "en": "stop"},
	"kill":         {"es": "matar", "ru": "убить", "en": "kill"},
	"start":        {"es": "arrancar", "ru": "запустить", "en": "start"},
	"pause":        {"es": "congelar", "ru": "заморозить", "en": "pause"},
	"resume":       {"es": "reanudar", "ru": "возобновить", "en": "resume"},
	"partition":    {"es": "aislar", "ru": "изолировать", "en": "partition"},
	"heal":         {"es": "reconectar", "ru": "вернуть в сеть", "en": "heal"},
	"switchover":   {"es": "switchover", "ru": "switchover", "en": "switchover"},
	"load_on":      {"es": "carga: encender", "ru": "нагрузка: включить", "en": "load: on"},
	"load_off":     {"es": "carga: apagar", "ru": "нагрузка: выключить", "en": "load: off"},
	"running":      {"es": "en curso", "ru": "выполняется", "en": "running"},
	"done":         {"es": "hecho", "ru": "готово", "en": "done"},
	"failed":       {"es": "falló", "ru": "ошибка", "en": "failed"},
	"acked":        {"es": "escrituras confirmadas/s", "ru": "подтверждённых записей/с", "en": "acknowledged writes/s"},
	"errors":       {"es": "errores/s", "ru": "ошибок/с", "en": "errors/s"},
	"fault":        {"es": "fallo", "ru": "сбой", "en": "fault"},
	"no_load":      {"es": "sin carga: «carga: encender» escribe a través de HAProxy", "ru": "нагрузки нет: «нагрузка: включить» пишет через HAProxy", "en": "no load: “load: on” writes through HAProxy"},
	"step":         {"es": "Paso", "ru": "Шаг", "en": "Step"},
	"output":       {"es": "salida", "ru": "вывод", "en": "output"},
	"seconds":      {"es": "s", "ru": "с", "en": "s"},
	"writes_at":    {"es": "%d escrituras/s", "ru": "%d записей/с", "en": "%d writes/s"},
}

// catalogue is the page's words in lang (en when lang is unknown).
func catalogue(lang string) map[string]string {
	out := map[string]string{}
	for k, tr := range words {
		s, ok := tr[lang]
		if !ok {
			s = tr["en"]
		}
		out[k] = s
	}
	return out
}

// CheckLang refuses a language the page is not written in.
func CheckLang(lang string) error {
	for _, l := range Langs {
		if l == lang {
			return nil
		}
	}
	return fmt.Errorf("--lang %q: choose es, ru or en", lang)
}

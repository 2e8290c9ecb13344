package report

// labels are the report's own words, in each language.
var labels = map[string]map[string]string{
	"title":      {"es": "Informe de pglab", "ru": "Отчёт pglab", "en": "pglab report"},
	"failovers":  {"es": "Conmutaciones medidas bajo carga", "ru": "Переключения под нагрузкой, с измерениями", "en": "Failovers measured under load"},
	"lab":        {"es": "Laboratorio", "ru": "Лаборатория", "en": "Lab"},
	"runtime":    {"es": "Entorno de ejecución", "ru": "Среда выполнения", "en": "Runtime"},
	"run":        {"es": "Ejecución", "ru": "Запуск", "en": "Run"},
	"started":    {"es": "Inicio", "ru": "Начало", "en": "Started"},
	"took":       {"es": "Duración", "ru": "Длительность", "en": "Took"},
	"component":  {"es": "Componente", "ru": "Компонент", "en": "Component"},
	"version":    {"es": "Versión en ejecución", "ru": "Запущенная версия", "en": "Running version"},
	"result_ok":  {"es": "Todas las comprobaciones pasaron", "ru": "Все проверки пройдены", "en": "All checks passed"},
	"result_bad": {"es": "Una comprobación falló", "ru": "Проверка не пройдена", "en": "A check failed"},
	"deviations": {"es": "Diferencias con lo que fija el ejercicio", "ru": "Отличия от того, что задано в упражнении", "en": "Differences from what the exercise fixes"},
	"failure":    {"es": "Fallo", "ru": "Сбой", "en": "Failure"},
	// A measured failover's figures (lab/measure), and its timeline's caption.
	"f_fault":       {"es": "fallo", "ru": "сбой", "en": "fault"},
	"f_leader":      {"es": "líder", "ru": "лидер", "en": "leader"},
	"f_rto":         {"es": "RTO de escritura (última escritura confirmada antes del hueco → primera después)", "ru": "RTO записи (последняя подтверждённая запись до паузы → первая после)", "en": "write RTO (last acknowledged write before the gap → first after)"},
	"f_timeline":    {"es": "timeline", "ru": "timeline", "en": "timeline"},
	"f_leader_key":  {"es": "cambio de la clave de líder (desde el fallo)", "ru": "смена ключа лидера (от сбоя)", "en": "leader key changed (since the fault)"},
	"f_patroni":     {"es": "Patroni anuncia el nuevo primario", "ru": "Patroni сообщает о новом primary", "en": "Patroni reports the new primary"},
	"f_haproxy":     {"es": "HAProxy enruta solo a él", "ru": "HAProxy направляет только на него", "en": "HAProxy routes to it only"},
	"f_rejoined":    {"es": "el antiguo primario se reincorporó (desde su reinicio)", "ru": "старый primary вернулся (от его перезапуска)", "en": "old primary rejoined (since its restart)"},
	"f_lost":        {"es": "escrituras confirmadas perdidas", "ru": "потеряно подтверждённых записей", "en": "acknowledged writes lost"},
	"f_unacked":     {"es": "filas en el nuevo primario nunca confirmadas", "ru": "строк на новом primary без подтверждения", "en": "rows on the new primary never acknowledged"},
	"f_writes":      {"es": "escrituras enviadas / confirmadas / en duda", "ru": "записей отправлено / подтверждено / под вопросом", "en": "writes sent / acknowledged / in doubt"},
	"f_errors":      {"es": "errores (escritura / conexión)", "ru": "ошибок (запись / подключение)", "en": "errors (write / connect)"},
	"f_split_brain": {"es": "rondas con split brain", "ru": "раундов со split brain", "en": "split-brain rounds"},
	"f_of":          {"es": "%d de %d", "ru": "%d из %d", "en": "%d of %d"},
	"f_bound":       {"es": "cota teórica del RTO de escritura", "ru": "теоретическая граница RTO записи", "en": "theoretical bound of the write RTO"},
	"f_timing":      {"es": "tiempos", "ru": "тайминги", "en": "timing"},
	"f_not_seen":    {"es": "no observado", "ru": "не наблюдалось", "en": "not seen"},
	"f_yes":         {"es": "sí", "ru": "да", "en": "yes"},
	"f_no":          {"es": "no", "ru": "нет", "en": "no"},
	"f_rejoin_val":  {"es": "%1, %2, pg_rewind: %3", "ru": "%1, %2, pg_rewind: %3", "en": "%1, %2, pg_rewind: %3"},
	"f_timing_val":  {"es": "%1: Patroni %2; HAProxy %3; %4", "ru": "%1: Patroni %2; HAProxy %3; %4", "en": "%1: Patroni %2; HAProxy %3; %4"},
	"f_chart":       {"es": "escrituras confirmadas cada %d ms", "ru": "подтверждённые записи за каждые %d мс", "en": "acknowledged writes per %d ms"},
	"f_caption":     {"es": "escrituras confirmadas cada %d ms (verde), errores (rojo, bajo el eje)", "ru": "подтверждённые записи за каждые %d мс (зелёным), ошибки (красным, под осью)", "en": "acknowledged writes per %d ms (green), errors (red, under the axis)"},
	"env_note": {
		"es": "Cada comando se muestra tal como se ejecutó y va seguido de su salida real. Los comandos `psql` se ejecutaron con la contraseña del superusuario en la variable de entorno `PGPASSWORD` (nunca en la línea de comandos); toda contraseña aparece como `********`.",
		"ru": "Каждая команда показана так, как она была выполнена, и за ней следует её настоящий вывод. Команды `psql` выполнялись с паролем суперпользователя в переменной окружения `PGPASSWORD` (никогда в командной строке); все пароли заменены на `********`.",
		"en": "Every command is shown as it was run and is followed by its real output. The `psql` commands ran with the superuser's password in the `PGPASSWORD` environment variable (never on the command line); every password shows as `********`.",
	},
	"reproduce": {
		"es": "Para reproducirlo",
		"ru": "Чтобы воспроизвести",
		"en": "To reproduce it",
	},
	"translation":  {"es": "Traducción", "ru": "Перевод", "en": "Translation"},
	"answered_by":  {"es": "Escenario", "ru": "Сценарий", "en": "Scenario"},
	"v_pass":       {"es": "comprobado", "ru": "проверено", "en": "verified"},
	"v_fail":       {"es": "falló", "ru": "не пройдено", "en": "failed"},
	"v_notrun":     {"es": "no se llegó a ejecutar", "ru": "не выполнено", "en": "not run"},
	"v_notcovered": {"es": "no cubierta por estos escenarios", "ru": "не покрыто этими сценариями", "en": "not covered by these scenarios"},
	"v_notinrun":   {"es": "no incluida en esta ejecución", "ru": "нет в этом запуске", "en": "not in this run"},
	"v_notinrun_why": {
		"es": "Ningún escenario de esta ejecución la responde; la responde %1.",
		"ru": "Ни один сценарий этого запуска на это не отвечает; ответ даст %1.",
		"en": "No scenario of this run answers it; %1 does.",
	},
	"other_stack": {
		"es": "Esta ejecución se hizo sobre el montaje del perfil %1, no sobre el de este ejercicio (%2): aquí no se respondió ninguna de sus preguntas. Para responderlas: %3.",
		"ru": "Этот запуск шёл на стенде профиля %1, а не на стенде этого задания (%2): ни один его пункт здесь не проверялся. Чтобы проверить их: %3.",
		"en": "This run was on the %1 profile's stack, not this exercise's (%2): none of its questions was answered here. To answer them: %3.",
	},
	"look":      {"es": "Qué mirar", "ru": "На что смотреть", "en": "What to look for"},
	"expected":  {"es": "Se esperaba", "ru": "Ожидалось", "en": "Expected"},
	"exit":      {"es": "código de salida", "ru": "код возврата", "en": "exit code"},
	"problem":   {"es": "Problema", "ru": "Проблема", "en": "Problem"},
	"env_set":   {"es": "con %s en el entorno", "ru": "с %s в окружении", "en": "with %s in the environment"},
	"wait":      {"es": "Espera (como mucho %s) a que se cumpla", "ru": "Ожидание (не более %s) условия", "en": "Wait at most %s until"},
	"wait_held": {"es": "se cumplió a los %s (%s)", "ru": "выполнено через %s (%s)", "en": "held after %s (%s)"},
	"wait_fail": {"es": "no se cumplió en %s", "ru": "не выполнено за %s", "en": "did not hold within %s"},
	"wait_how": {
		"es": "pglab consulta la API REST de Patroni (/cluster, /patroni) y las estadísticas de HAProxy hasta que se cumple la condición.",
		"ru": "pglab опрашивает REST API Patroni (/cluster, /patroni) и статистику HAProxy, пока условие не выполнится.",
		"en": "pglab polls Patroni's REST API (/cluster, /patroni) and HAProxy's statistics until the condition holds.",
	},
	"last_seen": {"es": "Último estado visto", "ru": "Последнее состояние", "en": "Last seen"},
	"other":     {"es": "Preparación y otros pasos", "ru": "Подготовка и прочие шаги", "en": "Preparation and other steps"},
	"other_note": {
		"es": "Pasos que no responden por sí mismos a ninguna pregunta de este informe (esperas previas, tablas de prueba, comprobaciones que pide el otro ejercicio), con su salida.",
		"ru": "Шаги, которые сами по себе не отвечают ни на один вопрос этого отчёта (предварительные ожидания, тестовые таблицы, проверки, которые требует другое задание), с их выводом.",
		"en": "Steps that answer none of this report's questions by themselves (preliminary waits, test tables, checks the other exercise asks for), with their output.",
	},
	"contents": {"es": "Contenido", "ru": "Содержание", "en": "Contents"},

	// An impossible figure (lab/measure/errors.go), shown in red.
	"measurement_error": {"es": "Error de medición (no es un resultado; fuera de las medianas)", "ru": "Ошибка измерения (не результат; не входит в медианы)", "en": "Measurement error (not a result; left out of the medians)"},

	// pglab grade: the feedback a student reads and the teacher's gradebook.
	"g_feedback":      {"es": "Corrección: %s", "ru": "Оценка работы: %s", "en": "Grade: %s"},
	"g_score":         {"es": "Puntuación", "ru": "Баллы", "en": "Score"},
	"g_question":      {"es": "Pregunta", "ru": "Вопрос", "en": "Question"},
	"g_weight":        {"es": "Peso", "ru": "Вес", "en": "Weight"},
	"g_verdict":       {"es": "Resultado", "ru": "Результат", "en": "Result"},
	"g_pass":          {"es": "superada", "ru": "зачтено", "en": "passed"},
	"g_fail":          {"es": "no superada", "ru": "не зачтено", "en": "failed"},
	"g_not_graded":    {"es": "sin calificar", "ru": "не оценено", "en": "not graded"},
	"g_by_lint":       {"es": "según lint: la imagen no se construyó aquí", "ru": "по lint: образ здесь не собирался", "en": "by lint: the image was not built here"},
	"g_lint":          {"es": "Hallazgos de lint", "ru": "Замечания lint", "en": "Lint findings"},
	"g_none":          {"es": "Ninguno.", "ru": "Нет.", "en": "None."},
	"g_failed_checks": {"es": "Comprobaciones fallidas", "ru": "Непройденные проверки", "en": "Failed checks"},
	"g_command":       {"es": "Orden", "ru": "Команда", "en": "Command"},
	"g_output":        {"es": "Salida", "ru": "Вывод", "en": "Output"},
	"g_expected":      {"es": "Se esperaba", "ru": "Ожидалось", "en": "Expected"},
	"g_problem":       {"es": "Qué falló", "ru": "Что не так", "en": "What failed"},
	"g_subst":         {"es": "Sustituciones (esta máquina no puede descargar esas imágenes)", "ru": "Замены (эта машина не может скачать эти образы)", "en": "Substitutions (this machine cannot pull those images)"},
	"g_read":          {"es": "Leído de los contenedores en marcha (sus ficheros no lo dicen)", "ru": "Прочитано из запущенных контейнеров (в файлах этого нет)", "en": "Read from the running containers (the files do not say it)"},
	"g_status":        {"es": "Estado", "ru": "Статус", "en": "Status"},
	"g_why":           {"es": "Motivo", "ru": "Причина", "en": "Why"},
	"g_full_report":   {"es": "Informe completo, con cada paso y su salida", "ru": "Полный отчёт: каждый шаг и его вывод", "en": "Full report, every step and its output"},
	"g_gradebook":     {"es": "Calificaciones", "ru": "Ведомость", "en": "Gradebook"},
	"g_name":          {"es": "Entrega", "ru": "Работа", "en": "Submission"},
	"g_exercise":      {"es": "Ejercicio", "ru": "Упражнение", "en": "Exercise"},
	"g_findings":      {"es": "Hallazgos", "ru": "Замечания", "en": "Findings"},
	"g_graded_at":     {"es": "Calificada", "ru": "Оценено", "en": "Graded at"},
	"g_open":          {"es": "corrección", "ru": "отзыв", "en": "feedback"},
	"g_sort":          {"es": "Pulsa una columna para ordenar.", "ru": "Нажмите на столбец, чтобы отсортировать.", "en": "Click a column to sort."},
	"st_graded":       {"es": "calificada", "ru": "оценено", "en": "graded"},
	"st_not graded":   {"es": "sin calificar", "ru": "не оценено", "en": "not graded"},
	"st_no boot":      {"es": "no arrancó", "ru": "не запустилось", "en": "did not boot"},
	"st_unreadable":   {"es": "ilegible", "ru": "не читается", "en": "unreadable"},
	"g_ex_ops":        {"es": "test de operación", "ru": "тест по эксплуатации", "en": "operations test"},
	"g_ex_lab":        {"es": "laboratorio de alta disponibilidad", "ru": "лабораторная по высокой доступности", "en": "HA lab"},
	"g_variant":       {"es": "(otra disposición de ficheros)", "ru": "(другая раскладка файлов)", "en": "(another layout)"},
	"g_unreachable":   {"es": "esta máquina no puede descargar lo que la comprobación necesita (una imagen o un paquete): no es un fallo de la entrega", "ru": "эта машина не может скачать то, что нужно проверке (образ или пакет): это не ошибка работы", "en": "this machine cannot fetch what the check needs (an image or a package): not the submission's fault"},
	"g_compose_v1":    {"es": "el docker-compose (v1) de esta máquina rechaza el fichero compose, que Compose v2 lee (y con el que el laboratorio arrancó): no es un fallo de la entrega", "ru": "docker-compose (v1) на этой машине отвергает compose-файл, который Compose v2 читает (и с которым стенд запустился): это не ошибка работы", "en": "this machine's docker-compose (v1) refuses the compose file, which Compose v2 reads (the lab booted from it): not the submission's fault"},
	"g_r_memory":      {"es": "Esta máquina anda corta de memoria (%s MiB libres; un laboratorio necesita %s MiB): no es un fallo de la entrega, que se calificará de nuevo.", "ru": "На этой машине не хватает памяти (свободно %s МиБ, стенду нужно %s МиБ): это не ошибка работы, её оценят заново.", "en": "This machine is short of memory (%s MiB available, a lab needs %s MiB): not the submission's fault; it will be graded again."},
	"g_r_unavailable": {"es": "Esta máquina no puede descargar algo que el arranque necesita (una imagen o un paquete): no es un fallo de la entrega. Lo que se vio:", "ru": "Эта машина не может скачать то, что нужно для запуска (образ или пакет): это не ошибка работы. Что было видно:", "en": "This machine cannot fetch something the boot needs (an image or a package): not the submission's fault. What was seen:"},
	"g_r_no_boot":     {"es": "El stack de la entrega no llegó a arrancar, así que ninguna pregunta que lo necesita pudo superarse. Lo que se vio:", "ru": "Стек работы не запустился, поэтому ни один вопрос, которому он нужен, не мог быть зачтён. Что было видно:", "en": "The submission's stack did not boot, so no question that needs it could pass. What was seen:"},
	"g_r_unreadable":  {"es": "pglab no pudo leer la entrega (¿falta el fichero compose o el zip está dañado?). Lo que se vio:", "ru": "pglab не смог прочитать работу (нет compose-файла или zip повреждён?). Что было видно:", "en": "pglab could not read the submission (no compose file, or a damaged zip?). What was seen:"},
	"g_lint_note":     {"es": "Lo que escribe %s (en inglés), tal cual:", "ru": "Что выводит %s (по-английски), как есть:", "en": "What %s prints, as it is:"},
	"g_q_status":      {"es": "Por el motivo indicado arriba.", "ru": "По причине, указанной выше.", "en": "For the reason given above."},
	"g_q_no_postgis3": {"es": "Calificada solo con lint (la imagen no se construyó aquí) y %s no muestra que instale PostGIS 3: ni el paquete (postgresql-NN-postgis-3) ni una imagen base postgis/postgis.", "ru": "Оценено только по lint (образ здесь не собирался), и %s не показывает установку PostGIS 3: ни пакета (postgresql-NN-postgis-3), ни базового образа postgis/postgis.", "en": "Graded by lint alone (the image was not built here), and %s shows no PostGIS 3 installed: neither the package (postgresql-NN-postgis-3) nor a postgis/postgis base image."},
	"g_q_no_step":     {"es": "No se ejecutó ningún paso de %s.", "ru": "Ни один шаг из %s не выполнялся.", "en": "No step of %s ran."},
	"g_q_not_run":     {"es": "Algunos de sus pasos no llegaron a ejecutarse (%s): un paso anterior no se cumplió.", "ru": "Часть шагов не выполнялась (%s): не выполнилось условие предыдущего шага.", "en": "Some of its steps did not run (%s): an earlier step did not hold."},
	"g_q_cannot_ask":  {"es": "A este stack no se le puede hacer la pregunta %s: le falta lo que el ejercicio pide. Lo que dijo pglab:", "ru": "Этому стеку нельзя задать вопрос %s: в нём нет того, что требует упражнение. Что сказал pglab:", "en": "This stack cannot be asked %s: it lacks what the exercise asks for. What pglab said:"},
	"g_recovery":      {"es": "Después del fallo, el laboratorio se restauró antes de la pregunta siguiente", "ru": "После сбоя стенд восстановлен перед следующим вопросом", "en": "After the failure the lab was restored before the next question"},
}

// Label is one of the report's words in lang (English when it has none
// there): the catalogue other renderers (the grader's feedback) draw from.
func Label(key, lang string) string { return label(key, lang) }

func label(key, lang string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if s := l[lang]; s != "" {
		return s
	}
	return l["en"]
}

// VerdictText is a verdict in words.
func (m *Model) VerdictText(v string) string {
	switch v {
	case "pass":
		return m.L("v_pass")
	case "fail":
		return m.L("v_fail")
	case NotCovered:
		return m.L("v_notcovered")
	case NotInRun:
		return m.L("v_notinrun")
	}
	return m.L("v_notrun")
}

package report

import (
	"regexp"
	"strconv"
	"strings"
)

// The transcript records what the engine and the runtimes said in
// English: a wait's condition ("leader is not postgres1"), each
// expectation ("output matches /…/", "1 row(s)"), a failed check's
// problem, the version table's values, the measured figures' notes. They
// come from a small set of fixed sentences with values in them, so the
// report recognises each sentence and says it again in the reader's
// language, its values (node names, regexes, numbers) kept as they were.
// A sentence it does not know is shown as recorded, as code: the test of
// the rendered reports (english_test.go) catches any that reach a reader.

// Span is a piece of a phrase: prose in the report's language, or code
// (a node, a regex, a value) shown as it is.
type Span struct {
	Text string
	Code bool
}

// Phrase is a sentence made of prose and code.
type Phrase []Span

func prose(s string) Span { return Span{Text: s} }
func code(s string) Span  { return Span{Text: s, Code: true} }

// Markdown writes the phrase with its code as inline code.
func (p Phrase) Markdown() string {
	var b strings.Builder
	for _, s := range p {
		if s.Code {
			b.WriteString(mdInline(s.Text))
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Plain is the phrase with no markup.
func (p Phrase) Plain() string {
	var b strings.Builder
	for _, s := range p {
		b.WriteString(s.Text)
	}
	return b.String()
}

// join puts phrases one after the other with sep (prose) between them.
func join(ps []Phrase, sep string) Phrase {
	var out Phrase
	for i, p := range ps {
		if i > 0 {
			out = append(out, prose(sep))
		}
		out = append(out, p...)
	}
	return out
}

// sentence fills a translated pattern: %1, %2 … are the values, as code
// unless listed in plain.
func sentence(pattern string, values ...Span) Phrase {
	var out Phrase
	for {
		i := strings.IndexByte(pattern, '%')
		if i < 0 || i+1 >= len(pattern) || pattern[i+1] < '1' || pattern[i+1] > '9' {
			break
		}
		if i > 0 {
			out = append(out, prose(pattern[:i]))
		}
		out = append(out, values[pattern[i+1]-'1'])
		pattern = pattern[i+2:]
	}
	if pattern != "" {
		out = append(out, prose(pattern))
	}
	return out
}

type rule struct {
	re *regexp.Regexp
	// say builds the phrase from the submatches.
	say func(lang string, m []string) Phrase
}

// tr is a translated pattern in each language.
type tr map[string]string

func (t tr) in(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t["en"]
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// conditionRules: lab/scenario/condition.go's phrases, expanded.
var conditionRules = []rule{
	{regexp.MustCompile(`^leader exists$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "hay un líder", "ru": "есть лидер", "en": "a leader exists"}.in(l))
	}},
	{regexp.MustCompile(`^leader is not (\S+)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "hay un líder y no es %1", "ru": "есть лидер, и это не %1", "en": "a leader exists and it is not %1"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^leader is (\S+)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "el líder es %1", "ru": "лидер — %1", "en": "the leader is %1"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^balancer routes to leader$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "HAProxy envía las conexiones al líder, y solo a él", "ru": "HAProxy направляет подключения на лидера, и только на него", "en": "HAProxy routes to the leader, and to it only"}.in(l))
	}},
	{regexp.MustCompile(`^balancer routes nowhere$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "HAProxy no envía las conexiones a ningún nodo (ninguno responde como primario)", "ru": "HAProxy никуда не направляет подключения (ни один узел не отвечает как primary)", "en": "HAProxy routes nowhere (no node answers as primary)"}.in(l))
	}},
	{regexp.MustCompile(`^a replica streams$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "una réplica recibe el WAL por streaming", "ru": "реплика получает WAL потоковой репликацией", "en": "a replica streams"}.in(l))
	}},
	{regexp.MustCompile(`^an? sync replica streams$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "una réplica síncrona recibe el WAL por streaming", "ru": "синхронная реплика получает WAL потоковой репликацией", "en": "a sync replica streams"}.in(l))
	}},
	{regexp.MustCompile(`^an? async replica streams$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "una réplica asíncrona recibe el WAL por streaming", "ru": "асинхронная реплика получает WAL потоковой репликацией", "en": "an async replica streams"}.in(l))
	}},
	{regexp.MustCompile(`^(\S+) streams$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 recibe el WAL por streaming", "ru": "%1 получает WAL потоковой репликацией", "en": "%1 streams"}.in(l), code(m[1]))
	}},
}

// expectationRules: lab/scenario/engine.go's expectations.
var expectationRules = []rule{
	{regexp.MustCompile(`^exit code (-?\d+)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "código de salida %1", "ru": "код возврата %1", "en": "exit code %1"}.in(l), prose(m[1]))
	}},
	{regexp.MustCompile(`^output matches (/.*/)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "la salida coincide con %1", "ru": "вывод соответствует %1", "en": "output matches %1"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^output does not match (/.*/)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "la salida no coincide con %1", "ru": "вывод не соответствует %1", "en": "output does not match %1"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^(/.*/) appears (\d+) times$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 aparece %2", "ru": "%1 встречается %2", "en": "%1 appears %2"}.in(l), code(m[1]), prose(count("times", l, atoi(m[2]))))
	}},
	{regexp.MustCompile(`^(\d+) row\(s\)$`), func(l string, m []string) Phrase {
		return Phrase{prose(count("rows", l, atoi(m[1])))}
	}},
	{regexp.MustCompile(`^value (.*)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "valor %1", "ru": "значение %1", "en": "value %1"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^(\w+ = .*)$`), func(_ string, m []string) Phrase { return Phrase{code(m[1])} }},
}

// problemRules: why a check failed (engine.go), one of "; "-joined parts.
var problemRules = []rule{
	{regexp.MustCompile(`^exit code (-?\d+), expected (-?\d+)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "código de salida %1, se esperaba %2", "ru": "код возврата %1, ожидался %2", "en": "exit code %1, expected %2"}.in(l), prose(m[1]), prose(m[2]))
	}},
	{regexp.MustCompile(`^output matches (/.*/), and must not$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "la salida coincide con %1, y no debe", "ru": "вывод соответствует %1, а не должен", "en": "output matches %1, and must not"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^(/.*/) appears (\d+) times, expected (\d+)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 aparece %2; se esperaba %3", "ru": "%1 встречается %2, а ожидалось %3", "en": "%1 appears %2, expected %3"}.in(l),
			code(m[1]), prose(count("times", l, atoi(m[2]))), prose(m[3]))
	}},
	{regexp.MustCompile(`^no result rows in psql's output$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "la salida de psql no tiene filas de resultado", "ru": "в выводе psql нет строк результата", "en": "no result rows in psql's output"}.in(l))
	}},
	{regexp.MustCompile(`^(\d+) row\(s\), expected (\d+)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1; se esperaban %2", "ru": "%1, а ожидалось %2", "en": "%1, expected %2"}.in(l), prose(count("rows", l, atoi(m[1]))), prose(m[2]))
	}},
	{regexp.MustCompile(`^value (".*"), expected (".*")$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "valor %1, se esperaba %2", "ru": "значение %1, а ожидалось %2", "en": "value %1, expected %2"}.in(l), code(m[1]), code(m[2]))
	}},
	{regexp.MustCompile(`^(\w+) = (".*"), expected (".*")$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1, se esperaba %2", "ru": "%1, а ожидалось %2", "en": "%1, expected %2"}.in(l), code(m[1]+" = "+m[2]), code(m[3]))
	}},
	{regexp.MustCompile(`^output ends with: (.*)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "la salida termina así: %1", "ru": "конец вывода: %1", "en": "output ends with: %1"}.in(l), code(m[1]))
	}},
	// A wait that ran into its deadline (lab/wait), its condition said in
	// the reader's language; the cluster as last seen is data.
	{regexp.MustCompile(`^timed out after (\S+) waiting for (.*)$`), func(l string, m []string) Phrase {
		return append(Phrase{prose(tr{"es": "se agotó el plazo (", "ru": "время ожидания (", "en": "timed out after "}.in(l)), code(m[1]),
			prose(tr{"es": ") esperando a que: ", "ru": ") истекло, а не выполнилось: ", "en": " waiting for "}.in(l))}, Condition(m[2], l)...)
	}},
	{regexp.MustCompile(`^last seen: (.*)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "último estado visto: %1", "ru": "последнее состояние: %1", "en": "last seen: %1"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^(.*) \(waited (\S+), not (\S+): the cluster is as it was when an earlier wait timed out, and nothing was done to it since\)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 (se esperó %2 y no %3: el clúster está como cuando expiró una espera anterior, y nada se le hizo desde entonces)",
			"ru": "%1 (ожидание %2, а не %3: кластер такой же, как когда истекло предыдущее ожидание, и с тех пор с ним ничего не делали)",
			"en": "%1 (waited %2, not %3: the cluster is as it was when an earlier wait timed out, and nothing was done to it since)"}.in(l), code(m[1]), code(m[2]), code(m[3]))
	}},
	// A step a grader's run left out after an earlier one failed
	// (scenario.Options.GoOn).
	{regexp.MustCompile(`^not run: it needs (\S+), which step (\d+) was to find and did not$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "no se ejecutó: necesita %1, que el paso %2 debía obtener y no obtuvo",
			"ru": "не выполнялся: ему нужно %1, а шаг %2 должен был это найти и не нашёл",
			"en": "not run: it needs %1, which step %2 was to find and did not"}.in(l), code(m[1]), prose(m[2]))
	}},
	{regexp.MustCompile(`^not run: what it answers \((.*)\) already failed at step (\d+)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "no se ejecutó: lo que responde (%1) ya falló en el paso %2",
			"ru": "не выполнялся: то, на что он отвечает (%1), уже не прошло на шаге %2",
			"en": "not run: what it answers (%1) already failed at step %2"}.in(l), code(m[1]), prose(m[2]))
	}},
}

func init() {
	// A problem may also be an expectation's own sentence ("output does not match /…/").
	problemRules = append(problemRules, expectationRules...)
}

// say translates s by the first rule that matches it; a sentence no rule
// knows stays as recorded, as code.
func say(rules []rule, s, lang string) Phrase {
	for _, r := range rules {
		if m := r.re.FindStringSubmatch(s); m != nil {
			return r.say(lang, m)
		}
	}
	return Phrase{code(s)}
}

// Condition is a wait step's condition in lang.
func Condition(s, lang string) Phrase { return say(conditionRules, s, lang) }

// Expectation is one of a step's expectations in lang.
func Expectation(s, lang string) Phrase { return say(expectationRules, s, lang) }

// Problem is why a step failed, in lang: the engine joins its parts with
// "; ".
func Problem(s, lang string) Phrase {
	var parts []Phrase
	for _, p := range strings.Split(s, "; ") {
		parts = append(parts, say(problemRules, p, lang))
	}
	return join(parts, "; ")
}

// versionRules: the runtimes' version table values (lab/runtime/*/scenario.go).
var versionRules = []rule{
	{regexp.MustCompile(`^embedded: etcd members inside pglab, Patroni, PostgreSQL and HAProxy as host processes$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "%1: los miembros de etcd dentro de pglab; Patroni, PostgreSQL y HAProxy como procesos del host",
			"ru": "%1: участники etcd внутри pglab; Patroni, PostgreSQL и HAProxy — процессы хоста",
			"en": "%1: etcd members inside pglab, Patroni, PostgreSQL and HAProxy as host processes"}.in(l), code("embedded"))
	}},
	{regexp.MustCompile(`^embedded: ZooKeeper, Patroni, PostgreSQL and HAProxy as host processes$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "%1: ZooKeeper, Patroni, PostgreSQL y HAProxy como procesos del host",
			"ru": "%1: ZooKeeper, Patroni, PostgreSQL и HAProxy — процессы хоста",
			"en": "%1: ZooKeeper, Patroni, PostgreSQL and HAProxy as host processes"}.in(l), code("embedded"))
	}},
	{regexp.MustCompile(`^docker: the exercise's (\S+) through the Docker Engine API$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1: el %2 del ejercicio, a través de la API de Docker Engine",
			"ru": "%1: %2 из упражнения через API Docker Engine",
			"en": "%1: the exercise's %2 through the Docker Engine API"}.in(l), code("docker"), code(m[1]))
	}},
	{regexp.MustCompile(`^(localhost:\d+) \((\d+) was taken on this machine\)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 (el puerto %2 estaba ocupado en esta máquina)", "ru": "%1 (порт %2 на этой машине был занят)", "en": "%1 (port %2 was taken on this machine)"}.in(l), code(m[1]), code(m[2]))
	}},
	{regexp.MustCompile(`^(.*) \(image (\S+)\)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 (imagen %2)", "ru": "%1 (образ %2)", "en": "%1 (image %2)"}.in(l), code(m[1]), code(m[2]))
	}},
	{regexp.MustCompile(`^(.*) \((\S+), embedded in pglab\)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 (%2, integrado en pglab)", "ru": "%1 (%2, встроен в pglab)", "en": "%1 (%2, embedded in pglab)"}.in(l), code(m[1]), code(m[2]))
	}},
	{regexp.MustCompile(`^(.*) \(Debian's zookeeper package\)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 (paquete %2 de Debian)", "ru": "%1 (пакет %2 из Debian)", "en": "%1 (Debian's %2 package)"}.in(l), code(m[1]), code("zookeeper"))
	}},
	{regexp.MustCompile(`^the exercise's: (Patroni .*)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "los del ejercicio: %1", "ru": "как в упражнении: %1", "en": "the exercise's: %1"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^(fast|exercise): (Patroni [^;]*)(?:; (HAProxy .*))?$`), func(l string, m []string) Phrase {
		name := tr{"es": "rápidos", "ru": "быстрые", "en": "fast"}
		if m[1] == "exercise" {
			name = tr{"es": "los del ejercicio", "ru": "как в упражнении", "en": "the exercise's"}
		}
		p := sentence("%1 (%2): %3", prose(name.in(l)), code("--timing "+m[1]), code(m[2]))
		if m[3] != "" {
			p = append(p, prose("; "), code(m[3]))
		}
		return p
	}},
	{regexp.MustCompile(`^unknown \((.*)\)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "desconocida (%1)", "ru": "неизвестна (%1)", "en": "unknown (%1)"}.in(l), code(m[1]))
	}},
}

// components are the version table's own names; the rest are proper names.
var components = map[string]tr{
	"runtime":  {"es": "entorno de ejecución", "ru": "среда выполнения", "en": "runtime"},
	"timing":   {"es": "tiempos", "ru": "тайминги", "en": "timing"},
	"host":     {"es": "máquina", "ru": "машина", "en": "host"},
	"balancer": {"es": "balanceador", "ru": "балансировщик", "en": "balancer"},
}

// VersionRow is one row of the version table in lang.
func VersionRow(component, value, lang string) (string, Phrase) {
	if c, ok := components[component]; ok {
		component = c.in(lang)
	}
	for _, r := range versionRules {
		if m := r.re.FindStringSubmatch(value); m != nil {
			return component, r.say(lang, m)
		}
	}
	// A program's own version line ("postgres (PostgreSQL) 15.18"): its output.
	return component, Phrase{code(value)}
}

// noteRules: the measured failover's notes (lab/measure/figures.go).
var noteRules = []rule{
	{regexp.MustCompile(`^no write was acknowledged after the fault: the writes never resumed while measured$`), func(l string, _ []string) Phrase {
		return sentence(tr{"es": "no se confirmó ninguna escritura tras el fallo: las escrituras no se reanudaron mientras se medía",
			"ru": "после сбоя не подтверждена ни одна запись: за время измерения запись так и не возобновилась",
			"en": "no write was acknowledged after the fault: the writes never resumed while measured"}.in(l))
	}},
	{regexp.MustCompile(`^the leader did not change: (\S+) kept the leader key$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "el líder no cambió: %1 conservó la clave de líder", "ru": "лидер не сменился: ключ лидера остался у %1",
			"en": "the leader did not change: %1 kept the leader key"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^read back failed: (.*)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "falló la relectura: %1", "ru": "не удалось прочитать записи обратно: %1", "en": "read back failed: %1"}.in(l), code(m[1]))
	}},
	{regexp.MustCompile(`^split brain at ([\d.]+) s: Patroni /primary 200 on (.*), pg_is_in_recovery\(\) = false on (.*)$`), func(l string, m []string) Phrase {
		v, _ := strconv.ParseFloat(m[1], 64)
		return sentence(tr{"es": "split brain a los %1: Patroni responde 200 a /primary en %2 y pg_is_in_recovery() es false en %3",
			"ru": "split brain на %1: Patroni отвечает 200 на /primary на %2, а pg_is_in_recovery() = false на %3",
			"en": "split brain at %1: Patroni /primary 200 on %2, pg_is_in_recovery() = false on %3"}.in(l),
			prose(seconds(l, v, 2)), code(m[2]), code(m[3]))
	}},
}

// Note is a measured failover's note in lang.
func Note(s, lang string) Phrase { return say(noteRules, s, lang) }

// eventNames are the chart's events (lab/measure's Event.Name) in each language.
var eventNames = map[string]tr{
	"fault":      {"es": "fallo", "ru": "сбой", "en": "fault"},
	"leader key": {"es": "clave de líder", "ru": "ключ лидера", "en": "leader key"},
	"patroni":    {"es": "Patroni", "ru": "Patroni", "en": "patroni"},
	"balancer":   {"es": "HAProxy", "ru": "HAProxy", "en": "balancer"},
	"restore":    {"es": "reinicio", "ru": "перезапуск", "en": "restore"},
	"rejoin":     {"es": "reincorporación", "ru": "возвращение", "en": "rejoin"},
	"last ack":   {"es": "última confirmación", "ru": "последнее подтверждение", "en": "last ack"},
	"first ack":  {"es": "primera confirmación", "ru": "первое подтверждение", "en": "first ack"},
}

func eventName(name, lang string) string {
	if t, ok := eventNames[name]; ok {
		return t.in(lang)
	}
	return name
}

// boundTerms: the terms of the write RTO's theoretical bound
// (measure.Bound), each a setting or a moment and its seconds.
var boundTerms = []rule{
	{regexp.MustCompile(`^promotion ([\d.]+)s \(fault → new /primary 200\)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "promoción %1 (fallo → nuevo %2 200)", "ru": "повышение %1 (сбой → новый %2 200)", "en": "promotion %1 (fault → new %2 200)"}.in(l), prose(secs(l, m[1])), code("/primary"))
	}},
	{regexp.MustCompile(`^promotion ([\d.]+)s$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "promoción %1", "ru": "повышение %1", "en": "promotion %1"}.in(l), prose(secs(l, m[1])))
	}},
	{regexp.MustCompile(`^lease left ([\d.]+)s \(ttl − time since the last refresh\)$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "lo que le quedaba a la clave, %1 (%2 − tiempo desde la última renovación)", "ru": "остаток срока ключа %1 (%2 − время с последнего продления)",
			"en": "lease left %1 (%2 − time since the last refresh)"}.in(l), prose(secs(l, m[1])), code("ttl"))
	}},
	{regexp.MustCompile(`^status request to the old leader ([\d.]+)s$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "consulta de estado al antiguo líder, %1", "ru": "запрос состояния к старому лидеру %1", "en": "status request to the old leader %1"}.in(l), prose(secs(l, m[1])))
	}},
	{regexp.MustCompile(`^(ttl|loop_wait|inter×rise) ([\d.]+)s$`), func(l string, m []string) Phrase {
		return sentence("%1 %2", code(m[1]), prose(secs(l, m[2])))
	}},
}

func secs(lang, s string) string {
	v, _ := strconv.ParseFloat(s, 64)
	prec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		prec = len(s) - i - 1
	}
	return seconds(lang, v, prec)
}

// BoundRule is how the theoretical bound is made up, in lang.
func BoundRule(s, lang string) Phrase {
	var terms []Phrase
	for _, t := range strings.Split(s, " + ") {
		terms = append(terms, say(boundTerms, t, lang))
	}
	return join(terms, " + ")
}

// errorRules: the impossible figures lab/measure flags as measurement
// errors (lab/measure/errors.go).
var errorRules = []rule{
	{regexp.MustCompile(`^lease left at the fault ([\d.]+) s is above ttl ([\d.]+) s(?::.*)?$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "a la clave le quedaban %1 en el momento del fallo, más que su %2 de %3: se renovó después del fallo, así que el fallo no estaba en vigor desde entonces",
			"ru": "в момент сбоя срок ключа составлял %1 — больше его %2 %3: ключ продлили после сбоя, значит, сбой тогда ещё не действовал",
			"en": "lease left at the fault %1 is above %2 %3: the lease was refreshed after the fault's moment, so the fault did not hold from then"}.in(l),
			prose(secs(l, m[1])), code("ttl"), prose(secs(l, m[2])))
	}},
	{regexp.MustCompile(`^the leader key changed to (\S+) ([\d.]+) s before the fault was in effect$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "la clave de líder pasó a %1 %2 antes de que el fallo estuviera en vigor", "ru": "ключ лидера перешёл к %1 за %2 до того, как сбой вступил в силу",
			"en": "the leader key changed to %1 %2 before the fault was in effect"}.in(l), code(m[1]), prose(secs(l, m[2])))
	}},
	{regexp.MustCompile(`^(.+) (-[\d.]+) s: negative$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1: %2, un valor negativo", "ru": "%1: %2 — отрицательное значение", "en": "%1 %2: negative"}.in(l), prose(figureName(m[1], l)), prose(secs(l, m[2])))
	}},
	{regexp.MustCompile(`^(\S+) streamed from (\S+) ([\d.]+) s before it was restored$`), func(l string, m []string) Phrase {
		return sentence(tr{"es": "%1 replicaba desde %2 %3 antes de ser reiniciado", "ru": "%1 получал WAL от %2 за %3 до перезапуска",
			"en": "%1 streamed from %2 %3 before it was restored"}.in(l), code(m[1]), code(m[2]), prose(secs(l, m[3])))
	}},
}

// MeasurementError is an impossible figure's message in the reader's language.
func MeasurementError(s, lang string) Phrase { return say(errorRules, s, lang) }

// figureNames are the figures lab/measure names in its messages.
var figureNames = map[string]tr{
	"write RTO":                   {"es": "RTO de escritura", "ru": "RTO записи", "en": "write RTO"},
	"leader key changed":          {"es": "cambio de la clave de líder", "ru": "смена ключа лидера", "en": "leader key changed"},
	"Patroni reports new primary": {"es": "Patroni informa del nuevo primario", "ru": "Patroni сообщает о новом primary", "en": "Patroni reports new primary"},
	"HAProxy routes to it":        {"es": "HAProxy lo enruta", "ru": "HAProxy направляет на него", "en": "HAProxy routes to it"},
	"old primary rejoined":        {"es": "reincorporación del antiguo primario", "ru": "возвращение старого primary", "en": "old primary rejoined"},
	"lease left at the fault":     {"es": "lo que le quedaba a la clave en el fallo", "ru": "остаток срока ключа в момент сбоя", "en": "lease left at the fault"},
}

func figureName(name, lang string) string {
	if t, ok := figureNames[name]; ok {
		return t.in(lang)
	}
	return name
}

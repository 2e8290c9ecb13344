package report

// What a submission's document says first: whether its evidence covers
// the files zipped with it, and how to start them.

// Why a submission's evidence does not cover its files.
const (
	UncoveredRuntime = "runtime" // the run was on a runtime that does not run the exercise's containers
	UncoveredFiles   = "files"   // the run used other files than those zipped
)

// CoverageWarning says at the top of a document what its evidence does
// not cover: for UncoveredRuntime, a is the runtime; for UncoveredFiles, a
// is the digest of the files that ran and b the paths that differ. run is
// the command that makes the right evidence.
func CoverageWarning(lang, why, a, b, run string) Phrase {
	if why == UncoveredRuntime {
		return sentence(tr{
			"es": "⚠ **Esta documentación no prueba los ficheros de este zip.** Sus comprobaciones se hicieron en el entorno %1 (PostgreSQL, Patroni y HAProxy como procesos de la máquina, con configuraciones derivadas de estos ficheros), no en los contenedores que construyen el `Dockerfile` y el fichero compose incluidos: las versiones, los usuarios de los procesos y PostGIS que se ven abajo no son los de la imagen. La prueba de estos ficheros la da %2.",
			"ru": "⚠ **Эта документация не доказывает файлы из этого zip.** Проверки выполнялись в среде %1 (PostgreSQL, Patroni и HAProxy — процессы машины, с конфигурациями, выведенными из этих файлов), а не в контейнерах, которые собирают приложенные `Dockerfile` и файл Compose: версии, пользователи процессов и PostGIS ниже — не те, что в образе. Доказательство для этих файлов даёт %2.",
			"en": "⚠ **This documentation does not prove the files in this zip.** Its checks ran on the %1 runtime (PostgreSQL, Patroni and HAProxy as host processes, with configs derived from these files), not in the containers the enclosed `Dockerfile` and compose file build: the versions, process users and PostGIS shown below are not the image's. The evidence for these files comes from %2.",
		}.in(lang), code(a), code(run))
	}
	return sentence(tr{
		"es": "⚠ **Esta documentación no prueba exactamente los ficheros de este zip.** La ejecución usó otros ficheros (huella %1); los de este zip difieren en: %2. La prueba de estos ficheros la da %3.",
		"ru": "⚠ **Эта документация не доказывает в точности файлы из этого zip.** Запуск использовал другие файлы (отпечаток %1); файлы этого zip отличаются: %2. Доказательство для этих файлов даёт %3.",
		"en": "⚠ **This documentation does not prove exactly the files in this zip.** The run used other files (digest %1); the zip's differ in: %2. The evidence for these files comes from %3.",
	}.in(lang), code(a), code(b), code(run))
}

// StartLines say how to start the zipped files with no pglab: its own
// files also say where the balancer listens and which images a machine
// without a registry can choose.
func StartLines(lang string, own bool) []Phrase {
	out := []Phrase{sentence(tr{
		"es": "**Cómo arrancarlo:** descomprimir, entrar en la carpeta y ejecutar %1 (o %2 con Compose v1). El %3 incluido tiene contraseñas nuevas, creadas para este zip.",
		"ru": "**Как запустить:** распаковать, перейти в каталог и выполнить %1 (или %2 с Compose v1). В приложенном %3 — новые пароли, созданные для этого zip.",
		"en": "**How to start it:** unzip, enter the folder and run %1 (or %2 with Compose v1). The enclosed %3 holds fresh passwords made for this zip.",
	}.in(lang), code("docker compose up -d"), code("docker-compose up -d"), code(".env"))}
	if !own {
		return out
	}
	return append(out,
		sentence(tr{
			"es": "El balanceador escucha en el puerto 5432 de la máquina: %1 (contraseña: %2 del %3); sus estadísticas, en el puerto 7000. Si esos puertos están ocupados, %4 y %5 eligen otros.",
			"ru": "Балансировщик слушает порт 5432 машины: %1 (пароль — %2 из %3); его статистика — на порту 7000. Если эти порты заняты, другие задают %4 и %5.",
			"en": "The balancer listens on the machine's port 5432: %1 (password: %2 in %3); its statistics on port 7000. If those ports are taken, %4 and %5 choose others.",
		}.in(lang), code("psql -h localhost -p 5432 -U postgres"), code("PATRONI_SUPERUSER_PASSWORD"), code(".env"), code("HAPROXY_PORT"), code("HAPROXY_STATS_PORT")),
		sentence(tr{
			"es": "Por defecto se construye la imagen de PostgreSQL 12 sobre %1 y se descargan %2 y %3. Una máquina sin acceso a un registro elige imágenes locales con %4, %5, %6, %7 y %8 (las que construye %9).",
			"ru": "По умолчанию образ PostgreSQL 12 собирается на %1, а %2 и %3 скачиваются. Машина без доступа к реестру выбирает локальные образы через %4, %5, %6, %7 и %8 (их собирает %9).",
			"en": "By default the PostgreSQL 12 image is built on %1, and %2 and %3 are pulled. A machine without a registry chooses local images with %4, %5, %6, %7 and %8 (those %9 builds).",
		}.in(lang), code("postgres:12"), code("quay.io/coreos/etcd"), code("haproxy:2.8"), code("PG_BASE_IMAGE"), code("PG_MAJOR"), code("PG_IMAGE"), code("ETCD_IMAGE"), code("HAPROXY_IMAGE"), code("pglab images build")))
}

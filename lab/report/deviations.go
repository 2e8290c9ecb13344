package report

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/pglab/pglab/lab/provenance"
	"github.com/pglab/pglab/lab/scenario"
)

// fixed is what an exercise fixes: its stack's PostgreSQL major and the
// lowest HAProxy it accepts (the operations test asks for 2.7 or newer).
var fixed = map[string]struct {
	pgMajor          int
	haMajor, haMinor int
	postgisMajor     int
	postgisAsked     bool
}{
	"etcd":      {pgMajor: 12, haMajor: 2, haMinor: 7, postgisMajor: 3, postgisAsked: true},
	"zookeeper": {pgMajor: 15},
}

var (
	pgVersionRE      = regexp.MustCompile(`PostgreSQL\)?\s+(\d+)(?:\.\d+)?`)
	haVersionRE      = regexp.MustCompile(`HAProxy version (\d+)\.(\d+)(?:\.\d+)?`)
	imageRE          = regexp.MustCompile(`\(image (\S+)\)$`)
	postgisRE        = regexp.MustCompile(`POSTGIS="(\d+)\.`)
	rootProcessRE    = regexp.MustCompile(`(?m)^root\s+\d+\s+(.*(?:patroni|postgres).*)$`)
	processesCommand = regexp.MustCompile(`\bps\b.*-\w*o\b`)
)

// Deviations are the places where what ran differs from what the
// exercise fixes, each with its cause, in lang.
func Deviations(t *scenario.Transcript, lang string) []Phrase {
	f, ok := fixed[profileName(t.Profile)]
	if !ok {
		return nil
	}
	var out []Phrase
	for _, v := range t.Versions {
		switch v.Component {
		case "PostgreSQL":
			m := pgVersionRE.FindStringSubmatch(v.Version)
			if m == nil || atoi(m[1]) == f.pgMajor {
				continue
			}
			ran, want := "PostgreSQL "+m[1], "PostgreSQL "+strconv.Itoa(f.pgMajor)
			img := ""
			if im := imageRE.FindStringSubmatch(v.Version); im != nil {
				img = im[1]
			}
			switch {
			case strings.HasPrefix(img, "pglab/"):
				out = append(out, sentence(tr{
					"es": "%1 en lugar de %2: esta máquina no pudo descargar la imagen de partida del Dockerfile (%3), así que la imagen %4 se construyó con ese mismo Dockerfile sobre una imagen Debian de esta máquina con %1 (argumentos de construcción %5 y %6). En una máquina que puede descargar imágenes, la construcción por defecto es %2 y esta diferencia no existe.",
					"ru": "%1 вместо %2: эта машина не смогла скачать базовый образ Dockerfile (%3), поэтому образ %4 собран тем же Dockerfile на локальной базе Debian с %1 (аргументы сборки %5 и %6). На машине, которая может скачивать образы, сборка по умолчанию — %2, и этого расхождения нет.",
					"en": "%1 instead of %2: this machine could not pull the Dockerfile's starting image (%3), so the image %4 was built from that same Dockerfile on a Debian image of this machine with %1 (build arguments %5 and %6). On a machine that can pull, the default build is %2 and there is no such difference.",
				}.in(lang), code(ran), code(want), code(baseImage(t.Profile)), code(img), code("BASE_IMAGE"), code("PG_MAJOR")))
			case img != "":
				out = append(out, sentence(tr{
					"es": "%1 en lugar de %2: es la versión de la imagen %3.",
					"ru": "%1 вместо %2: такая версия в образе %3.",
					"en": "%1 instead of %2: it is the version in the image %3.",
				}.in(lang), code(ran), code(want), code(img)))
			default:
				out = append(out, sentence(tr{
					"es": "%1 en lugar de %2: el entorno %3 ejecuta el PostgreSQL de los paquetes de esta máquina, no la imagen del Dockerfile.",
					"ru": "%1 вместо %2: среда %3 запускает PostgreSQL из пакетов этой машины, а не образ из Dockerfile.",
					"en": "%1 instead of %2: the %3 runtime runs this machine's packaged PostgreSQL, not the Dockerfile's image.",
				}.in(lang), code(ran), code(want), code(t.Runtime)))
			}
		case "HAProxy":
			m := haVersionRE.FindStringSubmatch(v.Version)
			if m == nil || f.haMajor == 0 || atoi(m[1]) > f.haMajor || atoi(m[1]) == f.haMajor && atoi(m[2]) >= f.haMinor {
				continue
			}
			ran, want := "HAProxy "+m[1]+"."+m[2], "HAProxy "+strconv.Itoa(f.haMajor)+"."+strconv.Itoa(f.haMinor)
			cause := tr{
				"es": "%1, por debajo de %2 que pide el ejercicio: el entorno %3 ejecuta el HAProxy de los paquetes de esta máquina, no la imagen del fichero compose.",
				"ru": "%1 — ниже %2, которую требует упражнение: среда %3 запускает HAProxy из пакетов этой машины, а не образ, заданный в файле Compose.",
				"en": "%1, below the %2 the exercise asks for: the %3 runtime runs this machine's packaged HAProxy, not the compose file's image.",
			}
			if imageRE.MatchString(v.Version) {
				cause = tr{
					"es": "%1, por debajo de %2 que pide el ejercicio: es la versión de la imagen del fichero compose (entorno %3).",
					"ru": "%1 — ниже %2, которую требует упражнение: такая версия в образе, заданном в файле Compose (среда %3).",
					"en": "%1, below the %2 the exercise asks for: it is the version of the compose file's image (%3 runtime).",
				}
			}
			out = append(out, sentence(cause.in(lang), code(ran), code(want), code(t.Runtime)))
		}
	}
	if f.postgisAsked {
		for _, sc := range t.Scenarios {
			for _, st := range sc.Steps {
				if m := postgisRE.FindStringSubmatch(st.Output); m != nil && atoi(m[1]) != f.postgisMajor {
					out = append(out, sentence(tr{
						"es": "PostGIS %1 en lugar de PostGIS %2: es el paquete que instala el Dockerfile para esta versión de PostgreSQL.",
						"ru": "PostGIS %1 вместо PostGIS %2: этот пакет ставит Dockerfile для этой версии PostgreSQL.",
						"en": "PostGIS %1 instead of PostGIS %2: it is the package the Dockerfile installs for this PostgreSQL.",
					}.in(lang), code(m[1]), code(strconv.Itoa(f.postgisMajor))))
				}
			}
		}
	}
	for _, sc := range t.Scenarios {
		for _, st := range sc.Steps {
			if !processesCommand.MatchString(st.Command) {
				continue
			}
			if m := rootProcessRE.FindStringSubmatch(st.Output); m != nil {
				out = append(out, sentence(tr{
					"es": "Un proceso se ejecuta como %1 en %2 (%3): su imagen o su orden de arranque no cambia de usuario.",
					"ru": "Процесс работает от %1 на %2 (%3): его образ или команда запуска не меняет пользователя.",
					"en": "A process runs as %1 on %2 (%3): its image or start command does not switch user.",
				}.in(lang), code("root"), code(st.Node), code(strings.TrimSpace(m[1]))))
			}
		}
	}
	return out
}

// baseImage is the Dockerfile's default base of a profile's exercise.
func baseImage(profile string) string {
	if profileName(profile) == "zookeeper" {
		return "postgres:15"
	}
	return "postgres:12"
}

// SourceLine says which files the run used: pglab's own, or a directory,
// with the digest a reader compares against the files handed in.
func SourceLine(m *provenance.Manifest, lang string) Phrase {
	if m == nil {
		return nil
	}
	n := strconv.Itoa(len(m.Files))
	if m.From == "" {
		return sentence(tr{
			"es": "Ficheros del ejercicio: los propios de pglab (los que escribe %1), %2 ficheros, huella SHA-256 %3.",
			"ru": "Файлы упражнения: собственные файлы pglab (те, что пишет %1), файлов: %2, отпечаток SHA-256 %3.",
			"en": "Exercise files: pglab's own (those %1 writes), %2 files, SHA-256 digest %3.",
		}.in(lang), code("pglab init"), prose(n), code(m.Short()))
	}
	return sentence(tr{
		"es": "Ficheros del ejercicio: el directorio %1 (%2), %3 ficheros, huella SHA-256 %4.",
		"ru": "Файлы упражнения: каталог %1 (%2), файлов: %3, отпечаток SHA-256 %4.",
		"en": "Exercise files: the directory %1 (%2), %3 files, SHA-256 digest %4.",
	}.in(lang), code(m.From), code("--from"), prose(n), code(m.Short()))
}

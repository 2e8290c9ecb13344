package report

import (
	"html/template"
	"strings"

	"github.com/pglab/pglab/lab/labdir"
)

// Substitution is what a docker lab ran instead of what someone's files
// ask for, in lang: the services, images, files and mounts as code.
func Substitution(s labdir.Substitution, lang string) Phrase {
	switch s.Kind {
	case labdir.SubstImage:
		return sentence(tr{"es": "%1: se usó la imagen %3 en lugar de %2",
			"ru": "%1: вместо образа %2 использован %3",
			"en": "%1: ran image %3 instead of %2"}.in(lang), code(s.Service), code(s.From), code(s.To))
	case labdir.SubstBuild:
		return sentence(tr{"es": "%1: se construyó su %2 con otras imágenes base: %3",
			"ru": "%1: его %2 собран на других базовых образах: %3",
			"en": "%1: its %2 was built on other base images: %3"}.in(lang), code(s.Service), code(s.From), code(strings.Join(s.Changes, ", ")))
	case labdir.SubstReference:
		return sentence(tr{"es": "%1: su Dockerfile no se construyó; se ejecutó con la imagen %2 y sus ficheros de configuración montados (%3)",
			"ru": "%1: его Dockerfile не собирался; запущен на образе %2 с его конфигурационными файлами, смонтированными внутрь (%3)",
			"en": "%1: its Dockerfile was not built; it ran on image %2 with its configuration files mounted (%3)"}.in(lang), code(s.Service), code(s.To), code(strings.Join(s.Mounts, ", ")))
	case labdir.SubstBinDir:
		return sentence(tr{"es": "%1: %2, el PostgreSQL de esa imagen",
			"ru": "%1: %2 — PostgreSQL этого образа",
			"en": "%1: %2, that image's PostgreSQL"}.in(lang), code(s.Service), code("PATRONI_POSTGRESQL_BIN_DIR="+s.To))
	case labdir.SubstUser:
		return sentence(tr{"es": "%1: se ejecuta como %2, el usuario que deja su Dockerfile",
			"ru": "%1: запущен от имени %2 — пользователя, которого оставляет его Dockerfile",
			"en": "%1: runs as %2, the user its Dockerfile leaves"}.in(lang), code(s.Service), code(s.To))
	case labdir.SubstExtended:
		loc, dir := code("en_US.UTF-8"), code("/var/lib/postgresql/data")
		if len(s.Changes) == 0 {
			return sentence(tr{"es": "%1: la imagen %2 con la configuración regional %3 y el directorio %4 de las imágenes postgres",
				"ru": "%1: образ %2 с локалью %3 и каталогом %4, как в образах postgres",
				"en": "%1: image %2 with the postgres images' %3 locale and %4"}.in(lang), code(s.Service), code(s.To), loc, dir)
		}
		return sentence(tr{"es": "%1: la imagen %2 con los paquetes que instala su Dockerfile y que tiene la distribución (%3), la configuración regional %4 y el directorio %5 de las imágenes postgres",
			"ru": "%1: образ %2 с пакетами, которые ставит его Dockerfile и которые есть в дистрибутиве (%3), с локалью %4 и каталогом %5, как в образах postgres",
			"en": "%1: image %2 with the Debian packages its Dockerfile installs that Debian has (%3), and the postgres images' %4 locale and %5"}.in(lang), code(s.Service), code(s.To), code(strings.Join(s.Changes, " ")), loc, dir)
	case labdir.SubstNoPackages:
		return sentence(tr{"es": "%1: los paquetes que instala su Dockerfile (%2) no se pudieron añadir a %3 (%4): se ejecuta con la imagen de referencia sin cambios",
			"ru": "%1: пакеты, которые ставит его Dockerfile (%2), не удалось добавить в %3 (%4): запущен на исходном эталонном образе",
			"en": "%1: the packages its Dockerfile installs (%2) could not be added to %3 (%4): it runs on the plain reference image"}.in(lang), code(s.Service), code(strings.Join(s.Changes, " ")), code(s.To), code(s.Text))
	case labdir.SubstReplicas:
		return sentence(tr{"es": "%1: se ejecuta %3 contenedor en lugar de los %2 que pide su %4 o %5 (no es un nodo del ejercicio)",
			"ru": "%1: запущен %3 контейнер вместо %2, которые просит его %4 или %5 (это не узел упражнения)",
			"en": "%1: runs %3 container instead of the %2 its %4 or %5 asks for (it is no node of the exercise)"}.in(lang), code(s.Service), prose(s.From), prose(s.To), code("deploy.replicas"), code("scale"))
	case labdir.SubstShim:
		return sentence(tr{"es": "%1: %2 ejecutan los programas propios de la imagen sustituta",
			"ru": "%1: %2 запускают собственные программы образа-замены",
			"en": "%1: %2 run the stand-in image's own programs"}.in(lang), code(s.Service), code(strings.Join(s.Changes, ", ")))
	}
	return Phrase{code(s.Text)}
}

// Reading is what a docker lab read from a node's running container
// because the files did not say it, in lang.
func Reading(r labdir.Reading, lang string) Phrase {
	var what []string
	for _, k := range r.Read {
		what = append(what, readingWords[k].in(lang))
	}
	if len(what) == 0 {
		what = r.Read
	}
	return sentence(tr{"es": "%1: el fichero de Patroni %2, el que nombra su línea de órdenes %3; de él se leyó: %4",
		"ru": "%1: файл Patroni %2, названный в его командной строке %3; из него прочитано: %4",
		"en": "%1: Patroni's file %2, the one its command line %3 names; read from it: %4"}.in(lang),
		code(r.Service), code(r.Config), code(r.Command), prose(strings.Join(what, ", ")))
}

var readingWords = map[string]tr{
	labdir.ReadPath:                {"es": "la ruta del fichero", "ru": "путь к файлу", "en": "the file's path"},
	labdir.ReadMember:              {"es": "el nombre del miembro", "ru": "имя участника", "en": "the member's name"},
	labdir.ReadSuperuser:           {"es": "el superusuario", "ru": "суперпользователь", "en": "the superuser"},
	labdir.ReadSuperuserPassword:   {"es": "su contraseña", "ru": "его пароль", "en": "its password"},
	labdir.ReadReplicationPassword: {"es": "la contraseña de replicación", "ru": "пароль репликации", "en": "the replication password"},
	labdir.ReadRESTPort:            {"es": "el puerto de la API REST", "ru": "порт REST API", "en": "the REST API's port"},
}

// PhraseHTML is a phrase as HTML: its code in <code>, the prose escaped.
func PhraseHTML(p Phrase) template.HTML { return phraseHTML(p) }

// Failure is a failed step's problem in lang: the engine's sentences
// said again, a program's own words kept as code.
func Failure(s, lang string) Phrase { return failure(s, lang) }

// CodeSpans is a text with `code` spans (the rubric's and scenarios'
// texts) as HTML: the spans in <code>, the rest escaped.
func CodeSpans(s string) template.HTML { return codeSpans(s) }

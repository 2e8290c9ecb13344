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
	}
	return Phrase{code(s.Text)}
}

// PhraseHTML is a phrase as HTML: its code in <code>, the prose escaped.
func PhraseHTML(p Phrase) template.HTML { return phraseHTML(p) }

// Failure is a failed step's problem in lang: the engine's sentences
// said again, a program's own words kept as code.
func Failure(s, lang string) Phrase { return failure(s, lang) }

// CodeSpans is a text with `code` spans (the rubric's and scenarios'
// texts) as HTML: the spans in <code>, the rest escaped.
func CodeSpans(s string) template.HTML { return codeSpans(s) }

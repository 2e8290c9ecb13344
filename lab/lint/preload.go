package lint

import (
	"fmt"
	"regexp"
	"strings"
)

// preloadRenamed: names written in shared_preload_libraries for an
// extension whose library has another name: there is no pgvector.so (the
// extension's library is vector, and it needs no preloading), and no
// postgis.so (PostGIS's library is named with its major version, MODULE_big
// = postgis-3 since 3.0, postgis-2.5 before; CREATE EXTENSION postgis
// loads it, nothing is preloaded).
var preloadRenamed = map[string]string{"pgvector": "vector", "postgis": "postgis-3"}

// preloadThirdParty: preloaded libraries that are no part of PostgreSQL's
// contrib, each with the words its packages and builds are named by
// (Debian's postgresql-16-pgaudit, postgresql-16-cron, ...).
var preloadThirdParty = map[string]string{
	"pgaudit":          `pgaudit`,
	"pg_cron":          `pg[-_]?cron|postgresql-\d+-cron`,
	"timescaledb":      `timescale`,
	"pglogical":        `pglogical`,
	"citus":            `citus`,
	"pg_partman_bgw":   `partman`,
	"pg_squeeze":       `squeeze`,
	"pg_stat_kcache":   `kcache`,
	"pg_qualstats":     `qualstats`,
	"pg_wait_sampling": `wait[-_]sampling`,
	"pg_hint_plan":     `hint[-_]plan`,
	"set_user":         `set[-_]user`,
	"pg_stat_monitor":  `stat[-_]monitor`,
}

// contribBases: images whose PostgreSQL has contrib and nothing else
// preloadable of the list above (pgvector adds only vector).
var contribBases = map[string]bool{"postgres": true, "library/postgres": true, "docker.io/library/postgres": true, "pgvector/pgvector": true}

// checkPreloadLibraries: shared_preload_libraries (local or bootstrap.dcs
// parameters) names a library that does not exist (pgvector for vector),
// or a third-party one that the node's image, built here from the official
// postgres image (or pgvector's), does not have and its Dockerfile does not
// install: the postmaster stops (FATAL: could not access file "pgaudit"),
// no node bootstraps (batch 32: edwinadvine-erp, kind 1).
func (l *linter) checkPreloadLibraries(n *nodeConf) {
	for _, at := range [][]string{{"postgresql", "parameters"}, {"bootstrap", "dcs", "postgresql", "parameters"}} {
		_, params := getPath(n.conf.root, at...)
		k, v := get(params, "shared_preload_libraries")
		if k == nil {
			continue
		}
		val, ok := scalar(v)
		if !ok || strings.Contains(val, "$") {
			continue
		}
		key := fmt.Sprintf("preload:%s:%d", n.file, k.Line)
		if l.once[key] {
			continue
		}
		var bad []string
		first := ""
		for _, lib := range strings.Split(val, ",") {
			lib = strings.Trim(strings.TrimSpace(lib), `"'`)
			lib = strings.TrimPrefix(lib, "$libdir/")
			if to, ok := preloadRenamed[lib]; ok {
				bad = append(bad, fmt.Sprintf("%s (its library is %s, which needs no preloading)", lib, to))
				first = orStr(first, lib)
				continue
			}
			if pat, ok := preloadThirdParty[lib]; ok {
				if why := l.preloadMissing(n, pat); why != "" {
					bad = append(bad, fmt.Sprintf("%s (%s)", lib, why))
					first = orStr(first, lib)
				}
			}
		}
		if len(bad) == 0 {
			continue
		}
		l.once[key] = true
		l.add(n.file, k.Line, fmt.Sprintf("shared_preload_libraries names %s: PostgreSQL refuses to start (FATAL: could not access file \"%s\": No such file or directory), so no node bootstraps", joinAnd(bad), first),
			"name only libraries the image has (vector and PostGIS are loaded by CREATE EXTENSION, not preloaded), and install the others in the Dockerfile (postgresql-<major>-pgaudit, ...)")
	}
}

// preloadMissing says why the node's image lacks the library whose
// packages match pat ("" when it may have it or lint cannot tell): built
// here from a contrib-only base, with no word of the Dockerfile naming it
// and no step that could bring it unseen (COPY --from, make install, pgxn).
func (l *linter) preloadMissing(n *nodeConf, pat string) string {
	if n.svc == nil || n.svc.df == nil || n.svc.df.parseErr != nil {
		return ""
	}
	st := n.svc.df.final()
	if st == nil || !st.root().baseOK {
		return ""
	}
	base := st.root().base
	repo, _ := imageRef(base)
	if !contribBases[repo] {
		return ""
	}
	data, ok := l.read(n.svc.dfPath)
	if !ok {
		return ""
	}
	text := strings.ToLower(string(data))
	if regexp.MustCompile(`(?i)`+pat).MatchString(text) || regexp.MustCompile(`copy\s+--from|make\s+install|pgxn|\.deb\b`).MatchString(text) {
		return ""
	}
	return fmt.Sprintf("not in %s, and %s installs no package of it", base, n.svc.dfPath)
}

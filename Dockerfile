# PostgreSQL + Patroni (etcd3) + PostGIS 3, run as the unprivileged postgres user.
#
# Defaults build the operations test's image: PostgreSQL 12 on the official
# postgres:12 image. Machines that cannot pull it pass another Debian-based
# base that already has PostgreSQL PG_MAJOR installed, for example:
#   docker build --build-arg BASE_IMAGE=pglab/debian-pg:17 --build-arg PG_MAJOR=17 .
ARG BASE_IMAGE=postgres:12
FROM ${BASE_IMAGE}

ARG PG_MAJOR=12
USER root

# Patroni and its etcd3 client come from Debian packages: today's bookworm-based
# postgres:12 refuses a bare `pip install` (PEP 668), and packages need no
# compiler. python3-etcd is named because patroni only depends on "python3-etcd
# | python3-consul | ...": on trixie apt satisfies that with python3-consul,
# and Patroni then finds no etcd3 DCS ("Available implementations: consul").
# PostgreSQL 12 is end of life, so PGDG serves it from its archive (suite
# <codename>-pgdg-archive): switch the pgdg source there when the live one
# fails or no longer has this major's PostGIS. procps gives `ps`, to see
# inside a container which user PostgreSQL and Patroni run as.
RUN set -eux; \
    pgdg_archive() { \
        [ -f /etc/apt/sources.list.d/pgdg.list ] || return 0; \
        sed -i -E 's#https?://apt\.postgresql\.org/pub/repos/apt/?#http://apt-archive.postgresql.org/pub/repos/apt#; s#([a-z]+-pgdg)( .*)?$#\1-archive main#' /etc/apt/sources.list.d/pgdg.list; \
        apt-get update; \
    }; \
    apt-get update || pgdg_archive; \
    apt-cache show "postgresql-${PG_MAJOR}-postgis-3" >/dev/null 2>&1 || pgdg_archive; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        patroni python3-etcd python3-psycopg2 python3-urllib3 \
        "postgresql-${PG_MAJOR}-postgis-3" "postgresql-${PG_MAJOR}-postgis-3-scripts" \
        procps; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /opt/postgres /var/run/postgresql; \
    chown -R postgres:postgres /opt/postgres /var/run/postgresql; \
    chmod 0700 /opt/postgres

ENV PATH=/usr/lib/postgresql/${PG_MAJOR}/bin:${PATH} \
    PGDATA=/opt/postgres/data

VOLUME ["/opt/postgres"]
EXPOSE 5432 8008

# pg_ctl refuses to run as root: Patroni, and the PostgreSQL it starts, run as postgres.
USER postgres
ENTRYPOINT []
CMD ["patroni", "/etc/patroni/patroni.yml"]

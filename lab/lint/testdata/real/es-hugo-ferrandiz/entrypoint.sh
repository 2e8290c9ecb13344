#!/bin/bash
# Adaptado de docker/entrypoint.sh del repositorio de Patroni.
# La parte comun de la configuracion esta en /etc/patroni/patroni.yml;
# lo que cambia por entorno (contrasenas) llega por variables PATRONI_*,
# que Patroni lee directamente y que tienen prioridad sobre el fichero.
set -euo pipefail

: "${PATRONI_SUPERUSER_PASSWORD:?falta PATRONI_SUPERUSER_PASSWORD}"
: "${PATRONI_REPLICATION_PASSWORD:?falta PATRONI_REPLICATION_PASSWORD}"
: "${PATRONI_REWIND_PASSWORD:?falta PATRONI_REWIND_PASSWORD}"

export PATRONI_POSTGRESQL_PGPASS="${PATRONI_POSTGRESQL_PGPASS:-/tmp/pgpass}"

if [ "$(id -u)" = "0" ]; then
    echo "entrypoint: no ejecutar como root (pg_ctl: cannot be run as root)" >&2
    exit 1
fi

exec patroni /etc/patroni/patroni.yml

#!/bin/bash
# Genera la configuración de Patroni del nodo a partir de la plantilla y
# arranca Patroni como usuario postgres (pg_ctl no se puede ejecutar como root).
set -euo pipefail

: "${PATRONI_NODE:?falta PATRONI_NODE}"
export PATRONI_NODE

mkdir -p /opt/postgres
chown postgres:postgres /opt/postgres
chmod 700 /opt/postgres

envsubst '${PATRONI_NODE} ${REPL_PASSWORD} ${SUPER_PASSWORD} ${REWIND_PASSWORD}' \
  < /etc/patroni/patroni.yml.tmpl > /etc/patroni/patroni.yml
chown postgres:postgres /etc/patroni/patroni.yml
chmod 600 /etc/patroni/patroni.yml

exec gosu postgres patroni /etc/patroni/patroni.yml

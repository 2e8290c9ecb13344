#!/bin/bash
# Genera la configuración de Patroni de este nodo a partir de la plantilla
# y arranca Patroni (como usuario postgres, ver Dockerfile).
set -euo pipefail

: "${NODE_NAME:?falta NODE_NAME}"
: "${SUPERUSER_PASSWORD:?falta SUPERUSER_PASSWORD}"
: "${REPLICATION_PASSWORD:?falta REPLICATION_PASSWORD}"

envsubst < /etc/patroni/patroni.yml.tpl > /tmp/patroni.yml
echo "Configuración generada para ${NODE_NAME}"

exec patroni /tmp/patroni.yml

#!/bin/bash
# Genera la configuración de Patroni del nodo a partir de la plantilla.
set -euo pipefail

: "${NODE_NAME:?falta NODE_NAME}"

sed -e "s/__NODE__/${NODE_NAME}/g" \
    -e "s/__REPL_PASS__/${REPL_PASS:-replicator}/g" \
    -e "s/__SUPER_PASS__/${SUPER_PASS:-postgres}/g" \
    /etc/patroni/patroni.yml.tpl > /tmp/patroni.yml

exec patroni /tmp/patroni.yml

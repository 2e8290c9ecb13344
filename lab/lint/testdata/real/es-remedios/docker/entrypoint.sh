#!/bin/bash
set -e

CONFIG="${PATRONI_CONFIG_PATH:-/etc/patroni/patroni.yml}"

if [ ! -f "$CONFIG" ]; then
    echo "No existe el fichero de configuración de Patroni: $CONFIG" >&2
    exit 1
fi

echo "Arrancando Patroni con $CONFIG como $(id -un)"
exec patroni "$CONFIG"

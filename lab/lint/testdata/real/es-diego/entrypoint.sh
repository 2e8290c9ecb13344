#!/bin/bash
set -e

# NODE_NAME viene del compose (postgres1 / postgres2)
CONFIG="/etc/patroni/${NODE_NAME}.yml"

if [ ! -f "$CONFIG" ]; then
    echo "No existe $CONFIG" >&2
    exit 1
fi

echo "Arrancando patroni con $CONFIG"
exec patroni "$CONFIG"

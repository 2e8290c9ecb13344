#!/bin/sh
# Arranca patroni con la configuracion del nodo indicado en $NODO (postgres1 / postgres2)
set -e

if [ -z "$NODO" ]; then
    echo "falta la variable NODO" >&2
    exit 1
fi

exec patroni "/etc/patroni/${NODO}.yml"

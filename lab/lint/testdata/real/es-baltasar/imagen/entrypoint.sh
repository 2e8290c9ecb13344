#!/bin/sh
# La configuración común va en /etc/patroni/patroni.yml (copiada en la imagen);
# lo que cambia por nodo (nombre, direcciones, contraseñas) llega con variables PATRONI_*.
set -e

if [ -z "$PATRONI_NAME" ]; then
    echo "falta PATRONI_NAME" >&2
    exit 1
fi

exec patroni /etc/patroni/patroni.yml

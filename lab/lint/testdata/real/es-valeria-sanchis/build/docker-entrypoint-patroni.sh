#!/bin/bash
# Arranca Patroni como el usuario postgres (pg_ctl no puede ejecutarse como root).
set -euo pipefail

CONFIG="${1:-/etc/patroni/patroni.yml}"

# El volumen de datos se crea como root: se lo damos a postgres
mkdir -p /opt/postgres/data
chown -R postgres:postgres /opt/postgres
chmod 700 /opt/postgres/data

exec gosu postgres /opt/patroni/bin/patroni "$CONFIG"

#!/bin/sh
# Arranca como root solo para arreglar permisos del volumen y luego
# baja a postgres (pg_ctl no se puede ejecutar como root).
set -e

chown -R postgres:postgres /opt/postgres
chmod 0700 /opt/postgres

exec gosu postgres patroni /etc/patroni/patroni.yml

#!/bin/bash
# Genera la configuración de Patroni de este nodo a partir de variables de entorno
# (NODE_NAME, PG_SUPERUSER_PASSWORD, PG_REPLICATION_PASSWORD) y arranca Patroni.
set -euo pipefail

: "${NODE_NAME:?falta NODE_NAME}"
CONF=/tmp/patroni.yml

cat > "$CONF" <<YAML
scope: service
name: ${NODE_NAME}

restapi:
  listen: 0.0.0.0:8008
  connect_address: ${NODE_NAME}:8008

etcd3:
  hosts: etcd1:2379,etcd2:2379,etcd3:2379

bootstrap:
  dcs:
    ttl: 30
    loop_wait: 10
    retry_timeout: 10
    maximum_lag_on_failover: 1048576
    postgresql:
      use_pg_rewind: true
      pg_hba:
      - host replication replicator 0.0.0.0/0 md5
      - host all all 0.0.0.0/0 md5
  initdb:
  - encoding: UTF8
  - data-checksums

postgresql:
  listen: 0.0.0.0:5432
  connect_address: ${NODE_NAME}:5432
  data_dir: /opt/postgres/data
  pgpass: /tmp/pgpass
  authentication:
    replication:
      username: replicator
      password: ${PG_REPLICATION_PASSWORD}
    superuser:
      username: postgres
      password: ${PG_SUPERUSER_PASSWORD}
    rewind:
      username: rewind_user
      password: ${PG_REWIND_PASSWORD:-rewind_password}
  parameters:
    unix_socket_directories: '..'
YAML

echo "Configuración generada en $CONF para ${NODE_NAME}"
exec patroni "$CONF"

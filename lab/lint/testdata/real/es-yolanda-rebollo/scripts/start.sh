#!/bin/bash
# Genera la configuracion de Patroni a partir de variables de entorno y arranca Patroni.
set -euo pipefail

: "${NODE_NAME:?falta NODE_NAME}"
: "${ETCD_HOSTS:?falta ETCD_HOSTS}"

CONF=/var/lib/postgresql/patroni.yml

cat > "$CONF" <<YAML
scope: ${CLUSTER_NAME:-service}
namespace: /service/
name: ${NODE_NAME}

restapi:
  listen: 0.0.0.0:8008
  connect_address: ${NODE_NAME}:8008

etcd3:
  hosts: ${ETCD_HOSTS}

bootstrap:
  dcs:
    ttl: 30
    loop_wait: 10
    retry_timeout: 10
    maximum_lag_on_failover: 1048576
    postgresql:
      use_pg_rewind: true
      parameters:
        wal_level: replica
        hot_standby: "on"
  initdb:
  - encoding: UTF8
  - data-checksums
  pg_hba:
  - host replication ${REPL_USER} 0.0.0.0/0 md5
  - host all all 0.0.0.0/0 md5

postgresql:
  listen: 0.0.0.0:5432
  connect_address: ${NODE_NAME}:5432
  data_dir: /opt/postgres/data
  bin_dir: /usr/lib/postgresql/12/bin
  pgpass: /tmp/pgpass
  authentication:
    replication:
      username: ${REPL_USER}
      password: ${REPL_PASSWORD}
    superuser:
      username: postgres
      password: ${SUPERUSER_PASSWORD}
    rewind:
      username: rewind_user
      password: ${REWIND_PASSWORD}
  parameters:
    unix_socket_directories: /var/run/postgresql
YAML

exec patroni "$CONF"

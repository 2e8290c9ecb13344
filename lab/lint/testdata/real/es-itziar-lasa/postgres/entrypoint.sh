#!/bin/bash
# Genera la configuracion de Patroni a partir de variables de entorno y arranca Patroni.
set -euo pipefail

: "${NODE_NAME:?falta NODE_NAME}"
ETCD_HOSTS="${ETCD_HOSTS:-etcd1:2379,etcd2:2379,etcd3:2379}"

cat > /tmp/patroni.yml <<YAML
scope: service
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
        wal_log_hints: "on"
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
      password: rewind-pass
  pg_hba:
  - local all all trust
  - host replication replicator 0.0.0.0/0 md5
  - host all all 0.0.0.0/0 md5
YAML

exec patroni /tmp/patroni.yml

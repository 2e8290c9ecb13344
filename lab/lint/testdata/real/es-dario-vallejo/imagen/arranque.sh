#!/bin/bash
# Genera la configuración de Patroni de este nodo a partir de NODE_NAME y arranca Patroni como postgres.
set -euo pipefail

: "${NODE_NAME:?falta NODE_NAME}"
: "${ETCD_HOSTS:=etcd1:2379,etcd2:2379,etcd3:2379}"

mkdir -p /opt/postgres
chown -R postgres:postgres /opt/postgres

cat > /tmp/patroni.yml <<'EOF'
scope: service
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
        wal_log_hints: "on"
  initdb:
  - encoding: UTF8
  - data-checksums
  pg_hba:
  - local all all trust
  - host replication replicator 0.0.0.0/0 md5
  - host all all 0.0.0.0/0 md5

postgresql:
  listen: 0.0.0.0:5432
  connect_address: ${NODE_NAME}:5432
  data_dir: /opt/postgres/data
  pgpass: /tmp/pgpass
  authentication:
    replication:
      username: replicator
      password: rep-pass
    superuser:
      username: postgres
      password: cambiame
    rewind:
      username: rewind_user
      password: rewind-pass
  parameters:
    unix_socket_directories: '/var/run/postgresql'
EOF

chown postgres:postgres /tmp/patroni.yml
exec gosu postgres patroni /tmp/patroni.yml

#!/bin/bash
# Writes the Patroni configuration of this node from environment variables, fixes the
# ownership of the data volume and starts Patroni as the postgres user (never as root).
set -euo pipefail

: "${NODE_NAME:?NODE_NAME is required}"
: "${ETCD_HOSTS:?ETCD_HOSTS is required}"

mkdir -p /etc/patroni /opt/postgres
cat > /etc/patroni/patroni.yml <<YAML
scope: ${CLUSTER_SCOPE:-service}
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
  pg_hba:
  - host replication ${REPLICATION_USER} 0.0.0.0/0 md5
  - host all all 0.0.0.0/0 md5

postgresql:
  listen: 0.0.0.0:5432
  connect_address: ${NODE_NAME}:5432
  data_dir: /opt/postgres/data
  pgpass: /tmp/pgpass
  authentication:
    superuser:
      username: postgres
      password: "${SUPERUSER_PASSWORD}"
    replication:
      username: ${REPLICATION_USER}
      password: "${REPLICATION_PASSWORD}"
    rewind:
      username: rewind_user
      password: "${REWIND_PASSWORD}"
  parameters:
    unix_socket_directories: /var/run/postgresql
YAML

chown -R postgres:postgres /opt/postgres /etc/patroni
exec gosu postgres patroni /etc/patroni/patroni.yml

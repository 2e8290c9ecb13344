#!/usr/bin/env bash
# Comprobaciones rápidas del cluster
set -euo pipefail
docker compose exec etcd1 etcdctl --endpoints=http://etcd1:2379,http://etcd2:2379,http://etcd3:2379 endpoint status -w table
docker compose exec postgres1 patronictl -c /etc/patroni/patroni.yml list
PGPASSWORD="${PATRONI_SUPERUSER_PASSWORD:-superuser-placeholder}" \
  psql -h 127.0.0.1 -p 5432 -U postgres -Atc "select inet_server_addr(), pg_is_in_recovery()"

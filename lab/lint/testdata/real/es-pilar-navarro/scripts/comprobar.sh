#!/usr/bin/env bash
# Comprobaciones del test de operacion (se ejecuta desde la raiz del proyecto)
set -u

echo "== etcd =="
docker compose exec etcd1 etcdctl --endpoints=http://etcd1:2379,http://etcd2:2379,http://etcd3:2379 endpoint health
docker compose exec etcd1 etcdctl member list -w table

echo "== patroni =="
docker compose exec postgres1 patronictl -c /etc/patroni/patroni.yml list

echo "== haproxy =="
PGPASSWORD=zalando psql -h localhost -p 5432 -U postgres -Atc "select inet_server_addr(), pg_is_in_recovery()"

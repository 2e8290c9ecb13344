#!/bin/sh
# Comprobaciones rapidas del cluster (ver RESPUESTAS.md)
set -e
docker compose exec etcd1 etcdctl --endpoints=http://etcd1:2379,http://etcd2:2379,http://etcd3:2379 endpoint health
docker compose exec etcd1 etcdctl member list -w table
docker compose exec postgres1 patronictl -c /etc/patroni/patroni.yml list
docker compose exec -e PGPASSWORD=changeme postgres1 \
  psql -h haproxy -U postgres -c "select inet_server_addr(), pg_is_in_recovery();"

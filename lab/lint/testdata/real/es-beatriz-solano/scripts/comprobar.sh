#!/bin/sh
# Comprobaciones rápidas del cluster (las uso en RESPUESTAS.md)
set -x
docker exec etcd1 etcdctl --endpoints=http://etcd1:2379,http://etcd2:2379,http://etcd3:2379 endpoint health
docker exec etcd1 etcdctl member list -w table
docker exec postgres1 patronictl -c /etc/patroni/patroni.yml list
PGPASSWORD=placeholder-pass psql -h localhost -p 5432 -U postgres -Atc "select inet_server_addr(), pg_is_in_recovery()"

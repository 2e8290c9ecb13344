#!/bin/sh
# Comprobaciones rápidas del cluster
docker exec etcd1 etcdctl --endpoints=http://etcd1:2379,http://etcd2:2379,http://etcd3:2379 endpoint health
docker exec postgres1 patronictl -c /etc/patroni/postgres1.yml list
PGPASSWORD=zalando psql -h localhost -p 5432 -U postgres -c "select inet_server_addr(), pg_is_in_recovery();"

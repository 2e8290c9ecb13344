#!/bin/sh
# Estado rápido del cluster
docker compose exec postgres1 patronictl -c /etc/patroni/patroni.yml list
docker compose exec etcd1 etcdctl endpoint health --cluster

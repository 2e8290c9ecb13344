#!/bin/bash
# Prueba de failover: para el líder actual y comprueba a dónde conecta HAProxy
set -e
leader=$(docker exec postgres1 patronictl -c /etc/patroni/patroni.yml list -f json \
  | python3 -c 'import json,sys; print([m["Member"] for m in json.load(sys.stdin) if m["Role"]=="Leader"][0])')
echo "líder actual: $leader"
docker stop "$leader"
sleep 35
other=$([ "$leader" = postgres1 ] && echo postgres2 || echo postgres1)
docker exec "$other" patronictl -c /etc/patroni/patroni.yml list
PGPASSWORD=postgres-placeholder psql -h 127.0.0.1 -p 5432 -U postgres -Atc "select inet_server_addr(), pg_is_in_recovery()"
docker start "$leader"

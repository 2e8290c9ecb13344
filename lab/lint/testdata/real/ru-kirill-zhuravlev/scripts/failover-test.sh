#!/usr/bin/env bash
# stops the current leader and writes through the entrypoint
set -euo pipefail
export PGPASSWORD=postgres

leader=$(docker exec pg-master patronictl -c /etc/patroni/pg-master.yml list -f json \
  | python3 -c 'import json,sys; print([m["Member"] for m in json.load(sys.stdin) if m["Role"]=="Leader"][0])')
case "$leader" in
  postgresql0) node=pg-master ;;
  *)           node=pg-slave ;;
esac
echo "leader: $leader ($node)"
docker stop "$node"
sleep 15
psql -h localhost -p 5432 -U postgres -c "insert into lab values (now()::text); select inet_server_addr()"

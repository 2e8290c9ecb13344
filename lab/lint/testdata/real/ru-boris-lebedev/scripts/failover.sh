#!/usr/bin/env bash
# Останавливает текущего лидера и проверяет запись через HAProxy
set -euo pipefail
leader=$(docker exec pg-master patronictl -c /etc/patroni/pg-master.yml list -f json \
          | python3 -c 'import json,sys; print([m["Member"] for m in json.load(sys.stdin) if m["Role"]=="Leader"][0])')
case "$leader" in
  postgresql0) node=pg-master ;;
  postgresql1) node=pg-slave ;;
esac
echo "leader: $leader ($node)"
docker stop "$node"
sleep 20
PGPASSWORD=postgres psql -h localhost -p 5432 -U postgres -c "insert into lab(txt) values ('after failover'); select * from lab;"

#!/usr/bin/env bash
# быстрая проверка кластера
set -e
docker exec pg-master patronictl -c /postgres0.yml list
psql "postgresql://postgres:postgres@localhost:5432/postgres" -c "select inet_server_addr(), pg_is_in_recovery();"

#!/bin/sh
# Construye y arranca la pila; crea PostGIS en la base postgres del primario.
set -e
docker compose build
docker compose up -d
sleep 40
docker compose exec -T postgres1 patronictl -c /etc/patroni/patroni.yml list
PGPASSWORD="$(grep ^PG_SUPERUSER_PASSWORD .env | cut -d= -f2)" \
  psql -h 127.0.0.1 -p 5432 -U postgres -c "CREATE EXTENSION IF NOT EXISTS postgis;"

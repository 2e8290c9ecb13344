#!/bin/sh
# Construye y arranca la pila completa
set -e
docker compose build
docker compose up -d
sleep 40
docker compose exec postgres1 patronictl -c /etc/patroni/patroni.yml list

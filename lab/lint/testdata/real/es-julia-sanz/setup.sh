#!/bin/sh
# Levanta la pila y muestra el estado del cluster
set -e
docker compose build
docker compose up -d
sleep 30
docker compose exec postgres1 patronictl -c /etc/patroni/patroni.yml list

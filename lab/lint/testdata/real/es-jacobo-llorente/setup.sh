#!/bin/sh
# Construye y levanta todo
set -e
docker-compose build
docker-compose up -d
sleep 20
docker-compose exec postgres1 patronictl -c /etc/patroni/patroni.yml list

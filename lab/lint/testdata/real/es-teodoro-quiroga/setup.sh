#!/bin/bash
# Levanta todo y espera a que haya líder
set -e
docker-compose build
docker-compose up -d
sleep 20
docker exec postgres1 patronictl -c /etc/patroni/postgres1.yml list

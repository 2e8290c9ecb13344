#!/bin/bash
set -euo pipefail
# crea los directorios de datos que se montan en los contenedores postgres
mkdir -p data/postgres1 data/postgres2
docker compose build
docker compose up -d

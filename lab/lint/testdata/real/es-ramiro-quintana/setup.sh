#!/bin/sh
# Construye y arranca la pila completa
set -e
docker compose build
docker compose up -d

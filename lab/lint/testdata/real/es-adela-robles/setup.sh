#!/bin/sh
# Construye y levanta la pila completa
set -e
docker compose build
docker compose up -d

#!/bin/sh
# Construye la imagen y levanta la pila
set -e
docker compose build
docker compose up -d
docker compose ps

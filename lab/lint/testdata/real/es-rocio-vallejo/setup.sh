#!/bin/sh
# Construye la imagen y levanta la pila completa
set -e
docker compose build
docker compose up -d
docker compose ps

#!/bin/sh
# builds the image and starts the whole stack
set -e
docker compose build
docker compose up -d
docker compose ps

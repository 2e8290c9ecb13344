#!/bin/bash
# Выбираем конфиг ноды по переменной окружения NODE_NAME (pg-master / pg-slave)
set -e
CONFIG="/etc/patroni/${NODE_NAME:?NODE_NAME is not set}.yml"
echo "Starting patroni with ${CONFIG}"
exec patroni "${CONFIG}"

#!/bin/sh
# Выбирает конфиг Patroni по имени ноды (NODE=pg-master | pg-slave)
set -e
CONFIG="/etc/patroni/${NODE:?NODE is not set}.yml"
echo "starting patroni with $CONFIG"
exec patroni "$CONFIG"

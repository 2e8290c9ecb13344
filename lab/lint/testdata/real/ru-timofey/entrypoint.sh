#!/bin/sh
# выбираем конфиг по имени ноды: PATRONI_NODE=postgres0 -> /etc/patroni/postgres0.yml
set -e
NODE="${PATRONI_NODE:?PATRONI_NODE is not set}"
exec patroni "/etc/patroni/${NODE}.yml"

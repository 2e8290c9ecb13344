#!/bin/sh
# Genera la configuracion de Patroni a partir de la plantilla unica
# (idea sacada del post "Patroni + etcd en Docker en 10 minutos")
set -e

: "${NODE_NAME:?NODE_NAME no definido}"

envsubst < /etc/patroni/patroni.yml.tpl > /etc/patroni/patroni.yml

exec patroni /etc/patroni/patroni.yml

#!/bin/bash
# Собираем конфиг Patroni для текущей ноды из шаблона и переменных окружения
set -e

envsubst < /etc/patroni/patroni.yml.tmpl > /tmp/patroni.yml
echo "patroni config for ${PATRONI_NODE_NAME}:"
cat /tmp/patroni.yml

exec patroni /tmp/patroni.yml

#!/bin/bash
set -e

# name and addresses come from the environment (PATRONI_NAME etc.)
echo "starting patroni node ${PATRONI_NAME} (etcd: ${PATRONI_ETCD3_HOSTS})"

mkdir -p /opt/postgres/data
chmod 700 /opt/postgres/data

exec patroni /etc/patroni/patroni.yml

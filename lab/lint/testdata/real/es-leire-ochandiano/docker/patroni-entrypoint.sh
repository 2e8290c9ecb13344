#!/bin/bash
# Las contrasenas vienen como secrets de compose (/run/secrets/...),
# Patroni las toma de las variables PATRONI_*_PASSWORD.
set -euo pipefail

export PATRONI_SUPERUSER_PASSWORD="$(cat /run/secrets/pg_superuser_password)"
export PATRONI_REPLICATION_PASSWORD="$(cat /run/secrets/pg_replication_password)"
export PATRONI_REWIND_PASSWORD="$(cat /run/secrets/pg_rewind_password)"

exec patroni /etc/patroni/patroni.yml

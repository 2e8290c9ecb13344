#!/bin/bash
# which Patroni config to use is given by PATRONI_YML (set in docker-compose.yaml)
set -e
CONFIG="/etc/patroni/${PATRONI_YML:-postgres0.yml}"
echo "Starting Patroni with ${CONFIG}"
exec /opt/patroni-venv/bin/patroni "${CONFIG}"

#!/bin/bash
set -e

# NODE_CONFIG задаётся в compose.yaml: postgres0.yml для pg-master, postgres1.yml для pg-slave
CONFIG="/etc/patroni/${NODE_CONFIG:-postgres0.yml}"
echo "Starting Patroni with ${CONFIG}"
exec patroni "${CONFIG}"

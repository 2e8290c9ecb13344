#!/bin/sh
# starts Patroni with the configuration chosen by PATRONI_CONFIG (postgres0.yml / postgres1.yml)
set -e
CONFIG="/etc/patroni/${PATRONI_CONFIG:-postgres0.yml}"
echo "starting patroni with $CONFIG"
exec patroni "$CONFIG"

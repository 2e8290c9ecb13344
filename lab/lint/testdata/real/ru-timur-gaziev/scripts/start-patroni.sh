#!/bin/sh
# which config to use is chosen by PATRONI_CONFIG (postgres0.yml / postgres1.yml)
set -eu
CONF="/etc/patroni/${PATRONI_CONFIG:-postgres0.yml}"
echo "patroni config: $CONF"
exec patroni "$CONF"

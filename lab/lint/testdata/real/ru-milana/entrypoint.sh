#!/bin/bash
set -euo pipefail

CONFIG="/etc/patroni/${NODE_NAME}.yml"

if [[ ! -f "$CONFIG" ]]; then
    echo "no config $CONFIG" >&2
    exit 1
fi

echo "starting patroni with $CONFIG"
exec patroni "$CONFIG"

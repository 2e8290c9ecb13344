#!/bin/sh
set -e
CFG="/etc/patroni/${PATRONI_CFG:-postgres0.yml}"
echo "Starting Patroni with $CFG"
exec patroni "$CFG"

#!/bin/sh
# Patroni reads the common file; per-node values come from PATRONI_* variables
set -e
: "${PATRONI_CONFIG_FILE:=/etc/patroni/patroni.yml}"
exec patroni "$PATRONI_CONFIG_FILE"

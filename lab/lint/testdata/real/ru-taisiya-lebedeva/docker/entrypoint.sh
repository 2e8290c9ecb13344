#!/bin/sh
set -e
: "${PATRONI_CONFIG:?set PATRONI_CONFIG to postgres0.yml or postgres1.yml}"
echo "starting patroni with /etc/patroni/${PATRONI_CONFIG}"
exec patroni "/etc/patroni/${PATRONI_CONFIG}"

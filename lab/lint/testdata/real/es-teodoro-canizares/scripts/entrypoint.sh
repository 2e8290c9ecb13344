#!/bin/bash
set -e

# the data volume is created by docker as root: give it to postgres
mkdir -p /opt/postgres/data
chown -R postgres:postgres /opt/postgres
chmod 700 /opt/postgres/data

# never run patroni / pg_ctl as root
if [ "$(id -u)" = "0" ]; then
    exec gosu postgres "$@"
fi
exec "$@"

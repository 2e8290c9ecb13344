#!/bin/bash
set -euo pipefail

# the data volume is created by docker as root, give it to postgres
chown -R postgres:postgres /var/lib/postgresql/data
chmod 700 /var/lib/postgresql/data

echo "starting patroni with /etc/patroni/patroni.yml"
exec patroni /etc/patroni/patroni.yml

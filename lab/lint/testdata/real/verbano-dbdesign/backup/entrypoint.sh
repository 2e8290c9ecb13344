#!/usr/bin/env bash
set -euo pipefail
echo "DEBUG: BACKUP_INTERVAL_CRON=${BACKUP_INTERVAL_CRON}" >&2
echo "${BACKUP_INTERVAL_CRON} /usr/local/bin/backup.sh >> /var/log/backup.log 2>&1" > /etc/crontabs/root

exec crond -f -l 2

#!/bin/sh
/usr/bin/wal-g backup-fetch $PGDATA $1

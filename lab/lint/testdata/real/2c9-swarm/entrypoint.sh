#!/bin/sh

exec /usr/local/bin/patroni /etc/patroni.yml
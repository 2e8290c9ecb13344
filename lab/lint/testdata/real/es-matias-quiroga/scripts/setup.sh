#!/bin/bash
# Arranca Patroni con la configuracion del nodo indicado en PATRONI_NODE
set -e
NODE="${PATRONI_NODE:?falta PATRONI_NODE}"
exec patroni "/etc/patroni/${NODE}.yml"

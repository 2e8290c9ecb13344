#!/usr/bin/env bash
# Installs what pglab's embedded runtime drives, from Debian packages, when
# missing: PostgreSQL (with pg_basebackup, pg_rewind, psql), PostGIS 3,
# Patroni, HAProxy, etcdctl, curl, and ZooKeeper with Patroni's client
# (kazoo) for the HA lab's profile, and debootstrap, which `pglab images
# build` uses to make the docker runtime's images on machines that cannot
# pull, nftables, the embedded runtime's partition, and Chromium, which the
# live page's browser test drives. Idempotent and quiet
# when all is there.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
updated=""
install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  if [ -z "$updated" ]; then $SUDO apt-get update -qq; updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
# The server's major decides the PostGIS package: the newest installed, else Debian's default.
major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
if [ -z "$major" ] || [ ! -x "/usr/lib/postgresql/$major/bin/postgres" ]; then
  install postgresql
  major=$(ls /usr/lib/postgresql | sort -n | tail -1)
fi
# python3-etcd is named: patroni depends on "python3-etcd | python3-kazoo | ...",
# and with python3-kazoo in the same install apt picks kazoo alone, leaving
# Patroni without its etcd3 DCS ("Available implementations: ... zookeeper").
install "postgresql-$major" "postgresql-$major-postgis-3" postgresql-client patroni python3-etcd haproxy etcd-client curl \
  zookeeper python3-kazoo debootstrap nftables chromium
# Debian's postgresql package starts a cluster of its own; pglab needs none.
if command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | grep -q online; then
  pg_lsclusters -h | awk '$4=="online"{print $1, $2}' | while read -r v c; do $SUDO pg_ctlcluster "$v" "$c" stop || true; done
fi

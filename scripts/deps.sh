#!/usr/bin/env bash
# Installs what pglab's embedded runtime drives, from Debian packages, when
# missing: PostgreSQL (with pg_basebackup, pg_rewind, psql), PostGIS 3,
# Patroni, HAProxy and etcdctl. Idempotent and quiet when all is there.
set -euo pipefail
pkgs=(postgresql postgresql-client patroni haproxy etcd-client)
# PostGIS for the newest installed (or default) PostgreSQL major.
major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$major" ] && pkgs+=("postgresql-$major-postgis-3")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's postgresql package starts a cluster of its own; pglab needs none.
if command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | grep -q online; then
  pg_lsclusters -h | awk '$4=="online"{print $1, $2}' | while read -r v c; do pg_ctlcluster "$v" "$c" stop || true; done
fi

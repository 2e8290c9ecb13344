#!/usr/bin/env bash
# The main job: boot the lab on the default (embedded) runtime, run the
# failover scenario (kill the primary, watch the replica take over and
# HAProxy follow, bring the old primary back as a replica), and write the
# report. Installs the Debian packages it drives first (scripts/deps.sh).
# Extra arguments go to `pglab run scenario`, e.g. `scripts/main.sh all`
# or `scripts/main.sh failover --keep`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
go build -o bin/pglab ./cmd/pglab
if [ $# -eq 0 ]; then set -- failover; fi
bin/pglab run scenario "$@"

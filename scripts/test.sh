#!/usr/bin/env bash
# Runs every test, the real-stack ones included: installs the Debian
# packages they drive first (see scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
gofmt_out=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$gofmt_out" ]; then echo "gofmt would change: $gofmt_out"; exit 1; fi
go vet ./...
go test -count=1 -timeout 20m "$@" ./...

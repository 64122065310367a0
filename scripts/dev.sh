#!/usr/bin/env bash
# The two set-up commands of the README (`make demo`, `make test`) land here. On a fresh machine whose
# default Node is older than 24 it provisions Node 24 under ~/.node24, installs the dependencies when
# package-lock.json changed, then runs the command with Node 24 first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major() { "${1:-node}" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || echo 0; }

if [ "$(node_major node)" -lt 24 ] 2>/dev/null || ! command -v node >/dev/null; then
  NODE24_PREFIX="${NODE24_PREFIX:-$HOME/.node24}"
  if [ "$(node_major "$NODE24_PREFIX/node_modules/.bin/node")" -lt 24 ] 2>/dev/null; then
    echo "kotae: provisioning Node 24 under $NODE24_PREFIX (about 10 s)..." >&2
    npm install --silent --no-audit --no-fund --prefix "$NODE24_PREFIX" node@24 >&2
  fi
  export PATH="$NODE24_PREFIX/node_modules/.bin:$PATH"
fi

# Reinstall only when the lock file is newer than the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "kotae: installing dependencies (npm ci)..." >&2
  npm ci --silent --ignore-scripts --no-audit --no-fund >&2
fi

cmd="${1:-}"; shift || true
case "$cmd" in
  demo)  exec node bin/kotae.js demo "$@" ;;
  test)  exec node scripts/test.ts "$@" ;;
  bench) exec node bench/run.ts "$@" ;;
  kotae) exec node bin/kotae.js "$@" ;;
  *) echo "usage: scripts/dev.sh demo|test|bench|kotae [args...]" >&2; exit 2 ;;
esac

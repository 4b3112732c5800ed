#!/usr/bin/env bash
# The cluster topology on one machine (deploy/README.md): three nats-server processes forming a
# JetStream cluster, a fresh PostgreSQL database, and Platekeeper processes with roles.
#   deploy/local/topology.sh start [--api 2 --writer 2 --matcher 2 --scheduler 1]
#   deploy/local/topology.sh stop
# PostgreSQL: PLATEKEEPER_TEST_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f dist/cli/main.js ] || npm run build:server
exec npx tsx deploy/local/topology.ts "$@"

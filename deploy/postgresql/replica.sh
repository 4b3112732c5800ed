#!/usr/bin/env bash
# Makes pk2 a streaming replica of the primary (run once on pk2, as postgres, with its server stopped).
# -R writes primary_conninfo and standby.signal; -C -S creates the replication slot on the primary.
set -euo pipefail
PGDATA="${PGDATA:-/var/lib/postgresql/15/main}"
rm -rf "${PGDATA:?}"/*
pg_basebackup -h pk1.internal -U replicator -D "$PGDATA" -R -C -S pk2 -X stream -P
echo "cluster_name = 'pk2'" >> "$PGDATA/postgresql.auto.conf"
echo "Now start PostgreSQL on pk2; check with: psql -h pk1.internal -c 'select * from pg_stat_replication'"

#!/bin/sh
# Runs once, when the database volume is first created: when REPLICATION_PASSWORD is set (the scale
# profile), a role for streaming replication and the pg_hba line that lets it in from the stack's network.
# For a volume created before, run the same statements by hand (docs/operations.md).
set -eu
if [ -z "${REPLICATION_PASSWORD:-}" ]; then
    exit 0
fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"

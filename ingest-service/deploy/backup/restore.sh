#!/bin/sh
# Restores a backup made by backup.sh into an EMPTY database (create it first: createdb, or
# CREATE DATABASE). Works on TimescaleDB (wraps the restore in timescaledb_pre_restore() and
# timescaledb_post_restore(), as TimescaleDB requires) and on plain PostgreSQL.
#
#   restore.sh FILE.dump       with PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE naming the target
#
# The restored database has the schema version of the backup: start the service on it and Flyway
# migrates it forward if the service is newer. See docs/operations.md for the whole procedure.
set -eu
dump=${1:?usage: restore.sh FILE.dump}
db=${PGDATABASE:?set PGDATABASE to the (empty) target database}
psql_q() { psql --no-password -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

tables=$(psql_q -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != 0 ]; then
    echo "database $db is not empty ($tables tables): restore into a new database" >&2
    exit 1
fi
timescale=$(pg_restore --list "$dump" | grep -c "EXTENSION - timescaledb" || true)
if [ "$timescale" != 0 ]; then
    psql_q -c "CREATE EXTENSION IF NOT EXISTS timescaledb" -c "SELECT timescaledb_pre_restore()" >/dev/null
    # pre_restore sets timescaledb.restoring on the database, so it holds for pg_restore's sessions too
    pg_restore --no-password --no-owner --exit-on-error --dbname="$db" "$dump" \
        || { psql_q -c "SELECT timescaledb_post_restore()" >/dev/null; exit 1; }
    psql_q -c "SELECT timescaledb_post_restore()" >/dev/null
else
    pg_restore --no-password --no-owner --exit-on-error --dbname="$db" "$dump"
fi
psql_q -c "ANALYZE" >/dev/null
echo "restored $dump into $db: $(psql_q -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") tables"

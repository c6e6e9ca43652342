#!/bin/sh
# The scale profile's read-only replica: on first start, copies the primary with pg_basebackup (which
# writes standby.signal and primary_conninfo), then runs PostgreSQL as a hot standby that follows it.
set -eu
: "${PRIMARY_HOST:?}" "${REPLICATION_PASSWORD:?}" "${PGDATA:?}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    chmod 0700 "$PGDATA"
    export PGPASSWORD="$REPLICATION_PASSWORD"
    until pg_basebackup --host="$PRIMARY_HOST" --username=replicator --pgdata="$PGDATA" \
            --wal-method=stream --write-recovery-conf --checkpoint=fast --progress; do
        echo "primary not ready for replication, retrying in 10 s"
        rm -rf "${PGDATA:?}"/*
        sleep 10
    done
fi
exec postgres -c hot_standby=on -c max_standby_streaming_delay=300s -c hot_standby_feedback=on

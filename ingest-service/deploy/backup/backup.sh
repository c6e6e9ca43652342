#!/bin/sh
# Database backups for the stack's "backup" service: pg_dump in custom format (compressed, restorable
# table by table with pg_restore), one a day at BACKUP_HOUR, kept BACKUP_KEEP_DAYS days (never fewer than
# the newest BACKUP_KEEP_MIN files). "backup.sh once" makes one backup and exits (also for tests).
#
# Connection: the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
# Settings: BACKUP_DIR (/backups), BACKUP_HOUR (02, local time), BACKUP_KEEP_DAYS (14), BACKUP_KEEP_MIN (3),
#           BACKUP_ON_START (true: a backup when the service starts, so a fresh stack has one at once).
# Each run writes envmon-YYYYmmddTHHMMSS.dump (renamed into place only once complete and readable) and
# touches .last-ok, which the health check looks at. Restore: restore.sh, see docs/operations.md.
set -eu
dir=${BACKUP_DIR:-/backups}
hour=${BACKUP_HOUR:-02}
keep_days=${BACKUP_KEEP_DAYS:-14}
keep_min=${BACKUP_KEEP_MIN:-3}
db=${PGDATABASE:?set PGDATABASE}

backup() {
    mkdir -p "$dir"
    name="$dir/${BACKUP_PREFIX:-envmon}-$(date +%Y%m%dT%H%M%S).dump"
    started=$(date +%s)
    pg_dump --format=custom --compress=6 --no-password --file="$name.partial" "$db"
    # a dump that pg_restore cannot list is no backup
    pg_restore --list "$name.partial" >/dev/null
    mv "$name.partial" "$name"
    touch "$dir/.last-ok"
    echo "$(date '+%F %T') backup $name: $(du -h "$name" | cut -f1) in $(($(date +%s) - started)) s"
    prune
}

prune() {
    # newest first; the first keep_min always stay, the others go once older than keep_days
    ls -1t "$dir"/*.dump 2>/dev/null | tail -n +"$((keep_min + 1))" | while read -r old; do
        if [ -n "$(find "$old" -mtime +"$((keep_days - 1))")" ]; then
            rm -f "$old" && echo "$(date '+%F %T') removed $old (older than $keep_days days)"
        fi
    done
    # what an interrupted run left behind
    find "$dir" -maxdepth 1 -name '*.partial' -mtime +0 -exec rm -f {} + 2>/dev/null || true
}

if [ "${1:-}" = once ]; then
    backup
    exit 0
fi

if [ "${BACKUP_ON_START:-true}" = true ]; then
    backup || echo "$(date '+%F %T') backup FAILED" >&2
fi
done_day=""
while true; do
    if [ "$(date +%H)" = "$hour" ] && [ "$(date +%F)" != "$done_day" ]; then
        if backup; then
            done_day=$(date +%F)
        else
            echo "$(date '+%F %T') backup FAILED, retrying in 5 minutes" >&2
        fi
    fi
    sleep 300
done

#!/bin/sh
# Runs once, when the database volume is first created: a read-only role for Grafana. Tables the
# service creates later (Flyway, as the owner POSTGRES_USER) are readable through default privileges.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v reader="$GRAFANA_PG_USER" -v reader_password="$GRAFANA_PG_PASSWORD" -v owner="$POSTGRES_USER" <<'SQL'
CREATE ROLE :"reader" LOGIN PASSWORD :'reader_password';
GRANT CONNECT ON DATABASE :"DBNAME" TO :"reader";
GRANT USAGE ON SCHEMA public TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"reader";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT ON TABLES TO :"reader";
ALTER ROLE :"reader" SET statement_timeout = '60s';
-- No JIT compilation: it costs up to 2 s per dashboard query that runs in milliseconds without it
-- (ingest-service/BENCHMARKS.md, "Dashboard panels on a year of history").
ALTER ROLE :"reader" SET jit = off;
SQL

-- Storage engine: TimescaleDB where the extension can be loaded, plain PostgreSQL otherwise.
-- Placeholders (spring.flyway.placeholders.*):
--   timescaledb      auto (default) | required | off
--   compress_after   how old a chunk is before it is compressed            (default 30 days)
--   raw_retention    how long raw readings are kept; aggregates are kept   (default 10 years)
-- Both paths give the same read surface: time_bucket(), first(), last(), and the aggregates
-- <family>_reading_hourly / <family>_reading_daily (days are local days, Asia/Shanghai).

CREATE TABLE storage_engine (
    engine     text        NOT NULL,
    version    text,
    chosen_at  timestamptz NOT NULL DEFAULT now(),
    note       text
);

DO $engine$
DECLARE
    wanted   text := lower('${timescaledb}');
    use_tsdb boolean := false;
    why      text := 'timescaledb extension not available';
BEGIN
    IF wanted = 'off' THEN
        why := 'disabled by configuration (timescaledb=off)';
    ELSIF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        why := 'timescaledb extension not available';
    ELSIF NOT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'timescaledb.max_background_workers') THEN
        -- That setting exists only when the library is in shared_preload_libraries. Without it,
        -- CREATE EXTENSION ends the session with FATAL, which no exception handler can catch.
        why := 'timescaledb installed but not in shared_preload_libraries';
    ELSE
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
            use_tsdb := true;
        EXCEPTION WHEN OTHERS THEN
            why := 'timescaledb available but not loadable: ' || SQLERRM;
        END;
    END IF;
    IF NOT use_tsdb AND wanted = 'required' THEN
        RAISE EXCEPTION 'TimescaleDB is required (timescaledb=required) but: %', why;
    END IF;

    IF use_tsdb THEN
        INSERT INTO storage_engine (engine, version, note)
        SELECT 'timescaledb', extversion, 'hypertables, compression, retention, continuous aggregates'
        FROM pg_extension WHERE extname = 'timescaledb';
    ELSE
        RAISE NOTICE 'Using plain PostgreSQL storage: %', why;
        INSERT INTO storage_engine (engine, version, note)
        VALUES ('postgresql', current_setting('server_version'), why);
    END IF;
END
$engine$;

-- Which engine this database runs on: 'timescaledb' or 'postgresql'.
CREATE FUNCTION storage_engine_name() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT engine FROM storage_engine ORDER BY chosen_at DESC LIMIT 1 $$;

-- Plain-PostgreSQL equivalents of the TimescaleDB functions the queries use.
DO $shim$
BEGIN
    IF storage_engine_name() = 'timescaledb' THEN
        RETURN;
    END IF;

    -- time_bucket(width, ts [, timezone]): same origins as TimescaleDB (2000-01-03 for day/hour
    -- buckets, 2000-01-01 for month buckets); with a time zone, buckets follow local time.
    EXECUTE $f$
        CREATE FUNCTION time_bucket(bucket_width interval, ts timestamp) RETURNS timestamp
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$
            SELECT CASE
                WHEN extract(month FROM bucket_width) + extract(year FROM bucket_width) * 12 > 0 THEN
                    timestamp '2000-01-01' + make_interval(months =>
                        (floor(((extract(year FROM ts) - 2000) * 12 + extract(month FROM ts) - 1)
                               / (extract(month FROM bucket_width) + extract(year FROM bucket_width) * 12))
                         * (extract(month FROM bucket_width) + extract(year FROM bucket_width) * 12))::int)
                ELSE date_bin(bucket_width, ts, timestamp '2000-01-03')
            END
        $b$ $f$;
    EXECUTE $f$
        CREATE FUNCTION time_bucket(bucket_width interval, ts timestamptz) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$
            SELECT time_bucket(bucket_width, ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
        $b$ $f$;
    EXECUTE $f$
        CREATE FUNCTION time_bucket(bucket_width interval, ts timestamptz, timezone text) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$
            SELECT time_bucket(bucket_width, ts AT TIME ZONE timezone) AT TIME ZONE timezone
        $b$ $f$;

    -- first(value, time) / last(value, time): the value at the earliest / latest time.
    EXECUTE $f$
        CREATE TYPE first_last_state AS (value double precision, ts timestamptz) $f$;
    EXECUTE $f$
        CREATE FUNCTION first_step(s first_last_state, value double precision, ts timestamptz)
        RETURNS first_last_state LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$
            SELECT CASE WHEN ts IS NULL THEN s
                        WHEN s IS NULL OR s.ts IS NULL OR ts < s.ts THEN ROW(value, ts)::first_last_state
                        ELSE s END
        $b$ $f$;
    EXECUTE $f$
        CREATE FUNCTION last_step(s first_last_state, value double precision, ts timestamptz)
        RETURNS first_last_state LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$
            SELECT CASE WHEN ts IS NULL THEN s
                        WHEN s IS NULL OR s.ts IS NULL OR ts >= s.ts THEN ROW(value, ts)::first_last_state
                        ELSE s END
        $b$ $f$;
    EXECUTE $f$
        CREATE FUNCTION first_last_final(s first_last_state) RETURNS double precision
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$ SELECT s.value $b$ $f$;
    EXECUTE $f$
        CREATE AGGREGATE first(double precision, timestamptz) (
            SFUNC = first_step, STYPE = first_last_state, FINALFUNC = first_last_final) $f$;
    EXECUTE $f$
        CREATE AGGREGATE last(double precision, timestamptz) (
            SFUNC = last_step, STYPE = first_last_state, FINALFUNC = first_last_final) $f$;
END
$shim$;

-- Hypertables, compression, retention and continuous aggregates; views on plain PostgreSQL.
DO $agg$
DECLARE
    t     text;
    body  text;
BEGIN
    FOREACH t IN ARRAY ARRAY['well_reading', 'cems_reading', 'water_quality_reading', 'gate_reading'] LOOP
        IF storage_engine_name() = 'timescaledb' THEN
            PERFORM create_hypertable(t, 'ts', chunk_time_interval => INTERVAL '7 days', migrate_data => true);
            EXECUTE format('ALTER TABLE %I SET (timescaledb.compress, '
                           'timescaledb.compress_segmentby = ''device_id, parameter'', '
                           'timescaledb.compress_orderby = ''period, stat, ts DESC'')', t);
            PERFORM add_compression_policy(t, INTERVAL '${compress_after}');
            PERFORM add_retention_policy(t, INTERVAL '${raw_retention}');
        END IF;

        -- Single values and minute averages feed the aggregates; valid data only for the means.
        FOREACH body IN ARRAY ARRAY['hourly', 'daily'] LOOP
            EXECUTE format(
                'CREATE %s %I %s AS '
                'SELECT device_id, parameter, %s AS bucket, '
                '       count(*) AS n, count(*) FILTER (WHERE valid) AS n_valid, '
                '       avg(value) FILTER (WHERE valid) AS avg_value, '
                '       min(value) FILTER (WHERE valid) AS min_value, '
                '       max(value) FILTER (WHERE valid) AS max_value, '
                '       first(value, ts) FILTER (WHERE valid) AS first_value, last(value, ts) FILTER (WHERE valid) AS last_value '
                'FROM %I WHERE period IN (''rt'', ''min'') AND stat IN (''val'', ''avg'') '
                'GROUP BY device_id, parameter, %s %s',
                CASE WHEN storage_engine_name() = 'timescaledb' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
                t || '_' || body,
                CASE WHEN storage_engine_name() = 'timescaledb'
                     THEN 'WITH (timescaledb.continuous, timescaledb.materialized_only = false)' ELSE '' END,
                CASE body WHEN 'hourly' THEN 'time_bucket(INTERVAL ''1 hour'', ts)'
                          ELSE 'time_bucket(INTERVAL ''1 day'', ts, ''Asia/Shanghai'')' END,
                t,
                CASE body WHEN 'hourly' THEN 'time_bucket(INTERVAL ''1 hour'', ts)'
                          ELSE 'time_bucket(INTERVAL ''1 day'', ts, ''Asia/Shanghai'')' END,
                CASE WHEN storage_engine_name() = 'timescaledb' THEN 'WITH NO DATA' ELSE '' END);
            IF storage_engine_name() = 'timescaledb' THEN
                PERFORM add_continuous_aggregate_policy(t || '_' || body,
                    start_offset => INTERVAL '35 days',
                    end_offset => INTERVAL '1 hour',
                    schedule_interval => INTERVAL '5 minutes');
            END IF;
        END LOOP;
    END LOOP;
END
$agg$;

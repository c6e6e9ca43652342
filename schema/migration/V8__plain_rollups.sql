-- Plain PostgreSQL only (nothing happens on TimescaleDB, whose continuous aggregates do this):
-- the <family>_reading_hourly / _daily views of V3 become real-time rollups, the equivalent of
-- continuous aggregates with materialized_only = false. Same names, same columns.
--
--   <aggregate>_rollup   the aggregate's rows, materialised for buckets before the watermark
--   rollup_aggregate     per aggregate: watermark (buckets before it are materialised) and
--                        threshold (writes before it are logged as late; threshold >= watermark)
--   rollup_invalid       buckets before the threshold that received late writes since their
--                        materialisation (backfill, HJ 212 resends, devices catching up)
--
-- Each view reads: materialised rows with bucket < watermark, less the late buckets
--   UNION ALL the raw rows with ts >= watermark, aggregated as in V3
--   UNION ALL the late buckets before the watermark, aggregated from the raw rows.
-- So the views answer exactly what the V3 views answered, at any moment; CALL refresh_rollups()
-- only makes them cheaper. Watermarks and thresholds sit on bucket boundaries (UTC hours; local
-- days in Asia/Shanghai), so a bucket is materialised whole and first/last stay exact.
--
-- rollup_watermark() is declared IMMUTABLE so that the planner folds it into a constant and
-- plans the raw branch as an index range scan on ts (a STABLE call would be estimated at a third
-- of the table). A plan cached with an older watermark stays correct: the watermark only
-- advances, and materialised rows are never dropped behind it, so the raw branch just covers more.

DO $rollups$
DECLARE
    agg_cols constant text :=
        'count(*) AS n, count(*) FILTER (WHERE valid) AS n_valid, '
        'avg(value) FILTER (WHERE valid) AS avg_value, '
        'min(value) FILTER (WHERE valid) AS min_value, max(value) FILTER (WHERE valid) AS max_value, '
        'first(value, ts) FILTER (WHERE valid) AS first_value, last(value, ts) FILTER (WHERE valid) AS last_value';
    feeds    constant text := 'period IN (''rt'', ''min'') AND stat IN (''val'', ''avg'')';
    src      text;
    agg      text;
    bucket   text;
BEGIN
    IF storage_engine_name() = 'timescaledb' THEN
        RETURN;
    END IF;

    -- The state functions of first()/last() (V3) in PL/pgSQL, same logic: a SQL-language state
    -- function is not inlined in an aggregate and costs about 13 us a row, this about 2.
    EXECUTE $f$
        CREATE OR REPLACE FUNCTION first_step(s first_last_state, value double precision, ts timestamptz)
        RETURNS first_last_state LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $b$
        BEGIN
            IF ts IS NULL THEN
                RETURN s;
            ELSIF s IS NULL OR s.ts IS NULL OR ts < s.ts THEN
                RETURN ROW(value, ts)::first_last_state;
            END IF;
            RETURN s;
        END $b$ $f$;
    EXECUTE $f$
        CREATE OR REPLACE FUNCTION last_step(s first_last_state, value double precision, ts timestamptz)
        RETURNS first_last_state LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $b$
        BEGIN
            IF ts IS NULL THEN
                RETURN s;
            ELSIF s IS NULL OR s.ts IS NULL OR ts >= s.ts THEN
                RETURN ROW(value, ts)::first_last_state;
            END IF;
            RETURN s;
        END $b$ $f$;

    CREATE TABLE rollup_aggregate (
        name         text        PRIMARY KEY,
        source       text        NOT NULL,
        width        interval    NOT NULL,
        tz           text        NOT NULL,
        watermark    timestamptz NOT NULL DEFAULT '-infinity',
        threshold    timestamptz NOT NULL DEFAULT '-infinity',
        refreshed_at timestamptz,
        CHECK (watermark <= threshold)
    );
    CREATE TABLE rollup_invalid (
        rollup     text        NOT NULL REFERENCES rollup_aggregate (name),
        bucket     timestamptz NOT NULL,
        bucket_end timestamptz NOT NULL,
        PRIMARY KEY (rollup, bucket)
    );

    EXECUTE $f$
        CREATE FUNCTION rollup_watermark(agg_name text) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
        $b$ SELECT watermark FROM rollup_aggregate WHERE name = agg_name $b$ $f$;

    -- Late writes: the hours (every bucket boundary is a whole UTC hour) of rows before the
    -- threshold, turned into the late buckets of each of the table's aggregates.
    EXECUTE $f$
        CREATE FUNCTION rollup_log_late(source_table text, hours timestamptz[]) RETURNS void
        LANGUAGE sql AS $b$
            INSERT INTO rollup_invalid (rollup, bucket, bucket_end)
            SELECT DISTINCT a.name, b.bucket, (b.bucket AT TIME ZONE a.tz + a.width) AT TIME ZONE a.tz
            FROM rollup_aggregate a
            CROSS JOIN unnest(hours) AS h (hour)
            CROSS JOIN LATERAL (SELECT time_bucket(a.width, h.hour, a.tz) AS bucket) b
            WHERE a.source = source_table AND h.hour < a.threshold
            ON CONFLICT DO NOTHING
        $b$ $f$;

    -- Statement triggers with transition tables fire once per INSERT, COPY, UPDATE or DELETE; the
    -- usual batch (nothing before the threshold) costs one look-up and one filtered scan of the
    -- transition table. rollup_new_rows() reads the new rows, rollup_old_rows() the old ones.
    FOREACH src IN ARRAY ARRAY['new_rows', 'old_rows'] LOOP
        EXECUTE format($f$
            CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $b$
            DECLARE
                upto  timestamptz;
                hours timestamptz[];
            BEGIN
                SELECT max(threshold) INTO upto FROM rollup_aggregate WHERE source = TG_TABLE_NAME;
                IF upto IS NULL OR upto = '-infinity' THEN
                    RETURN NULL;
                END IF;
                SELECT array_agg(DISTINCT date_bin('1 hour', ts, timestamptz '2000-01-03 00:00+00')) INTO hours
                FROM %2$I WHERE ts < upto AND %3$s;
                IF hours IS NOT NULL THEN
                    PERFORM rollup_log_late(TG_TABLE_NAME, hours);
                END IF;
                RETURN NULL;
            END $b$ $f$, 'rollup_' || src, src, feeds);
    END LOOP;

    -- TRUNCATE of a reading table empties its rollups; the watermarks stay where they are.
    EXECUTE $f$
        CREATE FUNCTION rollup_truncated() RETURNS trigger LANGUAGE plpgsql AS $b$
        DECLARE
            agg text;
        BEGIN
            FOR agg IN SELECT name FROM rollup_aggregate WHERE source = TG_TABLE_NAME LOOP
                EXECUTE format('TRUNCATE %I', agg || '_rollup');
                DELETE FROM rollup_invalid WHERE rollup = agg;
            END LOOP;
            RETURN NULL;
        END $b$ $f$;

    -- Re-materialises one aggregate: its late buckets before the watermark, then every bucket
    -- from the watermark to the threshold; the watermark moves to the threshold.
    EXECUTE format($f$
        CREATE FUNCTION rollup_materialise(agg_name text) RETURNS bigint LANGUAGE plpgsql AS $b$
        DECLARE
            a        rollup_aggregate;
            rollup   text;
            starts   timestamptz[];
            ends     timestamptz[];
            n        bigint;
            total    bigint := 0;
        BEGIN
            SELECT * INTO STRICT a FROM rollup_aggregate WHERE name = agg_name FOR NO KEY UPDATE;
            rollup := quote_ident(a.name || '_rollup');
            WITH late AS (DELETE FROM rollup_invalid WHERE rollup_invalid.rollup = a.name AND bucket < a.threshold
                          RETURNING bucket, bucket_end)
            SELECT array_agg(bucket), array_agg(bucket_end) INTO starts, ends FROM late WHERE bucket < a.watermark;
            IF starts IS NOT NULL THEN
                EXECUTE format('DELETE FROM %%s WHERE bucket = ANY ($1)', rollup) USING starts;
                EXECUTE format('INSERT INTO %%s SELECT device_id, parameter, l.bucket, %s'
                               ' FROM unnest($1, $2) AS l (bucket, bucket_end)'
                               ' JOIN %%I r ON r.ts >= l.bucket AND r.ts < l.bucket_end'
                               ' WHERE %s GROUP BY device_id, parameter, l.bucket', rollup, a.source)
                    USING starts, ends;
                GET DIAGNOSTICS n = ROW_COUNT;
                total := total + n;
            END IF;
            IF a.threshold > a.watermark THEN
                EXECUTE format('DELETE FROM %%s WHERE bucket >= $1', rollup) USING a.watermark;
                EXECUTE format('INSERT INTO %%s SELECT device_id, parameter, time_bucket(%%L::interval, ts, %%L), %s'
                               ' FROM %%I WHERE ts >= $1 AND ts < $2 AND %s GROUP BY 1, 2, 3',
                               rollup, a.width, a.tz, a.source)
                    USING a.watermark, a.threshold;
                GET DIAGNOSTICS n = ROW_COUNT;
                total := total + n;
            END IF;
            UPDATE rollup_aggregate SET watermark = threshold, refreshed_at = now() WHERE name = a.name;
            -- Fresh statistics once a tenth of the table is new (the first refresh after a backfill),
            -- or the planner takes the rollup for empty and joins it by nested loops.
            IF total * 10 > (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = rollup::regclass) THEN
                EXECUTE 'ANALYZE ' || rollup;
            END IF;
            RETURN total;
        END $b$ $f$, agg_cols, replace(feeds, '''', ''''''), agg_cols, replace(feeds, '''', ''''''));

    -- CALL refresh_rollups([lag]) -> rows materialised, or NULL when another session is refreshing
    -- (or writers that may have missed the new thresholds are still open after 30 s). Outside a
    -- transaction block only: it commits in between. Two transactions, each under one advisory lock:
    --   1. the thresholds advance to the last bucket that ended at least `lag` ago; commit;
    --   2. once every transaction of this database that was writing at that commit has finished
    --      (any later write before the thresholds is logged as late), the aggregates are
    --      materialised up to them.
    EXECUTE $f$
        CREATE PROCEDURE refresh_rollups(lag interval DEFAULT interval '10 minutes', INOUT materialised bigint DEFAULT NULL)
        LANGUAGE plpgsql AS $b$
        DECLARE
            lock_key constant bigint := hashtextextended('refresh_rollups', 0);
            writers  xid8[];
            waited   int := 0;
            agg      text;
        BEGIN
            materialised := NULL;
            IF NOT pg_try_advisory_xact_lock(lock_key) THEN
                RETURN;
            END IF;
            UPDATE rollup_aggregate SET threshold = greatest(threshold, time_bucket(width, now() - lag, tz));
            COMMIT;
            SELECT array_agg(x) INTO writers
            FROM pg_snapshot_xip(pg_current_snapshot()) x
            WHERE (x::text::bigint % 4294967296)::text IN (
                SELECT backend_xid::text FROM pg_stat_activity
                WHERE datname = current_database() AND backend_xid IS NOT NULL);
            WHILE EXISTS (SELECT 1 FROM unnest(writers) x WHERE pg_xact_status(x) = 'in progress') LOOP
                IF waited >= 300 THEN
                    RAISE NOTICE 'refresh_rollups: writers still open after 30 s; materialising on the next call';
                    RETURN;
                END IF;
                PERFORM pg_sleep(0.1);
                waited := waited + 1;
            END LOOP;
            IF NOT pg_try_advisory_xact_lock(lock_key) THEN
                RETURN;
            END IF;
            PERFORM set_config('work_mem', '64MB', true);
            materialised := 0;
            FOR agg IN SELECT name FROM rollup_aggregate ORDER BY name LOOP
                materialised := materialised + rollup_materialise(agg);
            END LOOP;
        END $b$ $f$;

    FOREACH src IN ARRAY ARRAY['well_reading', 'cems_reading', 'water_quality_reading', 'gate_reading'] LOOP
        FOREACH agg IN ARRAY ARRAY[src || '_hourly', src || '_daily'] LOOP
            bucket := CASE WHEN agg LIKE '%_hourly' THEN 'time_bucket(INTERVAL ''1 hour'', ts)'
                           ELSE 'time_bucket(INTERVAL ''1 day'', ts, ''Asia/Shanghai'')' END;
            INSERT INTO rollup_aggregate (name, source, width, tz)
            VALUES (agg, src,
                    CASE WHEN agg LIKE '%_hourly' THEN INTERVAL '1 hour' ELSE INTERVAL '1 day' END,
                    CASE WHEN agg LIKE '%_hourly' THEN 'UTC' ELSE 'Asia/Shanghai' END);
            EXECUTE format('CREATE TABLE %I ('
                           ' device_id text NOT NULL, parameter text NOT NULL, bucket timestamptz NOT NULL,'
                           ' n bigint NOT NULL, n_valid bigint NOT NULL, avg_value double precision,'
                           ' min_value double precision, max_value double precision,'
                           ' first_value double precision, last_value double precision,'
                           ' PRIMARY KEY (device_id, parameter, bucket))', agg || '_rollup');
            EXECUTE format('CREATE INDEX %I ON %I (bucket)', agg || '_rollup_bucket_idx', agg || '_rollup');
            EXECUTE format(
                'CREATE OR REPLACE VIEW %1$I AS '
                'SELECT m.device_id, m.parameter, m.bucket, m.n, m.n_valid, m.avg_value, m.min_value,'
                '       m.max_value, m.first_value, m.last_value '
                'FROM %2$I m '
                'WHERE m.bucket < rollup_watermark(%1$L) AND NOT EXISTS ('
                '    SELECT 1 FROM rollup_invalid l WHERE l.rollup = %1$L AND l.bucket = m.bucket) '
                'UNION ALL '
                'SELECT device_id, parameter, %3$s AS bucket, %4$s '
                'FROM %5$I WHERE ts >= rollup_watermark(%1$L) AND %6$s '
                'GROUP BY device_id, parameter, %3$s '
                'UNION ALL '
                'SELECT device_id, parameter, l.bucket, %4$s '
                'FROM rollup_invalid l JOIN %5$I r ON r.ts >= l.bucket AND r.ts < l.bucket_end '
                'WHERE l.rollup = %1$L AND l.bucket < rollup_watermark(%1$L) AND %6$s '
                'GROUP BY device_id, parameter, l.bucket',
                agg, agg || '_rollup', bucket, agg_cols, src, feeds);
        END LOOP;
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION rollup_new_rows()', src || '_rollup_insert', src);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION rollup_new_rows()', src || '_rollup_update_new', src);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION rollup_old_rows()', src || '_rollup_update_old', src);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION rollup_old_rows()', src || '_rollup_delete', src);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION rollup_truncated()', src || '_rollup_truncate', src);
    END LOOP;
END
$rollups$;

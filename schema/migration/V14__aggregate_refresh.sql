-- Late data reaches every aggregate on both engines, and how fresh each aggregate is.
--
-- aggregate_watermarks()   (aggregate, watermark) for the eight <family>_reading_hourly/_daily
--                          aggregates: buckets that end at or before the watermark are
--                          materialised; '-infinity' while nothing is. Both engines.
--
-- TimescaleDB only (on plain PostgreSQL, V8 does this for its rollups):
-- A continuous aggregate's refresh policy only looks at its window (35 days back, see V3). Readings
-- written further back — imports, backfills, HJ 212 resends, devices catching up — never reach the
-- materialised buckets and vanish from the aggregate once its watermark has passed them; within the
-- window, a late batch ending exactly on local midnight can leave that day stale for good
-- (timescale/timescaledb#10296: the refresh then reports "already up-to-date"). So, as V8 does:
--
--   aggregate_refresh          per aggregate: its source table, bucket width and time zone
--   aggregate_refresh_pending  buckets (or ranges of them) that received writes after they could
--                              have been materialised; filled by statement triggers on the
--                              reading tables (INSERT, COPY, UPDATE)
--   CALL refresh_rollups([lag]) same name and result column as on plain PostgreSQL, so the service,
--                              the backfill and the extract command call one procedure:
--     1. under a session advisory lock (one caller across instances; others return NULL), every
--        pending range whose buckets have ended is refreshed with force => true, which is the same
--        work as an unforced refresh of those buckets when TimescaleDB's own invalidation log is
--        right, and the right answer when it is not (#10296); ranges less than a day apart are
--        merged into one call; a range's pending rows are deleted once its refresh has committed
--        (after a failure in between, the next pass refreshes it again);
--     2. each aggregate is refreshed, unforced, from min(its watermark, 35 days back) to the last
--        bucket that ended at least max(lag, 1 hour) ago: what the policy does, from a job that
--        does not depend on TimescaleDB's background workers (see ingest-service/BENCHMARKS.md
--        on PostgreSQL 15.20), and from the beginning when nothing has been materialised yet.
--     materialised = the number of pending buckets (a queued range counts as one) refreshed in step 1.
--
-- The triggers record rows older than one hour (the policy's end_offset): a bucket is never
-- materialised earlier than that, so any write into a materialised bucket is recorded. A row that
-- is younger when written but whose transaction commits after a refresh has passed it is left to
-- TimescaleDB's own invalidation log, which step 2 and the policy read.
-- DELETE is not recorded: TimescaleDB refuses DELETE triggers with transition tables on
-- compressed hypertables, and the service never deletes readings; after a manual DELETE in old
-- data, refresh the range by hand (CALL refresh_continuous_aggregate(..., force => true)).
-- A database that already holds readings when this runs gets one pending range per aggregate,
-- from its oldest reading to the last hour: its history may never have been materialised.
-- The refresh commits between steps, so refresh_rollups() cannot run inside a transaction block,
-- and a failure leaves the session holding the advisory lock: the service releases it; in psql,
-- end the session.

DO $refresh$
DECLARE
    feeds constant text := 'period IN (''rt'', ''min'') AND stat IN (''val'', ''avg'')';
    src   text;
    agg   text;
BEGIN
    IF storage_engine_name() <> 'timescaledb' THEN
        EXECUTE $f$
            CREATE FUNCTION aggregate_watermarks() RETURNS TABLE (aggregate text, watermark timestamptz)
            LANGUAGE sql STABLE AS
            $b$ SELECT name, watermark FROM rollup_aggregate ORDER BY name $b$ $f$;
        RETURN;
    END IF;

    -- The watermark of a continuous aggregate, as TimescaleDB's documentation shows it; before the
    -- first refresh TimescaleDB answers the lowest timestamp it knows, read here as '-infinity'.
    EXECUTE $f$
        CREATE FUNCTION aggregate_watermarks() RETURNS TABLE (aggregate text, watermark timestamptz)
        LANGUAGE sql STABLE AS $b$
            SELECT c.user_view_name::text,
                   CASE WHEN w.t < timestamptz '0001-01-01 00:00+00' THEN timestamptz '-infinity' ELSE w.t END
            FROM _timescaledb_catalog.continuous_agg c
            CROSS JOIN LATERAL (SELECT _timescaledb_functions.to_timestamp(
                                    _timescaledb_functions.cagg_watermark(c.mat_hypertable_id)) AS t) w
            WHERE c.user_view_schema = current_schema()
            ORDER BY 1
        $b$ $f$;

    CREATE TABLE aggregate_refresh (
        name   text     PRIMARY KEY,
        source text     NOT NULL,
        width  interval NOT NULL,
        tz     text     NOT NULL
    );
    CREATE TABLE aggregate_refresh_pending (
        id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        aggregate  text        NOT NULL REFERENCES aggregate_refresh (name),
        bucket     timestamptz NOT NULL,
        bucket_end timestamptz NOT NULL,
        CHECK (bucket < bucket_end)
    );
    CREATE INDEX aggregate_refresh_pending_end_idx ON aggregate_refresh_pending (bucket_end);

    -- Statement triggers with transition tables fire once per INSERT, COPY or UPDATE; live data
    -- (nothing older than an hour) costs one filtered scan of the transition table.
    FOREACH src IN ARRAY ARRAY['new_rows', 'old_rows'] LOOP
        EXECUTE format($f$
            CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $b$
            DECLARE
                hours timestamptz[];
            BEGIN
                SELECT array_agg(DISTINCT date_bin('1 hour', ts, timestamptz '2000-01-03 00:00+00')) INTO hours
                FROM %2$I WHERE ts < statement_timestamp() - interval '1 hour' AND %3$s;
                IF hours IS NOT NULL THEN
                    INSERT INTO aggregate_refresh_pending (aggregate, bucket, bucket_end)
                    SELECT DISTINCT a.name, b.bucket, (b.bucket AT TIME ZONE a.tz + a.width) AT TIME ZONE a.tz
                    FROM aggregate_refresh a
                    CROSS JOIN unnest(hours) AS h (hour)
                    CROSS JOIN LATERAL (SELECT time_bucket(a.width, h.hour, a.tz) AS bucket) b
                    WHERE a.source = TG_TABLE_NAME;
                END IF;
                RETURN NULL;
            END $b$ $f$, 'aggregate_touched_' || src, src, feeds);
    END LOOP;

    EXECUTE $f$
        CREATE PROCEDURE refresh_rollups(lag interval DEFAULT interval '10 minutes', INOUT materialised bigint DEFAULT NULL)
        LANGUAGE plpgsql AS $b$
        DECLARE
            lock_key constant bigint := hashtextextended('refresh_rollups', 0);
            upto     timestamptz := statement_timestamp() - greatest(lag, interval '1 hour');
            aggs     text[];
            starts   timestamptz[];
            ends     timestamptz[];
            ids      bigint[];
            islands  int[];
            buckets  bigint[];
            i        int;
            a        aggregate_refresh;
            mark     timestamptz;
            done     bigint := 0;
            -- A manual refresh commits every 10 buckets by default: 25 s for 450 days of an hourly
            -- aggregate holding one device, against 0.5 s in batches of 1,000 buckets (42 days of
            -- hours, 2.7 years of days).
            batches  constant jsonb := '{"buckets_per_batch": 1000}';
        BEGIN
            materialised := NULL;
            IF NOT pg_try_advisory_lock(lock_key) THEN
                RETURN;
            END IF;
            -- 1. Pending ranges of ended buckets, merged where less than a day lies between them
            --    (one refresh call costs tens of milliseconds; a day of raw rows less): island k is
            --    aggs[k] from starts[k] to ends[k]; ids[j] belongs to island islands[j].
            WITH p AS (
                SELECT id, aggregate, bucket, bucket_end,
                       max(bucket_end) OVER (PARTITION BY aggregate ORDER BY bucket, id
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
                FROM aggregate_refresh_pending WHERE bucket_end <= upto
            ), n AS (
                SELECT *, sum(CASE WHEN reach IS NULL OR bucket > reach + interval '1 day' THEN 1 ELSE 0 END)
                              OVER (PARTITION BY aggregate ORDER BY bucket, id) AS island
                FROM p
            ), k AS (
                SELECT *, dense_rank() OVER (ORDER BY aggregate, island)::int AS k FROM n
            ), r AS (
                SELECT k, aggregate, min(bucket) AS s, max(bucket_end) AS e, count(DISTINCT bucket) AS nb
                FROM k GROUP BY k, aggregate
            )
            SELECT (SELECT array_agg(aggregate ORDER BY k) FROM r), (SELECT array_agg(s ORDER BY k) FROM r),
                   (SELECT array_agg(e ORDER BY k) FROM r), (SELECT array_agg(nb ORDER BY k) FROM r),
                   (SELECT array_agg(id ORDER BY id) FROM k), (SELECT array_agg(k ORDER BY id) FROM k)
            INTO aggs, starts, ends, buckets, ids, islands;
            FOR i IN 1 .. coalesce(array_length(aggs, 1), 0) LOOP
                CALL refresh_continuous_aggregate(aggs[i]::regclass, starts[i], ends[i], force => true, options => batches);
                DELETE FROM aggregate_refresh_pending
                WHERE id IN (SELECT u.id FROM unnest(ids, islands) AS u (id, k) WHERE u.k = i);
                COMMIT;
                done := done + buckets[i];
            END LOOP;
            -- 2. What the policy does, from the watermark when it lies further back than the window.
            FOR a IN SELECT * FROM aggregate_refresh ORDER BY name LOOP
                SELECT w.watermark INTO mark FROM aggregate_watermarks() w WHERE w.aggregate = a.name;
                IF time_bucket(a.width, upto, a.tz) > least(mark, upto - interval '35 days') THEN
                    CALL refresh_continuous_aggregate(a.name::regclass,
                        CASE WHEN mark = '-infinity' THEN NULL ELSE least(mark, upto - interval '35 days') END,
                        time_bucket(a.width, upto, a.tz), options => batches);
                    COMMIT;
                END IF;
            END LOOP;
            PERFORM pg_advisory_unlock(lock_key);
            materialised := done;
        END $b$ $f$;

    FOREACH src IN ARRAY ARRAY['well_reading', 'cems_reading', 'water_quality_reading', 'gate_reading'] LOOP
        FOREACH agg IN ARRAY ARRAY[src || '_hourly', src || '_daily'] LOOP
            INSERT INTO aggregate_refresh (name, source, width, tz)
            VALUES (agg, src,
                    CASE WHEN agg LIKE '%_hourly' THEN INTERVAL '1 hour' ELSE INTERVAL '1 day' END,
                    CASE WHEN agg LIKE '%_hourly' THEN 'UTC' ELSE 'Asia/Shanghai' END);
        END LOOP;
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION aggregate_touched_new_rows()', src || '_touched_insert', src);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION aggregate_touched_new_rows()', src || '_touched_update_new', src);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION aggregate_touched_old_rows()', src || '_touched_update_old', src);
        -- A database migrated before this: its history may never have been materialised (the
        -- policy's window is 35 days). One pending range per aggregate, from its oldest reading to
        -- the last hour, for the first refresh.
        EXECUTE format(
            'INSERT INTO aggregate_refresh_pending (aggregate, bucket, bucket_end)'
            ' SELECT a.name, time_bucket(a.width, m.ts, a.tz), time_bucket(a.width, now() - interval ''1 hour'', a.tz)'
            ' FROM aggregate_refresh a, (SELECT min(ts) AS ts FROM %I) m'
            ' WHERE a.source = %L AND time_bucket(a.width, m.ts, a.tz) < time_bucket(a.width, now() - interval ''1 hour'', a.tz)',
            src, src);
    END LOOP;
END
$refresh$;

-- Engine parity: on either engine, every aggregate answers what its raw rows say, after the data
-- have been materialised, after late data (inside and beyond the refresh policy's 35-day window,
-- into compressed chunks, in batches that span chunks and end exactly on local midnight, and an
-- UPDATE), and after the refresh the service runs (CALL refresh_rollups(), V8 / V14). It stops
-- with an error naming the first differences, and also checks time_bucket(), first() and last()
-- against TimescaleDB's own answers.
--
-- Run against a fresh, throwaway database migrated with schema/migration (the integration test
-- EngineParityIntegrationTests does: on plain PostgreSQL always, on TimescaleDB where
-- INGEST_TEST_TIMESCALEDB_URL names a server), or by hand:
--
--   psql -X -q -v ON_ERROR_STOP=1 -d <database> -f schema/checks/engine-parity.sql
--
-- Plain SQL, one statement at a time in auto-commit (refresh_rollups() commits in between); no
-- psql commands. It writes its own fixture into well_reading and gate_reading. Never run it
-- against a database in use.

SET TimeZone = 'Asia/Shanghai';

-- Fixture 1, fixed dates: two wells; local days around quarter, year and leap-day ends; flags N
-- (valid) and D (invalid); one hour average that the aggregates must leave out; one minute average
-- they keep.
INSERT INTO well_reading (device_id, parameter, period, stat, ts, value, flag, valid) VALUES
    ('W-0001', 'w00000', 'rt',   'val', '2025-03-31 22:10+08',  10.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-03-31 22:40+08',  12.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-03-31 23:30+08',  14.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-03-31 23:50+08', 999.0, 'D', false),
    ('W-0001', 'w00000', 'rt',   'val', '2025-04-01 00:30+08',  16.0, 'N', true),
    ('W-0001', 'w00000', 'hour', 'avg', '2025-04-01 00:00+08',  50.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-04-01 07:59+08',  18.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-04-01 08:00+08',   0.0, 'D', false),
    ('W-0001', 'w00000', 'rt',   'val', '2025-06-30 23:30+08',  20.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-07-01 00:05+08',  21.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-12-31 23:30+08',  30.0, 'N', true),
    ('W-0001', 'w00000', 'min',  'avg', '2026-01-01 00:15+08',  31.0, 'N', true),
    ('W-0002', 'w00000', 'rt',   'val', '2024-02-29 23:30+08',   5.0, 'N', true),
    ('W-0002', 'w00000', 'rt',   'val', '2024-03-01 00:00+08',   6.0, 'N', true),
    ('W-0002', 'w00000', 'rt',   'val', '2025-09-30 23:30+08',   7.0, 'D', false),
    ('W-0002', 'w00000', 'rt',   'val', '2025-09-30 23:45+08',   8.0, 'D', false)
ON CONFLICT DO NOTHING;

-- Fixture 2, relative to today's local midnight: a well reporting every six hours for the last
-- 450 days up to two days ago, and a gate every hour for the last 60 days up to two days ago.
INSERT INTO well_reading (device_id, parameter, period, stat, ts, value, flag, valid)
SELECT 'W-0003', 'gw_level', 'rt', 'val', t, 100 + extract(epoch FROM t)::bigint % 997 / 10.0, 'N', true
FROM generate_series(date_trunc('day', now()) - interval '450 days', date_trunc('day', now()) - interval '2 days',
                     interval '6 hours') AS t
ON CONFLICT DO NOTHING;
INSERT INTO gate_reading (device_id, parameter, period, stat, ts, value, flag, valid)
SELECT 'G-0001', 'opening', 'rt', 'val', t, extract(epoch FROM t)::bigint % 89 / 10.0, 'N', true
FROM generate_series(date_trunc('day', now()) - interval '60 days', date_trunc('day', now()) - interval '2 days',
                     interval '1 hour') AS t
ON CONFLICT DO NOTHING;

-- Materialise: on TimescaleDB first what the refresh policies do (run by hand), then the service's
-- refresh on both engines; then compress the chunks older than 30 days, as the compression policy
-- does.
DO $policies$
DECLARE
    job int;
BEGIN
    IF storage_engine_name() = 'timescaledb' THEN
        FOR job IN SELECT j.job_id FROM timescaledb_information.jobs j
                   WHERE j.proc_name = 'policy_refresh_continuous_aggregate' ORDER BY j.job_id LOOP
            CALL run_job(job);
        END LOOP;
    END IF;
END
$policies$;
CALL refresh_rollups(interval '0');
DO $compress$
BEGIN
    IF storage_engine_name() = 'timescaledb' THEN
        PERFORM compress_chunk(c, if_not_compressed => true)
        FROM unnest(ARRAY['well_reading', 'gate_reading']) AS h (name)
        CROSS JOIN LATERAL show_chunks(h.name::regclass, older_than => interval '30 days') AS c;
        IF NOT EXISTS (SELECT 1 FROM timescaledb_information.chunks WHERE is_compressed) THEN
            RAISE EXCEPTION 'engine parity: no chunk was compressed';
        END IF;
    END IF;
END
$compress$;

-- Late data, each a statement of its own, all below what was materialised:
-- into the fixed days (compressed chunks on TimescaleDB), one second before a bucket and exactly on
-- a local midnight;
INSERT INTO well_reading (device_id, parameter, period, stat, ts, value, flag, valid) VALUES
    ('W-0001', 'w00000', 'rt',   'val', '2025-03-31 21:59:59+08',   9.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-04-01 00:00+08',      15.0, 'N', true),
    ('W-0002', 'w00000', 'min',  'avg', '2024-02-29 23:59:59+08',    4.0, 'N', true)
ON CONFLICT DO NOTHING;
-- 10 days back (inside the window, uncompressed) and 32 days back (inside, compressed);
INSERT INTO well_reading (device_id, parameter, period, stat, ts, value, flag, valid) VALUES
    ('W-0003', 'gw_level', 'rt', 'val', date_trunc('day', now()) - interval '10 days' + interval '7 hours 30 minutes', 1.5, 'N', true),
    ('W-0003', 'gw_level', 'rt', 'val', date_trunc('day', now()) - interval '32 days' + interval '13 hours 15 minutes', 2.5, 'N', true)
ON CONFLICT DO NOTHING;
-- 100 and 400 days back, beyond the window, compressed;
INSERT INTO well_reading (device_id, parameter, period, stat, ts, value, flag, valid) VALUES
    ('W-0003', 'gw_level', 'rt', 'val', date_trunc('day', now()) - interval '100 days' + interval '3 hours 20 minutes', 3.5, 'N', true),
    ('W-0003', 'gw_level', 'rt', 'val', date_trunc('day', now()) - interval '400 days' + interval '17 hours 45 minutes', 4.5, 'N', true)
ON CONFLICT DO NOTHING;
-- a device catching up: hourly rows over 20 days that span several chunks and end exactly on local
-- midnight, once inside the window and once beyond it (timescale/timescaledb#10296);
INSERT INTO well_reading (device_id, parameter, period, stat, ts, value, flag, valid)
SELECT 'W-0003', 'gw_level', 'rt', 'val', t, 200 + extract(epoch FROM t)::bigint % 991 / 10.0, 'N', true
FROM generate_series(date_trunc('day', now()) - interval '25 days' + interval '1 hour',
                     date_trunc('day', now()) - interval '5 days', interval '1 hour') AS t
ON CONFLICT DO NOTHING;
INSERT INTO well_reading (device_id, parameter, period, stat, ts, value, flag, valid)
SELECT 'W-0003', 'gw_level', 'rt', 'val', t, 300 + extract(epoch FROM t)::bigint % 983 / 10.0, 'N', true
FROM generate_series(date_trunc('day', now()) - interval '120 days' + interval '1 hour',
                     date_trunc('day', now()) - interval '100 days', interval '1 hour') AS t
ON CONFLICT DO NOTHING;
INSERT INTO gate_reading (device_id, parameter, period, stat, ts, value, flag, valid)
SELECT 'G-0001', 'opening', 'rt', 'val', t + interval '30 minutes', 9.9, 'N', true
FROM generate_series(date_trunc('day', now()) - interval '45 days', date_trunc('day', now()) - interval '3 days',
                     interval '1 day') AS t
ON CONFLICT DO NOTHING;
-- and a correction of stored values, in a compressed chunk and on a local midnight.
UPDATE well_reading SET value = value + 1000
WHERE device_id = 'W-0003' AND ts IN (date_trunc('day', now()) - interval '200 days',
                                      date_trunc('day', now()) - interval '5 days');

-- The policies and the service's refresh again.
DO $policies$
DECLARE
    job int;
BEGIN
    IF storage_engine_name() = 'timescaledb' THEN
        FOR job IN SELECT j.job_id FROM timescaledb_information.jobs j
                   WHERE j.proc_name = 'policy_refresh_continuous_aggregate' ORDER BY j.job_id LOOP
            CALL run_job(job);
        END LOOP;
    END IF;
END
$policies$;
CALL refresh_rollups(interval '0');

-- Check 1: the data are materialised: every aggregate's watermark has passed the buckets that
-- ended two days before today's local midnight, where the fixture's live data stop (so the
-- check below reads materialised rows, not raw ones; a continuous aggregate's watermark stops at
-- the end of its newest bucket with data).
DO $materialised$
DECLARE
    late text;
BEGIN
    SELECT string_agg(aggregate || ' at ' || watermark, ', ') INTO late
    FROM aggregate_watermarks()
    WHERE aggregate IN ('well_reading_hourly', 'well_reading_daily', 'gate_reading_hourly', 'gate_reading_daily')
      AND watermark < date_trunc('day', now()) - interval '2 days';
    IF late IS NOT NULL THEN
        RAISE EXCEPTION 'engine parity: not materialised: %', late;
    END IF;
END
$materialised$;

-- Check 2: every aggregate equals its raw rows, aggregated as V3 defines it.
DO $aggregates$
DECLARE
    a       record;
    missing bigint;
    extra   bigint;
    sample  text;
    failed  text := '';
BEGIN
    FOR a IN SELECT f || '_' || b AS name, f AS source,
                    CASE b WHEN 'hourly' THEN 'time_bucket(INTERVAL ''1 hour'', ts)'
                           ELSE 'time_bucket(INTERVAL ''1 day'', ts, ''Asia/Shanghai'')' END AS bucket
             FROM unnest(ARRAY['well_reading', 'cems_reading', 'water_quality_reading', 'gate_reading']) AS f
             CROSS JOIN unnest(ARRAY['hourly', 'daily']) AS b LOOP
        EXECUTE format(
            'WITH raw AS ('
            '    SELECT device_id, parameter, %s AS bucket, count(*) AS n, count(*) FILTER (WHERE valid) AS n_valid,'
            '           round((avg(value) FILTER (WHERE valid))::numeric, 9) AS avg_value,'
            '           min(value) FILTER (WHERE valid) AS min_value, max(value) FILTER (WHERE valid) AS max_value,'
            '           (array_agg(value ORDER BY ts) FILTER (WHERE valid))[1] AS first_value,'
            '           (array_agg(value ORDER BY ts DESC) FILTER (WHERE valid))[1] AS last_value'
            '    FROM %I WHERE period IN (''rt'', ''min'') AND stat IN (''val'', ''avg'')'
            '    GROUP BY 1, 2, 3'
            '), agg AS ('
            '    SELECT device_id, parameter, bucket, n, n_valid, round(avg_value::numeric, 9), min_value,'
            '           max_value, first_value, last_value FROM %I'
            '), missing AS (TABLE raw EXCEPT ALL TABLE agg), extra AS (TABLE agg EXCEPT ALL TABLE raw)'
            'SELECT (SELECT count(*) FROM missing), (SELECT count(*) FROM extra),'
            '       (SELECT string_agg(r::text, '' '') FROM (SELECT ''raw'' AS side, * FROM (TABLE missing ORDER BY 3 LIMIT 3) m'
            '        UNION ALL SELECT ''aggregate'', * FROM (TABLE extra ORDER BY 3 LIMIT 3) e) r)',
            a.bucket, a.source, a.name)
        INTO missing, extra, sample;
        IF missing + extra > 0 THEN
            failed := failed || format(E'\n  %s: %s raw rows not in the aggregate, %s aggregate rows not in the raw data: %s',
                                       a.name, missing, extra, sample);
        END IF;
    END LOOP;
    IF failed <> '' THEN
        RAISE EXCEPTION 'engine parity: aggregates differ from the raw data:%', failed;
    END IF;
END
$aggregates$;

-- Check 3: first() and last() per well and local month (valid data only) equal the values at the
-- earliest and latest time.
DO $first_last$
DECLARE
    wrong bigint;
BEGIN
    SELECT count(*) INTO wrong FROM (
        SELECT device_id, parameter, time_bucket('1 month', ts, 'Asia/Shanghai'),
               first(value, ts), last(value, ts)
        FROM well_reading WHERE valid AND period IN ('rt', 'min') AND stat IN ('val', 'avg') GROUP BY 1, 2, 3
        EXCEPT
        SELECT device_id, parameter, time_bucket('1 month', ts, 'Asia/Shanghai'),
               (array_agg(value ORDER BY ts))[1], (array_agg(value ORDER BY ts DESC))[1]
        FROM well_reading WHERE valid AND period IN ('rt', 'min') AND stat IN ('val', 'avg') GROUP BY 1, 2, 3) d;
    IF wrong > 0 THEN
        RAISE EXCEPTION 'engine parity: first()/last() wrong in % local months', wrong;
    END IF;
END
$first_last$;

-- Check 4: time_bucket() over a sweep of instants from 1999 to 2027, every width and time zone the
-- queries use, gives TimescaleDB's answers (digest taken on TimescaleDB 2.28.3, TimeZone
-- Asia/Shanghai as set above).
DO $time_bucket$
DECLARE
    digest text;
BEGIN
    SELECT md5(string_agg(width::text || coalesce(tz, '-') || ':' || d, ',' ORDER BY width, tz)) INTO digest
    FROM (
        SELECT width, tz, md5(string_agg(bucket::text, ',' ORDER BY t)) AS d
        FROM (VALUES ('15 minutes'::interval), ('1 hour'), ('1 day'), ('7 days'),
                     ('1 month'), ('3 months'), ('1 year')) AS w (width)
        CROSS JOIN (VALUES (NULL::text), ('Asia/Shanghai'), ('UTC')) AS z (tz)
        CROSS JOIN generate_series(timestamptz '1999-11-20 05:17+00', timestamptz '2027-02-10 00:00+00',
                                   interval '6 hours 47 minutes') AS t
        CROSS JOIN LATERAL (SELECT CASE WHEN tz IS NULL THEN time_bucket(width, t)
                                        ELSE time_bucket(width, t, tz) END AS bucket) AS b
        GROUP BY 1, 2) x;
    IF digest <> '6350bac2d593f70d35272e54d69ddb1a' THEN
        RAISE EXCEPTION 'engine parity: time_bucket() differs from TimescaleDB''s (digest %)', digest;
    END IF;
END
$time_bucket$;

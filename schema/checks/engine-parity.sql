-- Engine parity: the read surface of V3 gives the same answers on TimescaleDB and on plain
-- PostgreSQL. Run with psql against a fresh, throwaway database migrated with schema/migration,
-- once per engine, and compare the two outputs; they must be identical:
--
--   psql -X -q -v ON_ERROR_STOP=1 -d <database> -f schema/checks/engine-parity.sql > <engine>.out
--
-- It inserts its own fixture into well_reading. Never run it against a database in use.

SET TimeZone = 'Asia/Shanghai';

-- Fixture: two wells; local days around quarter, year and leap-day ends; flags N (valid) and
-- D (invalid); one hour average that the aggregates must leave out; one minute average they keep.
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

-- Materialise the aggregates so the materialised part is compared: the continuous aggregates on
-- TimescaleDB, the rollups of V8 on plain PostgreSQL.
SELECT storage_engine_name() = 'timescaledb' AS on_timescaledb \gset
\if :on_timescaledb
CALL refresh_continuous_aggregate('well_reading_hourly', NULL, NULL);
CALL refresh_continuous_aggregate('well_reading_daily', NULL, NULL);
\else
CALL refresh_rollups() \g /dev/null
\endif

-- Then late data below what was materialised: the answers below must include them.
INSERT INTO well_reading (device_id, parameter, period, stat, ts, value, flag, valid) VALUES
    ('W-0001', 'w00000', 'rt',   'val', '2025-03-31 21:59:59+08',   9.0, 'N', true),
    ('W-0001', 'w00000', 'rt',   'val', '2025-04-01 00:00+08',      15.0, 'N', true),
    ('W-0002', 'w00000', 'min',  'avg', '2024-02-29 23:59:59+08',    4.0, 'N', true)
ON CONFLICT DO NOTHING;

\echo '-- daily aggregate (local days)'
SELECT * FROM well_reading_daily ORDER BY 1, 2, 3;

\echo '-- hourly aggregate'
SELECT * FROM well_reading_hourly ORDER BY 1, 2, 3;

\echo '-- time_bucket on every fixture row'
SELECT ts,
       time_bucket('1 day', ts, 'Asia/Shanghai')    AS local_day,
       time_bucket('1 month', ts, 'Asia/Shanghai')  AS local_month,
       time_bucket('3 months', ts, 'Asia/Shanghai') AS local_quarter,
       time_bucket('1 year', ts, 'Asia/Shanghai')   AS local_year,
       time_bucket('1 hour', ts)                    AS hour,
       time_bucket('1 day', ts)                     AS utc_day,
       time_bucket('7 days', ts)                    AS utc_week,
       time_bucket('3 months', ts)                  AS utc_quarter
FROM well_reading
ORDER BY device_id, ts, period, stat;

\echo '-- first and last per well and local quarter'
SELECT device_id, parameter, time_bucket('3 months', ts, 'Asia/Shanghai') AS quarter,
       count(*) AS n, first(value, ts) AS first_value, last(value, ts) AS last_value
FROM well_reading
WHERE period IN ('rt', 'min') AND stat IN ('val', 'avg')
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

\echo '-- first and last per well and local month, valid data only'
SELECT device_id, parameter, time_bucket('1 month', ts, 'Asia/Shanghai') AS month,
       first(value, ts) AS first_value, last(value, ts) AS last_value
FROM well_reading
WHERE valid AND period IN ('rt', 'min') AND stat IN ('val', 'avg')
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

\echo '-- months rolled up from the daily aggregate'
SELECT device_id, parameter, time_bucket('1 month', bucket, 'Asia/Shanghai') AS month,
       sum(n) AS n, sum(n_valid) AS n_valid, min(min_value) AS min_value, max(max_value) AS max_value
FROM well_reading_daily
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

\echo '-- time_bucket over a sweep of instants (one digest per bucket width)'
SELECT width, tz, count(*) AS instants, count(DISTINCT bucket) AS buckets,
       md5(string_agg(bucket::text, ',' ORDER BY t)) AS digest
FROM (VALUES ('15 minutes'::interval), ('1 hour'), ('1 day'), ('7 days'),
             ('1 month'), ('3 months'), ('1 year')) AS w (width)
CROSS JOIN (VALUES (NULL::text), ('Asia/Shanghai'), ('UTC')) AS z (tz)
CROSS JOIN generate_series(timestamptz '1999-11-20 05:17+00', timestamptz '2027-02-10 00:00+00',
                           interval '6 hours 47 minutes') AS t
CROSS JOIN LATERAL (SELECT CASE WHEN tz IS NULL THEN time_bucket(width, t)
                                ELSE time_bucket(width, t, tz) END AS bucket) AS b
GROUP BY 1, 2
ORDER BY 1, 2;

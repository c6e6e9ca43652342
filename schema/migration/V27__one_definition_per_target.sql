-- Issue "One definition per indicator": every target and every setting is held once. The rules' own
-- targets (the 98 % transmission target, the 0.5 m year-on-year decline, the 168 h calibration interval,
-- the 12 °C cold-water switch, ...) are in the rule set, published in rule_param (V25) for the extract
-- and the dashboards. What no rule judges but an indicator needs is a row of indicator_setting (V25).
-- Plain SQL functions only: the same on plain PostgreSQL and on TimescaleDB.

-- gw_stable_months: a month is stable while the zone mean is within ±gw_stable_band_m of a year earlier.
INSERT INTO indicator_setting (name, value, source) VALUES
    ('gw_stable_band_m', 0.5,
     '中国水资源公报 2022: year-on-year change within ±0.5 m is stable (rising > +0.5 m, declining < −0.5 m)');

-- zone_gw_stable_run (V16) without a band of its own: a NULL band is the setting above.
DROP FUNCTION zone_gw_stable_run(text, date, double precision);
CREATE FUNCTION zone_gw_stable_run(p_zone text, p_as_of date, p_band double precision DEFAULT NULL)
RETURNS TABLE (months integer, since date)
LANGUAGE sql STABLE AS $$
    WITH band AS (
        SELECT coalesce(p_band, (SELECT s.value FROM indicator_setting s WHERE s.name = 'gw_stable_band_m')) AS m
    ), m AS MATERIALIZED (
        SELECT month, yoy_change_m FROM zone_gw_monthly WHERE zone_id = p_zone AND month <= p_as_of
    ), series AS (
        SELECT s::date AS month
        FROM generate_series(date_trunc('month', p_as_of),
                             (SELECT coalesce(min(month), p_as_of) FROM m) - INTERVAL '1 month',
                             INTERVAL '-1 month') AS s
    ), break AS (
        SELECT max(s.month) AS month
        FROM series s
        LEFT JOIN m ON m.month = s.month
        CROSS JOIN band
        WHERE m.yoy_change_m IS NULL OR abs(m.yoy_change_m) > band.m + 1e-9
    )
    SELECT ((extract(year FROM age(date_trunc('month', p_as_of), b.month)) * 12
             + extract(month FROM age(date_trunc('month', p_as_of), b.month))))::int,
           CASE WHEN b.month < date_trunc('month', p_as_of) THEN (b.month + INTERVAL '1 month')::date END
    FROM break b
$$;

-- wq_daily_mean (V25) leaving out the values inside accepted data marks (accepted_marks, V19), as the
-- transmission rate, the valid hours and WQ_DISCHARGE_LIMIT do: HJ 356-2019 builds the daily mean from
-- valid data only. A (monitor, parameter, day) that an accepted mark touches is averaged from its raw
-- unmarked values (the rollup cannot leave them out); every other day is read from the rollup as before.
-- A day whose every value is marked has no daily mean.
DROP FUNCTION wq_daily_mean(timestamptz, timestamptz);
CREATE FUNCTION wq_daily_mean(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (device_id text, parameter text, bucket timestamptz, avg_value double precision, source text)
LANGUAGE sql STABLE AS $$
    WITH am AS MATERIALIZED (
        SELECT a.device_id, a.parameter, a.starts_at, a.ends_at FROM accepted_marks(p_from, p_to) a
    ), touched AS MATERIALIZED (
        -- the local days each accepted mark overlaps, per parameter of its monitor
        SELECT DISTINCT mp.device_id, mp.parameter, d.day AS bucket
        FROM am
        JOIN monitor_parameter mp ON mp.device_id = am.device_id AND (am.parameter IS NULL OR am.parameter = mp.parameter)
        CROSS JOIN LATERAL generate_series(
            date_trunc('day', greatest(am.starts_at, p_from) AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai',
            least(am.ends_at, p_to) - INTERVAL '1 microsecond', INTERVAL '1 day') d (day)
    ), rm AS (
        SELECT d.device_id, d.parameter, d.bucket, d.avg_value
        FROM water_quality_reading_daily d
        WHERE d.n_valid > 0 AND d.bucket >= p_from AND d.bucket < p_to
          AND NOT EXISTS (SELECT 1 FROM touched t WHERE t.device_id = d.device_id AND t.parameter = d.parameter
                          AND t.bucket = d.bucket)
        UNION ALL
        SELECT t.device_id, t.parameter, t.bucket, avg(r.value)
        FROM touched t
        JOIN water_quality_reading r ON r.device_id = t.device_id AND r.parameter = t.parameter
         AND r.ts >= t.bucket AND r.ts < t.bucket + INTERVAL '1 day' AND r.ts < p_to
        WHERE t.bucket >= p_from AND r.valid AND r.period IN ('rt', 'min') AND r.stat IN ('val', 'avg')
          AND NOT EXISTS (SELECT 1 FROM am WHERE am.device_id = r.device_id
                          AND (am.parameter IS NULL OR am.parameter = r.parameter)
                          AND r.ts >= am.starts_at AND r.ts < am.ends_at)
        GROUP BY 1, 2, 3
    ), hd AS (
        SELECT r.device_id, r.parameter,
               date_trunc('day', r.ts AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS bucket,
               (avg(r.value::numeric) FILTER (WHERE r.period = 'hour'))::double precision AS hour_mean,
               (avg(r.value::numeric) FILTER (WHERE r.period = 'day'))::double precision AS day_mean
        FROM water_quality_reading r
        WHERE r.valid AND r.period IN ('hour', 'day') AND r.stat = 'avg' AND r.ts >= p_from AND r.ts < p_to
          AND NOT EXISTS (SELECT 1 FROM am WHERE am.device_id = r.device_id
                          AND (am.parameter IS NULL OR am.parameter = r.parameter)
                          AND r.ts >= am.starts_at AND r.ts < am.ends_at)
        GROUP BY 1, 2, 3
    )
    SELECT coalesce(rm.device_id, hd.device_id), coalesce(rm.parameter, hd.parameter), coalesce(rm.bucket, hd.bucket),
           coalesce(rm.avg_value, hd.hour_mean, hd.day_mean),
           CASE WHEN rm.avg_value IS NOT NULL THEN 'realtime_minute'
                WHEN hd.hour_mean IS NOT NULL THEN 'hj212_hour' ELSE 'hj212_day' END
    FROM rm FULL JOIN hd ON hd.device_id = rm.device_id AND hd.parameter = rm.parameter AND hd.bucket = rm.bucket
$$;

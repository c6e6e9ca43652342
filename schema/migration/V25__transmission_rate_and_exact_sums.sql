-- Issue 13: the effective transmission rate defined once (standards: MEE 环发〔2009〕88号 and
-- 《自动监测数据有效传输率统计算法说明》, see ingest-service/docs/indicators.md), gates counted once in
-- a canal's total, and the means of the indicator definitions summed exactly, so that a restored or
-- migrated database (whose tables are read in another order) prints the same figures.

-- Settings of the indicator definitions, one row each; the rules, the extracts and the dashboards
-- read them through the functions below, never a copy of their own.
CREATE TABLE indicator_setting (
    name   text             PRIMARY KEY,
    value  double precision NOT NULL,
    source text             NOT NULL
);
INSERT INTO indicator_setting (name, value, source) VALUES
    ('wq_check_hours_per_day', 1,
     'MEE 《自动监测数据有效传输率统计算法说明》: up to 1 h a day of automatic standard-sample checks is not expected');

-- The rule set in force: its rules' own parameters (defaults and rule settings; not the per-subject
-- overrides), written by the service on every accepted load, so that the dashboards draw the targets
-- the rules judge (the 98 % transmission target, the 0.5 m year-on-year decline) from the rule set.
CREATE TABLE rule_param (
    rule_id   text             NOT NULL,
    name      text             NOT NULL,
    value     double precision NOT NULL,
    direction text,                        -- a target's direction (≥ > ≤ <), else NULL
    version   text             NOT NULL,
    PRIMARY KEY (rule_id, name)
);

-- The reporting slots of a monitor: one per registered reporting interval (device.reporting_interval),
-- cut from local midnight, so an hourly-only monitor (HJ 212 CN 2061) expects 24 a day and a
-- daily-only monitor (CN 2031) one. A slot is received when any record of the monitor falls in it:
-- real-time and minute values always, hourly values when the interval is an hour or more, daily
-- values when it is a day or more. It is valid when all its values are valid.
--
-- effective transmission rate = received ÷ expected × valid ÷ received  (= valid ÷ expected)
--
-- Expected slots start in [p_from, p_to) (a range ending at 23:59:59 still holds the 23:00 slot), have
-- ended by p_now, and begin no earlier than the slot of the monitor's first data. Not expected (and their records not counted):
--   * slots starting inside an accepted whole-monitor data mark (V19: shutdown 停运, maintenance, ...);
--   * slots of a water-quality monitor's standard-sample check hour: the clock hour of a standard
--     calibration record, else the hour of values flagged C, at most wq_check_hours_per_day hours a
--     local day (the earliest), and only for slots of an hour or shorter.
-- p_grain: 'day', 'month', 'quarter' or 'year' (local periods), or 'range' (the whole window as one
-- period starting at p_from). p_device limits it to one monitor.
CREATE FUNCTION transmission_rate(p_grain text, p_from timestamptz, p_to timestamptz,
                                  p_now timestamptz DEFAULT now(), p_device text DEFAULT NULL)
RETURNS TABLE (device_id text, period_start timestamptz, interval_s bigint, expected bigint, received bigint,
               valid bigint, excluded bigint, rate_pct double precision)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF p_grain NOT IN ('day', 'month', 'quarter', 'year', 'range') THEN
        RAISE EXCEPTION 'transmission_rate: unknown grain %', p_grain;
    END IF;
    RETURN QUERY
    WITH mon AS MATERIALIZED (
        SELECT d.id AS device_id, d.reporting_interval AS step,
               greatest(p_from, date_bin(d.reporting_interval, f.first_ts, timestamptz '2000-01-01 00:00+08')) AS from_ts,
               least(p_to, p_now) AS to_ts
        FROM device d
        JOIN monitor m ON m.device_id = d.id AND m.kind = 'water_quality'
        CROSS JOIN LATERAL (
            SELECT min(x.ts) AS first_ts
            FROM monitor_parameter mp
            CROSS JOIN (VALUES ('rt', 'val'), ('rt', 'avg'), ('min', 'avg'), ('hour', 'avg'), ('day', 'avg')) k (period, stat)
            CROSS JOIN LATERAL (
                SELECT r.ts FROM water_quality_reading r
                WHERE r.device_id = mp.device_id AND r.parameter = mp.parameter
                  AND r.period = k.period AND r.stat = k.stat AND r.ts < least(p_to, p_now)
                ORDER BY r.ts LIMIT 1) x
            WHERE mp.device_id = d.id) f
        WHERE d.active AND (p_device IS NULL OR d.id = p_device) AND f.first_ts IS NOT NULL
    ), slots AS MATERIALIZED (
        SELECT mon.device_id, mon.step, s.slot
        FROM mon
        CROSS JOIN LATERAL generate_series(
            date_bin(mon.step, mon.from_ts, timestamptz '2000-01-01 00:00+08'), mon.to_ts - INTERVAL '1 microsecond',
            mon.step) s (slot)
        WHERE s.slot >= mon.from_ts AND s.slot + mon.step <= p_now
    ), marked AS (
        SELECT a.device_id, a.starts_at, a.ends_at FROM accepted_marks(p_from, least(p_to, p_now)) a
        WHERE a.parameter IS NULL
    ), check_hours AS (
        SELECT c.device_id, c.hour
        FROM (
            SELECT h.device_id, h.hour,
                   row_number() OVER (PARTITION BY h.device_id, date_trunc('day', h.hour AT TIME ZONE 'Asia/Shanghai')
                                      ORDER BY h.hour) AS n
            FROM (
                SELECT cr.device_id, date_trunc('hour', cr.ts) AS hour FROM calibration_record cr
                WHERE cr.kind = 'standard' AND cr.ts >= p_from AND cr.ts < least(p_to, p_now)
                UNION
                SELECT r.device_id, date_trunc('hour', r.ts) FROM water_quality_reading r
                WHERE r.flag = 'C' AND r.ts >= p_from AND r.ts < least(p_to, p_now)
                  AND r.period IN ('rt', 'min', 'hour')
            ) h
            WHERE h.device_id IN (SELECT mon.device_id FROM mon)
        ) c
        WHERE c.n <= (SELECT s.value FROM indicator_setting s WHERE s.name = 'wq_check_hours_per_day')
    ), judged AS (
        SELECT s.device_id, s.step, s.slot,
               (EXISTS (SELECT 1 FROM marked k WHERE k.device_id = s.device_id
                        AND s.slot >= k.starts_at AND s.slot < k.ends_at)
                OR (s.step <= INTERVAL '1 hour'
                    AND EXISTS (SELECT 1 FROM check_hours c WHERE c.device_id = s.device_id
                                AND c.hour = date_trunc('hour', s.slot)))) AS left_out
        FROM slots s
    ), records AS (
        SELECT mon.device_id, date_bin(mon.step, r.ts, timestamptz '2000-01-01 00:00+08') AS slot,
               bool_and(r.valid) AS all_valid
        FROM mon
        JOIN water_quality_reading r ON r.device_id = mon.device_id
        WHERE r.ts >= mon.from_ts AND r.ts < mon.to_ts + mon.step AND r.stat IN ('val', 'avg')
          AND (r.period IN ('rt', 'min')
               OR (r.period = 'hour' AND mon.step >= INTERVAL '1 hour')
               OR (r.period = 'day' AND mon.step >= INTERVAL '1 day'))
        GROUP BY 1, 2
    ), per_slot AS (
        SELECT j.device_id, j.step, j.slot, j.left_out, rec.slot IS NOT NULL AS got, coalesce(rec.all_valid, false) AS ok,
               CASE p_grain WHEN 'range' THEN p_from
                    ELSE date_trunc(p_grain, j.slot AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' END AS period
        FROM judged j
        LEFT JOIN records rec ON rec.device_id = j.device_id AND rec.slot = j.slot
    )
    SELECT p.device_id, p.period, extract(epoch FROM p.step)::bigint,
           count(*) FILTER (WHERE NOT p.left_out),
           count(*) FILTER (WHERE NOT p.left_out AND p.got),
           count(*) FILTER (WHERE NOT p.left_out AND p.ok),
           count(*) FILTER (WHERE p.left_out),
           CASE WHEN count(*) FILTER (WHERE NOT p.left_out) = 0 THEN NULL
                ELSE 100.0 * count(*) FILTER (WHERE NOT p.left_out AND p.ok)
                     / count(*) FILTER (WHERE NOT p.left_out) END::double precision
    FROM per_slot p
    GROUP BY p.device_id, p.period, p.step
    ORDER BY p.device_id, p.period;
END $$;

-- Daily mean per water-quality monitor, parameter and local day, in the order WQ_DISCHARGE_LIMIT takes
-- it: the valid real-time and minute values (the daily rollup), else the valid HJ 212 hourly averages,
-- else the daily average. So a monitor that sends only hourly (CN 2061) or daily (CN 2031) values has
-- daily means on the charts and in the extract's days above the limit. (The rule also leaves values
-- inside accepted data marks out; the rollup cannot, so a marked day can differ here.)
CREATE FUNCTION wq_daily_mean(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (device_id text, parameter text, bucket timestamptz, avg_value double precision, source text)
LANGUAGE sql STABLE AS $$
    WITH rm AS (
        SELECT d.device_id, d.parameter, d.bucket, d.avg_value
        FROM water_quality_reading_daily d
        WHERE d.n_valid > 0 AND d.bucket >= p_from AND d.bucket < p_to
    ), hd AS (
        SELECT r.device_id, r.parameter,
               date_trunc('day', r.ts AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS bucket,
               (avg(r.value::numeric) FILTER (WHERE r.period = 'hour'))::double precision AS hour_mean,
               (avg(r.value::numeric) FILTER (WHERE r.period = 'day'))::double precision AS day_mean
        FROM water_quality_reading r
        WHERE r.valid AND r.period IN ('hour', 'day') AND r.stat = 'avg' AND r.ts >= p_from AND r.ts < p_to
        GROUP BY 1, 2, 3
    )
    SELECT coalesce(rm.device_id, hd.device_id), coalesce(rm.parameter, hd.parameter), coalesce(rm.bucket, hd.bucket),
           coalesce(rm.avg_value, hd.hour_mean, hd.day_mean),
           CASE WHEN rm.avg_value IS NOT NULL THEN 'realtime_minute'
                WHEN hd.hour_mean IS NOT NULL THEN 'hj212_hour' ELSE 'hj212_day' END
    FROM rm FULL JOIN hd ON hd.device_id = rm.device_id AND hd.parameter = rm.parameter AND hd.bucket = rm.bucket
$$;

-- A manual indicator's target may also be strict: "超载率 < 10 %" is lt 10 (gt: strictly above).
ALTER TABLE manual_indicator DROP CONSTRAINT manual_indicator_direction_check;
ALTER TABLE manual_indicator ADD CONSTRAINT manual_indicator_direction_check
    CHECK (direction IN ('le', 'lt', 'ge', 'gt'));

-- Gates in series on one canal measure the same water: only those flagged counts_in_canal_total
-- (the canal's intake gates, or whichever the operator chooses) enter the canal's total. The flag
-- defaults to true, so a registry written before it existed keeps its totals.
ALTER TABLE gate ADD COLUMN counts_in_canal_total boolean NOT NULL DEFAULT true;

-- Metered volume per canal over [p_from, p_to): the sum of meter_volume of its counted gates.
CREATE FUNCTION canal_volume(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (canal text, volume_m3 double precision, gates integer, counted integer)
LANGUAGE sql STABLE AS $$
    SELECT g.canal,
           coalesce(sum(m.volume_m3::numeric) FILTER (WHERE g.counts_in_canal_total), 0)::double precision,
           count(*)::int,
           count(*) FILTER (WHERE g.counts_in_canal_total)::int
    FROM gate g
    JOIN device d ON d.id = g.device_id AND d.active
    LEFT JOIN meter_volume('gate', p_from, p_to) m ON m.device_id = g.device_id
    GROUP BY g.canal
$$;

-- Exact sums: every mean below is a numeric sum of the values (each double converted to numeric,
-- which is exact to its 15 significant digits) divided by the count, then converted back. A sum of
-- doubles depends on the order the rows are read in, and a restored table is read in another order:
-- a mean on a rounding boundary (a margin of -0.765 m) then printed 0.76 on one database, 0.77 on the
-- other.
CREATE OR REPLACE VIEW well_gw_monthly AS
SELECT l.device_id,
       l.zone_id,
       date_trunc('month', l.bucket AT TIME ZONE 'Asia/Shanghai')::date AS month,
       (sum(l.level_m::numeric * l.n_valid) / sum(l.n_valid))::double precision AS level_m,
       sum(l.n_valid)::bigint AS readings
FROM well_level_daily l
GROUP BY l.device_id, l.zone_id, date_trunc('month', l.bucket AT TIME ZONE 'Asia/Shanghai');

CREATE OR REPLACE VIEW well_gw_quarterly AS
SELECT l.device_id,
       l.zone_id,
       date_trunc('quarter', l.bucket AT TIME ZONE 'Asia/Shanghai')::date AS quarter,
       (sum(l.level_m::numeric * l.n_valid) / sum(l.n_valid))::double precision AS level_m,
       sum(l.n_valid)::bigint AS readings
FROM well_level_daily l
GROUP BY l.device_id, l.zone_id, date_trunc('quarter', l.bucket AT TIME ZONE 'Asia/Shanghai');

CREATE OR REPLACE VIEW zone_gw_monthly AS
WITH m AS (
    SELECT g.zone_id, g.month, avg(g.level_m::numeric)::double precision AS level_m, count(*)::int AS wells,
           sum(g.readings)::bigint AS readings
    FROM well_gw_monthly g
    JOIN well w ON w.device_id = g.device_id AND w.is_monitoring_well
    GROUP BY g.zone_id, g.month
)
SELECT m.zone_id, m.month, m.level_m, m.wells, m.readings,
       p.level_m AS level_last_year_m,
       m.level_m - p.level_m AS yoy_change_m
FROM m
LEFT JOIN m p ON p.zone_id = m.zone_id AND p.month = (m.month - INTERVAL '1 year')::date;

CREATE OR REPLACE FUNCTION zone_gw_quarterly_until(p_until timestamptz)
RETURNS TABLE (zone_id text, quarter date, level_m double precision, wells integer, readings bigint,
               level_prev_quarter_m double precision, qoq_change_m double precision,
               level_last_year_m double precision, yoy_change_m double precision)
LANGUAGE sql STABLE AS $$
    WITH g AS (
        SELECT l.device_id, l.zone_id,
               date_trunc('quarter', l.bucket AT TIME ZONE 'Asia/Shanghai')::date AS quarter,
               (sum(l.level_m::numeric * l.n_valid) / sum(l.n_valid))::double precision AS level_m,
               sum(l.n_valid)::bigint AS readings
        FROM well_level_daily l
        WHERE l.bucket < p_until
        GROUP BY l.device_id, l.zone_id, date_trunc('quarter', l.bucket AT TIME ZONE 'Asia/Shanghai')
    ), q AS (
        SELECT g.zone_id, g.quarter, avg(g.level_m::numeric)::double precision AS level_m, count(*)::int AS wells,
               sum(g.readings)::bigint AS readings
        FROM g
        JOIN well w ON w.device_id = g.device_id AND w.is_monitoring_well
        GROUP BY g.zone_id, g.quarter
    )
    SELECT q.zone_id, q.quarter, q.level_m, q.wells, q.readings,
           prev.level_m, q.level_m - prev.level_m,
           ly.level_m, q.level_m - ly.level_m
    FROM q
    LEFT JOIN q prev ON prev.zone_id = q.zone_id AND prev.quarter = (q.quarter - INTERVAL '3 months')::date
    LEFT JOIN q ly ON ly.zone_id = q.zone_id AND ly.quarter = (q.quarter - INTERVAL '1 year')::date
$$;

CREATE OR REPLACE FUNCTION control_well_margin(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (device_id text, zone_id text, control_level_m double precision, level_m double precision,
               below_m double precision, days integer, readings bigint)
LANGUAGE sql STABLE AS $$
    SELECT w.device_id, w.zone_id, w.control_level_m, l.level_m, w.control_level_m - l.level_m,
           coalesce(l.days, 0)::int, coalesce(l.readings, 0)::bigint
    FROM well w
    LEFT JOIN (
        SELECT device_id, (sum(level_m::numeric * n_valid) / sum(n_valid))::double precision AS level_m,
               count(*) AS days, sum(n_valid) AS readings
        FROM well_level_daily
        WHERE bucket >= p_from AND bucket < p_to
        GROUP BY device_id
    ) l ON l.device_id = w.device_id
    WHERE w.is_control_well
$$;

-- meter_volume (V16) with the rises summed exactly.
CREATE OR REPLACE FUNCTION meter_volume(p_family text, p_from timestamptz, p_to timestamptz, p_device text DEFAULT NULL)
RETURNS TABLE (device_id text, volume_m3 double precision, days integer)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF p_family NOT IN ('well', 'gate') THEN
        RAISE EXCEPTION 'meter_volume: no cumulative meters in family %', p_family;
    END IF;
    RETURN QUERY EXECUTE format($q$
        WITH inside AS (
            SELECT d.device_id, d.bucket, d.first_value, d.last_value, d.min_value, d.max_value
            FROM %1$I d
            WHERE d.parameter = 'volume_total' AND d.n_valid > 0 AND d.bucket >= $1 AND d.bucket < $2
              AND ($3 IS NULL OR d.device_id = $3)
        ), before AS (
            SELECT DISTINCT ON (d.device_id) d.device_id, d.bucket, NULL::double precision AS first_value,
                   d.last_value, NULL::double precision AS min_value, NULL::double precision AS max_value
            FROM %1$I d
            WHERE d.parameter = 'volume_total' AND d.n_valid > 0
              AND d.bucket < $1 AND d.bucket >= $1 - INTERVAL '400 days'
              AND ($3 IS NULL OR d.device_id = $3)
              AND d.device_id IN (SELECT i.device_id FROM inside i)
            ORDER BY d.device_id, d.bucket DESC
        ), steps AS (
            SELECT s.*, lag(s.last_value) OVER (PARTITION BY s.device_id ORDER BY s.bucket) AS previous_last
            FROM (SELECT * FROM inside UNION ALL SELECT * FROM before) s
        )
        SELECT s.device_id,
               sum((greatest(coalesce(s.first_value - s.previous_last, 0), 0)
                    + CASE WHEN s.last_value >= s.first_value THEN s.last_value - s.first_value
                           ELSE greatest(coalesce(s.max_value - s.first_value, 0), 0)
                                + greatest(coalesce(s.last_value - s.min_value, 0), 0) END)::numeric)::double precision,
               count(*)::int
        FROM steps s
        WHERE s.bucket >= $1
        GROUP BY s.device_id $q$, p_family || '_reading_daily')
    USING p_from, p_to, p_device;
END $$;

CREATE OR REPLACE FUNCTION abstraction_totals(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (level text, id text, name text, zone_id text, volume_m3 double precision, allocation_m3 double precision)
LANGUAGE sql STABLE AS $$
    WITH wells AS (
        SELECT w.device_id, w.village_id, w.zone_id, coalesce(m.volume_m3, 0)::numeric AS volume_m3
        FROM well w LEFT JOIN meter_volume('well', p_from, p_to) m ON m.device_id = w.device_id
    )
    SELECT 'village', v.id, v.name, v.zone_id, coalesce(sum(wells.volume_m3), 0)::double precision, v.annual_allocation_m3
    FROM village v LEFT JOIN wells ON wells.village_id = v.id
    GROUP BY v.id, v.name, v.zone_id, v.annual_allocation_m3
    UNION ALL
    SELECT 'zone', z.id, z.name, z.id, coalesce(sum(wells.volume_m3), 0)::double precision, z.annual_cap_m3
    FROM zone z LEFT JOIN wells ON wells.zone_id = z.id
    GROUP BY z.id, z.name, z.annual_cap_m3
$$;

-- CEMS indicators by the standards, defined once (ingest-service/docs/indicators.md, "CEMS"):
-- concentrations at the limit's reference O2, the valid hour by time coverage, the daily mean, and
-- the data made invalid by a drift check beyond the out-of-control tier of HJ 75-2017 Table 4.
-- The rule CEMS_EMISSION_LIMIT, the extract (item 30) and the CEMS dashboard read these functions.

-- Settings of the definitions, with the standard's value as default; the functions read them, so
-- rules, extracts and panels use the same figure. Grades as in docs/indicators.md: [U] = not yet
-- checked against the official text.
CREATE TABLE cems_setting (
    name   text PRIMARY KEY,
    value  double precision NOT NULL,
    unit   text NOT NULL,
    source text NOT NULL
);
INSERT INTO cems_setting (name, value, unit, source) VALUES
    ('valid_hour_minutes', 45, 'min', 'HJ 75-2017 有效小时均值: valid data covering >= 45 min of the clock hour [U]'),
    ('daily_min_valid_hours', 20, 'h', 'HJ 75-2017 有效日均值: mean of the valid hourly means, >= 20 valid hours [U]'),
    ('o2_max_convertible_pct', 20, '%', 'O2 at or above this makes C x (21 - O2ref)/(21 - O2) meaningless (air only) [U]'),
    ('drift_ooc_gas_zero_pct', 5.0, '%F.S.', 'HJ 75-2017 Table 4, SO2/NOx/O2 zero drift out of control [U]'),
    ('drift_ooc_gas_span_pct', 10.0, '%F.S.', 'HJ 75-2017 Table 4, SO2/NOx/O2 span drift out of control [U]'),
    ('drift_ooc_particulate_pct', 8.0, '%F.S.', 'HJ 75-2017 Table 4, particulate zero/span drift out of control [U]'),
    ('drift_ooc_flow_zero_pct', 8.0, '%F.S.', 'HJ 75-2017 Table 4, flow velocity zero drift out of control [U]');

CREATE FUNCTION cems_setting(p_name text) RETURNS double precision
LANGUAGE sql STABLE AS $$
    SELECT value FROM cems_setting WHERE name = p_name
$$;

-- The reference O2 of a limit (GB 16171-2012 coke-oven chimney: 8 %); NULL: the limit applies to
-- the measured concentration.
ALTER TABLE monitor_parameter
    ADD COLUMN limit_o2_ref_pct double precision CHECK (limit_o2_ref_pct >= 0 AND limit_o2_ref_pct < 21);

-- A concentration at the reference O2 (HJ 75-2017 / GB 16171-2012 折算浓度):
-- C_ref = C_measured x (21 - O2_ref) / (21 - O2_measured). NULL when it cannot be converted: O2
-- unknown or negative, or at or above o2_max_convertible_pct (air: the ratio runs away as O2 nears 21 %).
-- Without a reference O2 the measured value is returned.
CREATE FUNCTION cems_o2_referenced(p_measured double precision, p_o2 double precision, p_o2_ref double precision)
RETURNS double precision
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN p_o2_ref IS NULL THEN p_measured
                WHEN p_o2 IS NULL OR p_o2 < 0 OR p_o2 >= cems_setting('o2_max_convertible_pct') THEN NULL
                ELSE p_measured * (21 - p_o2_ref) / nullif(21 - p_o2, 0) END
$$;

-- Zero and span checks of CEMS analysers with their drift in %F.S. (full scale as reported, else the
-- registered range) and the out-of-control tier that applies to them (NULL: no tier, e.g. flow span).
CREATE VIEW cems_drift_check AS
SELECT c.device_id, c.parameter, c.kind, c.ts,
       100 * abs(c.measured - c.reference) / nullif(coalesce(c.full_scale, mp.range_max), 0) AS drift_pct,
       CASE WHEN c.parameter = 'a34013' THEN cems_setting('drift_ooc_particulate_pct')
            WHEN c.parameter IN ('a00000', 'a01011') AND c.kind = 'zero' THEN cems_setting('drift_ooc_flow_zero_pct')
            WHEN c.parameter IN ('a00000', 'a01011') THEN NULL
            WHEN c.kind = 'zero' THEN cems_setting('drift_ooc_gas_zero_pct')
            ELSE cems_setting('drift_ooc_gas_span_pct') END AS out_of_control_pct
FROM calibration_record c
JOIN monitor m ON m.device_id = c.device_id AND m.kind = 'cems'
LEFT JOIN monitor_parameter mp ON mp.device_id = c.device_id AND mp.parameter = c.parameter
WHERE c.kind IN ('zero', 'span');

-- Out-of-control periods (HJ 75-2017 §1.2 of the notes: beyond the out-of-control tier the data are
-- out of control from the check until the analyser is back within limits): from a check beyond the
-- tier until the next check of the same analyser and kind that is within it (open: 'infinity').
CREATE VIEW cems_out_of_control AS
SELECT f.device_id, f.parameter, f.kind, f.ts AS starts_at, f.drift_pct, f.out_of_control_pct,
       coalesce((SELECT min(n.ts) FROM cems_drift_check n
                 WHERE n.device_id = f.device_id AND n.parameter = f.parameter AND n.kind = f.kind
                   AND n.ts > f.ts AND n.drift_pct <= n.out_of_control_pct), 'infinity') AS ends_at
FROM cems_drift_check f
WHERE f.drift_pct > f.out_of_control_pct;

-- Every CEMS concentration of [p_from, p_to) (real-time, minute and HJ 212 hourly values) at the
-- reference O2 of its limit:
--   basis 'measured'   the limit has no reference O2: the measured value
--         'sent'       the logger's converted value (折算, -ZsRtd / -ZsAvg) of the same time
--         'converted'  C x (21 - O2ref) / (21 - O2) with the valid O2 (a19001) of the same time and period
--         'o2_missing' / 'o2_invalid' / 'o2_too_high': not convertible (value NULL)
-- usable = the value enters means and coverage: valid flag, no accepted mark, not out of control,
-- and a value at the reference O2.
CREATE FUNCTION cems_referenced(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (device_id text, parameter text, period text, ts timestamptz, flag char(1), measured double precision,
               o2_pct double precision, value double precision, basis text, marked boolean,
               out_of_control boolean, usable boolean)
LANGUAGE sql STABLE AS $$
    WITH am AS MATERIALIZED (SELECT * FROM accepted_marks(p_from, p_to)),
    ooc AS MATERIALIZED (SELECT * FROM cems_out_of_control o WHERE o.starts_at < p_to AND o.ends_at > p_from),
    r AS (
        SELECT r.device_id, r.parameter, r.period, r.ts, r.flag, r.valid, r.value AS measured,
               mp.limit_o2_ref_pct AS o2_ref, zs.value AS zs, o2.value AS o2, o2.valid AS o2_valid,
               EXISTS (SELECT 1 FROM am WHERE am.device_id = r.device_id
                       AND (am.parameter IS NULL OR am.parameter = r.parameter)
                       AND r.ts >= am.starts_at AND r.ts < am.ends_at) AS marked,
               EXISTS (SELECT 1 FROM ooc WHERE ooc.device_id = r.device_id AND ooc.parameter = r.parameter
                       AND r.ts >= ooc.starts_at AND r.ts < ooc.ends_at) AS out_of_control
        FROM cems_reading r
        LEFT JOIN monitor_parameter mp ON mp.device_id = r.device_id AND mp.parameter = r.parameter
        LEFT JOIN cems_reading zs ON mp.limit_o2_ref_pct IS NOT NULL
             AND zs.device_id = r.device_id AND zs.parameter = r.parameter AND zs.period = r.period
             AND zs.stat = CASE r.stat WHEN 'val' THEN 'zs_val' ELSE 'zs_avg' END AND zs.ts = r.ts
        LEFT JOIN cems_reading o2 ON mp.limit_o2_ref_pct IS NOT NULL
             AND o2.device_id = r.device_id AND o2.parameter = 'a19001' AND o2.period = r.period
             AND o2.stat = r.stat AND o2.ts = r.ts
        WHERE r.ts >= p_from AND r.ts < p_to AND r.period IN ('rt', 'min', 'hour') AND r.stat IN ('val', 'avg')
    ), b AS (
        SELECT r.*,
               CASE WHEN o2_ref IS NULL THEN 'measured'
                    WHEN zs IS NOT NULL THEN 'sent'
                    WHEN o2 IS NULL THEN 'o2_missing'
                    WHEN NOT o2_valid THEN 'o2_invalid'
                    WHEN o2 >= cems_setting('o2_max_convertible_pct') THEN 'o2_too_high'
                    ELSE 'converted' END AS basis
        FROM r
    )
    SELECT b.device_id, b.parameter, b.period, b.ts, b.flag, b.measured, b.o2, v.value, b.basis, b.marked,
           b.out_of_control, b.valid AND NOT b.marked AND NOT b.out_of_control AND v.value IS NOT NULL
    FROM b
    CROSS JOIN LATERAL (SELECT CASE b.basis WHEN 'measured' THEN b.measured WHEN 'sent' THEN b.zs
                                 WHEN 'converted' THEN cems_o2_referenced(b.measured, b.o2, b.o2_ref) END AS value) v
$$;

-- The valid hour (有效小时均值) by time coverage, per monitor, parameter and clock hour of
-- [p_from, p_to): each usable real-time or minute value covers its reporting step (real-time: the
-- registered reporting interval; minute data: that interval, at least one minute), cut at the next
-- value of the same series and at the hour's end; real-time and minute data describing the same
-- minutes, the larger cover counts. A monitor that sends only HJ 212 hourly values: a usable hourly
-- value covers the hour. Valid when at least p_min_minutes (default: the setting) are covered,
-- whatever the reporting interval. The mean is that of the usable values, at the reference O2.
CREATE FUNCTION cems_valid_hours(p_from timestamptz, p_to timestamptz, p_min_minutes double precision DEFAULT NULL)
RETURNS TABLE (device_id text, parameter text, bucket timestamptz, source text, valid_minutes double precision,
               valid_hour boolean, mean double precision, sent bigint, converted bigint, measured bigint,
               not_convertible bigint, not_convertible_reason text, out_of_control bigint, over_range bigint)
LANGUAGE sql STABLE AS $$
    WITH v AS (
        SELECT x.*, date_trunc('hour', x.ts) AS bucket,
               CASE WHEN x.period = 'hour' THEN 60.0
                    ELSE extract(epoch FROM least(
                             CASE WHEN x.period = 'rt' THEN d.reporting_interval
                                  ELSE greatest(d.reporting_interval, INTERVAL '1 minute') END,
                             coalesce(lead(x.ts) OVER (PARTITION BY x.device_id, x.parameter, x.period ORDER BY x.ts)
                                      - x.ts, INTERVAL '1 hour'),
                             date_trunc('hour', x.ts) + INTERVAL '1 hour' - x.ts)) / 60 END AS cover
        FROM cems_referenced(p_from, p_to) x
        JOIN device d ON d.id = x.device_id
    ), s AS (
        SELECT v.device_id, v.parameter, v.bucket,
               bool_or(v.period IN ('rt', 'min')) AS has_fine,
               sum(v.cover) FILTER (WHERE v.usable AND v.period = 'rt') AS rt_cover,
               sum(v.cover) FILTER (WHERE v.usable AND v.period = 'min') AS min_cover,
               max(v.cover) FILTER (WHERE v.usable AND v.period = 'hour') AS hour_cover,
               avg(v.value) FILTER (WHERE v.usable AND v.period IN ('rt', 'min')) AS fine_mean,
               avg(v.value) FILTER (WHERE v.usable AND v.period = 'hour') AS hour_mean,
               count(*) FILTER (WHERE v.usable AND v.basis = 'sent') AS sent,
               count(*) FILTER (WHERE v.usable AND v.basis = 'converted') AS converted,
               count(*) FILTER (WHERE v.usable AND v.basis = 'measured') AS measured,
               count(*) FILTER (WHERE v.value IS NULL AND v.basis <> 'measured') AS not_convertible,
               mode() WITHIN GROUP (ORDER BY v.basis) FILTER (WHERE v.value IS NULL AND v.basis <> 'measured')
                   AS not_convertible_reason,
               count(*) FILTER (WHERE v.out_of_control) AS out_of_control,
               count(*) FILTER (WHERE v.flag = 'T') AS over_range
        FROM v
        GROUP BY v.device_id, v.parameter, v.bucket
    )
    SELECT s.device_id, s.parameter, s.bucket,
           CASE WHEN s.has_fine THEN 'realtime_minute' ELSE 'hj212_hour' END,
           c.minutes,
           c.minutes >= coalesce(p_min_minutes, cems_setting('valid_hour_minutes')) - 1e-9,
           CASE WHEN s.has_fine THEN s.fine_mean ELSE s.hour_mean END,
           s.sent, s.converted, s.measured, s.not_convertible, s.not_convertible_reason, s.out_of_control,
           s.over_range
    FROM s
    CROSS JOIN LATERAL (SELECT least(60.0, CASE WHEN s.has_fine
                                                THEN greatest(coalesce(s.rt_cover, 0), coalesce(s.min_cover, 0))
                                                ELSE coalesce(s.hour_cover, 0) END)::double precision AS minutes) c
$$;

-- The daily mean (有效日均值) per monitor, parameter and local day (Asia/Shanghai) of the days
-- starting in [p_from, p_to): the mean of the day's valid hourly means at the reference O2; judged
-- (valid_day) when at least p_min_hours (default: the setting) hours are valid.
CREATE FUNCTION cems_daily_means(p_from timestamptz, p_to timestamptz, p_min_minutes double precision DEFAULT NULL,
                                 p_min_hours double precision DEFAULT NULL)
RETURNS TABLE (device_id text, parameter text, day timestamptz, valid_hours bigint, valid_day boolean,
               mean double precision, out_of_control_hours bigint)
LANGUAGE sql STABLE AS $$
    SELECT h.device_id, h.parameter,
           date_trunc('day', h.bucket AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS day,
           count(*) FILTER (WHERE h.valid_hour),
           count(*) FILTER (WHERE h.valid_hour) >= coalesce(p_min_hours, cems_setting('daily_min_valid_hours')),
           avg(h.mean) FILTER (WHERE h.valid_hour),
           count(*) FILTER (WHERE h.out_of_control > 0)
    FROM cems_valid_hours(p_from, p_to, p_min_minutes) h
    GROUP BY 1, 2, 3
$$;

-- The CEMS definitions of V24/V26, same results, read in one pass (a year's extract on a server with a
-- year of minute data spent minutes here):
-- * out-of-control periods: the next passing check of the same analyser and kind found by a window over
--   the checks in time order, not by a correlated subquery per check (quadratic in the checks);
-- * cems_referenced: the converted value (ZsRtd/ZsAvg) and the O2 of the same instant are joined within
--   [p_from, p_to), which the value itself lies in, so the planner reads only the period's rows.

CREATE OR REPLACE VIEW cems_out_of_control AS
SELECT w.device_id, w.parameter, w.kind, w.ts AS starts_at, w.drift_pct, w.out_of_control_pct,
       coalesce(w.next_pass, 'infinity') AS ends_at
FROM (
    -- newest first, so that the frame grows from its fixed head and min() is computed once per row
    SELECT c.*,
           min(c.ts) FILTER (WHERE c.passes)
               OVER (PARTITION BY c.device_id, c.parameter, c.kind ORDER BY c.ts DESC
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_pass
    FROM (SELECT d.*, d.drift_pct <= d.out_of_control_pct AS passes FROM cems_drift_check d) c
) w
WHERE w.drift_pct > w.out_of_control_pct;

CREATE OR REPLACE FUNCTION cems_referenced(p_from timestamptz, p_to timestamptz)
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
             AND zs.ts >= p_from AND zs.ts < p_to
        LEFT JOIN cems_reading o2 ON mp.limit_o2_ref_pct IS NOT NULL
             AND o2.device_id = r.device_id AND o2.parameter = 'a19001' AND o2.period = r.period
             AND o2.stat = r.stat AND o2.ts = r.ts
             AND o2.ts >= p_from AND o2.ts < p_to
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

-- Period semantics (issue 13, item 6): an extract for a month or a day range never reads data after
-- its end. The zone quarterly level is defined once, as of a moment: the quarter holding p_until is
-- the mean of its days before p_until; earlier quarters are whole. zone_gw_quarterly is the same
-- definition with nothing cut off.

CREATE FUNCTION zone_gw_quarterly_until(p_until timestamptz)
RETURNS TABLE (zone_id text, quarter date, level_m double precision, wells integer, readings bigint,
               level_prev_quarter_m double precision, qoq_change_m double precision,
               level_last_year_m double precision, yoy_change_m double precision)
LANGUAGE sql STABLE AS $$
    WITH g AS (
        SELECT l.device_id, l.zone_id,
               date_trunc('quarter', l.bucket AT TIME ZONE 'Asia/Shanghai')::date AS quarter,
               sum(l.level_m * l.n_valid) / sum(l.n_valid) AS level_m,
               sum(l.n_valid)::bigint AS readings
        FROM well_level_daily l
        WHERE l.bucket < p_until
        GROUP BY l.device_id, l.zone_id, date_trunc('quarter', l.bucket AT TIME ZONE 'Asia/Shanghai')
    ), q AS (
        SELECT g.zone_id, g.quarter, avg(g.level_m) AS level_m, count(*)::int AS wells,
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

CREATE OR REPLACE VIEW zone_gw_quarterly AS
SELECT * FROM zone_gw_quarterly_until('infinity');

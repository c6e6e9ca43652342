-- One definition per indicator: the rules, the extracts and the dashboards read these views and
-- functions, never a formula of their own (ingest-service/docs/indicators.md lists them).

-- Well roles (README "Registry"): abstraction (metered, the default), monitoring (enters the zone
-- mean level), control (held against control_level_m); a well may hold several. A logger that
-- reports only the depth to water (gw_depth) gives a level when the wellhead elevation is known.
ALTER TABLE well
    ADD COLUMN is_monitoring_well   boolean NOT NULL DEFAULT false,
    ADD COLUMN is_abstraction_well  boolean NOT NULL DEFAULT true,
    ADD COLUMN wellhead_elevation_m double precision;

-- Level per well and local day: the day's mean of valid gw_level readings where the well reports
-- them, else wellhead elevation − the day's mean of valid gw_depth readings.
CREATE VIEW well_level_daily AS
SELECT d.device_id,
       w.zone_id,
       d.bucket,
       coalesce(max(d.avg_value) FILTER (WHERE d.parameter = 'gw_level'),
                w.wellhead_elevation_m - max(d.avg_value) FILTER (WHERE d.parameter = 'gw_depth')) AS level_m,
       coalesce(max(d.n_valid) FILTER (WHERE d.parameter = 'gw_level'),
                max(d.n_valid) FILTER (WHERE d.parameter = 'gw_depth')) AS n_valid,
       CASE WHEN bool_or(d.parameter = 'gw_level') THEN 'gw_level' ELSE 'gw_depth' END AS source
FROM well_reading_daily d
JOIN well w ON w.device_id = d.device_id
WHERE d.n_valid > 0
  AND (d.parameter = 'gw_level' OR (d.parameter = 'gw_depth' AND w.wellhead_elevation_m IS NOT NULL))
GROUP BY d.device_id, w.zone_id, w.wellhead_elevation_m, d.bucket;

-- Monthly and quarterly mean level per well (any well with levels): the mean of the period's valid readings.
CREATE OR REPLACE VIEW well_gw_monthly AS
SELECT l.device_id,
       l.zone_id,
       date_trunc('month', l.bucket AT TIME ZONE 'Asia/Shanghai')::date AS month,
       sum(l.level_m * l.n_valid) / sum(l.n_valid) AS level_m,
       sum(l.n_valid)::bigint AS readings
FROM well_level_daily l
GROUP BY l.device_id, l.zone_id, date_trunc('month', l.bucket AT TIME ZONE 'Asia/Shanghai');

CREATE OR REPLACE VIEW well_gw_quarterly AS
SELECT l.device_id,
       l.zone_id,
       date_trunc('quarter', l.bucket AT TIME ZONE 'Asia/Shanghai')::date AS quarter,
       sum(l.level_m * l.n_valid) / sum(l.n_valid) AS level_m,
       sum(l.n_valid)::bigint AS readings
FROM well_level_daily l
GROUP BY l.device_id, l.zone_id, date_trunc('quarter', l.bucket AT TIME ZONE 'Asia/Shanghai');

-- Zone mean level: the mean of its MONITORING wells' means, never of other wells. A zone without
-- monitoring wells has no rows here; zone_gw_status says why.
CREATE OR REPLACE VIEW zone_gw_monthly AS
WITH m AS (
    SELECT g.zone_id, g.month, avg(g.level_m) AS level_m, count(*)::int AS wells, sum(g.readings)::bigint AS readings
    FROM well_gw_monthly g
    JOIN well w ON w.device_id = g.device_id AND w.is_monitoring_well
    GROUP BY g.zone_id, g.month
)
SELECT m.zone_id, m.month, m.level_m, m.wells, m.readings,
       p.level_m AS level_last_year_m,
       m.level_m - p.level_m AS yoy_change_m
FROM m
LEFT JOIN m p ON p.zone_id = m.zone_id AND p.month = (m.month - INTERVAL '1 year')::date;

CREATE OR REPLACE VIEW zone_gw_quarterly AS
WITH q AS (
    SELECT g.zone_id, g.quarter, avg(g.level_m) AS level_m, count(*)::int AS wells, sum(g.readings)::bigint AS readings
    FROM well_gw_quarterly g
    JOIN well w ON w.device_id = g.device_id AND w.is_monitoring_well
    GROUP BY g.zone_id, g.quarter
)
SELECT q.zone_id, q.quarter, q.level_m, q.wells, q.readings,
       prev.level_m AS level_prev_quarter_m,
       q.level_m - prev.level_m AS qoq_change_m,
       ly.level_m AS level_last_year_m,
       q.level_m - ly.level_m AS yoy_change_m
FROM q
LEFT JOIN q prev ON prev.zone_id = q.zone_id AND prev.quarter = (q.quarter - INTERVAL '3 months')::date
LEFT JOIN q ly ON ly.zone_id = q.zone_id AND ly.quarter = (q.quarter - INTERVAL '1 year')::date;

-- Per zone: how many monitoring wells it has, and why it has no zone mean when it has none.
CREATE VIEW zone_gw_status AS
SELECT z.id AS zone_id,
       count(w.device_id) FILTER (WHERE w.is_monitoring_well)::int AS monitoring_wells,
       count(w.device_id) FILTER (WHERE w.is_control_well)::int AS control_wells,
       CASE WHEN count(w.device_id) FILTER (WHERE w.is_monitoring_well) = 0
            THEN 'no monitoring wells registered in the zone' END AS no_mean_reason
FROM zone z
LEFT JOIN well w ON w.zone_id = z.id
GROUP BY z.id;

-- Indicator gw_stable_months: the run of months ending with p_as_of (a month's first day) whose
-- zone mean is within ±p_band of the same month a year earlier; a missing month ends the run.
CREATE FUNCTION zone_gw_stable_run(p_zone text, p_as_of date, p_band double precision DEFAULT 0.5)
RETURNS TABLE (months integer, since date)
LANGUAGE sql STABLE AS $$
    WITH m AS MATERIALIZED (
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
        WHERE m.yoy_change_m IS NULL OR abs(m.yoy_change_m) > p_band + 1e-9
    )
    SELECT ((extract(year FROM age(date_trunc('month', p_as_of), b.month)) * 12
             + extract(month FROM age(date_trunc('month', p_as_of), b.month))))::int,
           CASE WHEN b.month < date_trunc('month', p_as_of) THEN (b.month + INTERVAL '1 month')::date END
    FROM break b
$$;

-- Control-well margin over [p_from, p_to): the mean level of each control well against its
-- control level; below_m > 0 is the depth below it, in metres.
CREATE FUNCTION control_well_margin(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (device_id text, zone_id text, control_level_m double precision, level_m double precision,
               below_m double precision, days integer, readings bigint)
LANGUAGE sql STABLE AS $$
    SELECT w.device_id, w.zone_id, w.control_level_m, l.level_m, w.control_level_m - l.level_m,
           coalesce(l.days, 0)::int, coalesce(l.readings, 0)::bigint
    FROM well w
    LEFT JOIN (
        SELECT device_id, sum(level_m * n_valid) / sum(n_valid) AS level_m, count(*) AS days,
               sum(n_valid) AS readings
        FROM well_level_daily
        WHERE bucket >= p_from AND bucket < p_to
        GROUP BY device_id
    ) l ON l.device_id = w.device_id
    WHERE w.is_control_well
$$;

-- Metered volume per device over [p_from, p_to) (local-day edges), from the daily rollups of a
-- cumulative meter (volume_total): the sum of the rises between successive valid readings, so a meter
-- reset or replacement never makes it negative, starting from the last valid reading before p_from
-- (within 400 days), so that months add up to their year. Within a day whose last reading is below
-- its first (a reset that day): (max − first) + (last − min). p_device limits it to one device.
CREATE FUNCTION meter_volume(p_family text, p_from timestamptz, p_to timestamptz, p_device text DEFAULT NULL)
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
               sum(greatest(coalesce(s.first_value - s.previous_last, 0), 0)
                   + CASE WHEN s.last_value >= s.first_value THEN s.last_value - s.first_value
                          ELSE greatest(coalesce(s.max_value - s.first_value, 0), 0)
                               + greatest(coalesce(s.last_value - s.min_value, 0), 0) END)::double precision,
               count(*)::int
        FROM steps s
        WHERE s.bucket >= $1
        GROUP BY s.device_id $q$, p_family || '_reading_daily')
    USING p_from, p_to, p_device;
END $$;

-- Year-to-date (or any period's) metered abstraction per village and zone: the sum of their wells'
-- meter_volume, against the village allocation and the zone cap.
CREATE FUNCTION abstraction_totals(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (level text, id text, name text, zone_id text, volume_m3 double precision, allocation_m3 double precision)
LANGUAGE sql STABLE AS $$
    WITH wells AS (
        SELECT w.device_id, w.village_id, w.zone_id, coalesce(m.volume_m3, 0) AS volume_m3
        FROM well w LEFT JOIN meter_volume('well', p_from, p_to) m ON m.device_id = w.device_id
    )
    SELECT 'village', v.id, v.name, v.zone_id, coalesce(sum(wells.volume_m3), 0), v.annual_allocation_m3
    FROM village v LEFT JOIN wells ON wells.village_id = v.id
    GROUP BY v.id, v.name, v.zone_id, v.annual_allocation_m3
    UNION ALL
    SELECT 'zone', z.id, z.name, z.id, coalesce(sum(wells.volume_m3), 0), z.annual_cap_m3
    FROM zone z LEFT JOIN wells ON wells.zone_id = z.id
    GROUP BY z.id, z.name, z.annual_cap_m3
$$;

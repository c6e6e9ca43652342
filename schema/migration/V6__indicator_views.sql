-- Indicator views for the rectification-report extracts, and the indicators no device measures.
-- Plain SQL over the daily aggregates, so they work on PostgreSQL 15 and on TimescaleDB alike.
-- Months and quarters are local (Asia/Shanghai), as are the daily buckets they are built from.

-- Monthly mean groundwater level per well: the mean of the month's valid readings.
CREATE VIEW well_gw_monthly AS
SELECT w.device_id,
       w.zone_id,
       date_trunc('month', d.bucket AT TIME ZONE 'Asia/Shanghai')::date AS month,
       sum(d.avg_value * d.n_valid) / sum(d.n_valid) AS level_m,
       sum(d.n_valid)::bigint AS readings
FROM well_reading_daily d
JOIN well w ON w.device_id = d.device_id
WHERE d.parameter = 'gw_level' AND d.n_valid > 0
GROUP BY w.device_id, w.zone_id, date_trunc('month', d.bucket AT TIME ZONE 'Asia/Shanghai');

-- Quarterly mean groundwater level per well.
CREATE VIEW well_gw_quarterly AS
SELECT w.device_id,
       w.zone_id,
       date_trunc('quarter', d.bucket AT TIME ZONE 'Asia/Shanghai')::date AS quarter,
       sum(d.avg_value * d.n_valid) / sum(d.n_valid) AS level_m,
       sum(d.n_valid)::bigint AS readings
FROM well_reading_daily d
JOIN well w ON w.device_id = d.device_id
WHERE d.parameter = 'gw_level' AND d.n_valid > 0
GROUP BY w.device_id, w.zone_id, date_trunc('quarter', d.bucket AT TIME ZONE 'Asia/Shanghai');

-- Zone monthly mean level (mean of its wells' monthly means) and the change from the same month a
-- year earlier; yoy_change_m is null when either month has no data.
CREATE VIEW zone_gw_monthly AS
WITH m AS (
    SELECT zone_id, month, avg(level_m) AS level_m, count(*)::int AS wells, sum(readings)::bigint AS readings
    FROM well_gw_monthly
    GROUP BY zone_id, month
)
SELECT m.zone_id, m.month, m.level_m, m.wells, m.readings,
       p.level_m AS level_last_year_m,
       m.level_m - p.level_m AS yoy_change_m
FROM m
LEFT JOIN m p ON p.zone_id = m.zone_id AND p.month = (m.month - INTERVAL '1 year')::date;

-- Zone quarterly mean level with the change from the previous quarter and from the same quarter a
-- year earlier.
CREATE VIEW zone_gw_quarterly AS
WITH q AS (
    SELECT zone_id, quarter, avg(level_m) AS level_m, count(*)::int AS wells, sum(readings)::bigint AS readings
    FROM well_gw_quarterly
    GROUP BY zone_id, quarter
)
SELECT q.zone_id, q.quarter, q.level_m, q.wells, q.readings,
       prev.level_m AS level_prev_quarter_m,
       q.level_m - prev.level_m AS qoq_change_m,
       ly.level_m AS level_last_year_m,
       q.level_m - ly.level_m AS yoy_change_m
FROM q
LEFT JOIN q prev ON prev.zone_id = q.zone_id AND prev.quarter = (q.quarter - INTERVAL '3 months')::date
LEFT JOIN q ly ON ly.zone_id = q.zone_id AND ly.quarter = (q.quarter - INTERVAL '1 year')::date;

-- Indicators no device measures (forest coverage, grassland vegetation cover, irrigation-water
-- utilisation coefficient, ...), entered by hand. Append-only: the extract shows, per key, the
-- latest value as of the period's end.
CREATE TABLE manual_indicator (
    id          bigserial        PRIMARY KEY,
    key         text             NOT NULL,
    name_zh     text             NOT NULL,
    name_en     text,
    item        text,
    value       double precision NOT NULL,
    unit        text             NOT NULL,
    target      double precision,
    source      text             NOT NULL,
    as_of       date             NOT NULL,
    entered_by  text             NOT NULL,
    entered_at  timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX manual_indicator_key_idx ON manual_indicator (key, as_of DESC);

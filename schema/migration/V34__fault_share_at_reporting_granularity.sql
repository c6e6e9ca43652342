-- wq_fault_share (V32) at each monitor's own reporting granularity (ingest-service/docs/indicators.md).
--
-- V32 counted real-time and minute values only, so a monitor that sends only HJ 212 hourly data (CN 2061)
-- had no fault share and its D/F/B-flagged hours escaped WQ_FAULT_FREQUENCY. The granularity is now taken
-- from the registered reporting interval (device.reporting_interval), as transmission_rate (V25, V30) cuts
-- its slots and chooses the data kinds it counts, never from what happens to be stored:
--   interval below an hour: each real-time and minute value is a record (HJ 212 CN 2011, 2051), as in V32;
--   an hour or more: one record per parameter and registered reporting slot (slots cut from local midnight):
--     the slot's value of the monitor's own kind, hourly (CN 2061) below a day, daily (CN 2031) from a day,
--     where one was sent; else the slot's real-time and minute values taken together (a JSON sender
--     reporting once an hour sends real-time values), faulty when any of them is.
-- So one ratio never counts a minute value beside an hourly one. A record is faulty when flagged D (fault),
-- F (stopped) or B (communication fault), HJ 212-2017 Table 8. Per monitor and local day; values inside an
-- accepted data mark (accepted_marks, V19) left out of both counts, as in V32. Same signature and columns,
-- so the rule and the water-quality dashboard's fault panel read it unchanged.
CREATE OR REPLACE FUNCTION wq_fault_share(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (device_id text, bucket timestamptz, n_values bigint, n_faulty bigint)
LANGUAGE sql STABLE AS $$
    WITH am AS MATERIALIZED (
        SELECT a.device_id, a.parameter, a.starts_at, a.ends_at FROM accepted_marks(p_from, p_to) a
    ), v AS (
        SELECT r.device_id, r.parameter, r.period, r.ts, r.flag IN ('D', 'F', 'B') AS faulty,
               d.reporting_interval AS step
        FROM water_quality_reading r
        JOIN device d ON d.id = r.device_id
        WHERE r.ts >= p_from AND r.ts < p_to AND r.stat IN ('val', 'avg')
          AND (r.period IN ('rt', 'min')
               OR (r.period = 'hour' AND d.reporting_interval >= INTERVAL '1 hour')
               OR (r.period = 'day' AND d.reporting_interval >= INTERVAL '1 day'))
          AND NOT EXISTS (SELECT 1 FROM am WHERE am.device_id = r.device_id
                          AND (am.parameter IS NULL OR am.parameter = r.parameter)
                          AND r.ts >= am.starts_at AND r.ts < am.ends_at)
    ), rec AS (
        SELECT v.device_id, v.ts AS at, v.faulty FROM v WHERE v.step < INTERVAL '1 hour'
        UNION ALL
        SELECT s.device_id, s.slot,
               coalesce(bool_or(s.faulty) FILTER (WHERE s.period = s.own), bool_or(s.faulty))
        FROM (
            SELECT v.*, date_bin(v.step, v.ts, timestamptz '2000-01-01 00:00+08') AS slot,
                   CASE WHEN v.step >= INTERVAL '1 day' THEN 'day' ELSE 'hour' END AS own
            FROM v WHERE v.step >= INTERVAL '1 hour') s
        GROUP BY s.device_id, s.parameter, s.slot
    )
    SELECT rec.device_id,
           date_trunc('day', rec.at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai',
           count(*),
           count(*) FILTER (WHERE rec.faulty)
    FROM rec
    GROUP BY 1, 2
$$;

-- transmission_rate (V25), same definition and results, planned once per slot: its CTEs are
-- materialised, so the marks and the standard-check hours are looked up once per slot instead of once
-- per aggregate that reads the slot's verdict (the judged slots were inlined into five FILTER clauses,
-- each evaluating the subqueries again). A year of ten hourly monitors took about 6 s.

CREATE OR REPLACE FUNCTION transmission_rate(p_grain text, p_from timestamptz, p_to timestamptz,
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
    ), marked AS MATERIALIZED (
        SELECT a.device_id, a.starts_at, a.ends_at FROM accepted_marks(p_from, least(p_to, p_now)) a
        WHERE a.parameter IS NULL
    ), check_hours AS MATERIALIZED (
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
    ), judged AS MATERIALIZED (
        SELECT s.device_id, s.step, s.slot,
               (EXISTS (SELECT 1 FROM marked k WHERE k.device_id = s.device_id
                        AND s.slot >= k.starts_at AND s.slot < k.ends_at)
                OR (s.step <= INTERVAL '1 hour'
                    AND EXISTS (SELECT 1 FROM check_hours c WHERE c.device_id = s.device_id
                                AND c.hour = date_trunc('hour', s.slot)))) AS left_out
        FROM slots s
    ), records AS MATERIALIZED (
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

-- Metered volume per meter and local day, and meter_volume as its sum.
--
-- The gates dashboard's daily chart called canal_volume once per day of its range, so a year's chart ran
-- meter_volume 365 times (3 s). meter_volume_daily returns the day rows meter_volume has always summed
-- (V25): for each day with valid cumulative readings, the rise from the last value before it (the day
-- before, or up to 400 days back for the range's first day) to its first value, plus the rises within the
-- day, a reset or replaced meter counted from its new start. meter_volume is now the sum of these rows,
-- so a range's volume and its days' volumes are one definition and add up exactly (each day's value is
-- converted to numeric before summing, as before). Both run without JIT (V42).
CREATE FUNCTION meter_volume_daily(p_family text, p_from timestamptz, p_to timestamptz, p_device text DEFAULT NULL)
RETURNS TABLE (device_id text, bucket timestamptz, volume_m3 double precision)
LANGUAGE plpgsql STABLE SET jit = off AS $$
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
        SELECT s.device_id, s.bucket,
               greatest(coalesce(s.first_value - s.previous_last, 0), 0)
               + CASE WHEN s.last_value >= s.first_value THEN s.last_value - s.first_value
                      ELSE greatest(coalesce(s.max_value - s.first_value, 0), 0)
                           + greatest(coalesce(s.last_value - s.min_value, 0), 0) END
        FROM steps s
        WHERE s.bucket >= $1 $q$, p_family || '_reading_daily')
    USING p_from, p_to, p_device;
END $$;

CREATE OR REPLACE FUNCTION meter_volume(p_family text, p_from timestamptz, p_to timestamptz, p_device text DEFAULT NULL)
RETURNS TABLE (device_id text, volume_m3 double precision, days integer)
LANGUAGE sql STABLE SET jit = off AS $$
    SELECT d.device_id, sum(d.volume_m3::numeric)::double precision, count(*)::int
    FROM meter_volume_daily(p_family, p_from, p_to, p_device) d
    GROUP BY d.device_id
$$;

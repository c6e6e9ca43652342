-- Two definitions made one (ingest-service/docs/indicators.md).

-- The water-quality fault share of WQ_FAULT_FREQUENCY, per monitor and local day of [p_from, p_to):
-- real-time and minute values of any flag, and those flagged D (fault), F (stopped) or B (communication
-- fault), HJ 212-2017 Table 8. Values inside an accepted data mark (accepted_marks, V19) are left out of
-- both counts, as from every other figure: an accepted fault or maintenance mark explains them. The rule
-- and the water-quality dashboard's fault panel read this function.
CREATE FUNCTION wq_fault_share(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (device_id text, bucket timestamptz, n_values bigint, n_faulty bigint)
LANGUAGE sql STABLE AS $$
    WITH am AS MATERIALIZED (
        SELECT a.device_id, a.parameter, a.starts_at, a.ends_at FROM accepted_marks(p_from, p_to) a
    )
    SELECT r.device_id,
           date_trunc('day', r.ts AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai',
           count(*),
           count(*) FILTER (WHERE r.flag IN ('D', 'F', 'B'))
    FROM water_quality_reading r
    WHERE r.ts >= p_from AND r.ts < p_to AND r.period IN ('rt', 'min') AND r.stat IN ('val', 'avg')
      AND NOT EXISTS (SELECT 1 FROM am WHERE am.device_id = r.device_id
                      AND (am.parameter IS NULL OR am.parameter = r.parameter)
                      AND r.ts >= am.starts_at AND r.ts < am.ends_at)
    GROUP BY 1, 2
$$;

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

-- cems_calibration_deviation (V26) with the flow-velocity CMS judged against its own allowance:
-- HJ 75-2017 Table 4 allows a flow-velocity CMS zero drift of ≤ ±3.0 %F.S. (or ≤ ±0.9 m/s; only the
-- %F.S. figure is applied), not the gaseous 2.5 %F.S. Flow parameters are the HJ 212 codes of the flow
-- CMS: a00000 (flue-gas flow) and a01011 (flue-gas velocity); their checks read allowed_pct_flow of
-- CEMS_CALIBRATION_DRIFT. Table 4 gives no span drift for flow: a flow span or standard check, should one
-- be sent, is held against the same allowance. Same columns as V26, so cems_drift_check is unchanged.
CREATE OR REPLACE VIEW cems_calibration_deviation AS
SELECT c.device_id, c.parameter, c.kind, c.ts, c.reference, c.measured, c.full_scale, mp.range_max,
       s.span, s.span_basis,
       100 * abs(c.measured - c.reference) / s.span AS deviation_pct,
       CASE WHEN s.span IS NULL AND c.kind = 'zero'
                THEN '零点核查既无满量程也无登记量程 zero check with neither a full scale nor a registered range'
            WHEN s.span IS NULL
                THEN '既无满量程、登记量程，标准值又为0 no full scale, no registered range and a reference of 0' END
           AS not_judgeable_reason,
       a.allowed_param, rp.value AS allowed_pct,
       100 * abs(c.measured - c.reference) / s.span - rp.value AS excess_pp
FROM calibration_record c
LEFT JOIN monitor_parameter mp ON mp.device_id = c.device_id AND mp.parameter = c.parameter
CROSS JOIN LATERAL (
    SELECT CASE WHEN c.full_scale > 0 THEN c.full_scale
                WHEN mp.range_max > 0 THEN mp.range_max
                WHEN c.kind <> 'zero' AND c.reference <> 0 THEN abs(c.reference) END AS span,
           CASE WHEN c.full_scale > 0 THEN 'full_scale'
                WHEN mp.range_max > 0 THEN 'registered_range'
                WHEN c.kind <> 'zero' AND c.reference <> 0 THEN 'reference' END AS span_basis) s
CROSS JOIN LATERAL (
    SELECT CASE WHEN c.parameter = 'a34013' THEN 'allowed_pct_particulate'
                WHEN c.parameter IN ('a00000', 'a01011') THEN 'allowed_pct_flow'
                ELSE 'allowed_pct_gas' END
           AS allowed_param) a
LEFT JOIN rule_param rp ON rp.rule_id = 'CEMS_CALIBRATION_DRIFT' AND rp.name = a.allowed_param
WHERE c.family = 'cems' AND c.kind <> 'comparison';

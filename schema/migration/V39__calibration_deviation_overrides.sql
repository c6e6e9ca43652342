-- cems_calibration_deviation with both of what V31 and V32 gave it: the allowance in force for the checked
-- device, after the rule set's per-device overrides of CEMS_CALIBRATION_DRIFT (rule_param_for, V31), and
-- the flow-velocity CMS's own allowance, allowed_pct_flow (V32). V32 replaced V31's view on the plain
-- rule_param join, so an override of one analyser's allowance reached the rule but not the view. Same
-- columns as V26, so cems_drift_check and the panels are unchanged.
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
CROSS JOIN LATERAL (
    SELECT rule_param_for('CEMS_CALIBRATION_DRIFT', a.allowed_param, c.device_id) AS value) rp
WHERE c.family = 'cems' AND c.kind <> 'comparison';

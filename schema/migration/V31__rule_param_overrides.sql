-- The rule set's per-subject overrides published beside its own parameters (rule_param, V25), so the
-- extract and the dashboards judge a subject by the value its rule judges it by
-- (ingest-service/docs/rules.md, "Overrides").
--
-- One row per parameter an override sets; ord is the override's place in the rule set's "overrides"
-- list. An override applies to a subject when its subject string equals one of the subject's keys
-- (a device id, enterprise, well, village or zone id; which keys a rule passes: docs/rules.md), and a
-- later override wins over an earlier one. Written by the service on every accepted load, in the same
-- transaction as rule_param, replacing the previous set's rows.
CREATE TABLE rule_param_override (
    ord       integer          NOT NULL,  -- place in the rule set's overrides, from 0
    rule_id   text             NOT NULL,
    subject   text             NOT NULL,
    name      text             NOT NULL,
    value     double precision NOT NULL,
    direction text,                        -- written with a direction (≥ > ≤ <), else NULL
    version   text             NOT NULL,
    PRIMARY KEY (ord, name)
);
CREATE INDEX rule_param_override_lookup ON rule_param_override (rule_id, name, subject);

-- The value in force of parameter p_name of rule p_rule for a subject known by p_keys, with the
-- precedence of RuleSet.params in the service: the last override (in file order) of that rule whose
-- subject is one of the keys and which sets the parameter, else the rule set's own value (rule_param).
-- NULL keys are ignored; NULL when neither holds the parameter (no rule set ever published).
CREATE FUNCTION rule_param_for(p_rule text, p_name text, VARIADIC p_keys text[])
RETURNS double precision
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT o.value FROM rule_param_override o
         WHERE o.rule_id = p_rule AND o.name = p_name AND o.subject = ANY (p_keys)
         ORDER BY o.ord DESC LIMIT 1),
        (SELECT rp.value FROM rule_param rp WHERE rp.rule_id = p_rule AND rp.name = p_name))
$$;

-- The direction (≥ > ≤ <) of target p_name in force for the subject: the last matching override that
-- wrote the target with a direction, else the rule set's (rule_param; the rule's own when not written).
CREATE FUNCTION rule_param_direction_for(p_rule text, p_name text, VARIADIC p_keys text[])
RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT o.direction FROM rule_param_override o
         WHERE o.rule_id = p_rule AND o.name = p_name AND o.subject = ANY (p_keys) AND o.direction IS NOT NULL
         ORDER BY o.ord DESC LIMIT 1),
        (SELECT rp.direction FROM rule_param rp WHERE rp.rule_id = p_rule AND rp.name = p_name))
$$;

-- cems_calibration_deviation (V26), same columns: allowed_pct is the value in force for the monitor
-- (CEMS_CALIBRATION_DRIFT overrides are matched on the device id, as the rule matches them).
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
    SELECT CASE WHEN c.parameter = 'a34013' THEN 'allowed_pct_particulate' ELSE 'allowed_pct_gas' END
           AS allowed_param) a
CROSS JOIN LATERAL (
    SELECT rule_param_for('CEMS_CALIBRATION_DRIFT', a.allowed_param, c.device_id) AS value) rp
WHERE c.family = 'cems' AND c.kind <> 'comparison';

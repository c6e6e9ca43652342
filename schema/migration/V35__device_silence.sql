-- One definition of a silent device (ingest-service/docs/rules.md, DEVICE_SILENT): the rule, the overview
-- dashboard's device panels and the operators' console all read this function.
--
-- A device is silent at p_at when nothing was received from it (newest received_at) for more than
-- N × its registered reporting interval, exactly (a device reporting every 5 s is silent 15 s after its
-- last contact with N = 3, an hourly one 3 h after it; no rounding to whole minutes), or when nothing was
-- ever received. N is the rule set's DEVICE_SILENT `intervals` (rule_param, at least 1; 3, the rule's
-- default, before a rule set was published). silent_since is the moment the condition began to hold.
--
-- Receipts are looked up among the readings whose ts lies within p_look_back of p_at, widened to N times
-- the longest registered interval so that a device with no reading in the look-back is silent by the
-- definition too; last_received is then NULL ("not within the look-back").
CREATE FUNCTION device_silence(p_at timestamptz, p_look_back interval DEFAULT interval '7 days')
RETURNS TABLE (device_id text, family text, active boolean, last_received timestamptz,
               reporting_interval interval, intervals integer, silent_since timestamptz, silent boolean)
LANGUAGE sql STABLE AS $$
    WITH n AS (
        SELECT greatest(1, round(coalesce(
                   (SELECT value FROM rule_param WHERE rule_id = 'DEVICE_SILENT' AND name = 'intervals'), 3)))::integer AS n
    ), since AS (
        SELECT p_at - greatest(p_look_back,
                               n.n * coalesce((SELECT max(d.reporting_interval) FROM device d), interval '0')) AS t
        FROM n
    ), seen AS (
        SELECT r.device_id, max(r.received_at) AS last FROM well_reading r, since WHERE r.ts >= since.t GROUP BY 1
        UNION ALL
        SELECT r.device_id, max(r.received_at) FROM cems_reading r, since WHERE r.ts >= since.t GROUP BY 1
        UNION ALL
        SELECT r.device_id, max(r.received_at) FROM water_quality_reading r, since WHERE r.ts >= since.t GROUP BY 1
        UNION ALL
        SELECT r.device_id, max(r.received_at) FROM gate_reading r, since WHERE r.ts >= since.t GROUP BY 1
    ), last AS (
        SELECT s.device_id, max(s.last) AS last FROM seen s GROUP BY 1
    )
    SELECT d.id, d.family, d.active, l.last, d.reporting_interval, n.n,
           l.last + n.n * d.reporting_interval,
           l.last IS NULL OR p_at > l.last + n.n * d.reporting_interval
    FROM device d CROSS JOIN n LEFT JOIN last l ON l.device_id = d.id
$$;

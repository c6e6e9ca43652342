-- One definition of a silent device (ingest-service/docs/rules.md, DEVICE_SILENT): the rule, the overview
-- dashboard's device panels and the operators' console all read this function.
--
-- A device is silent at p_at when nothing was received from it (newest received_at) for more than
-- N × its registered reporting interval, exactly (a device reporting every 5 s is silent 15 s after its
-- last contact with N = 3, an hourly one 3 h after it; no rounding to whole minutes), or when nothing was
-- ever received. N is DEVICE_SILENT's `intervals` in force for the device (rule_param_for, V31: overrides
-- matched on the device id, enterprise, village and zone, as the rule matches them; rounded, at least 1;
-- 3, the rule's default, before a rule set was published). silent_since is the moment the condition
-- began to hold.
--
-- Receipts are looked up among the readings whose ts lies within p_look_back of p_at, widened to the
-- longest N × interval of any device, so that a device with no reading in the look-back is silent by the
-- definition too; last_received is then NULL ("not within the look-back").
CREATE FUNCTION device_silence(p_at timestamptz, p_look_back interval DEFAULT interval '7 days')
RETURNS TABLE (device_id text, family text, active boolean, last_received timestamptz,
               reporting_interval interval, intervals integer, silent_since timestamptz, silent boolean)
LANGUAGE sql STABLE AS $$
    WITH dev AS MATERIALIZED (
        SELECT d.id, d.family, d.active, d.reporting_interval,
               greatest(1, round(coalesce(
                   rule_param_for('DEVICE_SILENT', 'intervals', d.id, m.enterprise, w.village_id, w.zone_id),
                   3)))::integer AS n
        FROM device d LEFT JOIN monitor m ON m.device_id = d.id LEFT JOIN well w ON w.device_id = d.id
    ), since AS (
        SELECT p_at - greatest(p_look_back, coalesce(max(dev.n * dev.reporting_interval), interval '0')) AS t
        FROM dev
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
    SELECT dev.id, dev.family, dev.active, l.last, dev.reporting_interval, dev.n,
           l.last + dev.n * dev.reporting_interval,
           l.last IS NULL OR p_at > l.last + dev.n * dev.reporting_interval
    FROM dev LEFT JOIN last l ON l.device_id = dev.id
$$;

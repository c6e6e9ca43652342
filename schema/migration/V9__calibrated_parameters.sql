-- The analysers that are zero/span calibrated on a schedule (HJ 75-2017 §11.2 for CEMS gases and
-- particulate; HJ 355-2019 for the water-quality analysers). The calibration-overdue rules judge each
-- of them on its own, so a monitor whose SO2 analyser is calibrated daily but whose NOx analyser is
-- never calibrated is still overdue for NOx.
ALTER TABLE parameter ADD COLUMN calibrated boolean NOT NULL DEFAULT false;

UPDATE parameter SET calibrated = true
WHERE (family, code) IN (('cems', 'a21026'), ('cems', 'a21002'), ('cems', 'a34013'), ('cems', 'a19001'),
                         ('cems', 'a21005'), ('water_quality', 'w01018'), ('water_quality', 'w21003'),
                         ('water_quality', 'w21011'), ('water_quality', 'w21001'));

-- Calibration-overdue alerts raised per monitor before this change are superseded by the per-analyser
-- ones the next status run raises; they are resolved here so that none stays open without a rule to
-- judge it.
WITH superseded AS (
    UPDATE alert SET state = 'resolved', resolved_at = now()
    WHERE rule_id IN ('CEMS_CALIBRATION_OVERDUE', 'WQ_CALIBRATION_OVERDUE') AND parameter = ''
      AND state <> 'resolved'
    RETURNING id
)
INSERT INTO alert_event (alert_id, kind, actor, detail)
SELECT id, 'resolved', 'migration', '{"reason": "superseded by per-analyser calibration-overdue alerts"}'
FROM superseded;

-- The point rules' work, committed with the values it is about: the batch that stores well readings or
-- CEMS calibrations inserts, in the same transaction, one row per device and kind with the time range of
-- the values it stored for the first time. The rules thread deletes the rows once it has judged them; a
-- crash in between leaves them here, and the sweep (ingest.rules.due-sweep-*) reads the values back and
-- judges them. See ingest-service/docs/rules.md.

CREATE TABLE point_rule_due (
    id            bigserial    PRIMARY KEY,
    kind          text         NOT NULL CHECK (kind IN ('well_reading', 'cems_calibration')),
    device_id     text         NOT NULL,
    ts_from       timestamptz  NOT NULL,
    ts_to         timestamptz  NOT NULL,
    committed_at  timestamptz  NOT NULL DEFAULT now(),
    -- a sweeping instance's lease: until then no other sweep takes the row
    claimed_until timestamptz,
    CHECK (ts_to >= ts_from)
);
CREATE INDEX point_rule_due_committed_idx ON point_rule_due (committed_at);

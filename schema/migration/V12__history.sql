-- Years of history in, judged in order (imports, late data, replays).

-- A window's mark carries a version: every mark increments it, and an evaluation clears the mark
-- only if no mark arrived while it ran (late data written during an evaluation is judged again).
ALTER TABLE rule_window_run ADD COLUMN mark bigint NOT NULL DEFAULT 0;
CREATE INDEX rule_window_run_due_idx ON rule_window_run (window_start) WHERE dirty;

-- What committed writes still owe the point rules, written in the same transaction as the values:
-- per device, the time range of its values. The point rules delete a row once they have judged
-- its values; rows left by a crash are judged again from the stored values.
CREATE TABLE rule_due (
    id          bigserial   PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    families    text[]      NOT NULL,
    devices     text[]      NOT NULL,
    ts_from     timestamptz[] NOT NULL,
    ts_to       timestamptz[] NOT NULL,
    calibrations boolean[]  NOT NULL
);

-- Per rule and subject, the end of the latest period judged: a verdict for an earlier period is
-- history (kept, never re-opening or holding open the subject's current alert).
CREATE TABLE rule_subject_judged (
    rule_id    text        NOT NULL,
    subject_id text        NOT NULL,
    parameter  text        NOT NULL,
    period_end timestamptz NOT NULL,
    PRIMARY KEY (rule_id, subject_id, parameter)
);

-- A finding for a past period is recorded as a resolved alert with a 'recorded' event.
ALTER TABLE alert_event DROP CONSTRAINT alert_event_kind_check;
ALTER TABLE alert_event ADD CONSTRAINT alert_event_kind_check CHECK (kind IN ('opened', 'escalated',
    'acknowledged', 'resolved', 'notified', 'notify_failed', 'recorded'));
CREATE INDEX alert_history_idx ON alert (rule_id, subject_id, parameter, period_end) WHERE state = 'resolved';

-- Quarantined messages replayed through the pipeline leave the quarantine's open list: when, by
-- whom, and what they became (stored values, or the reason they were refused again). The raw row
-- stays for audit.
ALTER TABLE quarantine ADD COLUMN replayed_at timestamptz;
ALTER TABLE quarantine ADD COLUMN replayed_by text;
ALTER TABLE quarantine ADD COLUMN replay_outcome text;
ALTER TABLE quarantine ADD COLUMN replay_readings integer;
CREATE INDEX quarantine_open_idx ON quarantine (reason, received_at) WHERE replayed_at IS NULL;

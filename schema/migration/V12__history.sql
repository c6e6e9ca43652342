-- Years of history in, judged in order (imports, late data).

-- A window's mark carries a version: every mark increments it, and an evaluation clears the mark
-- only if no mark arrived while it ran (late data written during an evaluation is judged again).
ALTER TABLE rule_window_run ADD COLUMN mark bigint NOT NULL DEFAULT 0;
CREATE INDEX rule_window_run_due_idx ON rule_window_run (window_start) WHERE dirty;

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

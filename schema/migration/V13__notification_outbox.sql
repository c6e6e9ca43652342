-- Notifications go through an outbox: the transaction that opens, escalates or resolves an alert
-- inserts one row per channel, so a crash between the alert's commit and the send loses nothing.
-- A sender claims due rows (FOR UPDATE SKIP LOCKED, then a lease by moving due_at forward), sends,
-- and marks them delivered, schedules the next attempt, or gives up after ingest.notify.max-age.
-- When a channel's backlog exceeds its rate limit, the backlog becomes one digest row.

CREATE TABLE notification_outbox (
    id           bigserial   PRIMARY KEY,
    -- null for a digest, which speaks of many alerts
    alert_id     bigint      REFERENCES alert (id),
    channel      text        NOT NULL,
    -- event: opened / escalated / resolved; reminder: still unacknowledged; escalation: unacknowledged
    -- for ingest.notify.escalation.after, sent to the escalation channels; digest: a storm in one message
    kind         text        NOT NULL CHECK (kind IN ('event', 'reminder', 'escalation', 'digest')),
    -- the alert's rule, subject and parameter (repeat suppression), and the event as the message says it
    rule_id      text        NOT NULL,
    subject_id   text        NOT NULL,
    parameter    text        NOT NULL DEFAULT '',
    event        text        NOT NULL,
    message      jsonb       NOT NULL,
    state        text        NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'delivered', 'failed', 'digested')),
    created_at   timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text,
    done_at      timestamptz,
    -- the digest row that carried this one
    digest_id    bigint      REFERENCES notification_outbox (id)
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (channel, due_at) WHERE state = 'pending';
CREATE INDEX notification_outbox_alert_idx ON notification_outbox (alert_id, created_at);
CREATE INDEX notification_outbox_repeat_idx ON notification_outbox (channel, rule_id, subject_id, parameter, created_at DESC)
    WHERE kind = 'event';

-- Each attempt to send on a channel, counted against the channel's rate limit (all instances share it).
CREATE TABLE notification_attempt (
    channel text        NOT NULL,
    at      timestamptz NOT NULL
);
CREATE INDEX notification_attempt_idx ON notification_attempt (channel, at);

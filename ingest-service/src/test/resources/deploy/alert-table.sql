-- The alert table as schema/migration/V5__alerts.sql defines it; created here only where that
-- migration is not (yet) on the classpath, so the dashboard queries can be checked either way.
CREATE TABLE IF NOT EXISTS alert (
    id              bigserial PRIMARY KEY,
    rule_id         text             NOT NULL,
    report_item     text,
    subject_kind    text             NOT NULL,
    subject_id      text             NOT NULL,
    severity        text             NOT NULL CHECK (severity IN ('warning', 'breach')),
    state           text             NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
    period_start    timestamptz,
    period_end      timestamptz,
    observed        double precision,
    target          double precision,
    margin          double precision,
    unit            text,
    message_zh      text,
    message_en      text,
    evidence        jsonb,
    opened_at       timestamptz      NOT NULL,
    last_seen_at    timestamptz      NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text,
    ack_comment     text,
    resolved_at     timestamptz
);

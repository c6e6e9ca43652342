-- Alerts raised by the rules against the rectification report's targets, their history, and the
-- windows the scheduled rules have evaluated. The rule catalogue itself is a versioned JSON file
-- (ingest.rules.catalogue), validated on load; rule_set_load records which version was in force.

CREATE TABLE alert (
    id              bigserial        PRIMARY KEY,
    rule_id         text             NOT NULL,
    report_item     text             NOT NULL,
    subject_kind    text             NOT NULL CHECK (subject_kind IN ('device', 'zone', 'village', 'well')),
    subject_id      text             NOT NULL,
    -- the monitored parameter for per-parameter rules (a21026, w21003 …), '' otherwise
    parameter       text             NOT NULL DEFAULT '',
    severity        text             NOT NULL CHECK (severity IN ('warning', 'breach')),
    state           text             NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'resolved')),
    period_start    timestamptz,
    period_end      timestamptz,
    observed        double precision,
    target          double precision,
    margin          double precision,
    unit            text,
    message_zh      text             NOT NULL,
    message_en      text             NOT NULL,
    evidence        jsonb            NOT NULL DEFAULT '{}',
    opened_at       timestamptz      NOT NULL,
    last_seen_at    timestamptz      NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text,
    ack_comment     text,
    resolved_at     timestamptz,
    -- consecutive good evaluations since the last bad one (hysteresis before auto-resolve)
    good_count      integer          NOT NULL DEFAULT 0
);
-- At most one alert that is not resolved per rule and subject (and parameter, for per-parameter rules).
CREATE UNIQUE INDEX alert_active_uq ON alert (rule_id, subject_id, parameter) WHERE state <> 'resolved';
CREATE INDEX alert_state_idx ON alert (state, last_seen_at DESC);
CREATE INDEX alert_subject_idx ON alert (subject_id, opened_at DESC);

CREATE TABLE alert_event (
    id        bigserial   PRIMARY KEY,
    alert_id  bigint      NOT NULL REFERENCES alert (id),
    at        timestamptz NOT NULL DEFAULT now(),
    kind      text        NOT NULL CHECK (kind IN ('opened', 'escalated', 'acknowledged', 'resolved',
                                                   'notified', 'notify_failed')),
    actor     text        NOT NULL,
    detail    jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX alert_event_alert_idx ON alert_event (alert_id, at);

-- Each (rule group, window) evaluated once across instances; late data marks a window dirty again.
CREATE TABLE rule_window_run (
    rule_group   text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    dirty        boolean     NOT NULL DEFAULT false,
    evaluated_at timestamptz,
    verdicts     integer,
    PRIMARY KEY (rule_group, window_start)
);
CREATE INDEX rule_window_run_dirty_idx ON rule_window_run (rule_group) WHERE dirty;

-- Which rule-set version each instance loaded, and the ones it refused.
CREATE TABLE rule_set_load (
    id        bigserial   PRIMARY KEY,
    version   text,
    checksum  text        NOT NULL,
    source    text        NOT NULL,
    accepted  boolean     NOT NULL,
    problem   text,
    loaded_at timestamptz NOT NULL DEFAULT now()
);

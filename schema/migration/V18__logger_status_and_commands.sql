-- What HJ 212 data loggers report beyond readings: running status (CN 2021, code RS per facility),
-- daily running time (2041, code RT), power-on time (2081, code RestartTime) and on-site machine
-- information (3020, one row per information code and analyser). Values are kept as the logger sent
-- them (cleaned text): most information codes are vendor-defined. A report sent again is a no-op.
CREATE TABLE monitor_status (
    device_id   text        NOT NULL,
    subject     text        NOT NULL,
    code        text        NOT NULL,
    ts          timestamptz NOT NULL,
    value       text        NOT NULL,
    family      text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, subject, code, ts)
);
CREATE INDEX monitor_status_ts_idx ON monitor_status (ts);

-- The commands the service sent to a logger and the requests it answered, with what became of each:
-- time set (1012), data history requested (2051/2061/2031), and the logger's 9011/9012 answers.
CREATE TABLE monitor_command (
    id          bigserial   PRIMARY KEY,
    device_id   text        NOT NULL,
    mn          text        NOT NULL,
    cn          text        NOT NULL,
    qn          text        NOT NULL,
    reason      text        NOT NULL,
    detail      text        NOT NULL DEFAULT '',
    sent_at     timestamptz NOT NULL,
    outcome     text        NOT NULL DEFAULT 'sent'
        CHECK (outcome IN ('sent', 'accepted', 'refused', 'succeeded', 'failed', 'no_data', 'timed_out', 'not_sent')),
    outcome_at  timestamptz,
    attempt     integer     NOT NULL DEFAULT 1
);
CREATE INDEX monitor_command_device_idx ON monitor_command (device_id, sent_at DESC);
CREATE INDEX monitor_command_qn_idx ON monitor_command (mn, qn);

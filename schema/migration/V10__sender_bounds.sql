-- The quarantine keeps one row per incident: identical bytes on the same topic for the same reason.
-- The topic is the sender's and may be of any length, so the uniqueness is kept on its SHA-256
-- (computed by the service from the whole topic as received) rather than on the text, which the
-- service stores cleaned and bounded. A topic of a few thousand characters then no longer exceeds
-- the index row size and stops the writer.
ALTER TABLE quarantine ADD COLUMN topic_sha256 bytea;
UPDATE quarantine SET topic_sha256 = sha256(convert_to(topic, 'UTF8'));
ALTER TABLE quarantine ALTER COLUMN topic_sha256 SET NOT NULL;
ALTER TABLE quarantine DROP CONSTRAINT quarantine_topic_reason_payload_sha256_key;
ALTER TABLE quarantine ADD CONSTRAINT quarantine_incident_key UNIQUE (topic_sha256, reason, payload_sha256);
UPDATE quarantine SET topic = left(topic, 1022) || ' …' WHERE length(topic) > 1024;
UPDATE quarantine SET device_id = left(device_id, 126) || ' …' WHERE length(device_id) > 128;
UPDATE quarantine SET format = left(format, 30) || ' …' WHERE length(format) > 32;
ALTER TABLE quarantine ADD CONSTRAINT quarantine_bounded_text CHECK (
    length(topic) <= 1024 AND length(coalesce(device_id, '')) <= 128 AND length(format) <= 32
    AND length(detail) <= 4096);

-- A calibration result sent again for the same analyser, kind and time with other figures: the first
-- stays in calibration_record and is what the rules judged; the others are kept here for review, as
-- reading_revision keeps re-sent readings, and change no verdict.
CREATE TABLE calibration_revision (
    id            bigserial        PRIMARY KEY,
    device_id     text             NOT NULL,
    parameter     text             NOT NULL,
    kind          text             NOT NULL,
    ts            timestamptz      NOT NULL,
    reference     double precision NOT NULL,
    measured      double precision NOT NULL,
    full_scale    double precision,
    reported_pass boolean,
    family        text             NOT NULL,
    received_at   timestamptz      NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX calibration_revision_key ON calibration_revision
    (device_id, parameter, kind, ts, reference, measured, coalesce(full_scale, 'NaN'),
     coalesce(reported_pass::text, ''));

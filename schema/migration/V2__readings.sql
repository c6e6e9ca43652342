-- Time-series tables, one per device family, all of one shape so that one writer serves them.
-- Natural key (device_id, parameter, period, stat, ts): a redelivered reading is a no-op.
-- period: rt (a single reading) | min | hour | day (HJ 212 CN 2051/2061/2031; ts = period start)
-- stat:   val | avg | min | max | cou | zs_val | zs_avg | zs_min | zs_max
-- flag:   HJ 212-2017 data flag; valid = the flag counts as valid data (N, and S where allowed)

CREATE TABLE well_reading (
    device_id   text             NOT NULL,
    parameter   text             NOT NULL,
    period      text             NOT NULL DEFAULT 'rt',
    stat        text             NOT NULL DEFAULT 'val',
    ts          timestamptz      NOT NULL,
    value       double precision NOT NULL,
    flag        char(1)          NOT NULL DEFAULT 'N',
    valid       boolean          NOT NULL DEFAULT true,
    seq         bigint,
    received_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, parameter, period, stat, ts)
);
CREATE TABLE cems_reading (LIKE well_reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE cems_reading ADD PRIMARY KEY (device_id, parameter, period, stat, ts);
CREATE TABLE water_quality_reading (LIKE well_reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE water_quality_reading ADD PRIMARY KEY (device_id, parameter, period, stat, ts);
CREATE TABLE gate_reading (LIKE well_reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE gate_reading ADD PRIMARY KEY (device_id, parameter, period, stat, ts);

CREATE INDEX well_reading_ts_idx ON well_reading (ts);
CREATE INDEX cems_reading_ts_idx ON cems_reading (ts);
CREATE INDEX water_quality_reading_ts_idx ON water_quality_reading (ts);
CREATE INDEX gate_reading_ts_idx ON gate_reading (ts);

-- A value that arrives again for a stored key but differs from it is never overwritten: the
-- stored row stays as first received, the differing value is kept here for review.
CREATE TABLE reading_revision (
    family      text             NOT NULL,
    device_id   text             NOT NULL,
    parameter   text             NOT NULL,
    period      text             NOT NULL,
    stat        text             NOT NULL,
    ts          timestamptz      NOT NULL,
    value       double precision NOT NULL,
    flag        char(1)          NOT NULL,
    seq         bigint,
    received_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (family, device_id, parameter, period, stat, ts, value, flag)
);

-- Calibration results as the monitors report them (zero, span, standard sample, comparison).
CREATE TABLE calibration_record (
    device_id     text             NOT NULL,
    parameter     text             NOT NULL,
    kind          text             NOT NULL CHECK (kind IN ('zero', 'span', 'standard', 'comparison')),
    ts            timestamptz      NOT NULL,
    reference     double precision NOT NULL,
    measured      double precision NOT NULL,
    full_scale    double precision,
    reported_pass boolean,
    family        text             NOT NULL,
    received_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, parameter, kind, ts)
);
CREATE INDEX calibration_record_ts_idx ON calibration_record (ts);

-- Everything that could not be stored, with its raw bytes and the reason. Identical bytes on the
-- same topic for the same reason are one row (a redelivery is not a second incident).
CREATE TABLE quarantine (
    id           bigserial    PRIMARY KEY,
    topic        text         NOT NULL,
    device_id    text,
    format       text         NOT NULL,
    reason       text         NOT NULL,
    detail       text         NOT NULL,
    payload      bytea        NOT NULL,
    payload_sha256 bytea      NOT NULL,
    received_at  timestamptz  NOT NULL,
    last_seen_at timestamptz  NOT NULL,
    UNIQUE (topic, reason, payload_sha256)
);
CREATE INDEX quarantine_received_idx ON quarantine (received_at);

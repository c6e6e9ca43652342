-- Data marks (《污染物排放自动监测设备标记规则》, MEE announcement 2022 No. 21): who says a period of a
-- monitor (or of one analyser = one parameter) was maintenance, a fault, a calibration, or an abnormal
-- working condition of the plant. See ingest-service/docs/marks.md.
--
-- A mark is a chain of versions sharing one mark_id; a correction is a new version with its author.
-- Versions and reviews are only ever inserted: the triggers below refuse UPDATE and DELETE.
-- The logger's own flags (HJ 212 Flag=M/D/C/...) are not copied here: logger_flag_hours derives them.

CREATE SEQUENCE data_mark_number;

CREATE TABLE data_mark (
    id              bigserial    PRIMARY KEY,
    mark_id         bigint       NOT NULL,
    version         int          NOT NULL CHECK (version >= 1),
    device_id       text         NOT NULL REFERENCES device (id),
    parameter       text,                                   -- NULL: the whole monitor
    starts_at       timestamptz  NOT NULL,
    ends_at         timestamptz  NOT NULL,
    kind            text         NOT NULL,                  -- MarkKind code
    reason          text         NOT NULL,
    evidence_note   text,
    evidence_ref    text,                                   -- an attachment reference (file name, URL, archive number)
    source          text         NOT NULL CHECK (source IN ('plant', 'bureau')),
    author          text         NOT NULL,
    made_at         timestamptz  NOT NULL,
    due_at          timestamptz  NOT NULL,                  -- the deadline the rules set for this mark
    late            boolean      GENERATED ALWAYS AS (made_at > due_at) STORED,
    CHECK (ends_at > starts_at),
    UNIQUE (mark_id, version)
);
CREATE INDEX data_mark_device_idx ON data_mark (device_id, starts_at);

CREATE TABLE data_mark_review (
    id           bigserial    PRIMARY KEY,
    mark_id      bigint       NOT NULL,
    version      int          NOT NULL,
    decision     text         NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    reason       text,
    reviewer     text         NOT NULL,
    reviewed_at  timestamptz  NOT NULL,
    CHECK (decision = 'accepted' OR coalesce(reason, '') <> ''),
    FOREIGN KEY (mark_id, version) REFERENCES data_mark (mark_id, version)
);

CREATE FUNCTION data_mark_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: a correction is a new version', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER data_mark_append_only BEFORE UPDATE OR DELETE ON data_mark
    FOR EACH ROW EXECUTE FUNCTION data_mark_append_only();
CREATE TRIGGER data_mark_review_append_only BEFORE UPDATE OR DELETE ON data_mark_review
    FOR EACH ROW EXECUTE FUNCTION data_mark_append_only();

-- Each mark's latest version with the latest review of that version: pending until reviewed; a new
-- version starts pending again.
CREATE VIEW data_mark_current AS
SELECT v.id, v.mark_id, v.version, v.device_id, v.parameter, v.starts_at, v.ends_at, v.kind, v.reason,
       v.evidence_note, v.evidence_ref, v.source, v.author, v.made_at, v.due_at, v.late,
       coalesce(r.decision, 'pending') AS status, r.reason AS review_reason, r.reviewer, r.reviewed_at
FROM (SELECT DISTINCT ON (mark_id) * FROM data_mark ORDER BY mark_id, version DESC) v
LEFT JOIN LATERAL (
    SELECT * FROM data_mark_review rv WHERE rv.mark_id = v.mark_id AND rv.version = v.version
    ORDER BY rv.id DESC LIMIT 1) r ON true;

-- The accepted marks overlapping [p_from, p_to): the one list the figures (valid hours, means,
-- exceedance verdicts, transmission rates) leave out. A mark without a parameter covers every parameter.
CREATE FUNCTION accepted_marks(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (mark_id bigint, version int, device_id text, parameter text, starts_at timestamptz,
               ends_at timestamptz, kind text)
LANGUAGE sql STABLE AS $$
    SELECT m.mark_id, m.version, m.device_id, m.parameter, m.starts_at, m.ends_at, m.kind
    FROM data_mark_current m
    WHERE m.status = 'accepted' AND m.starts_at < p_to AND m.ends_at > p_from
$$;

-- Marks the logger made itself, per clock hour of [p_from, p_to): values carrying a flag other than
-- N/S (HJ 212-2017 Table 8: F stopped, M maintenance, D fault, C calibration, T over range,
-- B communication fault). A function rather than a view so that the time range reaches the index.
CREATE FUNCTION logger_flag_hours(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (family text, device_id text, parameter text, hour timestamptz, flag text, n bigint)
LANGUAGE sql STABLE AS $$
    SELECT 'cems'::text, r.device_id, r.parameter, date_trunc('hour', r.ts), r.flag, count(*)
    FROM cems_reading r
    WHERE r.ts >= p_from AND r.ts < p_to AND r.flag IN ('F', 'M', 'D', 'C', 'T', 'B')
    GROUP BY r.device_id, r.parameter, date_trunc('hour', r.ts), r.flag
    UNION ALL
    SELECT 'water_quality', r.device_id, r.parameter, date_trunc('hour', r.ts), r.flag, count(*)
    FROM water_quality_reading r
    WHERE r.ts >= p_from AND r.ts < p_to AND r.flag IN ('F', 'M', 'D', 'C', 'T', 'B')
    GROUP BY r.device_id, r.parameter, date_trunc('hour', r.ts), r.flag
$$;

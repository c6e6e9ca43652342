-- Replay of quarantined messages (POST /api/quarantine/replay). A row is never deleted: a replay that
-- stores the message, finds it already stored, or quarantines it again for another reason closes the
-- row (replayed_at, replayed_by, replay_outcome) and points at what it became: the readings in
-- replay_result (device, count, parameters, first and last time), the other quarantine row in
-- replay_quarantine_id. A replay that fails again for the same reason leaves the row open and records
-- the attempt (replay_attempts, last_replay_at, last_replay_by, replay_result). Open rows are those
-- with replayed_at IS NULL: what the API, the console and the views list by default.
ALTER TABLE quarantine
    ADD COLUMN replay_attempts      integer     NOT NULL DEFAULT 0,
    ADD COLUMN last_replay_at       timestamptz,
    ADD COLUMN last_replay_by       text,
    ADD COLUMN replayed_at          timestamptz,
    ADD COLUMN replayed_by          text,
    ADD COLUMN replay_outcome       text,
    ADD COLUMN replay_quarantine_id bigint REFERENCES quarantine (id),
    ADD COLUMN replay_result        jsonb;

ALTER TABLE quarantine ADD CONSTRAINT quarantine_replay_outcome CHECK (
    replay_outcome IS NULL OR replay_outcome IN ('stored', 'duplicate', 'quarantined', 'unchanged'));
ALTER TABLE quarantine ADD CONSTRAINT quarantine_replay_closed CHECK (
    (replayed_at IS NULL) = (replay_outcome IS NULL OR replay_outcome = 'unchanged'));
ALTER TABLE quarantine ADD CONSTRAINT quarantine_replay_bounded CHECK (
    length(coalesce(last_replay_by, '')) <= 128 AND length(coalesce(replayed_by, '')) <= 128);

CREATE INDEX quarantine_open_idx ON quarantine (received_at) WHERE replayed_at IS NULL;

-- Every change an operator or an administrator makes through the API: alert acknowledgements,
-- manual indicators, registry reloads. Rows are only ever inserted; the service never updates or
-- deletes them. "actor" is the authenticated user name, "remote_address" the client's address as
-- the service saw it (behind a proxy: the proxy's, unless forwarded headers are trusted).

CREATE TABLE audit_log (
    id             bigserial    PRIMARY KEY,
    at             timestamptz  NOT NULL,
    actor          text         NOT NULL,
    action         text         NOT NULL,
    target         text         NOT NULL,
    before         jsonb,
    after          jsonb,
    remote_address text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target, at DESC);


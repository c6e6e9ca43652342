-- On TimescaleDB, DELETE and TRUNCATE of CEMS readings lower the watermarks of the stored valid hours
-- (V29) too, as they do on plain PostgreSQL; V29 left them out there, so that after a manual DELETE the
-- store kept answering the deleted readings' hours until someone called cems_valid_hours_invalidate.
--
-- TimescaleDB (checked on 2.28) refuses DELETE triggers with transition tables on a hypertable with
-- compression ("DELETE triggers with transition tables not supported"), so DELETE is seen by a row
-- trigger instead: it fires for rows deleted from compressed chunks too, and not for what compression,
-- decompression, recompression or drop_chunks (retention) move or drop. Each deleted row updates its
-- device's watermark row (always, as cems_valid_hours_invalidate does, so that a refresh in flight does
-- not raise the watermark past it): a large manual DELETE costs one update per row. The service never
-- deletes readings.
-- TRUNCATE of the hypertable fires its statement trigger (not so the truncation of a chunk that
-- compression does): every device to '-infinity', as on plain PostgreSQL.
--
-- cems_referenced (V28) without merge joins on TimescaleDB: over compressed chunks (no index to probe)
-- the planner joined the converted values (stat = CASE r.stat ...) by a merge join on device and period
-- only, comparing every reading of a stack with every other: three days of two stacks' minute data
-- took 52 s instead of 0.05 s (TimescaleDB 2.28.3, PostgreSQL 15.20). Same rows either way; the setting
-- applies while the function is planned and run, and keeps it from being inlined into its callers.

DO $engine$
BEGIN
    IF storage_engine_name() <> 'timescaledb' THEN
        RETURN;
    END IF;
    CREATE FUNCTION cems_valid_hours_reading_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
        PERFORM cems_valid_hours_invalidate(OLD.device_id, OLD.ts);
        RETURN NULL;
    END $f$;
    CREATE TRIGGER cems_valid_hours_delete AFTER DELETE ON cems_reading
        FOR EACH ROW EXECUTE FUNCTION cems_valid_hours_reading_deleted();
    CREATE TRIGGER cems_valid_hours_truncate AFTER TRUNCATE ON cems_reading
        FOR EACH STATEMENT EXECUTE FUNCTION cems_valid_hours_all_touched();
    ALTER FUNCTION cems_referenced(timestamptz, timestamptz) SET enable_mergejoin = off;
END
$engine$;

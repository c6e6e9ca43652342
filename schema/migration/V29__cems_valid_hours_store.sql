-- The valid hours of CEMS (V24/V28) kept in a store, so that a year's extract, the rules and the
-- dashboard read computed hours instead of recomputing them from the raw rows on every call. One
-- definition still: cems_valid_hours_live is the V24 body of cems_valid_hours over V28's
-- cems_referenced (less valid_hour, which depends on the
-- caller's p_min_minutes); the store holds its rows; cems_valid_hours answers the stored rows where
-- they are known to be right and the live rows elsewhere, with valid_hour computed as before.
--
--   cems_valid_hour_store      per device, parameter and clock hour: cems_valid_hours_live's row
--   cems_valid_hour_watermark  per device: watermark (hours before it are stored and right),
--                              threshold (writes before it lower the watermark; >= watermark) and
--                              generation (counts the invalidations, so a refresh that computed
--                              from an older state does not raise the watermark)
--
-- Why stored hours may be reused: cems_valid_hours_live over an hour-aligned range [a, b) gives,
-- for every hour in it, the row the same function gives over any larger hour-aligned range. Each
-- hour's row is an aggregate of that hour's readings only; a reading's cover is cut at the hour's
-- end (least(..., date_trunc('hour', ts) + 1 hour - ts)), so the next reading of its series, which
-- the range may leave out, only matters when it lies in the same hour, inside the range; the O2 and
-- converted values are joined at the reading's own ts; marks and out-of-control periods are tested
-- per reading against their own bounds, whatever the range. Partial hours are not: they are always
-- computed live.
--
-- Invalidation lowers a device's watermark, never raises it (statement triggers with transition
-- tables, as V8/V14 do for the rollups):
--   cems_reading INSERT/UPDATE/DELETE     to the hour of the oldest touched row of the device;
--                                         on TimescaleDB DELETE is not recorded (V14: DELETE triggers
--                                         with transition tables are refused on compressed
--                                         hypertables; the service never deletes readings; after a
--                                         manual DELETE or TRUNCATE run
--                                         SELECT cems_valid_hours_invalidate(device or NULL, ts))
--   calibration_record of family cems     to the hour of the check (old and new row): out-of-control
--                                         periods start and end at checks
--   data_mark / data_mark_review insert   to the hour of the earliest start among all versions of
--                                         the mark, for every device they name
--   cems_setting, monitor_parameter, monitor, device.reporting_interval changes: '-infinity'
--                                         (all devices, or the device of the row)
--
-- refresh_cems_valid_hours(lag) (called with refresh_rollups by the service, backfill, extract and
-- import, ingest-service extract.Rollups): hours before date_trunc('hour', now() - lag) are stored.
-- 1. (committed) every device gets a row; thresholds rise to the new threshold; the transactions
--    of this database then in progress are awaited (at most 10 s), so that a writer whose trigger saw
--    the old threshold has committed before the hours are computed; if one is still running, the
--    refresh stops there (stored = NULL) and the next one tries again;
-- 2. under an advisory lock: per device with watermark < threshold, stored hours >= watermark are
--    deleted; cems_valid_hours_live runs once over [min watermark (the first reading's hour when
--    '-infinity'), threshold), in 31-day pieces; rows of each device from its watermark on are
--    stored; watermarks rise to the threshold where no invalidation happened meanwhile.

-- The V24 body, unchanged but for valid_hour, which cems_valid_hours adds.
DROP FUNCTION cems_valid_hours(timestamptz, timestamptz, double precision);
CREATE FUNCTION cems_valid_hours_live(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (device_id text, parameter text, bucket timestamptz, source text, valid_minutes double precision,
               mean double precision, sent bigint, converted bigint, measured bigint,
               not_convertible bigint, not_convertible_reason text, out_of_control bigint, over_range bigint)
LANGUAGE sql STABLE AS $$
    WITH v AS (
        SELECT x.*, date_trunc('hour', x.ts) AS bucket,
               CASE WHEN x.period = 'hour' THEN 60.0
                    ELSE extract(epoch FROM least(
                             CASE WHEN x.period = 'rt' THEN d.reporting_interval
                                  ELSE greatest(d.reporting_interval, INTERVAL '1 minute') END,
                             coalesce(lead(x.ts) OVER (PARTITION BY x.device_id, x.parameter, x.period ORDER BY x.ts)
                                      - x.ts, INTERVAL '1 hour'),
                             date_trunc('hour', x.ts) + INTERVAL '1 hour' - x.ts)) / 60 END AS cover
        FROM cems_referenced(p_from, p_to) x
        JOIN device d ON d.id = x.device_id
    ), s AS (
        SELECT v.device_id, v.parameter, v.bucket,
               bool_or(v.period IN ('rt', 'min')) AS has_fine,
               sum(v.cover) FILTER (WHERE v.usable AND v.period = 'rt') AS rt_cover,
               sum(v.cover) FILTER (WHERE v.usable AND v.period = 'min') AS min_cover,
               max(v.cover) FILTER (WHERE v.usable AND v.period = 'hour') AS hour_cover,
               avg(v.value) FILTER (WHERE v.usable AND v.period IN ('rt', 'min')) AS fine_mean,
               avg(v.value) FILTER (WHERE v.usable AND v.period = 'hour') AS hour_mean,
               count(*) FILTER (WHERE v.usable AND v.basis = 'sent') AS sent,
               count(*) FILTER (WHERE v.usable AND v.basis = 'converted') AS converted,
               count(*) FILTER (WHERE v.usable AND v.basis = 'measured') AS measured,
               count(*) FILTER (WHERE v.value IS NULL AND v.basis <> 'measured') AS not_convertible,
               mode() WITHIN GROUP (ORDER BY v.basis) FILTER (WHERE v.value IS NULL AND v.basis <> 'measured')
                   AS not_convertible_reason,
               count(*) FILTER (WHERE v.out_of_control) AS out_of_control,
               count(*) FILTER (WHERE v.flag = 'T') AS over_range
        FROM v
        GROUP BY v.device_id, v.parameter, v.bucket
    )
    SELECT s.device_id, s.parameter, s.bucket,
           CASE WHEN s.has_fine THEN 'realtime_minute' ELSE 'hj212_hour' END,
           c.minutes,
           CASE WHEN s.has_fine THEN s.fine_mean ELSE s.hour_mean END,
           s.sent, s.converted, s.measured, s.not_convertible, s.not_convertible_reason, s.out_of_control,
           s.over_range
    FROM s
    CROSS JOIN LATERAL (SELECT least(60.0, CASE WHEN s.has_fine
                                                THEN greatest(coalesce(s.rt_cover, 0), coalesce(s.min_cover, 0))
                                                ELSE coalesce(s.hour_cover, 0) END)::double precision AS minutes) c
$$;

CREATE TABLE cems_valid_hour_store (
    device_id              text             NOT NULL,
    parameter              text             NOT NULL,
    bucket                 timestamptz      NOT NULL,
    source                 text             NOT NULL,
    valid_minutes          double precision NOT NULL,
    mean                   double precision,
    sent                   bigint           NOT NULL,
    converted              bigint           NOT NULL,
    measured               bigint           NOT NULL,
    not_convertible        bigint           NOT NULL,
    not_convertible_reason text,
    out_of_control         bigint           NOT NULL,
    over_range             bigint           NOT NULL,
    PRIMARY KEY (device_id, bucket, parameter)
);
CREATE INDEX cems_valid_hour_store_bucket_idx ON cems_valid_hour_store (bucket);

CREATE TABLE cems_valid_hour_watermark (
    device_id  text        PRIMARY KEY,
    watermark  timestamptz NOT NULL DEFAULT '-infinity',
    threshold  timestamptz NOT NULL DEFAULT '-infinity',
    generation bigint      NOT NULL DEFAULT 0,
    CHECK (watermark <= threshold)
);

-- Lowers the watermark of p_device (NULL: every device) to the hour of p_ts; always counts an
-- invalidation when p_ts lies before the threshold, so that a refresh in flight does not raise it.
CREATE FUNCTION cems_valid_hours_invalidate(p_device text, p_ts timestamptz) RETURNS void
LANGUAGE sql AS $$
    UPDATE cems_valid_hour_watermark w
    SET watermark = least(w.watermark, CASE WHEN p_ts = '-infinity' THEN p_ts ELSE date_trunc('hour', p_ts) END),
        generation = w.generation + 1
    WHERE (p_device IS NULL OR w.device_id = p_device) AND p_ts < w.threshold
$$;

CREATE FUNCTION cems_valid_hours_readings_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM cems_valid_hours_invalidate(t.device_id, t.ts)
    FROM (SELECT r.device_id, min(r.ts) AS ts FROM touched r GROUP BY r.device_id) t
    JOIN cems_valid_hour_watermark w ON w.device_id = t.device_id AND t.ts < w.threshold;
    RETURN NULL;
END $$;

CREATE TRIGGER cems_valid_hours_insert AFTER INSERT ON cems_reading REFERENCING NEW TABLE AS touched
    FOR EACH STATEMENT EXECUTE FUNCTION cems_valid_hours_readings_touched();
CREATE TRIGGER cems_valid_hours_update_new AFTER UPDATE ON cems_reading REFERENCING NEW TABLE AS touched
    FOR EACH STATEMENT EXECUTE FUNCTION cems_valid_hours_readings_touched();
CREATE TRIGGER cems_valid_hours_update_old AFTER UPDATE ON cems_reading REFERENCING OLD TABLE AS touched
    FOR EACH STATEMENT EXECUTE FUNCTION cems_valid_hours_readings_touched();
-- Every device to '-infinity' (settings, TRUNCATE).
CREATE FUNCTION cems_valid_hours_all_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM cems_valid_hours_invalidate(NULL, '-infinity');
    RETURN NULL;
END $$;
-- DELETE and TRUNCATE on plain PostgreSQL only (see the header).
DO $engine$
BEGIN
    IF storage_engine_name() <> 'timescaledb' THEN
        CREATE TRIGGER cems_valid_hours_delete AFTER DELETE ON cems_reading REFERENCING OLD TABLE AS touched
            FOR EACH STATEMENT EXECUTE FUNCTION cems_valid_hours_readings_touched();
        CREATE TRIGGER cems_valid_hours_truncate AFTER TRUNCATE ON cems_reading
            FOR EACH STATEMENT EXECUTE FUNCTION cems_valid_hours_all_touched();
    END IF;
END
$engine$;

CREATE FUNCTION cems_valid_hours_calibration_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM cems_valid_hours_invalidate(OLD.device_id, OLD.ts) WHERE OLD.family = 'cems';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM cems_valid_hours_invalidate(NEW.device_id, NEW.ts) WHERE NEW.family = 'cems';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER cems_valid_hours_calibration AFTER INSERT OR UPDATE OR DELETE ON calibration_record
    FOR EACH ROW EXECUTE FUNCTION cems_valid_hours_calibration_touched();

-- A mark's every version counts: the current one may have replaced another with other bounds.
CREATE FUNCTION cems_valid_hours_mark_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM cems_valid_hours_invalidate(m.device_id, min(m.starts_at))
    FROM data_mark m WHERE m.mark_id = NEW.mark_id
    GROUP BY m.device_id;
    RETURN NULL;
END $$;
CREATE TRIGGER cems_valid_hours_mark AFTER INSERT ON data_mark
    FOR EACH ROW EXECUTE FUNCTION cems_valid_hours_mark_touched();
CREATE TRIGGER cems_valid_hours_mark_review AFTER INSERT ON data_mark_review
    FOR EACH ROW EXECUTE FUNCTION cems_valid_hours_mark_touched();

-- Settings that change every hour (a registry written again unchanged changes nothing).
CREATE TRIGGER cems_valid_hours_setting AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cems_setting
    FOR EACH STATEMENT EXECUTE FUNCTION cems_valid_hours_all_touched();
CREATE FUNCTION cems_valid_hours_device_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM cems_valid_hours_invalidate(OLD.device_id, '-infinity');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM cems_valid_hours_invalidate(NEW.device_id, '-infinity');
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER cems_valid_hours_monitor_parameter AFTER INSERT OR DELETE ON monitor_parameter
    FOR EACH ROW EXECUTE FUNCTION cems_valid_hours_device_touched();
CREATE TRIGGER cems_valid_hours_monitor_parameter_update AFTER UPDATE ON monitor_parameter
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION cems_valid_hours_device_touched();
CREATE TRIGGER cems_valid_hours_monitor AFTER INSERT OR DELETE ON monitor
    FOR EACH ROW EXECUTE FUNCTION cems_valid_hours_device_touched();
CREATE TRIGGER cems_valid_hours_monitor_update AFTER UPDATE ON monitor
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION cems_valid_hours_device_touched();
CREATE FUNCTION cems_valid_hours_interval_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM cems_valid_hours_invalidate(OLD.id, '-infinity');
    RETURN NULL;
END $$;
CREATE TRIGGER cems_valid_hours_reporting_interval AFTER UPDATE OF reporting_interval, id ON device
    FOR EACH ROW WHEN (OLD.reporting_interval IS DISTINCT FROM NEW.reporting_interval OR OLD.id <> NEW.id)
    EXECUTE FUNCTION cems_valid_hours_interval_touched();

-- Same columns and rows as V24/V28's cems_valid_hours.
CREATE FUNCTION cems_valid_hours(p_from timestamptz, p_to timestamptz, p_min_minutes double precision DEFAULT NULL)
RETURNS TABLE (device_id text, parameter text, bucket timestamptz, source text, valid_minutes double precision,
               valid_hour boolean, mean double precision, sent bigint, converted bigint, measured bigint,
               not_convertible bigint, not_convertible_reason text, out_of_control bigint, over_range bigint)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    min_minutes constant double precision := coalesce(p_min_minutes, cems_setting('valid_hour_minutes')) - 1e-9;
    h1          timestamptz;  -- whole hours: [h1, h2)
    h2          timestamptz;
    live_from   timestamptz;
BEGIN
    IF NOT p_from < p_to THEN
        RETURN;
    END IF;
    h1 := least(CASE WHEN p_from = date_trunc('hour', p_from) THEN p_from
                     ELSE date_trunc('hour', p_from) + interval '1 hour' END, p_to);
    h2 := greatest(date_trunc('hour', p_to), h1);
    IF p_from < h1 THEN
        RETURN QUERY SELECT l.device_id, l.parameter, l.bucket, l.source, l.valid_minutes,
                            l.valid_minutes >= min_minutes, l.mean, l.sent, l.converted, l.measured,
                            l.not_convertible, l.not_convertible_reason, l.out_of_control, l.over_range
                     FROM cems_valid_hours_live(p_from, h1) l;
    END IF;
    IF h1 < h2 THEN
        RETURN QUERY SELECT s.device_id, s.parameter, s.bucket, s.source, s.valid_minutes,
                            s.valid_minutes >= min_minutes, s.mean, s.sent, s.converted, s.measured,
                            s.not_convertible, s.not_convertible_reason, s.out_of_control, s.over_range
                     FROM cems_valid_hour_store s
                     JOIN cems_valid_hour_watermark w ON w.device_id = s.device_id
                     WHERE s.bucket >= h1 AND s.bucket < h2 AND s.bucket < w.watermark;
        SELECT min(coalesce(w.watermark, '-infinity')) INTO live_from
        FROM device d LEFT JOIN cems_valid_hour_watermark w ON w.device_id = d.id;
        IF live_from < h2 THEN
            RETURN QUERY SELECT l.device_id, l.parameter, l.bucket, l.source, l.valid_minutes,
                                l.valid_minutes >= min_minutes, l.mean, l.sent, l.converted, l.measured,
                                l.not_convertible, l.not_convertible_reason, l.out_of_control, l.over_range
                         FROM cems_valid_hours_live(greatest(h1, live_from), h2) l
                         LEFT JOIN cems_valid_hour_watermark w ON w.device_id = l.device_id
                         WHERE l.bucket >= coalesce(w.watermark, '-infinity');
        END IF;
    END IF;
    IF h2 < p_to THEN
        RETURN QUERY SELECT l.device_id, l.parameter, l.bucket, l.source, l.valid_minutes,
                            l.valid_minutes >= min_minutes, l.mean, l.sent, l.converted, l.measured,
                            l.not_convertible, l.not_convertible_reason, l.out_of_control, l.over_range
                     FROM cems_valid_hours_live(h2, p_to) l;
    END IF;
END $$;

CREATE PROCEDURE refresh_cems_valid_hours(lag interval DEFAULT interval '10 minutes', INOUT stored bigint DEFAULT NULL)
LANGUAGE plpgsql AS $$
DECLARE
    lock_key constant bigint := hashtextextended('refresh_cems_valid_hours', 0);
    upto     constant timestamptz := date_trunc('hour', statement_timestamp() - lag);
    running  xid[];
    waited   int := 0;
    devices  text[];
    marks    timestamptz[];
    gens     bigint[];
    from_ts  timestamptz;
    piece    timestamptz;
    n        bigint;
    done     bigint := 0;
BEGIN
    stored := NULL;
    -- 1.
    INSERT INTO cems_valid_hour_watermark (device_id) SELECT d.id FROM device d ON CONFLICT DO NOTHING;
    UPDATE cems_valid_hour_watermark SET threshold = upto WHERE threshold < upto;
    COMMIT;
    -- transactions of this database holding an xid (pg_locks is read live, pg_stat_activity once a
    -- transaction)
    SELECT array_agg(a.backend_xid) INTO running
    FROM pg_stat_activity a WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL;
    WHILE EXISTS (SELECT 1 FROM pg_locks l
                  WHERE l.locktype = 'transactionid' AND l.granted AND l.transactionid = ANY (running)) LOOP
        IF waited >= 200 THEN
            RETURN;
        END IF;
        PERFORM pg_sleep(0.05);
        waited := waited + 1;
    END LOOP;
    -- 2.
    IF NOT pg_try_advisory_xact_lock(lock_key) THEN
        RETURN;
    END IF;
    SELECT array_agg(w.device_id ORDER BY w.device_id), array_agg(w.watermark ORDER BY w.device_id),
           array_agg(w.generation ORDER BY w.device_id), min(w.watermark)
    INTO devices, marks, gens, from_ts
    FROM cems_valid_hour_watermark w WHERE w.watermark < w.threshold;
    IF devices IS NOT NULL THEN
        DELETE FROM cems_valid_hour_store s
        USING unnest(devices, marks) AS u (device_id, watermark)
        WHERE s.device_id = u.device_id AND s.bucket >= u.watermark;
        IF from_ts = '-infinity' THEN
            from_ts := date_trunc('hour', (SELECT min(r.ts) FROM cems_reading r));
        END IF;
        piece := from_ts;
        WHILE piece < upto LOOP
            INSERT INTO cems_valid_hour_store
            SELECT l.* FROM cems_valid_hours_live(piece, least(piece + interval '31 days', upto)) l
            JOIN unnest(devices, marks) AS u (device_id, watermark)
                ON u.device_id = l.device_id AND l.bucket >= u.watermark;
            GET DIAGNOSTICS n = ROW_COUNT;
            done := done + n;
            piece := piece + interval '31 days';
        END LOOP;
        UPDATE cems_valid_hour_watermark w SET watermark = upto
        FROM unnest(devices, gens) AS u (device_id, generation)
        WHERE w.device_id = u.device_id AND w.generation = u.generation;
    END IF;
    stored := done;
END $$;

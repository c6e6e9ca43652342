package org.urad.envmon.ingest.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled refresh of the aggregates ({@link Rollups}), on both engines. Every instance is
 * scheduled; one refreshes per tick of the interval (ticks counted from the epoch): the first to
 * insert the tick's row into {@code rule_window_run} (group {@value #GROUP}), the bookkeeping the
 * windowed rules share; the procedure's own advisory lock keeps a refresh that outlasts its tick apart
 * from the next. Each pass also reads how far each aggregate is materialised, for
 * {@link #ageSeconds(String)}.
 */
final class RollupRefresher {

    private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

    private final DataSource dataSource;
    static final String GROUP = "rollups";

    private final Duration interval;
    private final Duration lag;
    private final Clock clock;
    private final Runnable refreshed;
    private volatile Map<String, Optional<Instant>> watermarks = Map.of();

    /**
     * @param refreshed called after each refresh this instance ran (its tick), for the meter
     */
    RollupRefresher(DataSource dataSource, Duration interval, Duration lag, Clock clock, Runnable refreshed) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.lag = lag;
        this.clock = clock;
        this.refreshed = refreshed;
    }

    /**
     * One refresh unless another instance has refreshed in this tick, then the watermarks; failures are
     * logged and the next tick tries again.
     */
    void refreshQuietly() {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (!claimTick(c, clock.instant())) {
                readWatermarks();
                return;
            }
            OptionalLong done = Rollups.refresh(c, lag);
            refreshed.run();
            if (done.isPresent()) {
                log.debug(
                        "Aggregates refreshed: {} in {} ms",
                        done.getAsLong(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Aggregate refresh failed; it will be retried on the next pass", e);
        }
        readWatermarks();
    }

    /** Whether this instance is the first to take the tick that {@code now} falls in. */
    private boolean claimTick(Connection c, Instant now) throws SQLException {
        long width = Math.max(1, interval.toMillis());
        Instant tick = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), width) * width);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement old =
                        c.prepareStatement("DELETE FROM rule_window_run WHERE rule_group = ? AND window_start < ?");
                PreparedStatement claim = c.prepareStatement("""
                        INSERT INTO rule_window_run (rule_group, window_start, window_end, evaluated_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT (rule_group, window_start) DO NOTHING
                        """)) {
            old.setString(1, GROUP);
            old.setTimestamp(2, Timestamp.from(tick.minus(Duration.ofDays(1))));
            old.executeUpdate();
            claim.setString(1, GROUP);
            claim.setTimestamp(2, Timestamp.from(tick));
            claim.setTimestamp(3, Timestamp.from(tick.plusMillis(width)));
            claim.setTimestamp(4, Timestamp.from(now));
            return claim.executeUpdate() == 1;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Seconds since the end of the aggregate's newest materialised bucket; NaN when unknown. */
    double ageSeconds(String aggregate) {
        Optional<Instant> mark = watermarks.getOrDefault(aggregate, Optional.empty());
        return mark.map(m -> Duration.between(m, clock.instant()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    private void readWatermarks() {
        try (Connection c = dataSource.getConnection()) {
            watermarks = Map.copyOf(Rollups.watermarks(c));
        } catch (SQLException | RuntimeException e) {
            watermarks = Map.of();
            log.warn("Aggregate watermarks not readable; their age is unknown until the next pass", e);
        }
    }
}

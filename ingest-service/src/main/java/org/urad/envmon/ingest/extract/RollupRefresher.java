package org.urad.envmon.ingest.extract;

import java.sql.Connection;
import java.sql.SQLException;
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
 * The scheduled refresh of the aggregates ({@link Rollups}), on both engines. Every instance runs it;
 * the database's advisory lock lets one of them do the work. Each pass also reads how far each
 * aggregate is materialised, for {@link #ageSeconds(String)}.
 */
final class RollupRefresher {

    private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

    private final DataSource dataSource;
    private final Duration lag;
    private final Clock clock;
    private volatile Map<String, Optional<Instant>> watermarks = Map.of();

    RollupRefresher(DataSource dataSource, Duration lag, Clock clock) {
        this.dataSource = dataSource;
        this.lag = lag;
        this.clock = clock;
    }

    /** One refresh, then the watermarks; failures are logged and the next pass tries again. */
    void refreshQuietly() {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            OptionalLong done = Rollups.refresh(c, lag);
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

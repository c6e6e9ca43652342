package org.urad.envmon.ingest.extract;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled refresh of the plain-PostgreSQL rollups ({@link Rollups}). Every instance runs
 * it; the database's advisory lock lets one of them do the work. On TimescaleDB it stops after
 * the first look.
 */
final class RollupRefresher {

    private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

    private final DataSource dataSource;
    private final Duration lag;
    private volatile boolean timescaledb;

    RollupRefresher(DataSource dataSource, Duration lag) {
        this.dataSource = dataSource;
        this.lag = lag;
    }

    /** One refresh; failures are logged and the next pass tries again. */
    void refreshQuietly() {
        if (timescaledb) {
            return;
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (!Rollups.plainEngine(c)) {
                timescaledb = true;
                log.info("Aggregates are TimescaleDB continuous aggregates; no rollups to refresh");
                return;
            }
            OptionalLong rows = Rollups.refresh(c, lag);
            if (rows.isPresent()) {
                log.debug(
                        "Rollups refreshed: {} rows in {} ms",
                        rows.getAsLong(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Rollup refresh failed; it will be retried on the next pass", e);
        }
    }
}

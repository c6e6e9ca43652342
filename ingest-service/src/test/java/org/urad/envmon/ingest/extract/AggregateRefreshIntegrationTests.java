package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.store.WriteResult;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TimescaleServer;

/**
 * Verifies, on the TimescaleDB server of {@code INGEST_TEST_TIMESCALEDB_URL}, that late readings written
 * through the service's write path (binary COPY, and INSERT … ON CONFLICT for a batch holding a stored
 * key) reach the continuous aggregates after the service's refresh (V14) — inside and beyond the policy
 * window, into compressed chunks, ending on local midnight — and that the refresh runs in one session at a
 * time; on any engine, that the refresher reports each aggregate's materialised age.
 */
class AggregateRefreshIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String FEEDS = " FROM well_reading WHERE period IN ('rt', 'min') AND stat IN ('val', 'avg')";
    private static final String AGGREGATES = "count(*), count(*) FILTER (WHERE valid), avg(value) FILTER (WHERE valid),"
            + " min(value) FILTER (WHERE valid), max(value) FILTER (WHERE valid),"
            + " first(value, ts) FILTER (WHERE valid), last(value, ts) FILTER (WHERE valid)";
    private static final RawMessage RAW = new RawMessage("test", new byte[0], Instant.now(), null, Ack.NONE);

    private TimescaleServer.Database tsdb;
    private HikariDataSource dataSource;
    private Db db;
    private BatchWriter writer;

    @BeforeEach
    void setUp() {
        if (TimescaleServer.url().isPresent()) {
            tsdb = TimescaleServer.migratedDatabase("late_tsdb");
            dataSource = MigratedDatabase.pool(tsdb.url());
            db = new Db(dataSource);
            writer = new BatchWriter(dataSource);
        }
    }

    @AfterEach
    void tearDown() {
        if (tsdb != null) {
            dataSource.close();
            tsdb.close();
        }
    }

    @Test
    void lateReadingsWrittenByTheServiceReachTheContinuousAggregates() throws Exception {
        assumeTrue(tsdb != null, "INGEST_TEST_TIMESCALEDB_URL names no TimescaleDB server");
        // GIVEN 40 days of a well every three hours, materialised, and the chunks older than 30 days compressed
        Instant midnight = LocalDate.now(SHANGHAI).atStartOfDay(SHANGHAI).toInstant(); // today's local midnight
        List<Reading> live = new ArrayList<>();
        for (Instant t = midnight.minus(40, ChronoUnit.DAYS); t.isBefore(midnight.minus(1, ChronoUnit.DAYS)); ) {
            live.add(reading("W1", t, t.getEpochSecond() % 97));
            t = t.plus(3, ChronoUnit.HOURS);
        }
        write(live);
        assertThat(refresh()).isPresent();
        execute("SELECT count(compress_chunk(c)) FROM show_chunks('well_reading', older_than => interval '30 days') c");
        assertViewsMatchRaw();

        // WHEN late readings arrive by binary COPY: 400 and 100 days back, 32 days back into a compressed
        // chunk, and a device catching up over 12 days that ends exactly on a local midnight
        List<Reading> late = new ArrayList<>();
        late.add(reading("W1", midnight.minus(400, ChronoUnit.DAYS).plusSeconds(3_600 * 5 + 60), 4));
        late.add(reading("W1", midnight.minus(100, ChronoUnit.DAYS).plusSeconds(3_600 * 9 + 60), 1));
        late.add(reading("W1", midnight.minus(32, ChronoUnit.DAYS).plusSeconds(3_600 + 1_800), 2));
        for (Instant t = midnight.minus(22, ChronoUnit.DAYS).plusSeconds(3_600);
                !t.isAfter(midnight.minus(10, ChronoUnit.DAYS));
                t = t.plus(1, ChronoUnit.HOURS)) {
            late.add(reading("W2", t, t.getEpochSecond() % 89));
        }
        assertThat(write(late).stored()).isEqualTo(late.size());
        // and a batch with a stored key (in a compressed chunk) goes the INSERT … ON CONFLICT way, with a
        // new row a second before a local midnight
        WriteResult staged = write(List.of(
                live.get(0), reading("W1", midnight.minus(20, ChronoUnit.DAYS).minusSeconds(1), 1000)));
        assertThat(staged.duplicates()).isEqualTo(1);
        assertThat(staged.stored()).isEqualTo(1);

        // THEN the touched buckets are pending, and after the service's refresh every aggregate matches
        assertThat(db.count("SELECT count(*) FROM aggregate_refresh_pending WHERE aggregate = 'well_reading_daily'"))
                .isEqualTo(3 + 13 + 1);
        OptionalLong buckets = refresh();
        assertThat(buckets.orElse(0)).isGreaterThanOrEqualTo(3 + 13);
        assertThat(db.count("SELECT count(*) FROM aggregate_refresh_pending")).isZero();
        assertViewsMatchRaw();
        assertThat(db.strings(
                        "SELECT n || ' ' || last_value FROM well_reading_daily WHERE device_id = 'W1' AND bucket = ?::timestamptz",
                        midnight.minus(21, ChronoUnit.DAYS).toString()))
                .containsExactly("9 1000");
    }

    @Test
    void aSecondSessionDoesNotRefreshWhileOneIs() throws Exception {
        assumeTrue(tsdb != null, "INGEST_TEST_TIMESCALEDB_URL names no TimescaleDB server");
        try (Connection holder = dataSource.getConnection();
                Statement s = holder.createStatement()) {
            // GIVEN another instance holding the refresh lock
            s.execute("SELECT pg_advisory_lock(hashtextextended('refresh_rollups', 0))");
            // THEN this one does nothing
            assertThat(refresh()).isEmpty();
            s.execute("SELECT pg_advisory_unlock(hashtextextended('refresh_rollups', 0))");
        }
        // and once it is released, refreshes, and leaves the lock free
        assertThat(refresh()).isPresent();
        assertThat(db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                .isZero();
    }

    @Test
    void theRefresherReportsHowOldEachAggregatesNewestMaterialisedBucketIs() throws Exception {
        // GIVEN the test database (plain PostgreSQL in CI) with a reading of two hours ago
        try (MigratedDatabase database = MigratedDatabase.create("aggregate_age")) {
            Instant twoHoursAgo = Instant.now().minus(2, ChronoUnit.HOURS);
            new BatchWriter(database.dataSource())
                    .write(List.of(new Outcome(
                            RAW, "json", "test", List.of(reading("W1", twoHoursAgo, 1)), List.of(), List.of())));
            RollupRefresher refresher = new RollupRefresher(
                    database.dataSource(), Duration.ofMinutes(5), Rollups.DEFAULT_LAG, Clock.systemUTC(), () -> {});
            assertThat(refresher.ageSeconds("well_reading_hourly")).isNaN();

            // WHEN it refreshes
            refresher.refreshQuietly();

            // THEN every aggregate of the fixed list has a watermark, and the hourly one of wells is
            // at most a little over the lag and the last completed hour behind
            double hourly = refresher.ageSeconds("well_reading_hourly");
            assertThat(hourly).isBetween(0.0, 2.0 * 3600);
            try (Connection c = database.dataSource().getConnection()) {
                assertThat(Rollups.watermarks(c)).containsOnlyKeys(IngestMetrics.AGGREGATES);
            }
        }
    }

    @Test
    void instancesSharingADatabaseRefreshOncePerTickOfTheInterval() throws Exception {
        try (MigratedDatabase database = MigratedDatabase.create("aggregate_tick")) {
            // GIVEN three instances on one database, refreshing every minute
            Instant tick = Instant.parse("2026-05-04T03:07:00Z");
            MutableClock clock = new MutableClock(tick.plusSeconds(1));
            AtomicInteger refreshes = new AtomicInteger();
            List<RollupRefresher> instances = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                instances.add(new RollupRefresher(
                        database.dataSource(),
                        Duration.ofMinutes(1),
                        Rollups.DEFAULT_LAG,
                        clock,
                        refreshes::incrementAndGet));
            }

            // WHEN each runs its schedule twice within one minute, then once in the next
            for (RollupRefresher r : instances) {
                r.refreshQuietly();
            }
            clock.set(tick.plusSeconds(59));
            for (RollupRefresher r : instances) {
                r.refreshQuietly();
            }
            assertThat(refreshes).as("refreshes in the first minute").hasValue(1);
            clock.set(tick.plusSeconds(61));
            for (RollupRefresher r : instances) {
                r.refreshQuietly();
            }

            // THEN one refresh ran per minute, and every instance knows the aggregates' age
            assertThat(refreshes).hasValue(2);
            for (RollupRefresher r : instances) {
                assertThat(r.ageSeconds("well_reading_hourly")).isNotNaN();
            }
        }
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private void assertViewsMatchRaw() {
        for (String[] pair : new String[][] {
            {"well_reading_hourly", "time_bucket('1 hour', ts)"},
            {"well_reading_daily", "time_bucket('1 day', ts, 'Asia/Shanghai')"}
        }) {
            String view = "SELECT * FROM " + pair[0];
            String raw = "SELECT device_id, parameter, " + pair[1] + ", " + AGGREGATES + FEEDS + " GROUP BY 1, 2, 3";
            assertThat(db.count("SELECT count(*) FROM ((" + view + " EXCEPT ALL " + raw + ") UNION ALL (" + raw
                            + " EXCEPT ALL " + view + ")) d"))
                    .as("rows where %s differs from the aggregate of the raw rows", pair[0])
                    .isZero();
        }
    }

    private OptionalLong refresh() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return Rollups.refresh(c, Rollups.DEFAULT_LAG);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private WriteResult write(List<Reading> readings) throws Exception {
        return writer.write(List.of(new Outcome(RAW, "json", "test", readings, List.of(), List.of())));
    }

    private static Reading reading(String device, Instant ts, double value) {
        return new Reading(
                Family.WELL, device, "gw_level", ts, Period.REALTIME, Statistic.VALUE, value, DataFlag.N, true, null);
    }
}

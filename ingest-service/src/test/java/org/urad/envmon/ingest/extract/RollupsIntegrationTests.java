package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/**
 * Verifies the plain-PostgreSQL rollups behind the aggregate views (V8): the views answer exactly
 * what the aggregate over the raw rows answers — before a refresh, after it, and with late data
 * written below the watermark through either write path of the service — and a refresh started in
 * two sessions at once is done once.
 */
class RollupsIntegrationTests {

    private static final String AGGREGATES = "count(*), count(*) FILTER (WHERE valid), avg(value) FILTER (WHERE valid),"
            + " min(value) FILTER (WHERE valid), max(value) FILTER (WHERE valid),"
            + " first(value, ts) FILTER (WHERE valid), last(value, ts) FILTER (WHERE valid)";
    private static final String FEEDS = " FROM well_reading WHERE period IN ('rt', 'min') AND stat IN ('val', 'avg')";
    private static final String RAW_HOURLY =
            "SELECT device_id, parameter, time_bucket('1 hour', ts), " + AGGREGATES + FEEDS + " GROUP BY 1, 2, 3";
    private static final String RAW_DAILY = "SELECT device_id, parameter, time_bucket('1 day', ts, 'Asia/Shanghai'), "
            + AGGREGATES + FEEDS + " GROUP BY 1, 2, 3";
    private static final String DAY = "SELECT n || ' ' || n_valid || ' ' || first_value || ' ' || last_value"
            + " FROM well_reading_daily WHERE device_id = ? AND bucket = ?::timestamptz";
    private static final RawMessage RAW = new RawMessage("test", new byte[0], Instant.now(), null, Ack.NONE);

    private MigratedDatabase database;
    private Db db;
    private BatchWriter writer;

    @BeforeEach
    void setUp() {
        database = MigratedDatabase.create("rollups");
        db = new Db(database.dataSource());
        assumeTrue(
                db.strings("SELECT storage_engine_name()").equals(List.of("postgresql")),
                "rollups exist on plain PostgreSQL only");
        writer = new BatchWriter(database.dataSource());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void viewsMatchTheRawAggregateBeforeAndAfterRefreshAndWithLateData() throws Exception {
        // GIVEN three local days of a well every 20 minutes (every fifth value invalid), and readings of now
        List<Reading> history = new ArrayList<>();
        Instant start = Instant.parse("2025-03-29T16:10:00Z"); // 2025-03-30 00:10 in Shanghai
        for (int i = 0; i < 3 * 72; i++) {
            history.add(reading("W1", start.plusSeconds(1200L * i), i, i % 5 != 4));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        history.add(reading("W1", now.minusSeconds(30), 500, true));
        history.add(reading("W2", now.minusSeconds(20), 501, true));
        write(history);
        assertViewsMatchRaw();

        // WHEN the rollups are refreshed
        assertThat(refresh().orElse(0)).isPositive();
        assertThat(db.count("SELECT count(*) FROM well_reading_daily_rollup")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM well_reading_hourly_rollup")).isEqualTo(72);
        assertViewsMatchRaw();
        assertThat(db.strings(DAY, "W1", "2025-03-31 00:00+08")).containsExactly("72 58 72 143");

        // WHEN late data arrive by binary COPY on both sides of the local midnight of 1 April
        WriteResult copied = write(List.of(
                reading("W2", Instant.parse("2025-03-31T15:59:59.500Z"), 7, true),
                reading("W2", Instant.parse("2025-03-31T16:00:00Z"), 8, true)));
        assertThat(copied.stored()).isEqualTo(2);
        assertThat(db.strings(
                        "SELECT rollup || ' ' || bucket FROM rollup_invalid WHERE rollup LIKE 'well%' ORDER BY 1"))
                .containsExactly(
                        "well_reading_daily 2025-03-30 16:00:00+00",
                        "well_reading_daily 2025-03-31 16:00:00+00",
                        "well_reading_hourly 2025-03-31 15:00:00+00",
                        "well_reading_hourly 2025-03-31 16:00:00+00");
        assertViewsMatchRaw();
        assertThat(db.strings(DAY, "W2", "2025-03-31 00:00+08")).containsExactly("1 1 7 7");
        assertThat(db.strings(DAY, "W2", "2025-04-01 00:00+08")).containsExactly("1 1 8 8");

        // WHEN late data arrive with a key already stored: the INSERT … ON CONFLICT path
        WriteResult staged = write(List.of(
                reading("W1", start.plusSeconds(1200L * 72), 72, true), // stored already
                reading(
                        "W1",
                        Instant.parse("2025-03-30T16:00:00Z"),
                        -1,
                        true), // local midnight, before the day's first
                reading("W1", Instant.parse("2025-03-31T15:59:59Z"), 1000, true))); // 23:59:59, after its last
        assertThat(staged.stored()).isEqualTo(2);
        assertThat(staged.duplicates()).isEqualTo(1);
        assertViewsMatchRaw();
        assertThat(db.strings(DAY, "W1", "2025-03-31 00:00+08")).containsExactly("74 60 -1 1000");

        // THEN a refresh materialises the late buckets, and the answers stay the same
        assertThat(refresh()).isPresent();
        assertThat(db.count("SELECT count(*) FROM rollup_invalid")).isZero();
        assertThat(db.count("SELECT count(*) FROM well_reading_daily_rollup")).isEqualTo(5);
        assertViewsMatchRaw();
        assertThat(db.strings(DAY, "W1", "2025-03-31 00:00+08")).containsExactly("74 60 -1 1000");
        assertThat(db.strings(DAY, "W2", "2025-04-01 00:00+08")).containsExactly("1 1 8 8");
    }

    @Test
    void refreshInTwoSessionsAtOnceDoesTheWorkOnce() throws Exception {
        // GIVEN 100 wells with 20 days of hourly readings
        Instant start = Instant.parse("2025-06-30T16:00:00Z");
        for (int day = 0; day < 20; day++) {
            List<Reading> batch = new ArrayList<>();
            for (int well = 0; well < 100; well++) {
                for (int hour = 0; hour < 24; hour++) {
                    batch.add(reading("W" + well, start.plusSeconds(86_400L * day + 3600L * hour), hour, true));
                }
            }
            write(batch);
        }

        // WHEN two sessions refresh at the same moment
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService sessions = Executors.newFixedThreadPool(2);
        List<Future<OptionalLong>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(sessions.submit(() -> {
                go.await();
                return refresh();
            }));
        }
        go.countDown();
        List<Long> done = new ArrayList<>();
        for (Future<OptionalLong> r : results) {
            done.add(r.get().orElse(0));
        }
        sessions.shutdown();

        // THEN one of them materialised every bucket, the other nothing
        long rows = db.count("SELECT count(*) FROM well_reading_hourly_rollup")
                + db.count("SELECT count(*) FROM well_reading_daily_rollup");
        assertThat(rows).isEqualTo(100 * 20 * 24 + 100 * 20);
        assertThat(done).containsExactlyInAnyOrder(rows, 0L);
        assertViewsMatchRaw();
    }

    private void assertViewsMatchRaw() {
        for (String[] pair : new String[][] {{"well_reading_hourly", RAW_HOURLY}, {"well_reading_daily", RAW_DAILY}}) {
            String view = "SELECT * FROM " + pair[0];
            assertThat(db.count("SELECT count(*) FROM (" + view + ") v")).isPositive();
            assertThat(db.count("SELECT count(*) FROM ((" + view + " EXCEPT ALL " + pair[1] + ") UNION ALL (" + pair[1]
                            + " EXCEPT ALL " + view + ")) d"))
                    .as("rows where %s differs from the aggregate of the raw rows", pair[0])
                    .isZero();
        }
    }

    private OptionalLong refresh() throws Exception {
        try (Connection c = database.dataSource().getConnection()) {
            return Rollups.refresh(c, Rollups.DEFAULT_LAG);
        }
    }

    private WriteResult write(List<Reading> readings) throws Exception {
        return writer.write(List.of(new Outcome(RAW, "json", "test", readings, List.of(), List.of())));
    }

    private static Reading reading(String device, Instant ts, double value, boolean valid) {
        return new Reading(
                Family.WELL,
                device,
                "gw_level",
                ts,
                Period.REALTIME,
                Statistic.VALUE,
                value,
                valid ? DataFlag.N : DataFlag.D,
                valid,
                null);
    }
}

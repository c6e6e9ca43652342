package org.urad.envmon.ingest.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.urad.envmon.ingest.extract.Rollups;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/**
 * What late data cost on the database the benchmark runs on (plain PostgreSQL, or TimescaleDB where
 * {@code INGEST_TEST_JDBC_URL} names one): COPY of 5,000-reading batches into live hours and into
 * materialised history, with the statement trigger that records touched buckets (V8 / V14) on and off,
 * and the refresh that brings the late buckets into the aggregates afterwards.
 */
final class LateData {

    private static final int BATCH = 5000;
    private static final RawMessage RAW = new RawMessage("bench", new byte[0], Instant.now(), null, Ack.NONE);

    record Result(
            String engine,
            double liveReadingsPerSecond,
            double lateReadingsPerSecond,
            double lateWithoutTriggerReadingsPerSecond,
            long lateReadings,
            long lateBuckets,
            double refreshSeconds,
            double idleRefreshSeconds) {}

    private LateData() {}

    static Result run(int devices, Duration duration) throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create("bench_late")) {
            DataSource ds = db.dataSource();
            String engine = new Db(ds).strings("SELECT storage_engine_name()").get(0);
            String trigger =
                    engine.equals("timescaledb") ? "well_reading_touched_insert" : "well_reading_rollup_insert";
            BatchWriter writer = new BatchWriter(ds);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            // 30 days of history, hourly, materialised
            Instant historyStart = now.minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            for (int day = 0; day < 30; day++) {
                List<Reading> batch = new ArrayList<>();
                for (int d = 1; d <= devices; d++) {
                    for (int h = 0; h < 24; h++) {
                        batch.add(reading(d, "gw_level", historyStart.plus(Duration.ofHours(24L * day + h))));
                    }
                }
                writer.write(List.of(new Outcome(RAW, "json", "bench", batch, List.of(), List.of())));
            }
            refresh(ds);
            double idle = seconds(() -> refresh(ds));

            double live = copy(writer, devices, "live", now.minus(30, ChronoUnit.MINUTES), duration);
            long before = pendingBuckets(ds, engine);
            double late = copy(writer, devices, "late", historyStart.plus(Duration.ofDays(5)), duration);
            long lateBuckets = pendingBuckets(ds, engine) - before;
            long lateReadings = new Db(ds).count("SELECT count(*) FROM well_reading WHERE parameter = 'late'");
            execute(ds, "ALTER TABLE well_reading DISABLE TRIGGER " + trigger);
            double off = copy(writer, devices, "late_off", historyStart.plus(Duration.ofDays(5)), duration);
            execute(ds, "ALTER TABLE well_reading ENABLE TRIGGER " + trigger);
            double refresh = seconds(() -> refresh(ds));
            return new Result(engine, live, late, off, lateReadings, lateBuckets, refresh, idle);
        }
    }

    /** Readings per second written in batches of {@value #BATCH}, one second apart per device from {@code from}. */
    private static double copy(BatchWriter writer, int devices, String parameter, Instant from, Duration duration)
            throws Exception {
        long written = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (long n = 0; System.nanoTime() < end; ) {
            List<Reading> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++, n++) {
                batch.add(reading((int) (n % devices) + 1, parameter, from.plusSeconds(n / devices)));
            }
            written += writer.write(List.of(new Outcome(RAW, "json", "bench", batch, List.of(), List.of())))
                    .stored();
        }
        return written / ((System.nanoTime() - start) / 1e9);
    }

    private static long pendingBuckets(DataSource ds, String engine) {
        return new Db(ds)
                .count(
                        engine.equals("timescaledb")
                                ? "SELECT count(DISTINCT (aggregate, bucket)) FROM aggregate_refresh_pending"
                                : "SELECT count(*) FROM rollup_invalid");
    }

    private static OptionalLong refresh(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            return Rollups.refresh(c, Rollups.DEFAULT_LAG);
        }
    }

    private static void execute(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static Reading reading(int device, String parameter, Instant ts) {
        return new Reading(
                Family.WELL,
                SyntheticRegistry.well(device),
                parameter,
                ts,
                Period.REALTIME,
                Statistic.VALUE,
                10 + ts.getEpochSecond() % 50,
                DataFlag.N,
                true,
                null);
    }
}

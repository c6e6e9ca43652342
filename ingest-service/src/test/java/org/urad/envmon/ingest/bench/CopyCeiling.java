package org.urad.envmon.ingest.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/** The database's ceiling: the same readings, built in memory, written by the service's BatchWriter. */
final class CopyCeiling {

    private static final int BATCH = 5000;

    private CopyCeiling() {}

    /** Readings per second written and committed in batches of {@value #BATCH}. */
    static double run(int devices, Duration duration) throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create("bench_copy")) {
            BatchWriter writer = new BatchWriter(db.dataSource());
            Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.DAYS);
            RawMessage raw = new RawMessage("bench", new byte[0], Instant.now(), null, Ack.NONE);
            long written = 0;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            for (long n = 0; System.nanoTime() < end; ) {
                List<Outcome> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++, n++) {
                    String device = SyntheticRegistry.well((int) (n % devices) + 1);
                    Reading r = new Reading(
                            Family.WELL,
                            device,
                            "flow",
                            base.plusSeconds(n / devices),
                            Period.REALTIME,
                            Statistic.VALUE,
                            10 + n % 50,
                            DataFlag.N,
                            true,
                            n / devices);
                    batch.add(new Outcome(raw, "json", device, List.of(r), List.of(), List.of()));
                }
                written += writer.write(batch).stored();
            }
            return written / ((System.nanoTime() - start) / 1e9);
        }
    }
}

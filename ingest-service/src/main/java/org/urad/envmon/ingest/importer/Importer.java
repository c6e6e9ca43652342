package org.urad.envmon.ingest.importer;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.normalise.Topic;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.store.CommittedBatches;
import org.urad.envmon.ingest.store.WriteResult;

/**
 * Loads rows of history the way live data are stored: each row is checked by the live {@link Normaliser}
 * (registry, units, flags, possible values; its settings without the age limit), written by the
 * {@link BatchWriter} (natural keys, revisions kept apart) in batches, and what each batch stored for the
 * first time goes to the same post-commit hand-off as live data. Reading and checking run on the caller's
 * thread while batches are written on {@link #WRITERS} others, each over its own connection. A device's rows
 * always go to the same writer, in file order, so a value given twice in a file is stored first and revised
 * second, as it would be live; the hand-off after each commit is called by one writer at a time.
 */
public final class Importer {

    /** Told how far an import has got, about once a second. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (rows, total, elapsed) -> {};

        /** @param total rows in the file, or -1 when unknown */
        void update(long rows, long total, Duration elapsed);
    }

    static final int BATCH = 5_000;

    /** Writers working at once; two keep PostgreSQL busy on both cores of a small server. */
    static final int WRITERS = 2;

    private final BatchWriter writer;
    private final Normaliser normaliser;
    private final Supplier<Registry> registry;
    private final CommittedBatches committed;
    private final RowParser parser;
    private final Clock clock;
    private final Object handOffLock = new Object();

    public Importer(
            BatchWriter writer,
            Normaliser normaliser,
            Supplier<Registry> registry,
            CommittedBatches committed,
            java.time.ZoneId zone,
            Clock clock) {
        this.writer = writer;
        this.normaliser = normaliser;
        this.registry = registry;
        this.committed = committed;
        this.parser = new RowParser(zone);
        this.clock = clock;
    }

    /** Imports {@code rows}; with {@code dryRun} every row is checked and reported, nothing written. */
    public ImportReport run(String source, Iterator<ImportRow> rows, long total, boolean dryRun, Progress progress)
            throws SQLException, InterruptedException {
        long started = System.nanoTime();
        long lastProgress = started;
        Registry reg = registry.get();
        Instant now = clock.instant();
        Totals totals = new Totals();
        List<ImportReport.Refused> refused = new ArrayList<>();
        Lane[] lanes = new Lane[WRITERS];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i);
        }
        try {
            long n = 0;
            while (rows.hasNext()) {
                ImportRow row = rows.next();
                n++;
                Outcome o = check(row, reg, now);
                if (o.isRejected()) {
                    totals.refused++;
                    if (refused.size() < ImportReport.MAX_LISTED) {
                        Rejection r = o.rejections().get(0);
                        refused.add(
                                new ImportReport.Refused(row.row(), r.reason().code(), detail(r)));
                    }
                    continue;
                }
                Lane lane = lanes[Math.floorMod(o.deviceId().hashCode(), lanes.length)];
                lane.batch.add(o);
                if (lane.batch.size() == BATCH) {
                    handOff(lane, dryRun, totals);
                }
                long t = System.nanoTime();
                if (t - lastProgress > 1_000_000_000L) {
                    lastProgress = t;
                    progress.update(n, total, Duration.ofNanos(t - started));
                }
            }
            for (Lane lane : lanes) {
                handOff(lane, dryRun, totals);
            }
            for (Lane lane : lanes) {
                collect(lane, totals);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            progress.update(n, total, took);
            return new ImportReport(
                    source,
                    dryRun,
                    n,
                    totals.stored,
                    totals.duplicates,
                    totals.revised,
                    totals.refused,
                    List.copyOf(refused),
                    took);
        } finally {
            for (Lane lane : lanes) {
                lane.writes.shutdownNow();
            }
        }
    }

    /** One writer: the batch being filled, the batch being written, and the thread writing it. */
    private static final class Lane {
        final ExecutorService writes;
        List<Outcome> batch = new ArrayList<>(BATCH);
        Future<WriteResult> pending;

        Lane(int index) {
            writes = Executors.newSingleThreadExecutor(r -> new Thread(r, "import-writer-" + index));
        }
    }

    private static final class Totals {
        long stored;
        long duplicates;
        long revised;
        long refused;
    }

    /** One row through the normaliser, as a one-value message from the device the row names. */
    private Outcome check(ImportRow row, Registry reg, Instant now) {
        Family family = reg.device(row.deviceId() == null ? "" : row.deviceId())
                .map(Device::family)
                .orElse(Family.WELL);
        try {
            var value = parser.value(row);
            var message = new DecodedMessage(null, false, null, null, List.of(value), List.of(), false, null);
            return normaliser.normalise(null, new Topic(family, row.deviceId(), "import"), "import", message, reg, now);
        } catch (RowParser.BadRow e) {
            return Outcome.rejected(
                    null,
                    "import",
                    row.deviceId(),
                    Rejection.of(org.urad.envmon.ingest.reading.RejectReason.MALFORMED_PAYLOAD, e.getMessage()));
        }
    }

    /** The normaliser's detail without its "value 1 (parameter): " prefix, which names the row's only value. */
    private static String detail(Rejection r) {
        String d = r.detail();
        return d.startsWith("value 1 (") && d.indexOf("): ") > 0 ? d.substring(d.indexOf("): ") + 3) : d;
    }

    /** Waits for the lane's batch being written, then starts writing the lane's filled batch. */
    private void handOff(Lane lane, boolean dryRun, Totals totals) throws SQLException, InterruptedException {
        collect(lane, totals);
        List<Outcome> batch = lane.batch;
        if (batch.isEmpty()) {
            return;
        }
        lane.batch = new ArrayList<>(BATCH);
        if (dryRun) {
            totals.stored += batch.size();
            return;
        }
        lane.pending = lane.writes.submit(() -> {
            WriteResult result = writer.write(batch);
            synchronized (handOffLock) {
                committed.committed(result.fresh(), result.due());
            }
            return result;
        });
    }

    private static void collect(Lane lane, Totals totals) throws SQLException, InterruptedException {
        Future<WriteResult> pending = lane.pending;
        if (pending == null) {
            return;
        }
        lane.pending = null;
        try {
            WriteResult r = pending.get();
            totals.stored += r.stored();
            totals.duplicates += r.duplicates();
            totals.revised += r.revised();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("Writing an import batch failed", e.getCause());
        }
    }
}

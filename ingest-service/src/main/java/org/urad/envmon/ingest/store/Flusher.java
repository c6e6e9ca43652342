package org.urad.envmon.ingest.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Rejection;

/**
 * The single writer: drains the buffer in batches, writes each in one transaction, and only after
 * the commit acknowledges the batch's messages (in arrival order) and hands the batch on. A failed
 * transaction is retried with backoff, forever, without acknowledging anything: while the database
 * is down the buffer fills, intake pauses and the broker keeps the messages.
 */
public final class Flusher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Flusher.class);

    private final IngestBuffer buffer;
    private final BatchWriter writer;
    private final FlushSettings settings;
    private final IngestMetrics metrics;
    private final Consumer<List<Outcome>> committed;
    private final Clock clock;
    private final SequenceTracker sequences = new SequenceTracker();
    private volatile boolean running = true;
    private volatile Instant stopDeadline;

    public Flusher(
            IngestBuffer buffer,
            BatchWriter writer,
            FlushSettings settings,
            IngestMetrics metrics,
            Consumer<List<Outcome>> committed,
            Clock clock) {
        this.buffer = buffer;
        this.writer = writer;
        this.settings = settings;
        this.metrics = metrics;
        this.committed = committed;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            while (running || buffer.depth() > 0) {
                List<Outcome> batch = buffer.drain(settings.maxBatch(), settings.maxWait(), Duration.ofMillis(100));
                if (!batch.isEmpty() && !commit(batch)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the flusher to finish what the buffer holds and stop; retries give up at the grace period. */
    public void stop() {
        stopDeadline = clock.instant().plus(settings.shutdownGrace());
        running = false;
    }

    private boolean commit(List<Outcome> batch) throws InterruptedException {
        Duration pause = settings.retryMin();
        boolean failing = false;
        while (true) {
            long start = System.nanoTime();
            try {
                WriteResult result = writer.write(batch);
                if (failing) {
                    log.info("Database writes recovered; committing the held batch of {} messages", batch.size());
                }
                afterCommit(batch, result, Duration.ofNanos(System.nanoTime() - start));
                return true;
            } catch (SQLException | RuntimeException e) {
                metrics.flushFailed();
                if (!failing) {
                    log.warn(
                            "Writing a batch of {} messages failed ({}); nothing acknowledged, retrying",
                            batch.size(),
                            e.getMessage());
                    failing = true;
                }
                if (!running && clock.instant().isAfter(stopDeadline)) {
                    log.warn(
                            "Stopping with {} messages unwritten and unacknowledged; the broker redelivers them",
                            batch.size());
                    return false;
                }
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(settings.retryMax()) > 0
                        ? settings.retryMax()
                        : pause.multipliedBy(2);
            }
        }
    }

    private void afterCommit(List<Outcome> batch, WriteResult result, Duration flush) {
        Instant now = clock.instant();
        for (Outcome o : batch) {
            o.acknowledge();
            metrics.receiveToCommit(Duration.between(o.raw().receivedAt(), now));
            if (o.raw().publishedAt() != null) {
                metrics.publishToCommit(Duration.between(o.raw().publishedAt(), now));
            }
            for (Rejection r : o.rejections()) {
                metrics.rejected(r.reason().code());
            }
            if (!o.readings().isEmpty() && o.readings().get(0).sequence() != null) {
                long missing =
                        sequences.observe(o.deviceId(), o.readings().get(0).sequence());
                if (missing > 0) {
                    metrics.sequenceGap(missing);
                }
            }
        }
        metrics.stored(result.stored(), result.duplicates(), result.revised(), result.calibrations());
        metrics.batch(batch.size(), flush);
        try {
            committed.accept(batch);
        } catch (RuntimeException e) {
            log.error("A post-commit consumer failed; the batch is stored and acknowledged", e);
        }
    }
}

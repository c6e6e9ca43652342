package org.urad.envmon.ingest.store;

import static org.urad.envmon.ingest.reading.RejectReason.INTERNAL_ERROR;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.Stage;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.reading.SenderText;

/**
 * The single writer: drains the buffer in batches, writes each in one transaction, and only after
 * the commit acknowledges the batch's messages (in arrival order) and hands what it stored for the
 * first time on. A write that fails for a transient reason ({@link WriteFailure}) is retried with
 * backoff, forever, without acknowledging anything: while the database is down the buffer fills,
 * intake pauses and the broker keeps the messages. A write that fails because of what the batch
 * holds is split in halves, each written on its own, until the message that causes it stands alone;
 * that message is quarantined as {@code internal_error} with its bytes or, if even the quarantine
 * refuses it, written to a dead-letter file. The rest of the batch commits; no input stalls the
 * writer. Acknowledgements wait until every part of the batch is written, so they keep arrival order.
 */
public final class Flusher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Flusher.class);

    private final IngestBuffer buffer;
    private final BatchWriter writer;
    private final FlushSettings settings;
    private final IngestMetrics metrics;
    private final CommittedBatches committed;
    private final Clock clock;
    private final DeadLetters deadLetters;
    private final SequenceTracker sequences = new SequenceTracker();
    private volatile boolean running = true;
    private volatile Instant stopDeadline;
    private volatile Instant holdingSince;

    /** A part of a batch still to write; {@code isolated} once it is one message's quarantine row. */
    private record Part(List<Outcome> outcomes, boolean isolated) {}

    public Flusher(
            IngestBuffer buffer,
            BatchWriter writer,
            FlushSettings settings,
            IngestMetrics metrics,
            CommittedBatches committed,
            Clock clock) {
        this.buffer = buffer;
        this.writer = writer;
        this.settings = settings;
        this.metrics = metrics;
        this.committed = committed;
        this.clock = clock;
        this.deadLetters = new DeadLetters(settings.deadLetterDirectory());
    }

    @Override
    public void run() {
        try {
            while (running || buffer.depth() > 0) {
                List<Outcome> batch = buffer.drain(settings.maxBatch(), settings.maxWait(), Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                holdingSince = clock.instant();
                if (!commit(batch)) {
                    return;
                }
                holdingSince = null;
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

    /** Since when the flusher holds a batch it has not yet committed, or {@code null} when it holds none. */
    public Instant holdingSince() {
        return holdingSince;
    }

    /** Writes every part of the batch, then acknowledges; false when stopping with the batch unwritten. */
    private boolean commit(List<Outcome> batch) throws InterruptedException {
        long start = System.nanoTime();
        Deque<Part> parts = new ArrayDeque<>();
        parts.add(new Part(batch, false));
        List<Outcome> outcomes = batch;
        WriteResult result = WriteResult.NONE;
        Duration pause = settings.retryMin();
        boolean failing = false;
        while (!parts.isEmpty()) {
            Part part = parts.peekFirst();
            try {
                result = result.plus(writer.write(part.outcomes()));
                parts.removeFirst();
                if (failing) {
                    log.info("Database writes recovered; committing the held batch of {} messages", batch.size());
                    failing = false;
                    pause = settings.retryMin();
                }
            } catch (Exception e) {
                if (WriteFailure.isContent(e)) {
                    parts.removeFirst();
                    outcomes = split(part, e, parts, outcomes);
                    continue;
                }
                metrics.flushFailed();
                if (!failing) {
                    log.warn(
                            "Writing a batch of {} messages failed ({}); nothing acknowledged, retrying",
                            part.outcomes().size(),
                            SenderText.clean(e.getMessage(), 500));
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
        afterCommit(outcomes, result, Duration.ofNanos(System.nanoTime() - start));
        return true;
    }

    /**
     * Handles a part refused for its content: two halves go to the front of the queue; a single
     * message becomes its quarantine row; a quarantine row the database refuses too becomes a dead
     * letter. Returns the batch's outcomes with an isolated message's outcome replaced.
     */
    private List<Outcome> split(Part part, Exception e, Deque<Part> parts, List<Outcome> outcomes)
            throws InterruptedException {
        List<Outcome> o = part.outcomes();
        if (o.size() > 1) {
            int half = o.size() / 2;
            parts.addFirst(new Part(o.subList(half, o.size()), false));
            parts.addFirst(new Part(o.subList(0, half), false));
            return outcomes;
        }
        Outcome message = o.get(0);
        String why = "the database refused this message (SQLSTATE " + WriteFailure.sqlState(e) + "): " + e.getMessage();
        if (!part.isolated()) {
            log.error(
                    "A message on {} could not be stored ({}); quarantined as internal_error",
                    SenderText.clean(message.raw().topic(), 200),
                    SenderText.clean(why, 500));
            metrics.isolated();
            Outcome quarantined = Outcome.rejected(
                    message.raw(), message.format(), message.deviceId(), Rejection.of(INTERNAL_ERROR, why));
            parts.addFirst(new Part(List.of(quarantined), true));
            return replace(outcomes, message, quarantined);
        }
        deadLetter(message, why);
        return outcomes;
    }

    /** Writes a dead letter, retrying while the directory cannot be written (nothing is acknowledged until then). */
    private void deadLetter(Outcome message, String why) throws InterruptedException {
        while (true) {
            try {
                var path = deadLetters.write(message, why, clock.instant());
                metrics.deadLettered();
                log.error("The quarantine refused a message too; its bytes are in {}", path);
                return;
            } catch (IOException io) {
                metrics.flushFailed();
                log.error("Cannot write a dead letter to {}: {}", settings.deadLetterDirectory(), io.getMessage());
                Thread.sleep(settings.retryMax().toMillis());
            }
        }
    }

    private static List<Outcome> replace(List<Outcome> outcomes, Outcome old, Outcome replacement) {
        return outcomes.stream().map(o -> o == old ? replacement : o).toList();
    }

    private void afterCommit(List<Outcome> batch, WriteResult result, Duration flush) {
        Instant now = clock.instant();
        long committedAt = System.nanoTime();
        for (Outcome o : batch) {
            try {
                o.acknowledge();
            } catch (RuntimeException e) {
                log.error("Acknowledging a committed message failed; it is stored, the sender may send it again", e);
            }
            metrics.stage(Stage.ACK, System.nanoTime() - committedAt);
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
            committed.committed(result.fresh(), result.due());
        } catch (RuntimeException e) {
            log.error("A post-commit consumer failed; the batch is stored and acknowledged", e);
        }
    }
}

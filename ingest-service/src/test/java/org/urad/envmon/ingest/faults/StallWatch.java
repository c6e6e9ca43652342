package org.urad.envmon.ingest.faults;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.urad.envmon.ingest.metrics.IngestMetrics;

/**
 * Watches the flusher from outside, as an operator's dashboard would: a stall is the time from the last commit
 * (a batch recorded in {@code ingest.batch.size}) while messages wait in the buffer. Samples every 20 ms on its
 * own thread; keeps the longest stall and what the buffer held when it began.
 */
final class StallWatch implements AutoCloseable {

    private final MeterRegistry meters;
    private final IntSupplier depth;
    private final Thread thread;
    private volatile long longestNanos;
    private volatile long currentNanos;
    private volatile String firstOverFiveSeconds;
    private final long started = System.nanoTime();

    StallWatch(MeterRegistry meters, IntSupplier depth) {
        this.meters = meters;
        this.depth = depth;
        this.thread = new Thread(this::watch, "campaign-stall-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        long lastBatches = batches();
        long progress = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            long b = batches();
            int waiting = depth.getAsInt();
            if (b != lastBatches || waiting == 0) {
                lastBatches = b;
                progress = now;
            }
            currentNanos = now - progress;
            if (currentNanos > longestNanos) {
                longestNanos = currentNanos;
            }
            if (firstOverFiveSeconds == null
                    && currentNanos > Duration.ofSeconds(5).toNanos()) {
                firstOverFiveSeconds =
                        "no commit for 5 s from %.1f s into the campaign, %d messages waiting, %.0f failed flushes"
                                .formatted((progress - started) / 1e9, waiting, failedFlushes());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private double failedFlushes() {
        var c = meters.find(IngestMetrics.FLUSH_FAILURES).counter();
        return c == null ? 0 : c.count();
    }

    private long batches() {
        DistributionSummary s = meters.find(IngestMetrics.BATCH_SIZE).summary();
        return s == null ? 0 : s.count();
    }

    Duration longest() {
        return Duration.ofNanos(longestNanos);
    }

    /** The stall going on now (zero while the flusher commits or nothing waits). */
    Duration current() {
        return Duration.ofNanos(currentNanos);
    }

    /** How the first stall over 5 s began, or null. */
    String firstLongStall() {
        return firstOverFiveSeconds;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}

package org.urad.envmon.ingest.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.urad.envmon.ingest.reading.Outcome;

/**
 * The bounded hand-over between the receiving thread and the flusher. A full buffer blocks the
 * receiver (backpressure: the broker then holds the messages); nothing is ever dropped here.
 */
public final class IngestBuffer {

    private final BlockingQueue<Outcome> queue;

    public IngestBuffer(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Adds an outcome, waiting while the buffer is full. */
    public void put(Outcome outcome) throws InterruptedException {
        queue.put(outcome);
    }

    /**
     * Takes up to {@code maxMessages}, waiting at most {@code maxWait} after the first one for
     * the batch to fill; returns an empty list when nothing arrived within {@code idleWait}.
     */
    public List<Outcome> drain(int maxMessages, Duration maxWait, Duration idleWait) throws InterruptedException {
        Outcome first = queue.poll(idleWait.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        List<Outcome> batch = new ArrayList<>(Math.min(maxMessages, queue.size() + 1));
        batch.add(first);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (batch.size() < maxMessages) {
            queue.drainTo(batch, maxMessages - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= maxMessages || left <= 0) {
                break;
            }
            Outcome next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    public int depth() {
        return queue.size();
    }
}

package org.urad.envmon.ingest.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.urad.envmon.ingest.metrics.Stage;
import org.urad.envmon.ingest.metrics.StageTimer;
import org.urad.envmon.ingest.reading.Outcome;

/**
 * The bounded hand-over between the receiving thread and the flusher. A full buffer blocks the
 * receiver (backpressure: the broker then holds the messages); nothing is ever dropped here.
 */
public final class IngestBuffer {

    /**
     * While a batch fills, the flusher looks at the queue this often instead of waiting on it: waiting
     * on the queue would have every message wake it (a signal and a context switch per message).
     */
    static final long FILL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** An outcome and when it was put, so that the flusher's taking it times {@link Stage#BUFFER}. */
    private record Entry(Outcome outcome, long putNanos) {}

    private final BlockingQueue<Entry> queue;
    private final StageTimer timer;
    /** The flusher's scratch list: one consumer, so one list reused for every drain. */
    private final List<Entry> taken = new ArrayList<>();
    /** {@link System#nanoTime()} when a producer first found the buffer full since the last drain; 0 if none did. */
    private volatile long fullSince;

    public IngestBuffer(int capacity) {
        this(capacity, StageTimer.NONE);
    }

    /** A buffer that reports each outcome's wait, from its put to the drain that takes it, to {@code timer}. */
    public IngestBuffer(int capacity, StageTimer timer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.timer = timer;
    }

    /** Adds an outcome, waiting while the buffer is full (the wait counts as buffer time). */
    public void put(Outcome outcome) throws InterruptedException {
        Entry entry = new Entry(outcome, System.nanoTime());
        if (!queue.offer(entry)) {
            if (fullSince == 0) {
                fullSince = System.nanoTime() | 1;
            }
            queue.put(entry);
        }
    }

    /** How long the buffer has been full without the flusher taking anything; zero when it has room. */
    public Duration fullFor() {
        long since = fullSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    /**
     * Takes up to {@code maxMessages}, waiting at most {@code maxWait} after the first one for
     * the batch to fill; returns an empty list when nothing arrived within {@code idleWait}. A batch
     * that fills before {@code maxWait} is returned within {@link #FILL_CHECK_NANOS} of filling.
     */
    public List<Outcome> drain(int maxMessages, Duration maxWait, Duration idleWait) throws InterruptedException {
        Entry first = queue.poll(idleWait.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        fullSince = 0;
        taken.clear();
        taken.add(first);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            queue.drainTo(taken, maxMessages - taken.size());
            long left = deadline - System.nanoTime();
            if (taken.size() >= maxMessages || left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, Math.min(left, FILL_CHECK_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        long now = System.nanoTime();
        List<Outcome> batch = new ArrayList<>(taken.size());
        for (Entry e : taken) {
            batch.add(e.outcome());
            timer.record(Stage.BUFFER, now - e.putNanos());
        }
        taken.clear();
        return batch;
    }

    public int depth() {
        return queue.size();
    }
}

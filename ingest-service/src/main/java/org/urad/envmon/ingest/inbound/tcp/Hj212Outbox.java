package org.urad.envmon.ingest.inbound.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.metrics.IngestMetrics.Disconnect;

/**
 * The replies to one logger on their way out: a bounded queue that the flusher fills without ever
 * blocking, drained by the connection's own writer thread ({@link #run}). A logger that does not read
 * fills the queue, or stalls a write past the write timeout (checked from outside by {@link
 * #checkWrite}); either is reported once to {@code stuck}, which drops the connection, so a stuck logger
 * holds up neither the flusher nor any other logger.
 */
final class Hj212Outbox implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Hj212Outbox.class);

    private final BlockingQueue<byte[]> queue;
    private final OutputStream out;
    private final long writeTimeoutNanos;
    private final Consumer<Disconnect> stuck;
    private final Runnable written;
    private final AtomicBoolean reported = new AtomicBoolean();
    /** {@link System#nanoTime} when the write in progress started; 0 while none is. */
    private volatile long writingSince;

    private volatile boolean closed;

    Hj212Outbox(int capacity, Duration writeTimeout, OutputStream out, Consumer<Disconnect> stuck) {
        this(capacity, writeTimeout, out, stuck, () -> {});
    }

    /** @param written told after each reply is written and flushed */
    Hj212Outbox(int capacity, Duration writeTimeout, OutputStream out, Consumer<Disconnect> stuck, Runnable written) {
        this.written = written;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = out;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.stuck = stuck;
    }

    /** Queues a reply; never blocks. A full queue reports the logger as stuck and drops the reply. */
    void offer(byte[] reply) {
        if (!closed && !queue.offer(reply)) {
            report(Disconnect.REPLY_QUEUE_FULL);
        }
    }

    /** Reports the logger as stuck when the write in progress started more than the write timeout before. */
    void checkWrite(long nowNanos) {
        long since = writingSince;
        if (since != 0 && nowNanos - since > writeTimeoutNanos) {
            report(Disconnect.REPLY_TIMEOUT);
        }
    }

    /** Replies waiting to be written. */
    int waiting() {
        return queue.size();
    }

    /** The writer: one reply at a time, until {@link #close} or the socket fails. */
    @Override
    public void run() {
        try {
            while (!closed) {
                byte[] reply = queue.take();
                long start = System.nanoTime();
                writingSince = start == 0 ? 1 : start;
                out.write(reply);
                out.flush();
                writingSince = 0;
                written.run();
            }
        } catch (InterruptedException e) {
            // closed
        } catch (IOException e) {
            log.debug("Replies no longer written: {}", e.getMessage());
        } finally {
            closed = true;
            writingSince = 0;
            queue.clear();
        }
    }

    /** Stops taking replies; the writer ends once interrupted (or once the socket is closed under it). */
    void close() {
        closed = true;
        queue.clear();
    }

    private void report(Disconnect cause) {
        if (reported.compareAndSet(false, true)) {
            closed = true;
            stuck.accept(cause);
        }
    }
}

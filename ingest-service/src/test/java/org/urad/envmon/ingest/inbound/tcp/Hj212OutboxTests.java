package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.metrics.IngestMetrics.Disconnect;

/** Verifies that replies to a logger that does not read never block the caller and are reported once. */
class Hj212OutboxTests {

    private final List<Disconnect> reported = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch writing = new CountDownLatch(1);
    private Thread writer;

    /** A peer that never reads: the first write blocks until the test ends. */
    private final OutputStream stuckPeer = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        if (writer != null) {
            writer.join(5000);
        }
    }

    private Hj212Outbox start(int capacity, Duration timeout, OutputStream out) {
        Hj212Outbox outbox = new Hj212Outbox(capacity, timeout, out, reported::add);
        writer = new Thread(outbox, "test-writer");
        writer.start();
        return outbox;
    }

    @Test
    void aFullQueueIsReportedOnceWithoutBlockingTheCaller() throws Exception {
        Hj212Outbox outbox = start(2, Duration.ofMinutes(1), stuckPeer);
        outbox.offer(reply(1));
        writing.await();
        outbox.offer(reply(2));
        outbox.offer(reply(3));
        assertThat(reported).isEmpty();

        long start = System.nanoTime();
        outbox.offer(reply(4));
        outbox.offer(reply(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(reported).containsExactly(Disconnect.REPLY_QUEUE_FULL);
    }

    @Test
    void aWriteStalledPastTheTimeoutIsReported() throws Exception {
        Hj212Outbox outbox = start(10, Duration.ofMillis(200), stuckPeer);
        outbox.offer(reply(1));
        writing.await();

        outbox.checkWrite(System.nanoTime());
        assertThat(reported).isEmpty();
        outbox.checkWrite(System.nanoTime() + Duration.ofMillis(300).toNanos());
        outbox.checkWrite(System.nanoTime() + Duration.ofMillis(600).toNanos());

        assertThat(reported).containsExactly(Disconnect.REPLY_TIMEOUT);
    }

    @Test
    void aReadingPeerGetsEveryReplyInOrder() throws Exception {
        ByteArrayOutputStream peer = new ByteArrayOutputStream();
        Hj212Outbox outbox = start(1000, Duration.ofMillis(200), peer);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            outbox.offer(reply(i));
            expected.append("reply ").append(i).append('\n');
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (outbox.waiting() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        outbox.close();
        writer.interrupt();
        writer.join(5000);

        synchronized (peer) {
            assertThat(peer.toString(java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(expected.toString());
        }
        outbox.checkWrite(System.nanoTime() + Duration.ofSeconds(1).toNanos());
        assertThat(reported).isEmpty();
    }

    private static byte[] reply(int i) {
        return ("reply " + i + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}

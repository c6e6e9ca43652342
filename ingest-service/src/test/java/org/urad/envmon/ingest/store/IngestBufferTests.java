package org.urad.envmon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;

class IngestBufferTests {

    private static Outcome outcome(int i) {
        RawMessage raw = new RawMessage("t/" + i, new byte[0], Instant.EPOCH, null, Ack.NONE);
        return Outcome.rejected(raw, "json", null, Rejection.of(RejectReason.MALFORMED_PAYLOAD, "x"));
    }

    @Test
    void drainsInArrivalOrderUpToTheBatchLimit() throws Exception {
        IngestBuffer buffer = new IngestBuffer(10);
        for (int i = 0; i < 7; i++) {
            buffer.put(outcome(i));
        }

        var first = buffer.drain(5, Duration.ZERO, Duration.ofMillis(10));
        var second = buffer.drain(5, Duration.ZERO, Duration.ofMillis(10));

        assertThat(first).extracting(o -> o.raw().topic()).containsExactly("t/0", "t/1", "t/2", "t/3", "t/4");
        assertThat(second).extracting(o -> o.raw().topic()).containsExactly("t/5", "t/6");
        assertThat(buffer.drain(5, Duration.ZERO, Duration.ofMillis(10))).isEmpty();
    }

    @Test
    void blocksTheProducerWhileFullAndDropsNothing() throws Exception {
        IngestBuffer buffer = new IngestBuffer(2);
        buffer.put(outcome(0));
        buffer.put(outcome(1));
        CountDownLatch third = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                buffer.put(outcome(2));
                third.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();

        assertThat(third.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(buffer.drain(1, Duration.ZERO, Duration.ofMillis(10))).hasSize(1);
        assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(buffer.drain(10, Duration.ZERO, Duration.ofMillis(10)))
                .extracting(o -> o.raw().topic())
                .containsExactly("t/1", "t/2");
    }

    @Test
    void returnsABatchOnceFullWithoutWaitingOutMaxWait() throws Exception {
        IngestBuffer buffer = new IngestBuffer(10);
        buffer.put(outcome(0));
        Thread producer = new Thread(() -> {
            try {
                for (int i = 1; i < 4; i++) {
                    buffer.put(outcome(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();

        var batch = buffer.drain(4, Duration.ofHours(1), Duration.ofMillis(10));

        assertThat(batch).extracting(o -> o.raw().topic()).containsExactly("t/0", "t/1", "t/2", "t/3");
        producer.join();
    }

    @Test
    void returnsWhatArrivedWhenMaxWaitEnds() throws Exception {
        IngestBuffer buffer = new IngestBuffer(10);
        buffer.put(outcome(0));
        buffer.put(outcome(1));

        assertThat(buffer.drain(5, Duration.ofMillis(20), Duration.ofMillis(10)))
                .extracting(o -> o.raw().topic())
                .containsExactly("t/0", "t/1");
    }
}

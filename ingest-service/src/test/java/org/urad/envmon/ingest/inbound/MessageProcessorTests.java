package org.urad.envmon.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.decode.json.JsonPayloadDecoder;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.store.IngestBuffer;
import org.urad.envmon.ingest.support.SampleRegistry;

/** Verifies the order of checks in the processor and the cutting of one payload into several messages. */
class MessageProcessorTests {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String CEMS_TOPIC = "urad/v1/cems/" + SampleRegistry.CEMS + "/hj212";
    private static final int BURST = 2;

    private final IngestBuffer buffer = new IngestBuffer(100);
    private final MessageProcessor processor = new MessageProcessor(
            new TopicParser("urad/v1"),
            List.of(new JsonPayloadDecoder(), new Hj212Decoder()),
            new Normaliser(new NormaliseSettings(Duration.ofMinutes(10), Duration.ofDays(30), false)),
            SampleRegistry::create,
            buffer,
            new IngestMetrics(new SimpleMeterRegistry()),
            // one message a minute, a burst of two, and a clock that never moves: no token comes back
            new InboundLimits(65536, 100, 1, BURST),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static byte[] frame(String password, int minutesAgo) {
        Instant time = NOW.minus(minutesAgo, ChronoUnit.MINUTES);
        return Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(time)
                .password(password)
                .dataTime(time)
                .value("a21026", "Rtd", 20 + minutesAgo)
                .replyRequested(true)
                .encode();
    }

    private static RawMessage raw(byte[] payload, List<Boolean> acks) {
        return new RawMessage(CEMS_TOPIC, payload, NOW, null, acks::add);
    }

    private static List<RejectReason> reasons(Outcome o) {
        return o.rejections().stream().map(Rejection::reason).toList();
    }

    @Test
    void wrongPasswordFloodDoesNotSpendTheRealDevicesRateLimit() {
        for (int i = 0; i < 50; i++) {
            Outcome spoofed = processor.outcome(raw(frame("000000", i), List.of()));
            assertThat(reasons(spoofed)).containsExactly(RejectReason.WRONG_PASSWORD);
        }

        for (int i = 0; i < BURST; i++) {
            Outcome real = processor.outcome(raw(frame(SampleRegistry.CEMS_PW, i), List.of()));
            assertThat(real.rejections()).isEmpty();
            assertThat(real.readings()).hasSize(1);
        }
        assertThat(reasons(processor.outcome(raw(frame(SampleRegistry.CEMS_PW, 9), List.of()))))
                .as("the burst is the real device's, and only it spent it")
                .containsExactly(RejectReason.RATE_LIMITED);
    }

    @Test
    void unknownDevicesAreRefusedWithoutBeingCharged() {
        for (int i = 0; i < 10; i++) {
            Outcome unknown = processor.outcome(new RawMessage(
                    "urad/v1/cems/CEMS-NOPE/hj212", frame(SampleRegistry.CEMS_PW, i), NOW, null, stored -> {}));
            assertThat(reasons(unknown)).containsExactly(RejectReason.UNKNOWN_DEVICE);
        }
        assertThat(processor
                        .outcome(raw(frame(SampleRegistry.CEMS_PW, 1), List.of()))
                        .rejections())
                .isEmpty();
    }

    @Test
    void eachFrameOfOnePayloadIsItsOwnOutcomeAndTheDeliveryIsAcknowledgedOnceAfterTheLast() throws Exception {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(frame(SampleRegistry.CEMS_PW, 1));
        payload.writeBytes(frame(SampleRegistry.CEMS_PW, 2));
        byte[] badCrc = frame(SampleRegistry.CEMS_PW, 3);
        badCrc[badCrc.length - 3] = badCrc[badCrc.length - 3] == '0' ? (byte) '1' : (byte) '0';
        payload.writeBytes(badCrc);
        List<Boolean> acks = new ArrayList<>();

        processor.process(raw(payload.toByteArray(), acks));
        List<Outcome> outcomes = buffer.drain(10, Duration.ZERO, Duration.ZERO);

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0).readings()).extracting(r -> r.value()).containsExactly(21.0);
        assertThat(outcomes.get(1).readings()).extracting(r -> r.value()).containsExactly(22.0);
        assertThat(reasons(outcomes.get(2))).containsExactly(RejectReason.BAD_CRC);
        assertThat(outcomes.get(2).raw().payload()).isEqualTo(java.util.Arrays.copyOf(badCrc, badCrc.length - 2));
        outcomes.get(0).acknowledge();
        outcomes.get(2).acknowledge();
        assertThat(acks).isEmpty();
        outcomes.get(1).acknowledge();
        assertThat(acks).containsExactly(true);
    }

    @Test
    void aSingleFramePayloadStaysAsItArrived() throws Exception {
        byte[] one = frame(SampleRegistry.CEMS_PW, 1);
        List<Boolean> acks = new ArrayList<>();

        processor.process(raw(one, acks));
        Outcome outcome = buffer.drain(10, Duration.ZERO, Duration.ZERO).get(0);
        outcome.acknowledge();

        assertThat(outcome.raw().payload()).isSameAs(one);
        assertThat(acks).containsExactly(true);
    }

    @Test
    void senderTextInARejectionIsEscapedAndBounded() {
        String json = "{\"device\":\"W\\u0000" + "X".repeat(5000) + "\",\"readings\":[{\"param\":\"flow\","
                + "\"value\":1,\"unit\":\"m3/h\",\"time\":\"" + NOW + "\"}]}";

        Outcome spoofed = processor.outcome(new RawMessage(
                "urad/v1/well/" + SampleRegistry.WELL + "/json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                NOW,
                null,
                stored -> {}));

        assertThat(reasons(spoofed)).containsExactly(RejectReason.DEVICE_MISMATCH);
        String detail = spoofed.rejections().get(0).detail();
        assertThat(detail).doesNotContain("\u0000").contains("W\\u0000XX").contains(" …");
        assertThat(detail.length()).isLessThan(200);
    }
}

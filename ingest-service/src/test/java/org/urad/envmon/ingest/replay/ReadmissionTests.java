package org.urad.envmon.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.decode.json.JsonPayloadDecoder;
import org.urad.envmon.ingest.decode.sl651.Sl651Decoder;
import org.urad.envmon.ingest.inbound.InboundLimits;
import org.urad.envmon.ingest.inbound.MessageProcessor;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.store.IngestBuffer;
import org.urad.envmon.ingest.store.QuarantineReplays.Quarantined;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TerminalRegistry;

/**
 * Verifies that a quarantined message goes back through the path it first took: an MQTT message with its
 * topic, a TCP frame filed under a stand-in for an unknown sender with its sender asked of the registry again
 * (HJ 212 MN and PW, SL 651 station address), without the age limit and without any reply to the device.
 */
class ReadmissionTests {

    private static final String PREFIX = "urad/v1";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, java.time.ZoneOffset.UTC);

    private static Readmission readmission(Supplier<Registry> registry) {
        TopicParser topics = new TopicParser(PREFIX);
        MessageProcessor processor = new MessageProcessor(
                topics,
                List.of(new JsonPayloadDecoder(), new Hj212Decoder(), new Sl651Decoder()),
                new Normaliser(
                        new NormaliseSettings(Duration.ofMinutes(10), Duration.ofDays(1), false).withoutAgeLimit()),
                registry,
                new IngestBuffer(1),
                new IngestMetrics(new SimpleMeterRegistry()),
                new InboundLimits(65536, 100),
                CLOCK);
        return new Readmission(processor, topics, registry, CLOCK);
    }

    private static byte[] hj212(String password) {
        Instant time = NOW.minus(Duration.ofDays(3));
        return Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(time)
                .password(password)
                .dataTime(time)
                .value("a21026", "Rtd", 20)
                .replyRequested(true)
                .encode();
    }

    private static Quarantined row(String topic, String device, String format, byte[] payload) {
        return new Quarantined(1, topic, device, format, "unknown_device", payload, NOW.minus(Duration.ofDays(2)));
    }

    @Test
    void anHj212FrameFromALoggerRegisteredLateIsStoredUnderItsDevicesTopicWithoutAReply() {
        String standIn = "MN-" + SampleRegistry.CEMS_MN;
        Quarantined q = row(PREFIX + "/cems/" + standIn + "/hj212", standIn, "hj212", hj212(SampleRegistry.CEMS_PW));

        List<Outcome> outcomes = readmission(SampleRegistry::create).outcomes(q);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.rejections()).isEmpty();
            assertThat(o.readings()).extracting(Reading::deviceId).containsExactly(SampleRegistry.CEMS);
            assertThat(o.raw().topic()).isEqualTo(PREFIX + "/cems/" + SampleRegistry.CEMS + "/hj212");
            assertThat(o.raw().ack()).as("no 9014 reply for a replayed frame").isSameAs(Ack.NONE);
            assertThat(o.raw().receivedAt()).isEqualTo(q.receivedAt());
        });
    }

    @Test
    void anHj212FrameWithAWrongPasswordStaysRefusedUnderItsOwnTopic() {
        String standIn = "MN-" + SampleRegistry.CEMS_MN;
        Quarantined q = row(PREFIX + "/cems/" + standIn + "/hj212", standIn, "hj212", hj212("000000"));

        assertThat(readmission(SampleRegistry::create).outcomes(q))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.rejections().get(0).reason()).isEqualTo(RejectReason.WRONG_PASSWORD);
                    assertThat(o.raw().topic()).isEqualTo(q.topic());
                    assertThat(o.readings()).isEmpty();
                });
    }

    @Test
    void anSl651FrameFromAStationRegisteredLateIsStoredAsHistory() {
        byte[] frame = TerminalRegistry.golden("sl651/timed-report-32.hex");
        String standIn = "ADDR-" + TerminalRegistry.GATE_STATION;
        Quarantined q = row(PREFIX + "/gate/" + standIn + "/sl651", standIn, "sl651", frame);

        assertThat(readmission(SampleRegistry::create).outcomes(q))
                .as("a registry without the station still refuses it")
                .singleElement()
                .satisfies(o -> assertThat(o.rejections().get(0).reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE));

        List<Outcome> outcomes = readmission(TerminalRegistry::create).outcomes(q);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.rejections()).isEmpty();
            assertThat(o.readings()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.deviceId()).isEqualTo(TerminalRegistry.GATE);
                assertThat(r.time()).as("observed years ago").isBefore(NOW.minus(Duration.ofDays(365)));
            });
            assertThat(o.raw().topic()).isEqualTo(PREFIX + "/gate/" + TerminalRegistry.GATE + "/sl651");
        });
    }

    @Test
    void anMqttMessageGoesThroughWithItsTopic() {
        String payload = "{\"readings\":[{\"param\":\"flow\",\"value\":2,\"time\":\"" + NOW.minus(Duration.ofDays(500))
                + "\"}]}";
        Quarantined q = row(
                PREFIX + "/well/" + SampleRegistry.WELL + "/json",
                SampleRegistry.WELL,
                "json",
                payload.getBytes(StandardCharsets.UTF_8));

        assertThat(Readmission.cameOverTcp(q)).isFalse();
        assertThat(readmission(SampleRegistry::create).outcomes(q))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.rejections()).as("the age limit is waived").isEmpty();
                    assertThat(o.readings()).extracting(Reading::value).containsExactly(2.0);
                });
    }
}

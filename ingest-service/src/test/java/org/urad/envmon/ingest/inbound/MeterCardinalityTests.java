package org.urad.envmon.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.decode.json.JsonPayloadDecoder;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.store.IngestBuffer;
import org.urad.envmon.ingest.support.SampleRegistry;

/**
 * Verifies that what senders choose (a topic's last level, a device id, a rejection code that is not one
 * of ours, a refusal cause) never becomes a new meter: after thousands of messages on random subtopics the
 * meter registry and the Prometheus scrape hold no series that the closed tag sets do not already allow.
 */
class MeterCardinalityTests {

    private static final String PREFIX = "urad/v1";
    private static final int MESSAGES = 5_000;

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestMetrics metrics = new IngestMetrics(meters);
    private final RegistrySnapshot registry = SampleRegistry.create();
    private final MessageProcessor processor = new MessageProcessor(
            new TopicParser(PREFIX),
            List.of(new JsonPayloadDecoder(), new Hj212Decoder()),
            new Normaliser(new NormaliseSettings(Duration.ofMinutes(10), Duration.ofDays(400), false)),
            () -> registry,
            new IngestBuffer(MESSAGES * 3),
            metrics,
            new InboundLimits(4096, 100),
            Clock.systemUTC());

    @AfterEach
    void close() {
        meters.close();
    }

    @Test
    void randomSubtopicsAndReasonsAddNoMeters() throws Exception {
        Random random = new Random(20250612L);
        for (int i = 0; i < MESSAGES; i++) {
            String device = random.nextBoolean() ? SampleRegistry.WELL : "D" + random.nextInt(1_000_000);
            String topic = switch (i % 5) {
                case 0 -> PREFIX + "/well/" + device + "/" + randomText(random, 1 + random.nextInt(300));
                case 1 -> PREFIX + "/well/" + device + "/json";
                case 2 -> PREFIX + "/cems/" + device + "/hj212";
                case 3 -> PREFIX + "/" + randomText(random, 8) + "/" + device + "/" + randomText(random, 12);
                default -> randomText(random, 1 + random.nextInt(100));
            };
            process(topic, randomText(random, random.nextInt(64)).getBytes(StandardCharsets.UTF_8));
            metrics.rejected(randomText(random, 1 + random.nextInt(40)));
            metrics.tcpRefused(randomText(random, 1 + random.nextInt(20)));
        }

        assertThat(tagValues(IngestMetrics.MESSAGES_RECEIVED, "format"))
                .containsExactlyInAnyOrder("json", "hj212", "unknown", "other");
        assertThat(tagValues(IngestMetrics.MESSAGES_REJECTED, "reason"))
                .contains("other", "unsupported_topic", "malformed_payload")
                .isSubsetOf(allowedReasons());
        assertThat(tagValues(IngestMetrics.TCP_REFUSED, "cause")).containsExactly("other");

        Ceiling ceiling = ceiling();
        assertThat(meters.getMeters()).hasSizeLessThanOrEqualTo(ceiling.meters());
        String scrape = meters.scrape();
        assertThat(series(scrape)).isSubsetOf(ceiling.series());
        assertThat(scrape.length()).isLessThan(ceiling.scrapeChars() + 2_000);
    }

    @Test
    void knownFormatsReasonsAndCausesKeepTheirOwnTags() throws Exception {
        process(PREFIX + "/well/" + SampleRegistry.WELL + "/json", "{}".getBytes(StandardCharsets.UTF_8));
        processor.reject(
                new RawMessage(
                        PREFIX + "/cems/" + SampleRegistry.CEMS + "/hj212", new byte[1], Instant.now(), null, Ack.NONE),
                Hj212Decoder.FORMAT,
                Rejection.of(RejectReason.BAD_CRC, "crc"));
        metrics.rejected(RejectReason.BAD_CRC);
        metrics.rejected("time_too_old");
        metrics.tcpRefused("per_address");

        assertThat(tagValues(IngestMetrics.MESSAGES_RECEIVED, "format")).containsExactlyInAnyOrder("json", "hj212");
        assertThat(tagValues(IngestMetrics.MESSAGES_REJECTED, "reason"))
                .containsExactlyInAnyOrder("missing_field", "bad_crc", "time_too_old");
        assertThat(tagValues(IngestMetrics.TCP_REFUSED, "cause")).containsExactly("per_address");
    }

    /** What the flusher does after commit: each rejection is counted by its reason. */
    private void process(String topic, byte[] payload) {
        Outcome outcome = processor.outcome(new RawMessage(topic, payload, Instant.now(), null, Ack.NONE));
        outcome.rejections().forEach(r -> metrics.rejected(r.reason().code()));
    }

    private Set<String> tagValues(String meter, String tag) {
        Set<String> values = new TreeSet<>();
        meters.find(meter).meters().forEach(m -> values.add(m.getId().getTag(tag)));
        return values;
    }

    private static Set<String> allowedReasons() {
        Set<String> codes = new TreeSet<>(Set.of(IngestMetrics.TagValues.OTHER));
        for (RejectReason r : RejectReason.values()) {
            codes.add(r.code());
        }
        return codes;
    }

    private record Ceiling(int meters, Set<String> series, int scrapeChars) {}

    /** Every meter every allowed tag value can make, each used once with the largest counts of the test. */
    private static Ceiling ceiling() {
        PrometheusMeterRegistry all = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics full = new IngestMetrics(all);
        for (String f : List.of("json", "hj212", "unknown", "other")) {
            for (int i = 0; i < MESSAGES; i++) {
                full.received(f);
            }
        }
        for (String reason : allowedReasons()) {
            for (int i = 0; i < MESSAGES * 2; i++) {
                full.rejected(reason);
            }
        }
        for (String cause : List.of("total", "per_address", "other")) {
            for (int i = 0; i < MESSAGES; i++) {
                full.tcpRefused(cause);
            }
        }
        List<Meter> registered = all.getMeters();
        String scrape = all.scrape();
        all.close();
        return new Ceiling(registered.size(), series(scrape), scrape.length());
    }

    /** The series of a scrape: each sample line without its value. */
    private static Set<String> series(String scrape) {
        Set<String> series = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                series.add(line.substring(0, line.lastIndexOf(' ')));
            }
        }
        return series;
    }

    /** Printable ASCII, control characters, NUL, slashes, wildcards, CJK and lone surrogates. */
    private static String randomText(Random random, int length) {
        String pool = "abcXYZ019_-.+#/ \u0000\u0001\u001f\u007f\u00e9\u6c34\ud800\udfff%\"'\\{}";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(pool.charAt(random.nextInt(pool.length())));
        }
        return s.toString();
    }
}

package org.urad.envmon.ingest.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/**
 * The MQTT side of the hostile campaign: good readings of the good wells and of one HJ 212 monitor, whose
 * exact count is known, interleaved (seeded) with {@link HostileTraffic}; and what each hostile message must
 * leave behind. Wells 1–50 and monitors 1–22 are good; hostile traffic uses wells 51–250 and monitors 23–82.
 */
final class Campaign {

    static final int GOOD_WELLS = 50;
    static final int GOOD_PER_WELL = 200;
    static final int HOSTILE_WELLS = 200;
    static final int LOGGER = 1;
    static final int MQTT_MONITOR = 2;
    /** Monitors 3…22 speak through the peer that never reads: 1,000 frames each, within their rate. */
    static final int FIRST_SILENT = 3;

    static final int SILENT_MONITORS = 20;
    static final int FIRST_HOSTILE_MONITOR = FIRST_SILENT + SILENT_MONITORS;
    static final int HOSTILE_MONITORS = 60;
    static final int MONITORS = FIRST_HOSTILE_MONITOR - 1 + HOSTILE_MONITORS;
    static final int GOOD_FRAMES = 500;

    /** What the good traffic is: readings of wells 1…{@code lastWell}, frames of the MQTT monitor. */
    record Good(long wellReadings, long frames, String lastWell) {
        long total() {
            return wellReadings + frames;
        }
    }

    /** What one delivered hostile message must have left in the quarantine (SHA-256 of the bytes). */
    private record Expected(HostileTraffic.Kind kind, String topic, String excerpt, byte[][] anyOf, byte[][][] parts) {}

    private final Scenario scenario;
    private final long seed;
    private final int hostile;
    private final HostileTraffic traffic;
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(java.time.Duration.ofHours(20));
    private final List<Expected> expected = new ArrayList<>();
    private final List<byte[]> goodShas = new ArrayList<>();
    private final TreeMap<String, Long> refused = new TreeMap<>();
    private long mqttSent;
    private long hostileSent;

    Campaign(Scenario scenario, long seed, int hostile, Set<HostileTraffic.Kind> kinds, int maxPayloadBytes) {
        this.scenario = scenario;
        this.seed = seed;
        this.hostile = hostile;
        this.traffic = new HostileTraffic(
                seed,
                scenario.prefix,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                maxPayloadBytes,
                kinds,
                GOOD_WELLS + 1,
                HOSTILE_WELLS,
                FIRST_HOSTILE_MONITOR,
                HOSTILE_MONITORS);
    }

    Instant base() {
        return base;
    }

    long seed() {
        return seed;
    }

    Good good() {
        return new Good((long) GOOD_WELLS * GOOD_PER_WELL, GOOD_FRAMES, SyntheticRegistry.well(GOOD_WELLS));
    }

    /** Publishes everything, good and hostile interleaved; stops early when {@code abort} says so. */
    void publish(MqttPublisher publisher, RawMqttPublisher raw, BooleanSupplier abort)
            throws MqttException, InterruptedException, IOException {
        Random mix = new Random(seed ^ 0x5DEECE66DL);
        long goodLeft = good().total();
        long hostileLeft = hostile;
        long wellsSent = 0;
        long framesSent = 0;
        while (goodLeft + hostileLeft > 0) {
            if ((mqttSent & 511) == 0 && abort.getAsBoolean()) {
                System.out.printf(
                        "hostile campaign: publishing stopped after %,d messages: the flusher stalled%n", mqttSent);
                return;
            }
            mqttSent++;
            if (mix.nextDouble() * (goodLeft + hostileLeft) < goodLeft) {
                goodLeft--;
                if (framesSent < GOOD_FRAMES && (wellsSent >= good().wellReadings() || mix.nextInt(21) == 0)) {
                    good(publisher, goodFrameTopic(), goodFrame(framesSent++));
                } else {
                    long n = wellsSent++;
                    String well = SyntheticRegistry.well((int) (n % GOOD_WELLS) + 1);
                    good(publisher, scenario.topic(well), goodReading(well, n / GOOD_WELLS));
                }
            } else {
                hostileLeft--;
                hostile(publisher, raw, traffic.next());
            }
        }
    }

    private void good(MqttPublisher publisher, String topic, byte[] payload)
            throws MqttException, InterruptedException {
        goodShas.add(sha256(payload));
        publisher.publish(topic, payload);
    }

    private void hostile(MqttPublisher publisher, RawMqttPublisher raw, HostileTraffic.Message m)
            throws MqttException, InterruptedException, IOException {
        hostileSent++;
        if (m.rawTopic() == null && HostileTopics.plain(m.topic())) {
            publisher.publish(m.topic(), m.payload());
        } else {
            byte[] topic = m.rawTopic() != null ? m.rawTopic() : m.topic().getBytes(StandardCharsets.UTF_8);
            if (!raw.publish(topic, m.payload())) {
                refused.merge(m.kind().name(), 1L, Long::sum);
                return;
            }
        }
        byte[][][] parts = m.parts().stream()
                .map(group -> group.stream().map(Campaign::sha256).toArray(byte[][]::new))
                .toArray(byte[][][]::new);
        expected.add(new Expected(
                m.kind(),
                m.topic(),
                excerpt(m.topicText(), m.payload()),
                m.anyOf().stream().map(Campaign::sha256).toArray(byte[][]::new),
                parts));
    }

    /** A good reading: one flow value whose time is {@code base + seq} seconds. */
    byte[] goodReading(String well, long seq) {
        return ("{\"device\":\"" + well + "\",\"seq\":" + seq + ",\"readings\":[{\"param\":\"flow\",\"value\":"
                        + (seq % 1000) + ",\"time\":\"" + base.plusSeconds(seq) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String goodFrameTopic() {
        return scenario.prefix + "/cems/" + SyntheticRegistry.cems(MQTT_MONITOR) + "/hj212";
    }

    private byte[] goodFrame(long n) {
        return HostileFrames.valid(
                SyntheticRegistry.mn(MQTT_MONITOR),
                SyntheticRegistry.PASSWORD,
                base.plusSeconds(n),
                "a21026",
                10 + n % 100,
                false);
    }

    long mqttSent() {
        return mqttSent;
    }

    long hostileSent() {
        return hostileSent;
    }

    long refusedByBroker() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    /** SHA-256 of every good payload published. */
    List<byte[]> goodShas() {
        return goodShas;
    }

    /** Hostile messages the broker delivered that left nothing in the quarantine, by kind; prints a few. */
    TreeMap<String, Long> unaccounted(Accounting quarantine, org.urad.envmon.ingest.support.Db db) {
        TreeMap<String, Long> missing = new TreeMap<>();
        int shown = 0;
        for (Expected e : expected) {
            if (accounted(e, quarantine)) {
                continue;
            }
            missing.merge(e.kind().name(), 1L, Long::sum);
            if (shown++ < 20) {
                System.out.println("hostile campaign: not quarantined: " + e.kind() + " " + e.excerpt());
                if (e.topic() != null) {
                    db.strings(
                                    "SELECT reason || ': ' || left(detail, 200) || ' sha ' || encode(payload_sha256, 'hex')"
                                            + " FROM quarantine WHERE topic = ?",
                                    e.topic())
                            .forEach(q -> System.out.println("hostile campaign:   its topic's quarantine row: " + q));
                    System.out.println("hostile campaign:   its sha "
                            + java.util.HexFormat.of().formatHex(e.anyOf()[0]));
                }
            }
        }
        return missing;
    }

    private static boolean accounted(Expected e, Accounting quarantine) {
        for (byte[] sha : e.anyOf()) {
            if (quarantine.holdsSha(sha)) {
                return true;
            }
        }
        if (e.parts().length == 0) {
            return false;
        }
        for (byte[][] group : e.parts()) {
            boolean any = false;
            for (byte[] sha : group) {
                any |= quarantine.holdsSha(sha);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    TreeMap<String, Long> refusedByKind() {
        return refused;
    }

    private static String excerpt(String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        return "topic '" + escape(t, 80) + "' payload '" + escape(payload, 160) + "'";
    }

    /** Printable ASCII as is, every other byte as {@code \xNN}; at most {@code max} bytes. */
    private static String escape(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : "\\x%02x".formatted(b));
        }
        return bytes.length > max ? out + "…(" + bytes.length + " bytes)" : out.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

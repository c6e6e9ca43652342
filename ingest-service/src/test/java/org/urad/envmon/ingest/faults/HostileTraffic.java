package org.urad.envmon.ingest.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/**
 * A seeded stream of hostile MQTT messages for the campaign: the same seed gives the same messages in the same
 * order. Every message is unacceptable by construction (see {@link HostileJson}, {@link HostileFrames},
 * {@link HostileTopics}), so each one must end in the quarantine or be refused with a reason. Senders are the
 * hostile wells and monitors of a {@link SyntheticRegistry}, apart from the devices whose good readings the
 * campaign counts.
 */
final class HostileTraffic {

    /** The kinds of hostile message, with their share of the stream. */
    enum Kind {
        RANDOM_BYTES(10),
        OVERSIZED(0.3),
        TRUNCATED_JSON(7),
        CORRUPT_BYTE_JSON(7),
        CONTROL_IN_STRING(12),
        UNICODE_DIGITS_IN_TIME(6),
        NON_FINITE_NUMBER(7),
        HUGE_NUMBER(4),
        DEEP_NESTING(0.6),
        DUPLICATE_KEY(5),
        UNKNOWN_DEVICE(3),
        LONG_TOPIC(1),
        RANDOM_LAST_LEVEL(5),
        ODD_TOPIC(3),
        CONTROL_IN_TOPIC(0.4),
        HJ212_BAD_CRC(5),
        HJ212_BAD_CHARACTER(5),
        HJ212_BAD_NUMBER(4),
        HJ212_BAD_LENGTH(3),
        HJ212_TRUNCATED(3),
        HJ212_WRONG_PASSWORD(3),
        HJ212_MN_MISMATCH(2),
        HJ212_TWO_FRAMES(3);

        final double weight;

        Kind(double weight) {
            this.weight = weight;
        }
    }

    /**
     * One hostile message. {@code rawTopic} is set for topics a client library would not send (they go out on
     * a bare socket). It is accounted for when the quarantine holds any of {@code anyOf}, or one of each group
     * of {@code parts} (the frames of a payload that carries several).
     */
    record Message(
            Kind kind, String topic, byte[] rawTopic, byte[] payload, List<byte[]> anyOf, List<List<byte[]>> parts) {

        String topicText() {
            return topic != null ? topic : new String(rawTopic, StandardCharsets.UTF_8);
        }
    }

    private final Random rnd;
    private final Instant now;
    private final int maxPayloadBytes;
    private final Kind[] kinds;
    private final double[] cumulative;
    private final HostileTopics topics;
    private final String prefix;
    private final int firstWell;
    private final int wells;
    private final int firstMonitor;
    private final int monitors;

    /**
     * @param wells hostile wells are {@code W<firstWell>} … ; monitors likewise from {@code C<firstMonitor>}
     */
    HostileTraffic(
            long seed,
            String prefix,
            Instant now,
            int maxPayloadBytes,
            Set<Kind> only,
            int firstWell,
            int wells,
            int firstMonitor,
            int monitors) {
        this.rnd = new Random(seed);
        this.prefix = prefix;
        this.now = now;
        this.maxPayloadBytes = maxPayloadBytes;
        this.kinds = (only.isEmpty() ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(only)).toArray(Kind[]::new);
        this.cumulative = new double[kinds.length];
        double sum = 0;
        for (int i = 0; i < kinds.length; i++) {
            sum += kinds[i].weight;
            cumulative[i] = sum;
        }
        this.topics = new HostileTopics(prefix);
        this.firstWell = firstWell;
        this.wells = wells;
        this.firstMonitor = firstMonitor;
        this.monitors = monitors;
    }

    Message next() {
        double pick = rnd.nextDouble() * cumulative[cumulative.length - 1];
        int i = 0;
        while (cumulative[i] < pick) {
            i++;
        }
        return next(kinds[i]);
    }

    private Message next(Kind kind) {
        String well = SyntheticRegistry.well(firstWell + rnd.nextInt(wells));
        String jsonTopic = prefix + "/well/" + well + "/json";
        int monitor = firstMonitor + rnd.nextInt(monitors);
        String hjTopic = prefix + "/cems/" + SyntheticRegistry.cems(monitor) + "/hj212";
        Instant time = now.minusSeconds(60 + rnd.nextInt(86_400));
        HostileJson json = HostileJson.valid(rnd, well, rnd.nextInt(1_000_000), time);
        byte[] frame = HostileFrames.valid(rnd, SyntheticRegistry.mn(monitor), SyntheticRegistry.PASSWORD, time);
        return switch (kind) {
            case RANDOM_BYTES -> of(kind, rnd.nextBoolean() ? jsonTopic : hjTopic, HostileJson.randomBytes(rnd, 1024));
            case OVERSIZED -> {
                byte[] big = HostileJson.randomBytes(rnd, 16_384);
                big = Arrays.copyOf(big, maxPayloadBytes + 1 + big.length);
                rnd.nextBytes(big);
                yield new Message(
                        kind, jsonTopic, null, big, List.of(big, Arrays.copyOf(big, maxPayloadBytes)), List.of());
            }
            case TRUNCATED_JSON -> of(kind, jsonTopic, HostileJson.truncated(rnd, json.bytes()));
            case CORRUPT_BYTE_JSON -> of(kind, jsonTopic, HostileJson.corruptByte(rnd, json.bytes()));
            case CONTROL_IN_STRING ->
                of(kind, jsonTopic, json.controlInString(rnd).bytes());
            case UNICODE_DIGITS_IN_TIME ->
                of(kind, jsonTopic, json.unicodeDigitsInTime(rnd).bytes());
            case NON_FINITE_NUMBER -> of(kind, jsonTopic, json.nonFinite(rnd).bytes());
            case HUGE_NUMBER -> of(kind, jsonTopic, json.huge(rnd).bytes());
            case DEEP_NESTING -> of(kind, jsonTopic, HostileJson.deepNesting(rnd));
            case DUPLICATE_KEY -> of(kind, jsonTopic, json.duplicateKey(rnd).bytes());
            case UNKNOWN_DEVICE -> unknownDevice(kind, well, time);
            case LONG_TOPIC -> of(kind, topics.longLevel(rnd, well), json.bytes());
            case RANDOM_LAST_LEVEL -> of(kind, topics.randomFormat(rnd, well), json.bytes());
            case ODD_TOPIC -> of(kind, topics.odd(rnd, well), json.bytes());
            case CONTROL_IN_TOPIC -> {
                byte[] payload = json.bytes();
                yield new Message(kind, null, topics.control(rnd, well), payload, List.of(payload), List.of());
            }
            case HJ212_BAD_CRC -> of(kind, hjTopic, HostileFrames.badCrc(rnd, frame));
            case HJ212_BAD_CHARACTER -> of(kind, hjTopic, HostileFrames.badCharacter(rnd, frame));
            case HJ212_BAD_NUMBER -> of(kind, hjTopic, HostileFrames.badNumber(rnd, frame));
            case HJ212_BAD_LENGTH -> of(kind, hjTopic, HostileFrames.badLength(rnd, frame));
            case HJ212_TRUNCATED -> of(kind, hjTopic, HostileFrames.truncated(rnd, frame));
            case HJ212_WRONG_PASSWORD -> of(kind, hjTopic, wrongPassword(monitor, time));
            case HJ212_MN_MISMATCH -> {
                int other = firstMonitor + (monitor - firstMonitor + 1 + rnd.nextInt(monitors - 1)) % monitors;
                byte[] spoofed =
                        HostileFrames.valid(rnd, SyntheticRegistry.mn(other), SyntheticRegistry.PASSWORD, time);
                yield of(kind, hjTopic, spoofed);
            }
            case HJ212_TWO_FRAMES -> twoFrames(kind, hjTopic, monitor, time, frame);
        };
    }

    private Message unknownDevice(Kind kind, String well, Instant time) {
        if (rnd.nextBoolean()) {
            // a registered well's topic, naming another device in the payload
            String other = "Z" + HostileTopics.random(rnd, 6);
            byte[] payload =
                    HostileJson.valid(rnd, other, rnd.nextInt(1000), time).bytes();
            return of(kind, prefix + "/well/" + well + "/json", payload);
        }
        String device = "Z" + HostileTopics.random(rnd, 1 + rnd.nextInt(20));
        return of(
                kind,
                prefix + "/well/" + device + "/json",
                HostileJson.valid(rnd, device, 1, time).bytes());
    }

    private byte[] wrongPassword(int monitor, Instant time) {
        String pw = switch (rnd.nextInt(4)) {
            case 0 -> "";
            case 1 -> HostileTopics.random(rnd, 200 + rnd.nextInt(800));
            default -> "%06d".formatted(rnd.nextInt(123_456));
        };
        return HostileFrames.valid(rnd, SyntheticRegistry.mn(monitor), pw, time);
    }

    private Message twoFrames(Kind kind, String topic, int monitor, Instant time, byte[] frame) {
        byte[] first = rnd.nextBoolean() ? wrongPassword(monitor, time) : HostileFrames.badNumber(rnd, frame);
        byte[] second = rnd.nextBoolean()
                ? wrongPassword(monitor, time.plusSeconds(1))
                : HostileFrames.badNumber(rnd, HostileFrames.valid(rnd, SyntheticRegistry.mn(monitor), "123456", time));
        boolean strip = rnd.nextBoolean();
        byte[] payload = HostileFrames.twoFrames(first, second, strip);
        byte[] firstBare = Arrays.copyOf(first, first.length - 2);
        return new Message(
                kind,
                topic,
                null,
                payload,
                List.of(payload),
                List.of(List.of(first, firstBare), List.of(second, Arrays.copyOf(second, second.length - 2))));
    }

    private static Message of(Kind kind, String topic, byte[] payload) {
        return new Message(kind, topic, null, payload, List.of(payload), List.of());
    }
}

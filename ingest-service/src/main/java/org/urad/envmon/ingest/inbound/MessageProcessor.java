package org.urad.envmon.ingest.inbound;

import static org.urad.envmon.ingest.reading.RejectReason.INTERNAL_ERROR;
import static org.urad.envmon.ingest.reading.RejectReason.PAYLOAD_TOO_LARGE;
import static org.urad.envmon.ingest.reading.RejectReason.RATE_LIMITED;
import static org.urad.envmon.ingest.reading.RejectReason.TOO_MANY_READINGS;
import static org.urad.envmon.ingest.reading.RejectReason.UNSUPPORTED_TOPIC;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.Stage;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.normalise.SenderCheck;
import org.urad.envmon.ingest.normalise.Topic;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.reading.SenderText;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.store.IngestBuffer;

/**
 * The whole path of one message, whatever brought it: check size → parse topic → decode →
 * normalise against the registry → hand to the buffer (which acknowledges after commit). Every
 * message ends in the buffer, stored or quarantined; nothing here throws for a sender's fault.
 */
public final class MessageProcessor {

    private static final Logger log = LoggerFactory.getLogger(MessageProcessor.class);
    /** Longest piece of sender text (a topic, a format) quoted in a detail or a log line. */
    private static final int MAX_QUOTE = 200;

    private static final int MAX_DETAIL = 1000;

    private final TopicParser topics;
    private final Map<String, PayloadDecoder> decoders;
    private final Normaliser normaliser;
    private final Supplier<Registry> registry;
    private final IngestBuffer buffer;
    private final IngestMetrics metrics;
    private final InboundLimits limits;
    private final DeviceRateLimiter rate;
    private final Clock clock;

    public MessageProcessor(
            TopicParser topics,
            Iterable<PayloadDecoder> decoders,
            Normaliser normaliser,
            Supplier<Registry> registry,
            IngestBuffer buffer,
            IngestMetrics metrics,
            InboundLimits limits,
            Clock clock) {
        this.topics = topics;
        this.decoders = java.util.stream.StreamSupport.stream(decoders.spliterator(), false)
                .collect(Collectors.toUnmodifiableMap(PayloadDecoder::format, Function.identity()));
        this.normaliser = normaliser;
        this.registry = registry;
        this.buffer = buffer;
        this.metrics = metrics;
        this.limits = limits;
        this.rate = new DeviceRateLimiter(limits.deviceMessagesPerMinute(), limits.deviceBurst());
        this.clock = clock;
    }

    /**
     * Processes one delivery; blocks while the buffer is full. A payload carrying several messages (HJ 212
     * frames one after another) becomes one outcome each, sharing the delivery's acknowledgement, which fires
     * once all of them are committed.
     */
    public void process(RawMessage raw) throws InterruptedException {
        long start = System.nanoTime();
        List<Outcome> outcomes = outcomes(raw);
        metrics.stage(Stage.DECODE, System.nanoTime() - start);
        for (Outcome o : outcomes) {
            buffer.put(o);
        }
    }

    /**
     * What {@link #process} hands to the buffer, returned instead: one outcome per message the delivery
     * carries. The replay of quarantined messages writes these itself.
     */
    public List<Outcome> outcomes(RawMessage raw) {
        Topic topic = topics.parse(raw.topic()).orElse(null);
        PayloadDecoder decoder = topic == null ? null : decoders.get(topic.format());
        List<byte[]> payloads = decoder == null || raw.payload().length > limits.maxPayloadBytes()
                ? List.of()
                : decoder.messages(raw.payload());
        if (payloads.size() < 2) {
            return List.of(outcome(raw, topic));
        }
        Ack shared = Ack.counted(raw.ack(), payloads.size());
        List<Outcome> out = new java.util.ArrayList<>(payloads.size());
        for (byte[] payload : payloads) {
            out.add(outcome(raw.withPayload(payload, shared), topic));
        }
        return out;
    }

    /** Quarantines a message its transport already found unusable (e.g. an HJ 212 frame with a bad CRC). */
    public void reject(RawMessage raw, String format, Rejection rejection) throws InterruptedException {
        metrics.received(formatTag(format));
        buffer.put(Outcome.rejected(
                raw, format, topics.parse(raw.topic()).map(Topic::deviceId).orElse(null), rejection));
    }

    Outcome outcome(RawMessage raw) {
        return outcome(raw, topics.parse(raw.topic()).orElse(null));
    }

    private Outcome outcome(RawMessage raw, Topic topic) {
        String format = topic == null ? IngestMetrics.TagValues.UNKNOWN_FORMAT : topic.format();
        metrics.received(topic == null ? IngestMetrics.TagValues.UNKNOWN_FORMAT : formatTag(format));
        String deviceId = topic == null ? null : topic.deviceId();
        if (raw.payload().length > limits.maxPayloadBytes()) {
            return tooLarge(raw, format, deviceId);
        }
        if (topic == null) {
            return Outcome.rejected(
                    raw,
                    format,
                    null,
                    Rejection.of(
                            UNSUPPORTED_TOPIC,
                            "topic '" + SenderText.clean(raw.topic(), MAX_QUOTE)
                                    + "' is not <prefix>/{well|cems|water_quality|gate}/{deviceId}/{format}"));
        }
        PayloadDecoder decoder = decoders.get(topic.format());
        if (decoder == null) {
            return Outcome.rejected(
                    raw,
                    format,
                    deviceId,
                    Rejection.of(
                            UNSUPPORTED_TOPIC,
                            "payload format '" + SenderText.clean(topic.format(), MAX_QUOTE) + "' is not one of "
                                    + decoders.keySet()));
        }
        try {
            return decoded(raw, topic, format, decoder.decode(raw.payload()));
        } catch (DecodeException e) {
            return Outcome.rejected(raw, format, deviceId, e.toRejection());
        } catch (RuntimeException e) {
            log.error(
                    "Unexpected failure processing a message on {}; quarantined for replay",
                    SenderText.clean(raw.topic(), MAX_QUOTE),
                    e);
            return Outcome.rejected(
                    raw, format, deviceId, Rejection.of(INTERNAL_ERROR, SenderText.clean(e.toString(), MAX_DETAIL)));
        }
    }

    /**
     * Size, then who sent it, then the sender's rate: a sender failing the check (a wrong HJ 212 PW, an
     * unknown device) is never charged to the device it claims to be.
     */
    private Outcome decoded(RawMessage raw, Topic topic, String format, DecodedMessage decoded) {
        String deviceId = topic.deviceId();
        if (decoded.size() > limits.maxReadingsPerMessage()) {
            return Outcome.rejected(
                    raw,
                    format,
                    deviceId,
                    Rejection.of(
                            TOO_MANY_READINGS,
                            decoded.size() + " values in one message; at most " + limits.maxReadingsPerMessage()));
        }
        Registry current = registry.get();
        SenderCheck sender = SenderCheck.check(topic, decoded, current);
        if (!sender.passed()) {
            return Outcome.rejected(raw, format, deviceId, sender.rejection());
        }
        if (!rate.tryAcquire(sender.device().id(), clock.millis())) {
            metrics.rateLimited();
            return Outcome.rejected(
                    raw,
                    format,
                    deviceId,
                    Rejection.of(
                            RATE_LIMITED,
                            "more than " + limits.deviceMessagesPerMinute() + " messages a minute (burst "
                                    + limits.deviceBurst() + ") from " + deviceId));
        }
        return normaliser.normalise(raw, format, decoded, sender.device(), current, clock.instant());
    }

    private Outcome tooLarge(RawMessage raw, String format, String deviceId) {
        int size = raw.payload().length;
        RawMessage kept = raw.withPayload(Arrays.copyOf(raw.payload(), limits.maxPayloadBytes()), raw.ack());
        return Outcome.rejected(
                kept,
                format,
                deviceId,
                Rejection.of(
                        PAYLOAD_TOO_LARGE,
                        size + " bytes; at most " + limits.maxPayloadBytes() + " (the first " + limits.maxPayloadBytes()
                                + " bytes are kept)"));
    }

    /** A topic's last level is the sender's choice: as a meter tag, only a decoder's format, else "other". */
    private String formatTag(String format) {
        return decoders.containsKey(format) ? format : IngestMetrics.TagValues.OTHER;
    }
}

package org.urad.envmon.ingest.reading;

import java.time.Duration;
import java.time.Instant;

/**
 * A message as it arrived, before any decoding.
 *
 * @param publishedAt when the publisher says it sent the message (MQTT 5 user property {@code
 *     sent-at}), or {@code null}
 * @param ack acknowledges the message once its outcome is committed
 * @param historyHorizon for history the service itself asked a logger for (HJ 212 2051/2061/2031): how old
 *     its readings may be, beyond the live max-age; {@code null} for everything else
 */
public record RawMessage(
        String topic, byte[] payload, Instant receivedAt, Instant publishedAt, Ack ack, Duration historyHorizon) {

    /** A live message: the live max-age applies. */
    public RawMessage(String topic, byte[] payload, Instant receivedAt, Instant publishedAt, Ack ack) {
        this(topic, payload, receivedAt, publishedAt, ack, null);
    }

    /** The same message with another payload (one part of a delivery, or a cut-down copy). */
    public RawMessage withPayload(byte[] other, Ack otherAck) {
        return new RawMessage(topic, other, receivedAt, publishedAt, otherAck, historyHorizon);
    }
}

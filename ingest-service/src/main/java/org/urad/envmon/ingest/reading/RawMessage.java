package org.urad.envmon.ingest.reading;

import java.time.Instant;

/**
 * A message as it arrived, before any decoding.
 *
 * @param publishedAt when the publisher says it sent the message (MQTT 5 user property {@code
 *     sent-at}), or {@code null}
 * @param ack acknowledges the message once its outcome is committed
 */
public record RawMessage(String topic, byte[] payload, Instant receivedAt, Instant publishedAt, Ack ack) {}

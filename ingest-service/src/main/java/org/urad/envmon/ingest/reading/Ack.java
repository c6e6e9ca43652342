package org.urad.envmon.ingest.reading;

/**
 * Acknowledges a received message to whoever delivered it (the MQTT broker, an HJ 212 logger).
 * Called only after the transaction holding the message's outcome has committed.
 */
@FunctionalInterface
public interface Ack {
    Ack NONE = () -> {};

    void ack();
}

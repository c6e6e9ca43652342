package org.urad.envmon.ingest.reading;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Acknowledges a received message to whoever delivered it (the MQTT broker, an HJ 212 logger).
 * Called once per outcome, only after the transaction holding it has committed, with whether any
 * value of it was stored: the broker is acknowledged either way, an HJ 212 logger gets its data reply
 * only when something was stored (never for a refused, rate-limited or wholly quarantined frame).
 */
@FunctionalInterface
public interface Ack {
    Ack NONE = stored -> {};

    /** @param stored whether a reading or calibration of the message was committed */
    void ack(boolean stored);

    /**
     * One acknowledgement shared by the {@code parts} outcomes cut from one delivery (several HJ 212 frames in
     * one MQTT payload): {@code whole} fires once, when the last part is acknowledged, with whether any part
     * stored anything.
     */
    static Ack counted(Ack whole, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be positive");
        }
        AtomicInteger left = new AtomicInteger(parts);
        AtomicBoolean any = new AtomicBoolean();
        return stored -> {
            if (stored) {
                any.set(true);
            }
            if (left.decrementAndGet() == 0) {
                whole.ack(any.get());
            }
        };
    }
}

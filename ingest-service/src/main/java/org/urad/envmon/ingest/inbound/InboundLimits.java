package org.urad.envmon.ingest.inbound;

/**
 * Limits applied before decoding, whatever the transport.
 *
 * @param deviceMessagesPerMinute sustained messages per device; 0: no limit
 * @param deviceBurst messages a device may send at once
 */
public record InboundLimits(
        int maxPayloadBytes, int maxReadingsPerMessage, int deviceMessagesPerMinute, int deviceBurst) {

    /** Size limits only, no rate limit. */
    public InboundLimits(int maxPayloadBytes, int maxReadingsPerMessage) {
        this(maxPayloadBytes, maxReadingsPerMessage, 0, 1);
    }
}

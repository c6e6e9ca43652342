package org.urad.envmon.ingest.metrics;

import java.util.Locale;

/**
 * The stages of one message on its way from the publisher to the commit and the acknowledgement, in the order
 * they happen: the values of the {@code stage} tag of {@link IngestMetrics#STAGE_LATENCY}. Up to the commit they
 * add up to {@link IngestMetrics#PUBLISH_TO_COMMIT}, less the hand-overs between them (a thread waking up).
 */
public enum Stage {
    /** The publisher's {@code sent-at} (wall clock, milliseconds) to the MQTT callback: the broker and the network. */
    BROKER,
    /** Decoding, checking the sender and normalising one delivery, on the receiving thread. */
    DECODE,
    /** Into the buffer until the flusher takes it in a batch (the batch filling up to its max-wait included). */
    BUFFER,
    /** The COPY of the batch's readings into the time-series tables. */
    COPY,
    /**
     * The rest of the batch's transaction before the commit: taking a connection, the calibrations, status
     * items, quarantine rows and {@code point_rule_due} rows.
     */
    STATEMENTS,
    /** The commit itself. */
    COMMIT,
    /** From the commit to the message's acknowledgement being handed to its transport. */
    ACK;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

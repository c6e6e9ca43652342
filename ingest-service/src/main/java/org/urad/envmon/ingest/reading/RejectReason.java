package org.urad.envmon.ingest.reading;

import java.util.Locale;

/**
 * Why a message or a value was not stored. All but {@link #INTERNAL_ERROR} are the sender's fault: it is
 * quarantined with its raw bytes, counted, acknowledged, and never stops the pipeline.
 */
public enum RejectReason {
    PAYLOAD_TOO_LARGE,
    TOO_MANY_READINGS,
    /** More messages from one device than {@code ingest.limits.device-messages-per-minute} allows. */
    RATE_LIMITED,
    UNSUPPORTED_TOPIC,
    MALFORMED_PAYLOAD,
    MISSING_FIELD,
    UNKNOWN_DEVICE,
    DEVICE_MISMATCH,
    WRONG_FAMILY,
    UNKNOWN_PARAMETER,
    BAD_UNIT,
    BAD_FLAG,
    IMPOSSIBLE_VALUE,
    TIME_IN_FUTURE,
    TIME_TOO_OLD,
    // HJ 212 frames
    BAD_HEADER,
    LENGTH_MISMATCH,
    BAD_CRC,
    BAD_FIELD,
    UNKNOWN_CN,
    MISSING_DATATIME,
    WRONG_PASSWORD,
    INCOMPLETE_PACKETS,
    // SZY 206 and SL 651 frames (which share BAD_HEADER, LENGTH_MISMATCH, BAD_CRC, BAD_FIELD, MISSING_FIELD)
    /** A function, data type or element the service does not take (SZY 206 AFN or data type, SL 651 function code). */
    UNKNOWN_FUNCTION,
    /** A connection held more split-message packets than {@code ingest.hj212.max-pending-bytes} allows. */
    TOO_MANY_PENDING_PACKETS,
    // ours, not the sender's: kept with its bytes so it can be replayed once fixed
    INTERNAL_ERROR;

    /** The lower-case code stored in the quarantine table and used as a metric tag. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

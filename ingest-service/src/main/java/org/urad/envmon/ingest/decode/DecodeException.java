package org.urad.envmon.ingest.decode;

import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;

/**
 * A payload the sender got wrong. Carries a reason code and a detail for the quarantine table;
 * it has no stack trace, since it reports a client's fault, not ours.
 */
public final class DecodeException extends Exception {

    private final RejectReason reason;

    public DecodeException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    public Rejection toRejection() {
        return new Rejection(reason, getMessage());
    }
}

package org.urad.envmon.ingest.normalise;

import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;

/** One value of a message that cannot be stored; the others may still be. No stack trace. */
final class RejectedValue extends Exception {

    final transient Rejection rejection;

    RejectedValue(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.rejection = Rejection.of(reason, detail);
    }
}

package org.urad.envmon.ingest.decode.sl651;

import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.reading.RejectReason;

/** Static factories for every way an SL 651 frame can be wrong, each with its own reason code. */
public final class Sl651Errors {

    private Sl651Errors() {}

    public static DecodeException badHeader(String detail) {
        return new DecodeException(RejectReason.BAD_HEADER, detail);
    }

    public static DecodeException lengthMismatch(int declared, int actual) {
        return new DecodeException(
                RejectReason.LENGTH_MISMATCH, "body declared " + declared + " bytes but the frame holds " + actual);
    }

    public static DecodeException badCrc(int expected, int actual) {
        return new DecodeException(
                RejectReason.BAD_CRC,
                String.format("CRC-16 of the frame is %04X but the frame says %04X", expected, actual));
    }

    public static DecodeException badField(String field, String why) {
        return new DecodeException(RejectReason.BAD_FIELD, field + ": " + why);
    }

    public static DecodeException missingField(String field) {
        return new DecodeException(RejectReason.MISSING_FIELD, "missing " + field);
    }

    public static DecodeException unknownFunction(String what) {
        return new DecodeException(RejectReason.UNKNOWN_FUNCTION, what + " is not accepted here");
    }
}

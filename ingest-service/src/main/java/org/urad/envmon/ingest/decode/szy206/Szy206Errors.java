package org.urad.envmon.ingest.decode.szy206;

import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.reading.RejectReason;

/** Static factories for every way a SZY 206 frame can be wrong, each with its own reason code. */
public final class Szy206Errors {

    private Szy206Errors() {}

    public static DecodeException badHeader(String detail) {
        return new DecodeException(RejectReason.BAD_HEADER, detail);
    }

    public static DecodeException lengthMismatch(int declared, int actual) {
        return new DecodeException(
                RejectReason.LENGTH_MISMATCH,
                "user data declared " + declared + " bytes but the frame holds " + actual);
    }

    public static DecodeException badCrc(int expected, int actual) {
        return new DecodeException(
                RejectReason.BAD_CRC,
                String.format("CRC-8 of the user data is %02X but the frame says %02X", expected, actual));
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

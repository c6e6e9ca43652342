package org.urad.envmon.ingest.decode.hj212;

import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.reading.RejectReason;

/** Static factories for every way an HJ 212 frame can be wrong, each with its own reason code. */
public final class Hj212Errors {

    private static final int MAX_QUOTE = 40;

    private Hj212Errors() {}

    public static DecodeException badHeader(String detail) {
        return new DecodeException(RejectReason.BAD_HEADER, detail);
    }

    public static DecodeException lengthMismatch(int declared, int actual) {
        String has = actual < 0 ? "the frame is too short to hold a CRC" : "it has " + actual;
        return new DecodeException(
                RejectReason.LENGTH_MISMATCH, "data segment declared " + declared + " bytes but " + has);
    }

    public static DecodeException badCrc(String expected, String actual) {
        return new DecodeException(
                RejectReason.BAD_CRC, "CRC of the data segment is " + expected + " but the frame says " + actual);
    }

    public static DecodeException badField(String field, String value, String why) {
        return new DecodeException(RejectReason.BAD_FIELD, field + "=" + quote(value) + ": " + why);
    }

    public static DecodeException badSyntax(String why) {
        return new DecodeException(RejectReason.BAD_FIELD, why);
    }

    public static DecodeException missingField(String field) {
        return new DecodeException(RejectReason.MISSING_FIELD, "missing " + field);
    }

    public static DecodeException unknownCn(String cn) {
        return new DecodeException(RejectReason.UNKNOWN_CN, "command CN=" + quote(cn) + " is not accepted here");
    }

    public static DecodeException missingDataTime(String cn) {
        return new DecodeException(RejectReason.MISSING_DATATIME, "CN=" + cn + " carries values without DataTime");
    }

    /** @param when {@code before the timeout}, {@code before the connection closed} */
    public static DecodeException incompletePackets(String mn, String qn, int received, int total, String when) {
        return new DecodeException(
                RejectReason.INCOMPLETE_PACKETS,
                "MN=" + quote(mn) + " QN=" + quote(qn) + ": " + received + " of " + total + " packets arrived " + when);
    }

    public static DecodeException tooManyPendingPackets(String mn, String qn, int received, int total, String why) {
        return new DecodeException(
                RejectReason.TOO_MANY_PENDING_PACKETS,
                "MN=" + quote(mn) + " QN=" + quote(qn) + ": given up with " + received + " of " + total + " packets: "
                        + why);
    }

    public static DecodeException reassembledTooLarge(String mn, String qn, int packets, int segmentBytes) {
        return new DecodeException(
                RejectReason.PAYLOAD_TOO_LARGE,
                "MN=" + quote(mn) + " QN=" + quote(qn) + ": " + packets + " packets reassemble to a data segment of "
                        + segmentBytes + " bytes; at most " + Hj212Codec.MAX_SEGMENT + " fit a frame");
    }

    /** Keeps details short and printable whatever a sender put in a field. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.codePoints()
                .map(c -> c >= 0x20 && c < 0x7F ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() > MAX_QUOTE ? printable.substring(0, MAX_QUOTE) + "…" : printable;
    }
}

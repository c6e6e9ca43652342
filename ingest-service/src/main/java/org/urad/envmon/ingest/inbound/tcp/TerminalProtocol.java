package org.urad.envmon.ingest.inbound.tcp;

import java.time.Clock;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.decode.sl651.Sl651Decoder;
import org.urad.envmon.ingest.decode.szy206.Szy206Decoder;
import org.urad.envmon.ingest.reading.Family;

/**
 * What differs between the SZY 206 and SL 651 listeners: the format name, where a frame starts and how long
 * it is, and the family an unregistered terminal's frames are filed under in the quarantine.
 */
public enum TerminalProtocol {
    /** {@code 68H L 68H}, L bytes of user data, CS, {@code 16H}. */
    SZY206(Szy206Decoder.FORMAT, "SZY 206", Family.WELL),
    /** {@code 7E7EH} HEX/BCD (13-byte header, 12-bit body length) or {@code SOH} ASCII (23 characters). */
    SL651(Sl651Decoder.FORMAT, "SL 651", Family.GATE);

    static final int NOT_A_FRAME = 0;
    static final int NEED_MORE = -1;

    private final String format;
    private final String label;
    private final Family unknownFamily;

    TerminalProtocol(String format, String label, Family unknownFamily) {
        this.format = format;
        this.label = label;
        this.unknownFamily = unknownFamily;
    }

    public String format() {
        return format;
    }

    String label() {
        return label;
    }

    Family unknownFamily() {
        return unknownFamily;
    }

    PayloadDecoder decoder(Clock clock) {
        return this == SZY206 ? new Szy206Decoder(clock) : new Sl651Decoder();
    }

    /** The longest frame the protocol allows; nothing is buffered beyond it. */
    int maxFrame() {
        return this == SZY206 ? 255 + 5 : 23 + 4095 + 6;
    }

    /**
     * The length of the frame starting at {@code b[from]}, judged from its header only: {@link #NEED_MORE} when
     * the header is not all there yet, {@link #NOT_A_FRAME} when no frame starts there.
     */
    int frameLength(byte[] b, int from, int available) {
        return this == SZY206 ? szy206(b, from, available) : sl651(b, from, available);
    }

    private static int szy206(byte[] b, int from, int available) {
        if ((b[from] & 0xFF) != 0x68) {
            return NOT_A_FRAME;
        }
        if (available < 3) {
            return NEED_MORE;
        }
        return (b[from + 2] & 0xFF) == 0x68 ? (b[from + 1] & 0xFF) + 5 : NOT_A_FRAME;
    }

    private static int sl651(byte[] b, int from, int available) {
        int first = b[from] & 0xFF;
        if (first == 0x7E) {
            if (available < 2) {
                return NEED_MORE;
            }
            if ((b[from + 1] & 0xFF) != 0x7E) {
                return NOT_A_FRAME;
            }
            if (available < 13) {
                return NEED_MORE;
            }
            return 13 + (((b[from + 11] & 0x0F) << 8) | (b[from + 12] & 0xFF)) + 4;
        }
        if (first == 0x01) {
            if (available < 23) {
                return NEED_MORE;
            }
            int length = 0;
            for (int i = 20; i < 23; i++) {
                int digit = Character.digit(b[from + i], 16);
                if (digit < 0) {
                    return NOT_A_FRAME;
                }
                length = length * 16 + digit;
            }
            return 23 + length + 6;
        }
        return NOT_A_FRAME;
    }
}

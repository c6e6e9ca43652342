package org.urad.envmon.ingest.decode.szy206;

import java.time.Clock;
import java.util.List;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.decode.TerminalClaim;

/**
 * Decodes one SZY 206-2016 frame from a terminal into a {@link DecodedMessage} naming the
 * terminal's address. AFN C0H (self-report) and B0H (answer to a real-time query) give values
 * ({@link Szy206Report}); a C0H report carries its confirmation as the reply. AFN 02H (link check)
 * gives no values and is answered. Anything else, split frames and frames going to a terminal are
 * refused with a reason.
 *
 * <p>The time label has no month or year; the clock places it (see {@link Szy206Time}).
 */
public final class Szy206Decoder implements PayloadDecoder {

    public static final String FORMAT = "szy206";

    private final Clock clock;

    public Szy206Decoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public DecodedMessage decode(byte[] payload) throws DecodeException {
        return toMessage(Szy206Codec.decode(payload));
    }

    public DecodedMessage toMessage(Szy206Frame frame) throws DecodeException {
        if (!frame.fromTerminal()) {
            throw Szy206Errors.badField("control", "D7 = 0: a frame going to a terminal, not from one");
        }
        if (frame.divs() != null) {
            throw Szy206Errors.unknownFunction("a split frame (DIV set; image transfers)");
        }
        List<DecodedValue> values;
        byte[] reply;
        switch (frame.afn()) {
            case Szy206Replies.AFN_SELF_REPORT -> {
                values = Szy206Report.values(frame, clock.instant());
                reply = Szy206Codec.encode(Szy206Replies.confirmReport(frame));
            }
            case Szy206Replies.AFN_REALTIME_QUERY -> {
                values = Szy206Report.values(frame, clock.instant());
                reply = null;
            }
            case Szy206Replies.AFN_LINK_CHECK -> {
                checkLinkData(frame.data());
                values = List.of();
                reply = Szy206Codec.encode(Szy206Replies.answerLinkCheck(frame));
            }
            default -> throw Szy206Errors.unknownFunction(String.format("AFN %02XH", frame.afn()));
        }
        return new DecodedMessage(
                null,
                false,
                null,
                null,
                values,
                List.of(),
                reply != null,
                reply,
                new TerminalClaim(FORMAT, frame.addressHex()));
    }

    private static void checkLinkData(byte[] data) throws DecodeException {
        if (data.length != 1) {
            throw Szy206Errors.badField("link check", data.length + " data bytes, not 1");
        }
        int kind = data[0] & 0xFF;
        if (kind != Szy206Replies.LOGIN && kind != Szy206Replies.LOGOUT && kind != Szy206Replies.KEEP_ALIVE) {
            throw Szy206Errors.badField("link check", String.format("%02XH is not F0H, F1H or F2H", kind));
        }
    }
}

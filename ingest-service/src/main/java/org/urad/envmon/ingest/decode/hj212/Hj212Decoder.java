package org.urad.envmon.ingest.decode.hj212;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedStatus;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.reading.Period;

/**
 * Decodes one HJ 212 frame into a {@link DecodedMessage}: the device claim is the MN, the password
 * the PW; CN 2011/2051/2061/2031 give real-time/minute/hourly/daily values and CN 3011 calibration
 * results (see {@link Hj212Calibrations}); CN 2021/2041/2081/3020 status items (see {@link Hj212Status}), 3020
 * also calibration results (see {@link Hj212InfoCodes}). Parameter codes pass through as sent (2005 codes are
 * mapped later) and values are in the canonical units, so {@code unit} is {@code null}. When the
 * Flag asks for a reply, the message carries the encoded 9014 data reply.
 */
@Component
public class Hj212Decoder implements PayloadDecoder {

    public static final String FORMAT = "hj212";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public DecodedMessage decode(byte[] payload) throws DecodeException {
        return toMessage(Hj212Codec.decode(payload));
    }

    /**
     * Several frames one after another (as a logger's MQTT bridge may publish them) are cut apart before each
     * frame's {@code ##} at the start of a line; trailing line ends and blanks are trimmed from each piece, and
     * bytes before the first frame, unless blank, are a piece of their own. A data segment is printable ASCII,
     * so no frame is ever cut inside. One frame, or anything else, stays whole.
     */
    @Override
    public List<byte[]> messages(byte[] payload) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 2 < payload.length; i++) {
            if (payload[i] == '#'
                    && payload[i + 1] == '#'
                    && payload[i + 2] >= '0'
                    && payload[i + 2] <= '9'
                    && (i == 0 || payload[i - 1] == '\n')) {
                starts.add(i);
            }
        }
        if (starts.size() < 2) {
            return List.of(payload);
        }
        List<byte[]> pieces = new ArrayList<>(starts.size() + 1);
        int before = trimmedEnd(payload, 0, starts.get(0));
        if (before > 0) {
            pieces.add(Arrays.copyOfRange(payload, 0, before));
        }
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : payload.length;
            pieces.add(Arrays.copyOfRange(payload, from, trimmedEnd(payload, from, to)));
        }
        return pieces;
    }

    /** {@code to}, moved back over trailing CR, LF, tab and space, but not before {@code from}. */
    private static int trimmedEnd(byte[] bytes, int from, int to) {
        int end = to;
        while (end > from
                && (bytes[end - 1] == '\r'
                        || bytes[end - 1] == '\n'
                        || bytes[end - 1] == ' '
                        || bytes[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    /** Maps a frame already parsed (for example a message assembled from split packets). */
    public DecodedMessage toMessage(Hj212Frame frame) throws DecodeException {
        List<DecodedValue> values = List.of();
        List<DecodedCalibration> calibrations = List.of();
        List<DecodedStatus> statuses = List.of();
        switch (frame.cn()) {
            case "2011" -> values = Hj212Values.of(frame, Period.REALTIME);
            case "2051" -> values = Hj212Values.of(frame, Period.MINUTE);
            case "2061" -> values = Hj212Values.of(frame, Period.HOUR);
            case "2031" -> values = Hj212Values.of(frame, Period.DAY);
            case "3011" -> calibrations = Hj212Calibrations.of(frame);
            case "2021", "2041", "2081" -> statuses = Hj212Status.of(frame);
            case "3020" -> {
                statuses = Hj212Status.of(frame);
                calibrations = Hj212InfoCodes.calibrations(statuses);
            }
            default -> throw Hj212Errors.unknownCn(frame.cn());
        }
        byte[] reply = frame.replyRequested() ? Hj212Codec.encode(Hj212Replies.dataReply(frame)) : null;
        return new DecodedMessage(
                frame.mn(),
                true,
                frame.pw(),
                null,
                values,
                calibrations,
                frame.replyRequested(),
                reply,
                null,
                statuses);
    }
}

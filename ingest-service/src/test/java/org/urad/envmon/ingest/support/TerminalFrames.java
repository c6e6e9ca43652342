package org.urad.envmon.ingest.support;

import java.util.HexFormat;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.sl651.Sl651Codec;
import org.urad.envmon.ingest.decode.sl651.Sl651Frame;
import org.urad.envmon.ingest.decode.szy206.Szy206Codec;
import org.urad.envmon.ingest.decode.szy206.Szy206Frame;

/** Golden frames made to come from another terminal: same data, another address, the check made again. */
public final class TerminalFrames {

    private TerminalFrames() {}

    /** The HEX/BCD SL 651 frame {@code frame} as sent by station {@code station} (header and body). */
    public static byte[] withSl651Station(byte[] frame, String station) {
        try {
            Sl651Frame f = Sl651Codec.decode(frame);
            byte[] body = replace(
                    f.body(),
                    HexFormat.of().parseHex(f.station()),
                    HexFormat.of().parseHex(station));
            return Sl651Codec.encode(
                    new Sl651Frame(f.ascii(), f.centre(), station, f.password(), f.function(), f.up(), body, f.end()));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The SZY 206 report {@code frame} with its time label Tp (the last five data bytes: second, minute, hour,
     * day in BCD, then the delay) set to {@code time} in China time. Tp has no month: a golden frame's day is
     * placed in the month nearest its receipt, which may lie in the future, so a test sets a recent day.
     */
    public static byte[] withSzy206Time(byte[] frame, java.time.Instant time) {
        try {
            Szy206Frame f = Szy206Codec.decode(frame);
            byte[] data = f.data();
            java.time.ZonedDateTime t = time.atZone(java.time.ZoneId.of("Asia/Shanghai"));
            int tp = data.length - 5;
            data[tp] = bcd(t.getSecond());
            data[tp + 1] = bcd(t.getMinute());
            data[tp + 2] = bcd(t.getHour());
            data[tp + 3] = bcd(t.getDayOfMonth());
            return Szy206Codec.encode(new Szy206Frame(f.control(), f.divs(), f.address(), f.afn(), data));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte bcd(int value) {
        return (byte) ((value / 10) << 4 | value % 10);
    }

    private static byte[] replace(byte[] bytes, byte[] from, byte[] to) {
        byte[] out = bytes.clone();
        for (int i = 0; i + from.length <= out.length; i++) {
            boolean match = true;
            for (int j = 0; j < from.length && match; j++) {
                match = out[i + j] == from[j];
            }
            if (match) {
                System.arraycopy(to, 0, out, i, to.length);
                i += from.length - 1;
            }
        }
        return out;
    }
}

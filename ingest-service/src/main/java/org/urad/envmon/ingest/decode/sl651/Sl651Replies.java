package org.urad.envmon.ingest.decode.sl651;

import java.util.Arrays;

/** Frames the centre sends back to a station (Tables 17, 21; body Tables 29, 31, 33, 35, 37). */
public final class Sl651Replies {

    private Sl651Replies() {}

    /**
     * The confirmation of an upward report in mode M2: the same function code, station, centre and
     * password going down, a body of the report's serial number and send time, ended by ACK when the
     * report ended with ETB (more follows) and by {@code last} (EOT: the station may go offline; ESC:
     * it stays online for commands) when it ended with ETX.
     */
    public static Sl651Frame confirm(Sl651Frame report, int last) {
        int headLength = report.ascii() ? 16 : 8;
        byte[] body = Arrays.copyOf(report.body(), headLength);
        int end = report.end() == Sl651Frame.ETB ? Sl651Frame.ACK : last;
        return new Sl651Frame(
                report.ascii(),
                report.centre(),
                report.station(),
                report.password(),
                report.function(),
                false,
                body,
                end);
    }
}

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

    /**
     * The confirmation of one packet of a multi-packet message (mode M3) other than the one completing it:
     * the same function code, station, centre and password going down, start SYN and the packet's counter
     * (total and serial number) as the body, ended by ACK ("received, go on"). The packet completing the
     * message gets the message's own confirmation ({@link #confirm}) once it is stored.
     */
    public static byte[] packetConfirm(Sl651Packet packet) {
        Sl651Frame f = packet.frame();
        Sl651Frame down = new Sl651Frame(
                false, f.centre(), f.station(), f.password(), f.function(), false, new byte[0], Sl651Frame.ACK);
        return Sl651Codec.encodePacket(new Sl651Packet(down, packet.total(), packet.seq()));
    }
}

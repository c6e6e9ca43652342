package org.urad.envmon.ingest.decode.sl651;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the HEX/BCD reports a telemetry station sends (Table 24 body: serial number, send time, station
 * address group with category, observation time group, elements), the inverse of what {@link Sl651Body}
 * reads: used by the simulator, so that the frames it sends carry a real CRC.
 */
public final class Sl651Reports {

    /** Station category (Table 27): sluice or dam, 'Z'. */
    public static final int GATE_STATION = 0x5A;

    /**
     * One element: its identifier guide byte, its data definition (bytes of BCD and decimals, §6.6.3.2) and
     * its value; a negative value is written with a leading FFH byte.
     */
    public record Element(int identifier, int bytes, int decimals, double value) {

        public Element {
            if (bytes < 1 || bytes > 31 || decimals < 0 || decimals > 7) {
                throw new IllegalArgumentException("a definition holds 1..31 bytes and 0..7 decimals");
            }
        }

        /** 09H GH gate opening, N(5,2) m. */
        public static Element gateOpening(double metres) {
            return new Element(0x09, 3, 2, metres);
        }

        /** 39H Z water level, N(7,3) m. */
        public static Element level(double metres) {
            return new Element(0x39, 4, 3, metres);
        }

        /** 27H Q instantaneous flow, N(9,3) m³/s. */
        public static Element flow(double cubicMetresPerSecond) {
            return new Element(0x27, 5, 3, cubicMetresPerSecond);
        }
    }

    private Sl651Reports() {}

    /**
     * A HEX/BCD report sent as a multi-packet message (mode M3): its body cut into {@code count} shares as
     * even as they go (the first ones one byte longer), each a SYN frame with the packet counter, all ended
     * by ETB but the last (ETX).
     */
    public static List<byte[]> packets(Sl651Frame report, int count) {
        byte[] body = report.body();
        if (count < 1 || count > Math.min(body.length, Sl651Packet.MAX_COUNT)) {
            throw new IllegalArgumentException("cannot cut " + body.length + " bytes into " + count + " packets");
        }
        List<byte[]> out = new java.util.ArrayList<>(count);
        int from = 0;
        for (int seq = 1; seq <= count; seq++) {
            int size = body.length / count + (seq <= body.length % count ? 1 : 0);
            Sl651Frame share = new Sl651Frame(
                    false,
                    report.centre(),
                    report.station(),
                    report.password(),
                    report.function(),
                    true,
                    java.util.Arrays.copyOfRange(body, from, from + size),
                    seq == count ? Sl651Frame.ETX : Sl651Frame.ETB);
            out.add(Sl651Codec.encodePacket(new Sl651Packet(share, count, seq)));
            from += size;
        }
        return out;
    }

    /**
     * A HEX/BCD report going up, ended by ETX.
     *
     * @param function 32H timed, 33H added, 34H hourly
     * @param serial the report's serial number, 0..65535
     */
    public static Sl651Frame hex(
            int centre,
            String station,
            int password,
            int function,
            int serial,
            Instant sent,
            int category,
            Instant observed,
            List<Element> elements) {
        int size = 8 + 8 + 7 + elements.stream().mapToInt(e -> 2 + e.bytes()).sum();
        byte[] body = new byte[size];
        body[0] = (byte) (serial >> 8);
        body[1] = (byte) serial;
        int at = time(sent, true, body, 2);
        body[at++] = (byte) 0xF1;
        body[at++] = (byte) 0xF1;
        byte[] address = HexFormat.of().parseHex(station);
        System.arraycopy(address, 0, body, at, 5);
        at += 5;
        body[at++] = (byte) category;
        body[at++] = (byte) 0xF0;
        body[at++] = (byte) 0xF0;
        at = time(observed, false, body, at);
        for (Element e : elements) {
            body[at++] = (byte) e.identifier();
            body[at++] = (byte) (e.bytes() << 3 | e.decimals());
            at = bcd(e, body, at);
        }
        return new Sl651Frame(false, centre, station, password, function, true, body, Sl651Frame.ETX);
    }

    /** YYMMDDHHmm[ss], BCD, China time; returns the next offset. */
    private static int time(Instant t, boolean seconds, byte[] out, int at) {
        ZonedDateTime z = t.atZone(Sl651Body.ZONE);
        int[] fields = {
            z.getYear() % 100, z.getMonthValue(), z.getDayOfMonth(), z.getHour(), z.getMinute(), z.getSecond()
        };
        int n = seconds ? 6 : 5;
        for (int k = 0; k < n; k++) {
            out[at++] = pair(fields[k]);
        }
        return at;
    }

    private static int bcd(Element e, byte[] out, int at) {
        boolean negative = e.value() < 0;
        int digitBytes = negative ? e.bytes() - 1 : e.bytes();
        long digits = Math.round(Math.abs(e.value()) * Math.pow(10, e.decimals()));
        if (negative) {
            out[at++] = (byte) 0xFF;
        }
        for (int k = at + digitBytes - 1; k >= at; k--) {
            out[k] = pair((int) (digits % 100));
            digits /= 100;
        }
        if (digits != 0) {
            throw new IllegalArgumentException(String.format(
                    "%s does not fit element %02XH (%d bytes, %d decimals)",
                    e.value(), e.identifier(), e.bytes(), e.decimals()));
        }
        return at + digitBytes;
    }

    private static byte pair(int value) {
        return (byte) ((value / 10) << 4 | value % 10);
    }
}

package org.urad.envmon.ingest.decode.sl651;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One SL 651-2014 frame, checked but not interpreted. The body is the bytes between the start
 * character (STX) and the end character, in the frame's own encoding (HEX/BCD bytes, or ASCII text).
 *
 * @param ascii whether the frame uses the ASCII encoding (SOH) rather than HEX/BCD (7E7EH)
 * @param centre the central station address, 1..255
 * @param station the telemetry station address as ten upper-case hex digits
 * @param password the two-byte password
 * @param function the function code (Annex B)
 * @param up whether the frame goes from the station to the centre
 * @param end the end character: ETX, ETB (up), ENQ, ACK, NAK, EOT, ESC (down)
 */
public record Sl651Frame(
        boolean ascii, int centre, String station, int password, int function, boolean up, byte[] body, int end) {

    public static final int SOH = 0x01;
    public static final int STX = 0x02;
    public static final int ETX = 0x03;
    public static final int EOT = 0x04;
    public static final int ENQ = 0x05;
    public static final int ACK = 0x06;
    public static final int SYN = 0x16;
    public static final int NAK = 0x15;
    public static final int ETB = 0x17;
    public static final int ESC = 0x1B;

    public Sl651Frame {
        Objects.requireNonNull(station, "station");
        if (station.length() != 10
                || !station.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            throw new IllegalArgumentException("station must be ten upper-case hex digits");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sl651Frame f
                && f.ascii == ascii
                && f.centre == centre
                && f.station.equals(station)
                && f.password == password
                && f.function == function
                && f.up == up
                && Arrays.equals(f.body, body)
                && f.end == end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ascii, centre, station, password, function, up, Arrays.hashCode(body), end);
    }

    @Override
    public String toString() {
        return String.format(
                "Sl651Frame[%s, centre=%d, station=%s, pw=%04X, fn=%02X, %s, body=%s, end=%02X]",
                ascii ? "ASCII" : "HEX",
                centre,
                station,
                password,
                function,
                up ? "up" : "down",
                HexFormat.of().withUpperCase().formatHex(body),
                end);
    }
}

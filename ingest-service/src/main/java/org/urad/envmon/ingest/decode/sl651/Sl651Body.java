package org.urad.envmon.ingest.decode.sl651;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.urad.envmon.ingest.decode.DecodeException;

/**
 * The body of a report (Tables 24, 28, 32, 34, 36): serial number, send time, then groups of
 * station address (F1H, "ST") with category, observation time (F0H, "TT") and elements. Each
 * element's value is read by its identifier's data definition (HEX: the low byte of the
 * identifier, five bits of length and three of decimals, §6.6.3.2) or as decimal text (ASCII).
 * Elements after the last group of one station are refused: a frame speaks for one station.
 */
final class Sl651Body {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** One element as sent: its HEX identifier guide byte, its observation time, its value. */
    record Element(int guide, Instant time, Double value, long raw) {}

    /** The ASCII identifiers of the elements mapped to parameters, and of the status word. */
    static final Map<String, Integer> ASCII_GUIDES = Map.ofEntries(
            Map.entry("GH", 0x09),
            Map.entry("H", 0x0E),
            Map.entry("Q", 0x27),
            Map.entry("Q1", 0x28),
            Map.entry("QA", 0x30),
            Map.entry("QZ", 0x31),
            Map.entry("Z", 0x39),
            Map.entry("ZB", 0x3A),
            Map.entry("ZU", 0x3B),
            Map.entry("Z1", 0x3C),
            Map.entry("ZT", 0x45));

    private Sl651Body() {}

    static List<Element> hex(byte[] b, String station) throws DecodeException {
        need(b, 0, 8, "serial number and send time");
        List<Element> elements = new ArrayList<>();
        Instant time = null;
        boolean addressed = false;
        int i = 8;
        while (i < b.length) {
            int guide = b[i] & 0xFF;
            need(b, i, 2, String.format("identifier %02XH", guide));
            int def = b[i + 1] & 0xFF;
            switch (guide) {
                case 0xF1 -> {
                    need(b, i, 8, "station address group (F1F1H)");
                    String st = java.util.HexFormat.of().withUpperCase().formatHex(b, i + 2, i + 7);
                    checkStation(st, station, addressed);
                    addressed = true;
                    i += 8;
                }
                case 0xF0 -> {
                    need(b, i, 7, "observation time group (F0F0H)");
                    time = observationTime(b, i + 2);
                    i += 7;
                }
                case 0xF2, 0xF3, 0xFD ->
                    throw Sl651Errors.unknownFunction(
                            String.format("element %02XH (manual entry, picture or batch data)", guide));
                case 0xFF -> {
                    need(b, i, 3, "extended identifier");
                    i += 3 + ((b[i + 2] & 0xFF) >> 3);
                }
                default -> {
                    int n = def >> 3;
                    need(b, i + 2, n, String.format("data of identifier %02X%02XH", guide, def));
                    elements.add(hexElement(b, i + 2, n, def & 0x07, guide, time));
                    i += 2 + n;
                }
            }
        }
        if (i != b.length) {
            throw Sl651Errors.badField("body", "the last element runs past the end of the body");
        }
        return elements;
    }

    private static Element hexElement(byte[] b, int at, int n, int decimals, int guide, Instant time)
            throws DecodeException {
        if (guide == 0x45) {
            long raw = 0;
            for (int k = 0; k < n; k++) {
                raw = raw << 8 | (b[at + k] & 0xFF);
            }
            return new Element(guide, time, null, raw);
        }
        boolean allF = true;
        for (int k = 0; k < n; k++) {
            allF &= (b[at + k] & 0xFF) == 0xFF;
        }
        if (allF || n == 0) {
            return new Element(guide, time, null, 0);
        }
        boolean negative = (b[at] & 0xFF) == 0xFF;
        long digits = 0;
        for (int k = negative ? 1 : 0; k < n; k++) {
            int v = b[at + k] & 0xFF;
            if (v >> 4 > 9 || (v & 0x0F) > 9) {
                throw Sl651Errors.badField(
                        String.format("element %02XH", guide), String.format("byte %02X is not two BCD digits", v));
            }
            digits = digits * 100 + (v >> 4) * 10 + (v & 0x0F);
        }
        double value = (negative ? -digits : digits) / Math.pow(10, decimals);
        return new Element(guide, time, value, 0);
    }

    static List<Element> ascii(byte[] b, String station) throws DecodeException {
        String text = new String(b, StandardCharsets.US_ASCII);
        if (text.length() < 16) {
            throw Sl651Errors.missingField("serial number and send time");
        }
        String[] tokens = text.substring(16).trim().split(" +");
        List<Element> elements = new ArrayList<>();
        Instant time = null;
        boolean addressed = false;
        for (int t = 0; t < tokens.length; t++) {
            String id = tokens[t];
            if (id.isEmpty()) {
                continue;
            }
            if (t + 1 >= tokens.length) {
                throw Sl651Errors.missingField("value of '" + id + "'");
            }
            String value = tokens[++t];
            switch (id) {
                case "ST" -> {
                    checkStation(value.toUpperCase(java.util.Locale.ROOT), station, addressed);
                    addressed = true;
                    t++; // the station category character follows the address
                }
                case "TT" -> time = observationTime(asciiDigits(value, 10, "TT"), 0);
                case "RGZS", "PIC", "DATA" -> throw Sl651Errors.unknownFunction("element " + id);
                default -> {
                    Integer guide = ASCII_GUIDES.get(id);
                    if (guide != null) {
                        elements.add(asciiElement(id, guide, value, time));
                    }
                }
            }
        }
        return elements;
    }

    private static Element asciiElement(String id, int guide, String value, Instant time) throws DecodeException {
        if (guide == 0x45) {
            try {
                return new Element(guide, time, null, Long.parseLong(value, 16));
            } catch (NumberFormatException e) {
                throw Sl651Errors.badField("ZT", "'" + value + "' is not hex");
            }
        }
        if (value.equals("M")) {
            return new Element(guide, time, null, 0);
        }
        if (!value.matches("-?[0-9]{1,12}(\\.[0-9]{1,7})?")) {
            throw Sl651Errors.badField(id, "'" + value + "' is not a decimal number");
        }
        return new Element(guide, time, Double.parseDouble(value), 0);
    }

    private static byte[] asciiDigits(String value, int count, String field) throws DecodeException {
        if (value.length() != count || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Sl651Errors.badField(field, "'" + value + "' is not " + count + " digits");
        }
        byte[] bcd = new byte[count / 2];
        for (int k = 0; k < bcd.length; k++) {
            bcd[k] = (byte) ((value.charAt(2 * k) - '0') << 4 | (value.charAt(2 * k + 1) - '0'));
        }
        return bcd;
    }

    private static void checkStation(String st, String station, boolean addressed) throws DecodeException {
        if (addressed) {
            throw Sl651Errors.unknownFunction("a report for several stations");
        }
        if (!st.equals(station)) {
            throw Sl651Errors.badField("station address group", st + " differs from the header's " + station);
        }
    }

    /** YYMMDDHHmm, BCD, local time in China, years 2000..2099. */
    static Instant observationTime(byte[] b, int at) throws DecodeException {
        int[] f = new int[5];
        for (int k = 0; k < 5; k++) {
            int v = b[at + k] & 0xFF;
            if (v >> 4 > 9 || (v & 0x0F) > 9) {
                throw Sl651Errors.badField("observation time", String.format("byte %02X is not two BCD digits", v));
            }
            f[k] = (v >> 4) * 10 + (v & 0x0F);
        }
        try {
            return LocalDateTime.of(2000 + f[0], f[1], f[2], f[3], f[4])
                    .atZone(ZONE)
                    .toInstant();
        } catch (java.time.DateTimeException e) {
            throw Sl651Errors.badField(
                    "observation time",
                    String.format("%02d%02d%02d%02d%02d is not a time", f[0], f[1], f[2], f[3], f[4]));
        }
    }

    private static void need(byte[] b, int at, int n, String what) throws DecodeException {
        if (at + n > b.length) {
            throw Sl651Errors.missingField(what);
        }
    }
}

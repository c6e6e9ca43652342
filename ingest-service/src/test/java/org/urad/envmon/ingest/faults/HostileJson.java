package org.urad.envmon.ingest.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Payload-v1 JSON messages of one well reading, and mutations of them that no correct decoder can accept:
 * each mutation breaks the message for certain (syntax, a value no check passes, a name no field has), so
 * that every mutated message must end in the quarantine. Text is kept as name/value pairs of raw JSON so
 * that a mutation can aim at one field.
 */
final class HostileJson {

    /** Bytes that are never valid in JSON text: control characters other than whitespace, and bytes UTF-8 never uses. */
    private static final byte[] NEVER_VALID = {
        0x00,
        0x01,
        0x02,
        0x03,
        0x04,
        0x05,
        0x06,
        0x07,
        0x08,
        0x0b,
        0x0c,
        0x0e,
        0x0f,
        0x10,
        0x11,
        0x1b,
        0x1f,
        (byte) 0xc0,
        (byte) 0xc1,
        (byte) 0xf5,
        (byte) 0xfe,
        (byte) 0xff
    };
    /** Control characters that are not whitespace, so that no trimming removes them. */
    private static final char[] CONTROL = {0, 1, 2, 7, 8, 0x0e, 0x1b, 0x7f};
    /** Zero of digit sets other than ASCII: Arabic-Indic, extended Arabic-Indic, Devanagari, fullwidth. */
    private static final char[] DIGIT_ZEROS = {'\u0660', '\u06f0', '\u0966', '\uff10'};

    private static final List<String> NON_FINITE = List.of(
            "NaN",
            "-NaN",
            "Infinity",
            "-Infinity",
            "+Infinity",
            "inf",
            "1e400",
            "-1e400",
            "1E99999",
            "1.7976931348623159e308",
            "\"NaN\"",
            "\"Infinity\"",
            "9".repeat(400),
            "9".repeat(5000) + ".5",
            "0x1F",
            "1e",
            "--1",
            "01",
            ".5");
    private static final List<String> HUGE =
            List.of("1e300", "-1e300", "123456789012345678901234567890", "1.5e308", "-4.9e307", "2001", "-0.001");

    private record Field(String name, String json) {
        String text() {
            return "\"" + name + "\":" + json;
        }

        boolean isString() {
            return json.startsWith("\"");
        }
    }

    private final List<Field> top = new ArrayList<>();
    private final List<Field> reading = new ArrayList<>();

    private HostileJson() {}

    /** A valid message: one flow reading of {@code device}, with a varying choice of optional fields. */
    static HostileJson valid(Random rnd, String device, long seq, Instant time) {
        HostileJson m = new HostileJson();
        if (rnd.nextBoolean()) {
            m.top.add(new Field("v", "1"));
        }
        m.top.add(new Field("device", quote(device)));
        m.top.add(new Field("seq", Long.toString(seq)));
        boolean messageTime = rnd.nextBoolean();
        if (messageTime) {
            m.top.add(new Field("time", quote(time.toString())));
        }
        m.reading.add(new Field("param", quote("flow")));
        m.reading.add(new Field("value", Double.toString(rnd.nextInt(20000) / 10.0)));
        if (rnd.nextBoolean()) {
            m.reading.add(new Field("unit", quote("m3/h")));
        }
        if (rnd.nextBoolean()) {
            m.reading.add(new Field("flag", quote("N")));
        }
        if (!messageTime || rnd.nextBoolean()) {
            m.reading.add(new Field("time", quote(time.toString())));
        }
        if (rnd.nextBoolean()) {
            m.reading.add(new Field("period", quote("rt")));
            m.reading.add(new Field("stat", quote("val")));
        }
        return m;
    }

    String text() {
        String r = reading.stream().map(Field::text).collect(Collectors.joining(",", "{", "}"));
        return top.stream().map(Field::text).collect(Collectors.joining(",", "{", ",\"readings\":[" + r + "]}"));
    }

    byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** A control character (escaped, or raw and so illegal) inside a string field's value or name. */
    HostileJson controlInString(Random rnd) {
        List<Field> fields = rnd.nextBoolean() ? top : reading;
        int i = rnd.nextInt(fields.size());
        Field f = fields.get(i);
        char c = CONTROL[rnd.nextInt(CONTROL.length)];
        String ch = rnd.nextInt(4) == 0 ? String.valueOf(c) : "\\u%04x".formatted((int) c);
        if (!f.isString() || rnd.nextInt(5) == 0) {
            fields.set(i, new Field(insert(rnd, f.name(), ch), f.json()));
        } else {
            String value = f.json().substring(1, f.json().length() - 1);
            fields.set(i, new Field(f.name(), "\"" + insert(rnd, value, ch) + "\""));
        }
        return this;
    }

    /** One or more digits of a time written in another script: no ISO 8601 time has them. */
    HostileJson unicodeDigitsInTime(Random rnd) {
        List<Field> fields = top.stream().anyMatch(f -> f.name().equals("time")) && rnd.nextBoolean() ? top : reading;
        int i = indexOf(fields, "time");
        if (i < 0) {
            fields = top;
            i = indexOf(fields, "time");
        }
        char zero = DIGIT_ZEROS[rnd.nextInt(DIGIT_ZEROS.length)];
        StringBuilder time = new StringBuilder(fields.get(i).json());
        if (rnd.nextBoolean()) {
            time.insert(time.length() - 2, "." + (char) (zero + rnd.nextInt(10)) + rnd.nextInt(10) + rnd.nextInt(10));
        }
        List<Integer> digits = new ArrayList<>();
        for (int at = 1; at < time.length() - 1; at++) {
            if (isAsciiDigit(time.charAt(at))) {
                digits.add(at);
            }
        }
        for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
            int at = digits.get(rnd.nextInt(digits.size()));
            if (isAsciiDigit(time.charAt(at))) {
                time.setCharAt(at, (char) (zero + time.charAt(at) - '0'));
            }
        }
        fields.set(i, new Field("time", time.toString()));
        return this;
    }

    /** The value as NaN, an infinity, beyond double range, or a number JSON does not allow. */
    HostileJson nonFinite(Random rnd) {
        return replace(reading, "value", NON_FINITE.get(rnd.nextInt(NON_FINITE.size())));
    }

    /** A finite value far outside the parameter's range (flow: 0–2000 m3/h), or a seq beyond a long. */
    HostileJson huge(Random rnd) {
        if (rnd.nextInt(4) == 0) {
            return replace(top, "seq", rnd.nextBoolean() ? "99999999999999999999999" : "-1");
        }
        return replace(reading, "value", HUGE.get(rnd.nextInt(HUGE.size())));
    }

    /** A field given twice, with the same or another value. */
    HostileJson duplicateKey(Random rnd) {
        List<Field> fields = rnd.nextBoolean() ? top : reading;
        Field f = fields.get(rnd.nextInt(fields.size()));
        fields.add(rnd.nextInt(fields.size() + 1), f);
        return this;
    }

    private HostileJson replace(List<Field> fields, String name, String json) {
        int i = indexOf(fields, name);
        fields.set(i, new Field(name, json));
        return this;
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Cut before its end: a JSON object without its closing brace is never complete. */
    static byte[] truncated(Random rnd, byte[] valid) {
        return java.util.Arrays.copyOf(valid, rnd.nextInt(valid.length - 1));
    }

    /** One byte replaced by, or one inserted as, a byte that is illegal anywhere in JSON text. */
    static byte[] corruptByte(Random rnd, byte[] valid) {
        byte bad = NEVER_VALID[rnd.nextInt(NEVER_VALID.length)];
        int at = rnd.nextInt(valid.length);
        if (rnd.nextBoolean()) {
            byte[] out = valid.clone();
            out[at] = bad;
            return out;
        }
        byte[] out = new byte[valid.length + 1];
        System.arraycopy(valid, 0, out, 0, at);
        out[at] = bad;
        System.arraycopy(valid, at, out, at + 1, valid.length - at);
        return out;
    }

    /** Arrays or objects nested up to 10,000 deep, closed or not. */
    static byte[] deepNesting(Random rnd) {
        int depth = rnd.nextInt(4) == 0 ? 10_000 : 1_000 + rnd.nextInt(9_000);
        boolean arrays = rnd.nextBoolean();
        boolean closed = rnd.nextInt(3) > 0;
        StringBuilder s = new StringBuilder(depth * 6 + 40).append(arrays ? "{\"readings\":" : "{\"v\":1,\"time\":");
        s.append((arrays ? "[" : "{\"a\":").repeat(depth)).append(arrays ? "" : "1");
        if (closed) {
            s.append((arrays ? "]" : "}").repeat(depth)).append('}');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(Random rnd, int maxLength) {
        byte[] b = new byte[rnd.nextInt(maxLength + 1)];
        rnd.nextBytes(b);
        return b;
    }

    private static String insert(Random rnd, String s, String ch) {
        // inside, never at an end, so that no trimming of the value can remove it
        int at = s.length() < 2 ? rnd.nextInt(s.length() + 1) : 1 + rnd.nextInt(s.length() - 1);
        return s.substring(0, at) + ch + s.substring(at);
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}

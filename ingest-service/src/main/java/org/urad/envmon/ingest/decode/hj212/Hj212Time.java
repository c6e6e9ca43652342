package org.urad.envmon.ingest.decode.hj212;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import org.urad.envmon.ingest.decode.DecodeException;

/** HJ 212 times: local time in China ({@code Asia/Shanghai}), {@code YYYYMMDDhhmmss[zzz]}. */
public final class Hj212Time {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS").withResolverStyle(ResolverStyle.STRICT);

    private Hj212Time() {}

    /**
     * Reads a {@code DataTime}: 14 digits, or 17 where a logger appends milliseconds. The digits are read
     * directly (it runs for every frame); {@link LocalDateTime#of} refuses what the strict pattern
     * {@code uuuuMMddHHmmss[SSS]} refuses (month 13, 30 February, hour 24).
     */
    public static Instant parse(String field, String value) throws DecodeException {
        int n = value.length();
        if ((n != 14 && n != 17) || !allDigits(value)) {
            throw Hj212Errors.badField(field, value, "not YYYYMMDDhhmmss");
        }
        try {
            return LocalDateTime.of(
                            number(value, 0, 4),
                            number(value, 4, 2),
                            number(value, 6, 2),
                            number(value, 8, 2),
                            number(value, 10, 2),
                            number(value, 12, 2),
                            n == 17 ? number(value, 14, 3) * 1_000_000 : 0)
                    .atZone(ZONE)
                    .toInstant();
        } catch (DateTimeException e) {
            throw Hj212Errors.badField(field, value, "no such date or time");
        }
    }

    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String digits, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (digits.charAt(i) - '0');
        }
        return value;
    }

    /** {@code YYYYMMDDhhmmss} for a {@code DataTime}. */
    public static String dataTime(Instant time) {
        return SECONDS.format(time.atZone(ZONE));
    }

    /** {@code YYYYMMDDhhmmsszzz} for a {@code QN}. */
    public static String qn(Instant time) {
        return MILLIS.format(time.atZone(ZONE));
    }
}

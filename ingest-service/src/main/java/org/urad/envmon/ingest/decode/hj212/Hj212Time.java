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

    /** Reads a {@code DataTime}: 14 digits, or 17 where a logger appends milliseconds. */
    public static Instant parse(String field, String value) throws DecodeException {
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9') || (value.length() != 14 && value.length() != 17)) {
            throw Hj212Errors.badField(field, value, "not YYYYMMDDhhmmss");
        }
        try {
            DateTimeFormatter format = value.length() == 14 ? SECONDS : MILLIS;
            return LocalDateTime.parse(value, format).atZone(ZONE).toInstant();
        } catch (DateTimeException e) {
            throw Hj212Errors.badField(field, value, "no such date or time");
        }
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

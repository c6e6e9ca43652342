package org.urad.envmon.ingest.reading;

import java.util.Arrays;
import java.util.Optional;

/**
 * What span a stored value summarises. Plain device readings are {@link #REALTIME}; HJ 212 minute,
 * hourly and daily data (CN 2051, 2061, 2031) carry the start of their period as the time.
 */
public enum Period {
    REALTIME("rt"),
    MINUTE("min"),
    HOUR("hour"),
    DAY("day");

    private final String code;

    Period(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Period> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}

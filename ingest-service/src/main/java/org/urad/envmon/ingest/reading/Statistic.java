package org.urad.envmon.ingest.reading;

import java.util.Arrays;
import java.util.Optional;

/** Which statistic of a period a value is: HJ 212 field suffixes, {@code val} for a plain value. */
public enum Statistic {
    /** A single (real-time) value: JSON {@code value}, HJ 212 {@code -Rtd}. */
    VALUE("val"),
    AVG("avg"),
    MIN("min"),
    MAX("max"),
    /** Cumulative over the period (load, volume): HJ 212 {@code -Cou}. */
    COU("cou"),
    /** Converted ("折算") real-time value: HJ 212 {@code -ZsRtd}. */
    ZS_VALUE("zs_val"),
    ZS_AVG("zs_avg"),
    ZS_MIN("zs_min"),
    ZS_MAX("zs_max");

    private final String code;

    Statistic(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Statistic> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}

package org.urad.envmon.ingest.reading;

import java.util.Optional;

/** A device family: how a device is addressed in topics, and where its readings are stored. */
public enum Family {
    WELL("well", "well_reading"),
    CEMS("cems", "cems_reading"),
    WATER_QUALITY("water_quality", "water_quality_reading"),
    GATE("gate", "gate_reading");

    private final String code;
    private final String table;

    Family(String code, String table) {
        this.code = code;
        this.table = table;
    }

    /** The code used in topics, the registry and the API ({@code well}, {@code cems}, …). */
    public String code() {
        return code;
    }

    /** The time-series table holding this family's readings. */
    public String table() {
        return table;
    }

    public boolean isMonitor() {
        return this == CEMS || this == WATER_QUALITY;
    }

    private static final Family[] ALL = values();

    public static Optional<Family> fromCode(String code) {
        for (Family f : ALL) {
            if (f.code.equals(code)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}

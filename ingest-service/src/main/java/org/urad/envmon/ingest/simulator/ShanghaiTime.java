package org.urad.envmon.ingest.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Local calendar arithmetic for Asia/Shanghai. China has kept UTC+8 without daylight saving since
 * 1991, so a fixed offset is exact and much cheaper than zone rules in the backfill's inner loop.
 */
final class ShanghaiTime {

    static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);
    private static final long OFFSET_SECONDS = 8 * 3600;
    private static final long DAY = 86_400;

    private ShanghaiTime() {}

    static long epochDay(Instant t) {
        return Math.floorDiv(t.getEpochSecond() + OFFSET_SECONDS, DAY);
    }

    static long secondOfDay(Instant t) {
        return Math.floorMod(t.getEpochSecond() + OFFSET_SECONDS, DAY);
    }

    static double hourOfDay(Instant t) {
        return secondOfDay(t) / 3600.0;
    }

    static int dayOfYear(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).getDayOfYear();
    }

    static int dayOfYear(Instant t) {
        return dayOfYear(epochDay(t));
    }

    static Instant startOfDay(long epochDay) {
        return Instant.ofEpochSecond(epochDay * DAY - OFFSET_SECONDS);
    }

    /** Fractional years since 1 January of {@code year}, local time. */
    static double yearsSince(Instant t, int year) {
        long day0 = LocalDate.of(year, 1, 1).toEpochDay();
        return (epochDay(t) - day0 + secondOfDay(t) / (double) DAY) / 365.25;
    }
}

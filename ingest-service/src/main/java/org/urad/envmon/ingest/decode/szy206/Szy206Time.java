package org.urad.envmon.ingest.decode.szy206;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.urad.envmon.ingest.decode.DecodeException;

/**
 * The time label Tp of SZY 206-2016: second, minute, hour, day of month (BCD) and the allowed
 * transmission delay in minutes (binary). Tp has no month or year, so it is placed in the month
 * (this, the previous or the next, local time in China) that puts it nearest the time of receipt.
 */
public final class Szy206Time {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int LENGTH = 5;

    private Szy206Time() {}

    /** The time Tp at {@code offset} stands for, given when the frame arrived. */
    static Instant read(byte[] data, int offset, Instant receivedAt) throws DecodeException {
        int second = Szy206Bcd.pair(data[offset] & 0xFF, "Tp second");
        int minute = Szy206Bcd.pair(data[offset + 1] & 0xFF, "Tp minute");
        int hour = Szy206Bcd.pair(data[offset + 2] & 0xFF, "Tp hour");
        int day = Szy206Bcd.pair(data[offset + 3] & 0xFF, "Tp day");
        if (second > 59 || minute > 59 || hour > 23 || day < 1 || day > 31) {
            throw Szy206Errors.badField(
                    "Tp", String.format("day %d %02d:%02d:%02d is not a time of day", day, hour, minute, second));
        }
        ZonedDateTime now = receivedAt.atZone(ZONE);
        YearMonth month = YearMonth.from(now);
        Instant best = null;
        for (YearMonth m : new YearMonth[] {month.minusMonths(1), month, month.plusMonths(1)}) {
            if (day <= m.lengthOfMonth()) {
                Instant t = LocalDateTime.of(m.getYear(), m.getMonth(), day, hour, minute, second)
                        .atZone(ZONE)
                        .toInstant();
                if (best == null || distance(t, receivedAt) < distance(best, receivedAt)) {
                    best = t;
                }
            }
        }
        return best;
    }

    private static long distance(Instant a, Instant b) {
        return Math.abs(a.getEpochSecond() - b.getEpochSecond());
    }

    /** Writes Tp for {@code time} with the allowed delay in minutes. */
    static void write(Instant time, int delayMinutes, byte[] out, int offset) {
        ZonedDateTime t = time.atZone(ZONE);
        Szy206Bcd.write(t.getSecond(), out, offset, 1);
        Szy206Bcd.write(t.getMinute(), out, offset + 1, 1);
        Szy206Bcd.write(t.getHour(), out, offset + 2, 1);
        Szy206Bcd.write(t.getDayOfMonth(), out, offset + 3, 1);
        out[offset + 4] = (byte) delayMinutes;
    }
}

package org.urad.envmon.ingest.importer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;

/**
 * Turns the text of one import row into the value the normaliser checks, as a decoder does for a
 * payload: {@code time} as ISO-8601 with an offset ({@code 2024-05-01T08:00:00+08:00}, {@code …Z}) or as
 * local time {@code YYYY-MM-DD HH:MM[:SS]} in the given zone (Asia/Shanghai); {@code period} and
 * {@code stat} as stored ({@code rt}/{@code val} when absent).
 */
final class RowParser {

    /** A row that cannot be read; the message names the column and what was in it. */
    static final class BadRow extends Exception {
        BadRow(String message) {
            super(message, null, false, false);
        }
    }

    private final ZoneId zone;

    RowParser(ZoneId zone) {
        this.zone = zone;
    }

    DecodedValue value(ImportRow r) throws BadRow {
        if (r.deviceId() == null) {
            throw new BadRow("device_id is empty");
        }
        if (r.parameter() == null) {
            throw new BadRow("parameter is empty");
        }
        Period period = r.period() == null
                ? Period.REALTIME
                : Period.fromCode(r.period())
                        .orElseThrow(() -> new BadRow("period '" + r.period() + "' is not rt, min, hour or day"));
        Statistic stat = r.stat() == null
                ? Statistic.VALUE
                : Statistic.fromCode(r.stat()).orElseThrow(() -> new BadRow("stat '" + r.stat() + "' is unknown"));
        return new DecodedValue(r.parameter(), time(r.time()), period, stat, number(r.value()), r.unit(), r.flag());
    }

    private static double number(String text) throws BadRow {
        if (text == null) {
            throw new BadRow("value is empty");
        }
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRow("value '" + text + "' is not a number");
    }

    Instant time(String text) throws BadRow {
        if (text == null) {
            throw new BadRow("time is empty");
        }
        Instant local = local(text);
        if (local != null) {
            return local;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new BadRow(
                    "time '" + text + "' is neither ISO-8601 with an offset nor local time YYYY-MM-DD HH:MM[:SS]");
        }
    }

    /** {@code YYYY-MM-DD HH:MM[:SS]} (a space or a T between date and time), or {@code null} if not that shape. */
    private Instant local(String s) throws BadRow {
        int n = s.length();
        if ((n != 16 && n != 19)
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':'
                || (n == 19 && s.charAt(16) != ':')) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(
                    digits(s, 0, 4),
                    digits(s, 5, 2),
                    digits(s, 8, 2),
                    digits(s, 11, 2),
                    digits(s, 14, 2),
                    n == 19 ? digits(s, 17, 2) : 0);
            return t.atZone(zone).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw new BadRow("time '" + s + "' is not a valid local time");
        }
    }

    private static int digits(String s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
